// How far back a cluster can be restored. One function for the restore plan (is this point in time restorable?) and
// the recovery posture (what is the window?), so the two can never disagree.

const DAY_MS = 86_400_000;

/** Atlas's default for a cluster with continuous backup whose schedule does not say (a new cluster's value). */
export const DEFAULT_RESTORE_WINDOW_DAYS = 7;

/** What the window needs to know of a cluster's completed snapshots (not all of them: the oldest, newest, count). */
export interface SnapshotSpan {
  oldestMs: number;
  newestMs: number;
  /** Completed snapshots: the restore points when there is no continuous backup. */
  count: number;
}

export interface RestorableWindowInput {
  /** Continuous Cloud Backup (`pitEnabled`) on the cluster. */
  continuous: boolean;
  /** The schedule's `restoreWindowDays`; DEFAULT_RESTORE_WINDOW_DAYS when continuous backup is on and it is absent. */
  restoreWindowDays?: number;
  /** Undefined when the cluster has no completed snapshot. */
  completed: SnapshotSpan | undefined;
  nowMs: number;
}

export interface RestorableWindow {
  fromMs: number;
  toMs: number;
  /** Any second inside the window (continuous backup), or only the snapshots' own times. */
  continuous: boolean;
  /** The number of snapshots to choose from; null with continuous backup (every second is a restore point). */
  restorePoints: number | null;
}

/**
 * With continuous backup: from the later of now − restoreWindowDays and the oldest completed snapshot (the oplog is
 * replayed on a snapshot, so nothing before the first one), to now. Without it: from the oldest to the newest
 * completed snapshot, with their number. Undefined when there is no completed snapshot: nothing can be restored.
 */
export function restorableWindow(o: RestorableWindowInput): RestorableWindow | undefined {
  if (!o.completed || o.completed.count < 1) return undefined;
  if (o.continuous) {
    const days = o.restoreWindowDays ?? DEFAULT_RESTORE_WINDOW_DAYS;
    const fromMs = Math.min(o.nowMs, Math.max(o.nowMs - days * DAY_MS, o.completed.oldestMs));
    return { fromMs, toMs: o.nowMs, continuous: true, restorePoints: null };
  }
  return {
    fromMs: o.completed.oldestMs,
    toMs: o.completed.newestMs,
    continuous: false,
    restorePoints: o.completed.count,
  };
}

/** The span of the completed snapshots in a list as Atlas answers it (`createdAt`, `status`); others are skipped. */
export function completedSpan(snapshots: readonly { createdAt?: string; status?: string }[]): SnapshotSpan | undefined {
  let oldestMs = Infinity;
  let newestMs = -Infinity;
  let count = 0;
  for (const s of snapshots) {
    if (s.status !== 'completed' || s.createdAt === undefined) continue;
    const t = Date.parse(s.createdAt);
    if (Number.isNaN(t)) continue;
    count++;
    if (t < oldestMs) oldestMs = t;
    if (t > newestMs) newestMs = t;
  }
  return count ? { oldestMs, newestMs, count } : undefined;
}

/** `2026-11-20 12:00:00 UTC`: how the window and times are said in refusals. */
export function utcWords(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** "from 2026-11-20 12:00:00 UTC to 2026-11-22 12:00:00 UTC" (+ the restore points without continuous backup). */
export function describeWindow(w: RestorableWindow): string {
  const span = `from ${utcWords(w.fromMs)} to ${utcWords(w.toMs)}`;
  if (w.restorePoints === null) return `${span}, any second`;
  return `${span}, ${w.restorePoints} snapshot${w.restorePoints === 1 ? '' : 's'} to choose from`;
}
