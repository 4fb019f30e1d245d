// A cluster row's recovery posture in the tree: the same RPO, restorable window, last restore and findings the posture
// report and the audit show (computePosture, src/core/fleet/posture.ts), from the cells the model loads when the
// cluster is opened. No vscode import; pure but for `readOldestSpan`, which the model runs as a fetch.
//
// Requests, per backed-up cluster opened (beside the schedule, the first page of snapshots and the legacy probe):
// one restore-job list (a page of 100: the last restore), and, only when the cluster has more snapshots than the
// first page holds, the last short page of the list (and the one before it when the last holds no completed
// snapshot): at most two more. A cluster with backup off costs nothing more.
import type {
  BackupSchedule,
  ClusterDescription,
  Page,
  ReplicaSetSnapshot,
  RestoreJob,
  ShardedClusterSnapshot,
} from '../atlas';
import { formatDuration } from '../fleet/summary';
import { computePosture } from '../fleet/posture';
import type { ClusterPosture } from '../fleet/types';
import { escapeMarkdown as md } from '../common/markdown';
import { RECOVERY_RULES, takesScheduledSnapshots, type RecoveryOptions } from '../recovery/recoveryFindings';
import type { KnownRestore } from '../recovery/recoveryPosture';
import { rpoWords } from '../recovery/recoveryWords';
import { completedSpan, DEFAULT_RESTORE_WINDOW_DAYS, type SnapshotSpan } from '../restore/restorableWindow';
import { formatTime } from '../time/formatTime';
import type { Cell, PagedList } from './loadStates';

// Structural, so that explorerNodes.ts (whose cluster row holds these cells) is not imported back.
type AnySnapshot = ReplicaSetSnapshot | ShardedClusterSnapshot;
type SnapshotList = PagedList<AnySnapshot> & { sharded: boolean };
interface ClusterRow {
  accountId: string;
  groupId: string;
  cluster: ClusterDescription;
  info: { backupEnabled: boolean };
  recovery?: ClusterRecoveryCells;
}

/** Restore jobs read for the last restore: Atlas's default page, as the posture loader reads. */
export const RESTORE_JOB_PAGE = 100;
/** Snapshots a page when reading the end of a long list for the oldest: short, the end is all that is wanted. */
export const TAIL_PAGE = 10;

/** What our own restore history knows of a restore job, by its id; null when it knows nothing of it. */
export type KnownRestoreLookup = (restoreJobId: string) => KnownRestore | null;

/** The loads a cluster row's recovery posture is made of, held by the row once the cluster has been opened. */
export interface ClusterRecoveryCells {
  schedule: Cell<BackupSchedule>;
  snapshots: SnapshotList;
  restoreJobs: Cell<RestoreJob[]>;
  /** The completed snapshots' span over the whole list, read only when the list has more than the pages shown. */
  oldest: Cell<SnapshotSpan | null>;
  options: () => RecoveryOptions;
  knownRestore?: KnownRestoreLookup;
  now: () => number;
}

/** Whether the list holds only part of the cluster's snapshots, so the oldest must be read from its end. */
export function needsOldest(list: SnapshotList): boolean {
  return !list.sharded && list.pages > 0 && list.hasNext && list.total !== undefined && list.total > list.items.length;
}

/**
 * The span of the completed snapshots over a whole list of `total`, from the snapshots already read (newest first)
 * and its end: the last short page, and the one before it when the last holds no completed snapshot. Restore points:
 * `total` less the snapshots seen not completed (as the posture loader counts them).
 */
export async function readOldestSpan(
  seen: readonly AnySnapshot[],
  total: number,
  fetchPage: (pageNum: number, itemsPerPage: number) => Promise<Page<ReplicaSetSnapshot>>,
): Promise<SnapshotSpan | null> {
  const byId = new Map<string, AnySnapshot>();
  const add = (s: AnySnapshot, i: number) => byId.set(s.id ?? `#${byId.size}:${i}`, s);
  seen.forEach(add);
  const lastPage = Math.ceil(total / TAIL_PAGE);
  for (let pageNum = lastPage; pageNum >= 1 && pageNum >= lastPage - 1; pageNum--) {
    const page = await fetchPage(pageNum, TAIL_PAGE);
    page.results.forEach(add);
    if (page.results.some((s) => s.status === 'completed')) break;
  }
  const all = [...byId.values()];
  const span = completedSpan(all);
  if (!span) return null;
  const notCompleted = all.filter((s) => s.status !== 'completed').length;
  return { ...span, count: Math.max(span.count, total - notCompleted) };
}

