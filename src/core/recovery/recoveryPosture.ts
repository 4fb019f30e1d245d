// A cluster's recovery posture: how much data it could lose (RPO), how far back it can be restored (the restorable
// window, from the one function the restore plan uses too) and when a restore of it last worked. Pure: the loader
// gathers the facts, the clock is passed in.
import type { RestoreJob } from '../atlas/types';
import type { LastRestore, RecoveryPosture } from '../fleet/types';
import { restorableWindow, type SnapshotSpan } from '../restore/restorableWindow';
import { isoUtc, restoreJobState } from '../restore/restoreJob';

/**
 * The RPO we state for a cluster with continuous backup: 60 seconds. No API exposes how far the oplog copy lags
 * behind the cluster, so a measured figure is impossible; the oplog is copied as it is written, normally seconds
 * behind, and Atlas raises its own alert when it falls behind. We state the upper bound we are willing to stand by
 * rather than a best case, so an RPO target of a minute or more is met and a tighter one is flagged as unproven.
 */
export const CONTINUOUS_BACKUP_RPO_SECONDS = 60;

/** "No restore in N days" warns after this many days by default (`--restore-age-days`, `atlasBackup.restoreAgeDays`). */
export const DEFAULT_RESTORE_AGE_DAYS = 90;

/** What our own restore history knows of a job Atlas lists (Atlas keeps neither its start nor whether it was a drill). */
export interface KnownRestore {
  /** When we sent it (ISO). */
  startedAt?: string;
  drill?: boolean;
}

export interface RecoveryInput {
  continuous: boolean;
  /** The schedule's `restoreWindowDays` (continuous backup). */
  restoreWindowDays?: number;
  /** The most frequent scheduled item's interval; undefined when the schedule takes no scheduled snapshots. */
  promisedIntervalMs?: number;
  /** The completed snapshots: null = none; undefined = not read. */
  completed: SnapshotSpan | null | undefined;
  /** The cluster's snapshot restore jobs as Atlas lists them; undefined = not read. */
  restoreJobs?: readonly RestoreJob[];
  /** Our own history, by restore job id. */
  known?: ReadonlyMap<string, KnownRestore>;
  nowMs: number;
}

/**
 * Worst-case data loss if the cluster failed now, in seconds. Continuous backup: the constant above. Otherwise the
 * interval of the most frequent scheduled item, or the newest completed snapshot's age when that is larger (overdue);
 * with nothing scheduled, that age (and it only grows). Null when there is nothing to restore from (no completed
 * snapshot: everything would be lost) or the snapshots could not be read.
 */
export function rpoSeconds(o: Omit<RecoveryInput, 'restoreJobs' | 'known' | 'restoreWindowDays'>): number | null {
  if (!o.completed) return null;
  if (o.continuous) return CONTINUOUS_BACKUP_RPO_SECONDS;
  const ageMs = Math.max(0, o.nowMs - o.completed.newestMs);
  const worst = o.promisedIntervalMs === undefined ? ageMs : Math.max(o.promisedIntervalMs, ageMs);
  return Math.round(worst / 1000);
}

/**
 * The newest successful restore among the jobs (by `finishedAt`; Atlas's order is not relied on). A finished job is
 * successful unless cancelled or failed (the job's derived state); a finished download stays one after its links
 * expire. Duration and drill come from our own history only.
 */
export function lastRestore(
  jobs: readonly RestoreJob[],
  known: ReadonlyMap<string, KnownRestore> = new Map(),
): LastRestore | null {
  let best: { job: RestoreJob; ms: number } | undefined;
  for (const job of jobs) {
    if (restoreJobState(job) !== 'completed' || !job.finishedAt) continue;
    const ms = Date.parse(job.finishedAt);
    if (!Number.isFinite(ms)) continue;
    if (!best || ms > best.ms) best = { job, ms };
  }
  if (!best) return null;
  const mine = best.job.id ? known.get(best.job.id) : undefined;
  const started = mine?.startedAt ? Date.parse(mine.startedAt) : NaN;
  return {
    finishedAt: isoUtc(best.job.finishedAt) ?? best.job.finishedAt ?? '',
    durationSeconds: Number.isFinite(started) && started <= best.ms ? Math.round((best.ms - started) / 1000) : null,
    deliveryType: best.job.deliveryType,
    drill: mine?.drill ?? null,
  };
}

/** The recovery posture of a cluster with backup on (a cluster with backup off has none: `recovery: null`). */
export function recoveryPosture(o: RecoveryInput): RecoveryPosture {
  const window = o.completed
    ? restorableWindow({
        continuous: o.continuous,
        restoreWindowDays: o.restoreWindowDays,
        completed: o.completed,
        nowMs: o.nowMs,
      })
    : undefined;
  return {
    rpoSeconds: rpoSeconds(o),
    restorableFrom: window ? isoUtc(new Date(window.fromMs).toISOString()) : null,
    restorableTo: window ? isoUtc(new Date(window.toMs).toISOString()) : null,
    pointInTime: o.continuous,
    restorePoints: window ? window.restorePoints : null,
    lastRestore: o.restoreJobs ? lastRestore(o.restoreJobs, o.known) : null,
  };
}
