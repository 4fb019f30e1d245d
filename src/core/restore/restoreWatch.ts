// Watching a snapshot restore job until it ends, shared by the CLI (`restore --watch`, `restores --watch`, `drill`) and
// the extension: the back-off (a short restore is seen to end quickly; a restore of hours costs few requests) and the
// loop. The caller gives how to read the job, how to wait and when to stop: no clock, network or vscode of its own.
import type { RestoreJob } from '../atlas/types';
import { isRestoreJobDone, projectSnapshotRestoreJob, restoreJobState, type RestoreJobProjection } from './restoreJob';

/** The first wait between two looks at a job: a short restore (the demo's few seconds) is seen to end quickly. */
export const WATCH_FIRST_DELAY_MS = 3_000;
/** The longest wait: a restore of hours is looked at twice a minute, not hundreds of times. */
export const WATCH_MAX_DELAY_MS = 30_000;
const WATCH_FACTOR = 1.5;

/** The wait after `previous` (none: the first): 3 s, 4.5 s, 6.75 s, … up to 30 s. */
export function nextWatchDelay(previous?: number): number {
  if (previous === undefined) return WATCH_FIRST_DELAY_MS;
  return Math.min(WATCH_MAX_DELAY_MS, Math.round(previous * WATCH_FACTOR));
}

/**
 * A watch's success: the restore finished, or a download's links appeared (Atlas may list them before it says the job
 * finished; they are what the person waits for).
 */
export function restoreSucceeded(j: Pick<RestoreJobProjection, 'state' | 'deliveryType' | 'deliveryUrl'>): boolean {
  return j.state === 'completed' || (j.state === 'in-progress' && j.deliveryType === 'download' && !!j.deliveryUrl);
}

/** Whether watching can stop: the job ended, or a download's links are there. */
export function watchEnds(job: RestoreJob): boolean {
  return isRestoreJobDone(restoreJobState(job)) || restoreSucceeded(projectSnapshotRestoreJob(job));
}

/** The watch's wait: `ms`, or less when `signal` aborts (the loop then sees the abort and stops); never rejects. */
export function sleepUntilAborted(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** How to watch one job of any kind (snapshot, collection, Flex restore): how to read it and when it has ended. */
export interface JobWatchOptions<T> {
  /** How the job was last seen (the create's answer, or a read). */
  first: T;
  /** One look at the job; a rejection ends the watch with it (the client already retried what can be retried). */
  getJob(signal: AbortSignal): Promise<T>;
  /** Whether watching can stop. */
  ends(job: T): boolean;
  /** Waits `ms` or until `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** Aborting stops the watch (the restore goes on in Atlas). */
  signal: AbortSignal;
  /** Told of every look that did not end the watch (progress). */
  onJob?(job: T): void;
  /** The back-off (default nextWatchDelay); tests and benches pass their own. */
  nextDelay?(previous?: number): number;
}

export type RestoreWatchOptions = Omit<JobWatchOptions<RestoreJob>, 'ends'>;

export interface JobWatchResult<T> {
  job: T;
  /** The signal stopped the watch before the job ended; the job goes on. */
  stopped: boolean;
  /** Reads made. */
  looks: number;
}
export type RestoreWatchResult = JobWatchResult<RestoreJob>;

/** Looks at the job until it ends or the signal aborts: after 3 s, 4.5 s, … up to 30 s between looks. */
export async function watchJobUntilEnd<T>(o: JobWatchOptions<T>): Promise<JobWatchResult<T>> {
  const next = (previous?: number) => (o.nextDelay ? o.nextDelay(previous) : nextWatchDelay(previous));
  let job = o.first;
  let delay: number | undefined;
  let looks = 0;
  for (;;) {
    if (o.ends(job)) return { job, stopped: false, looks };
    if (o.signal.aborted) return { job, stopped: true, looks };
    delay = next(delay);
    await o.sleep(delay, o.signal);
    if (o.signal.aborted) return { job, stopped: true, looks };
    try {
      job = await o.getJob(o.signal);
      looks++;
    } catch (e) {
      if (o.signal.aborted) return { job, stopped: true, looks };
      throw e;
    }
    if (!o.ends(job)) o.onJob?.(job);
  }
}

/** A snapshot restore job watched until it ends or its download links appear. */
export function watchRestore(o: RestoreWatchOptions): Promise<RestoreWatchResult> {
  return watchJobUntilEnd({ ...o, ends: watchEnds });
}

/** "42s", "3m 05s", "1h 02m". */
export function durationWords(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}