export interface ClusterRecoveryView {
  /** `unopened`: nothing loaded yet (nothing is fetched for a row nobody opened); `loading`; `loaded`. */
  state: 'off' | 'unopened' | 'loading' | 'loaded';
  /** The schedule was read and takes no scheduled snapshots: the `no-scheduled-snapshots` error. */
  nothingScheduled: boolean;
  /** The posture row, once every part has settled (loaded or failed). */
  posture?: ClusterPosture;
  nowMs: number;
}

const asError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));

/** The cluster row's recovery posture from its cells: the posture report's row for this one cluster. */
export function clusterRecovery(node: ClusterRow): ClusterRecoveryView {
  const cells = node.recovery;
  if (!node.info.backupEnabled) return { state: 'off', nothingScheduled: false, nowMs: 0 };
  if (!cells) return { state: 'unopened', nothingScheduled: false, nowMs: 0 };
  const nowMs = cells.now();
  const s = cells.schedule.state;
  const nothingScheduled = s.status === 'loaded' && !takesScheduledSnapshots(s.value);
  const list = cells.snapshots;
  const jobs = cells.restoreJobs.state;
  const oldest = cells.oldest.state;
  const listRead = list.pages > 0 || list.status === 'failed';
  const settled = (st: { status: string }) => st.status === 'loaded' || st.status === 'failed';
  if (!settled(s) || !listRead || !settled(jobs) || (needsOldest(list) && !settled(oldest)))
    return { state: 'loading', nothingScheduled, nowMs };
  const snapshotsFailed = list.pages === 0;
  const newest = snapshotsFailed ? undefined : list.items.find((x) => x.status === 'completed' && x.createdAt);
  const span: SnapshotSpan | null = needsOldest(list)
    ? oldest.status === 'loaded'
      ? oldest.value
      : // The end could not be read: the window of the snapshots shown, shorter than the truth, never longer.
        (completedSpan(list.items) ?? null)
    : (completedSpan(list.items) ?? null);
  const known = knownMap(jobs.status === 'loaded' ? jobs.value : [], cells.knownRestore);
  const posture = computePosture(
    {
      ...(node.accountId ? { accountId: node.accountId } : {}),
      groupId: node.groupId,
      projectName: '',
      cluster: node.cluster,
      schedule: s.status === 'loaded' ? s.value : asError(s.status === 'failed' ? s.error : undefined),
      newestSnapshot: snapshotsFailed ? asError(list.error) : (newest?.createdAt ?? null),
      ...(snapshotsFailed ? {} : { snapshotSpan: span }),
      restoreJobs: jobs.status === 'loaded' ? jobs.value : asError(jobs.status === 'failed' ? jobs.error : undefined),
      ...(known ? { knownRestores: known } : {}),
    },
    nowMs,
    cells.options(),
  );
  return { state: 'loaded', nothingScheduled, posture, nowMs };
}

/** Our own history's knowledge of the jobs Atlas lists, by job id (only those it knows). */
function knownMap(
  jobs: readonly RestoreJob[],
  lookup: KnownRestoreLookup | undefined,
): Map<string, KnownRestore> | undefined {
  if (!lookup) return undefined;
  const out = new Map<string, KnownRestore>();
  for (const job of jobs) {
    if (!job.id) continue;
    let k: KnownRestore | null;
    try {
      k = lookup(job.id);
    } catch {
      k = null; // the history is a nicety here: a failing lookup leaves "unknown", not a broken tooltip
    }
    if (k) out.set(job.id, k);
  }
  return out;
}

const RECOVERY_RULE_IDS = new Set(RECOVERY_RULES.map((r) => r.id));
const unread = (r: ClusterPosture, part: string) => (r.readFailures ?? []).find((f) => f.part === part);

