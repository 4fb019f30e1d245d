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
import { computePosture } from '../fleet/posture';
import type { ClusterPosture } from '../fleet/types';
import { escapeMarkdown as md } from '../common/markdown';
import { takesScheduledSnapshots, type RecoveryOptions } from '../recovery/recoveryFindings';
import { knownRestoresOf, type KnownRestoreLookup } from '../recovery/knownRestores';
import { lastRestoreCell, restorableCell, restorePointsCell, rpoCell } from '../recovery/recoveryWords';
import { completedSpan, type SnapshotSpan } from '../restore/restorableWindow';
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
  const known = knownRestoresOf(jobs.status === 'loaded' ? jobs.value : [], cells.knownRestore);
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

/** The recovery findings (src/core/recovery's rules), apart from the schedule rules' ones. */
const RECOVERY_RULE = /^(no-scheduled-snapshots|no-recent-restore|rpo-over-target)$/;

/** Why the RPO is what it is, in a few words. */
function rpoWhy(r: ClusterPosture): string {
  const rec = r.recovery!;
  if (rec.rpoSeconds === null)
    return r.readFailures?.some((f) => f.part === 'snapshots')
      ? 'the snapshots could not be read'
      : 'no completed snapshot to restore from';
  if (rec.pointInTime) return "continuous backup; no API exposes the oplog copy's lag, so this is the bound we state";
  if (r.promisedIntervalMs === undefined) return "nothing is scheduled: the newest snapshot's age, and growing";
  return rec.rpoSeconds * 1000 > r.promisedIntervalMs
    ? "the newest snapshot's age, past the most frequent policy item's interval"
    : "the most frequent policy item's interval";
}

/**
 * The tooltip's recovery section (Markdown) in the posture report's words (recoveryWords.ts), or a line saying why
 * there is none yet. The last restore carries Atlas's delivery type, so it is escaped.
 */
export function recoveryTooltip(view: ClusterRecoveryView): string[] {
  if (view.state === 'off') return [];
  if (view.state === 'unopened') return ['_Recovery posture: open the cluster to load it._'];
  const error = view.nothingScheduled
    ? [
        '$(error) **Takes no scheduled snapshots**: backup is on, but the schedule has no policy items (`no-scheduled-snapshots`).',
      ]
    : [];
  if (view.state === 'loading') return ['**Recovery posture**: loading…', ...error];
  const r = view.posture!;
  const points = restorePointsCell(r);
  const unread = r.readFailures?.find((f) => f.part === 'restore jobs');
  return [
    '**Recovery posture**',
    `RPO: ${rpoCell(r)} — ${rpoWhy(r)}`,
    `Restorable: ${restorableCell(r)}${points ? ` · restore points: ${points}` : ''}`,
    `Last restore: ${md(lastRestoreCell(r, view.nowMs))}${unread ? ` — not read: ${md(unread.message)}` : ''}`,
    ...error,
    ...r.findings
      .filter((f) => RECOVERY_RULE.test(f.ruleId) && f.ruleId !== 'no-scheduled-snapshots')
      .map((f) => `$(warning) ${md(f.message)} (\`${f.ruleId}\`)`),
  ];
}
