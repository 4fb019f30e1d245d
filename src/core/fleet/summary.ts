// Counting and wording over posture rows; light enough for the report's webview bundle.
import type { ClusterPosture } from './types';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface PostureSummary {
  clusters: number;
  off: number;
  withErrors: number;
  overdue: number;
  notCompliant: number;
  /** Clusters with a part that could not be read. */
  incomplete: number;
}

export function summarizePosture(rows: readonly ClusterPosture[]): PostureSummary {
  return {
    clusters: rows.length,
    off: rows.filter((r) => r.backup === 'off').length,
    withErrors: rows.filter((r) => r.errors > 0).length,
    overdue: rows.filter((r) => r.overdue).length,
    notCompliant: rows.filter((r) => r.compliance === 'not compliant').length,
    incomplete: rows.filter((r) => r.loadErrors.length > 0).length,
  };
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** `127 clusters · 41 backup off · 2 with errors · 1 overdue · 0 not compliant` */
export function summaryLine(s: PostureSummary): string {
  const parts = [
    plural(s.clusters, 'cluster'),
    `${s.off} backup off`,
    `${s.withErrors} with errors`,
    `${s.overdue} overdue`,
    `${s.notCompliant} not compliant`,
  ];
  if (s.incomplete) parts.push(`${s.incomplete} incomplete`);
  return parts.join(' · ');
}

/**
 * One rounding for every length a person reads: tenths below 10 (`2.5 d`, `9.5 h`), whole numbers from 10 on
 * (`339 d`, not `339.3 d` in the row above a `340 d`): a tenth of a day is noise beside hundreds of days.
 */
export function roundForReading(v: number): number {
  const tenths = Math.round(v * 10) / 10;
  return tenths >= 10 ? Math.round(v) : tenths;
}

/** `3 h`, `2.5 d`, `45 min`, `339 d`: an age or interval in the unit a person reads. */
export function formatDuration(ms: number): string {
  if (ms < HOUR_MS) return `${Math.round(ms / 60_000)} min`;
  if (ms < 2 * DAY_MS) return `${roundForReading(ms / HOUR_MS)} h`;
  return `${roundForReading(ms / DAY_MS)} d`;
}

/** Sorting key order used by the report and exports: project, then cluster name. */
export function compareRows(a: ClusterPosture, b: ClusterPosture): number {
  return (
    a.projectName.localeCompare(b.projectName) ||
    a.clusterName.localeCompare(b.clusterName) ||
    a.groupId.localeCompare(b.groupId)
  );
}