/** The RPO with why: `6 h — the interval of the most frequent policy item`. */
function rpoLine(r: ClusterPosture): string {
  const rec = r.recovery!;
  if (rec.rpoSeconds === null) {
    const failed = unread(r, 'snapshots');
    return failed
      ? `RPO: unknown — the snapshots could not be read (${md(failed.message)})`
      : 'RPO: **unbounded** — no completed snapshot to restore from';
  }
  const rpo = rpoWords(rec.rpoSeconds);
  if (rec.pointInTime)
    return `RPO: ${rpo} — continuous backup; no API exposes how far the oplog copy lags, so we state the bound we stand by, a minute`;
  if (r.promisedIntervalMs === undefined)
    return `RPO: ${rpo} — nothing is scheduled: the newest completed snapshot's age, and growing`;
  if (rec.rpoSeconds * 1000 > r.promisedIntervalMs)
    return `RPO: **${rpo} (overdue)** — the newest completed snapshot is older than the most frequent policy item's interval (${formatDuration(r.promisedIntervalMs)})`;
  return `RPO: ${rpo} — the interval of the most frequent policy item`;
}

function restorableLine(r: ClusterPosture, schedule: BackupSchedule | undefined): string {
  const rec = r.recovery!;
  if (rec.restorableFrom === null || rec.restorableTo === null)
    return unread(r, 'snapshots')
      ? 'Restorable: unknown — the snapshots could not be read'
      : 'Restorable: **nothing** — no completed snapshot';
  const from = formatTime(rec.restorableFrom);
  if (rec.pointInTime) {
    const days = schedule?.restoreWindowDays ?? DEFAULT_RESTORE_WINDOW_DAYS;
    return `Restorable: any second from ${from} to now (continuous backup, a ${days}-day restore window)`;
  }
  const n = rec.restorePoints ?? 0;
  return `Restorable: from ${from} to ${formatTime(rec.restorableTo)}, ${n.toLocaleString('en-US')} restore point${n === 1 ? '' : 's'} (completed snapshots)`;
}

function lastRestoreLine(r: ClusterPosture, nowMs: number): string {
  const last = r.recovery!.lastRestore;
  if (!last) {
    const failed = unread(r, 'restore jobs');
    return failed
      ? `Last restore: unknown — the restore jobs could not be read (${md(failed.message)})`
      : "Last restore: **never** — no successful restore in Atlas's list of this cluster's restore jobs";
  }
  const ago = formatDuration(Math.max(0, nowMs - Date.parse(last.finishedAt)));
  const took =
    last.durationSeconds !== null
      ? `took ${rpoWords(last.durationSeconds)}`
      : 'duration unknown (Atlas keeps no start time; known for restores started here)';
  const drill = last.drill === null ? 'drill or not unknown' : last.drill ? 'a drill' : 'not a drill';
  return `Last restore: finished ${formatTime(last.finishedAt)}, ${ago} ago (${md(last.deliveryType)}); ${took}; ${drill}`;
}

/** The tooltip's recovery section (Markdown; Atlas's text escaped), or a line saying why there is none yet. */
export function recoveryTooltip(view: ClusterRecoveryView, schedule: BackupSchedule | undefined): string[] {
  switch (view.state) {
    case 'off':
      return [];
    case 'unopened':
      return ['_Recovery posture: open the cluster to load it._'];
    case 'loading':
      return [
        '**Recovery posture**: loading…',
        ...(view.nothingScheduled
          ? ['$(error) **Takes no scheduled snapshots**: backup is on, but the schedule has no policy items.']
          : []),
      ];
    case 'loaded':
      break;
  }
  const r = view.posture!;
  const findings = r.findings
    .filter((f) => RECOVERY_RULE_IDS.has(f.ruleId))
    .map((f) => `$(${f.severity === 'error' ? 'error' : 'warning'}) ${md(f.message)} (\`${f.ruleId}\`)`);
  return ['**Recovery posture**', rpoLine(r), restorableLine(r, schedule), lastRestoreLine(r, view.nowMs), ...findings];
}
