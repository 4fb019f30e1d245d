// A restore drill's report: what was restored onto which scratch cluster, every check, how it ended and how long it
// took. One value, three renderings (JSON, text, Markdown) for an auditor's evidence folder. Pure: the caller runs
// the drill and passes the facts and times in; a refused or failed drill gets a report too (it is evidence as well).
import { escapeMarkdown, markdownCell, markdownCode } from '../common/markdown';
import type { RestoreCheck } from './restorePlan';
import type { RestoreJobProjection, RestoreJobState } from './restoreJob';

/**
 * The restore job's state (the projection's names), or `refused` (a check failed or what was named does not exist:
 * nothing was sent) or `error` (Atlas or the network failed; `restoreJobId` says whether a job had started).
 */
export type DrillState = RestoreJobState | 'refused' | 'error';

export interface DrillReport {
  state: DrillState;
  snapshotId: string | null;
  pointInTimeUtc: string | null;
  /** `projectId/cluster`. */
  source: string;
  /** `projectId/cluster`, the scratch cluster. */
  target: string;
  /** When the restore was sent (null when it never was). */
  startedAt: string | null;
  /** When it ended: Atlas's `finishedAt`, else when the watch saw it end; null while it runs or when never sent. */
  finishedAt: string | null;
  durationSeconds: number | null;
  checks: { id: string; passed: boolean; reason: string }[];
  restoreJobId: string | null;
  /** Why a refused or failed drill stopped, in one sentence; null otherwise. */
  error: string | null;
}

export interface DrillReportInput {
  source: { groupId: string; clusterName: string };
  target: { groupId: string; clusterName: string };
  snapshotId?: string | null;
  pointInTimeUtc?: string | null;
  checks?: readonly RestoreCheck[] | readonly { id: string; passed: boolean; reason: string }[];
  /** When the restore was sent, ms; absent when it never was. */
  startedAtMs?: number;
  /** The job as last seen (absent when none was created). */
  job?: RestoreJobProjection;
  /** When the watch ended, ms: the end time of a job that ended without Atlas's `finishedAt`. */
  endedAtMs?: number;
  refused?: string;
  error?: string;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function buildDrillReport(i: DrillReportInput): DrillReport {
  const state: DrillState =
    i.refused !== undefined ? 'refused' : i.error !== undefined ? 'error' : (i.job?.state ?? 'error');
  const startedAt = i.startedAtMs === undefined ? null : iso(i.startedAtMs);
  const ended = i.job && i.job.state !== 'in-progress';
  const finishedAt = i.job?.finishedAt ?? (ended && i.endedAtMs !== undefined ? iso(i.endedAtMs) : null);
  const durationSeconds =
    startedAt && finishedAt ? Math.max(0, Math.round((Date.parse(finishedAt) - Date.parse(startedAt)) / 1000)) : null;
  return {
    state,
    snapshotId: i.job?.snapshotId ?? i.snapshotId ?? null,
    pointInTimeUtc: i.job?.pointInTimeUtc ?? i.pointInTimeUtc ?? null,
    source: `${i.source.groupId}/${i.source.clusterName}`,
    target: `${i.target.groupId}/${i.target.clusterName}`,
    startedAt,
    finishedAt,
    durationSeconds,
    checks: (i.checks ?? []).map(({ id, passed, reason }) => ({ id, passed, reason })),
    restoreJobId: i.job?.id || null,
    error: i.refused ?? i.error ?? null,
  };
}

/** 0 completed, 1 refused, 3 anything else (failed, cancelled, expired, still running, Atlas or the network). */
export function drillExitCode(r: Pick<DrillReport, 'state'>): 0 | 1 | 3 {
  return r.state === 'completed' ? 0 : r.state === 'refused' ? 1 : 3;
}

const OUTCOME: Record<DrillState, string> = {
  completed: 'PASSED: the backup restored onto the scratch cluster',
  failed: 'FAILED: the restore job failed',
  cancelled: 'FAILED: the restore job was cancelled',
  expired: 'FAILED: the restore job expired before it finished',
  'in-progress': 'NOT FINISHED: the restore was still running when the drill stopped watching',
  refused: 'REFUSED: a check failed, nothing was sent to Atlas',
  error: 'FAILED: Atlas or the network failed',
};

/** The drill's outcome in a few words (first line of the text report). */
export function drillOutcome(r: Pick<DrillReport, 'state'>): string {
  return OUTCOME[r.state];
}

export function drillDurationWords(seconds: number | null): string {
  if (seconds === null) return 'unknown';
  if (seconds < 60) return `${seconds}s`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m}m ${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m ${String(seconds % 60).padStart(2, '0')}s`;
}

const utc = (isoText: string | null) => (isoText ? `${isoText.slice(0, 19).replace('T', ' ')} UTC` : 'none');

function whatWords(r: DrillReport): string {
  if (r.pointInTimeUtc) return `point in time ${utc(r.pointInTimeUtc)}`;
  if (r.snapshotId) return `snapshot ${r.snapshotId}`;
  return 'none (nothing chosen)';
}

function rows(r: DrillReport): [string, string][] {
  return [
    ['Outcome', drillOutcome(r)],
    ['State', r.state],
    ['Source', r.source],
    ['Target (scratch)', r.target],
    ['Restored', whatWords(r)],
    ['Restore job', r.restoreJobId ?? 'none'],
    ['Started', utc(r.startedAt)],
    ['Finished', utc(r.finishedAt)],
    ['Duration', drillDurationWords(r.durationSeconds)],
  ];
}

/** The report for a terminal or a text file. */
export function drillReportText(r: DrillReport): string {
  const lines = ['Restore drill report', ''];
  for (const [k, v] of rows(r)) lines.push(`  ${`${k}:`.padEnd(18)}${v}`);
  if (r.error) lines.push(`  ${'Why:'.padEnd(18)}${r.error}`);
  lines.push('', `Checks (${r.checks.filter((c) => c.passed).length} of ${r.checks.length} passed):`);
  if (!r.checks.length) lines.push('  none were made');
  for (const c of r.checks) lines.push(`  ${c.passed ? 'passed' : 'FAILED'}  ${c.id}: ${c.reason}`);
  return `${lines.join('\n')}\n`;
}

/** The report as Markdown: every value from Atlas or the command line escaped. */
export function drillReportMarkdown(r: DrillReport): string {
  const lines = [`# Restore drill: ${escapeMarkdown(r.source)}`, '', `**${markdownCell(drillOutcome(r))}**`, ''];
  lines.push('| | |', '|---|---|');
  for (const [k, v] of rows(r)) lines.push(`| ${k} | ${markdownCell(v)} |`);
  if (r.error) lines.push(`| Why | ${markdownCell(r.error)} |`);
  lines.push('', `## Checks (${r.checks.filter((c) => c.passed).length} of ${r.checks.length} passed)`, '');
  if (!r.checks.length) lines.push('None were made.');
  else {
    lines.push('| Check | Result | Reason |', '|---|---|---|');
    for (const c of r.checks)
      lines.push(`| ${markdownCode(c.id)} | ${c.passed ? 'passed' : '**failed**'} | ${markdownCell(c.reason)} |`);
  }
  return `${lines.join('\n')}\n`;
}

export function drillReportJson(r: DrillReport): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}

export function renderDrillReport(r: DrillReport, format: 'text' | 'json' | 'markdown'): string {
  return format === 'json' ? drillReportJson(r) : format === 'markdown' ? drillReportMarkdown(r) : drillReportText(r);
}
