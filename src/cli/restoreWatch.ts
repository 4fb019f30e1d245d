// What `restore --watch` and `restores` share: polling a snapshot restore job until it ends (with back-off, so a long
// restore costs few requests), the exit status a job's outcome maps to, and a job in words. vscode-free.
import type { AtlasClient } from '../core/atlas/AtlasClient';
import { AtlasCancelledError, AtlasError } from '../core/atlas/errors';
import type { RestoreJob } from '../core/atlas/types';
import { projectSnapshotRestoreJob, type RestoreJobProjection } from '../core/restore';
import {
  durationWords,
  restoreSucceeded as succeeded,
  watchEnds,
  watchJobUntilEnd,
} from '../core/restore/restoreWatch';
import { AtlasFailure, EXIT, type CliContext } from './args';

// The back-off, the end of a watch and durations live in the core, shared with the extension.
export { nextWatchDelay, WATCH_FIRST_DELAY_MS, WATCH_MAX_DELAY_MS, durationWords } from '../core/restore/restoreWatch';
export { restoreSucceeded as succeeded } from '../core/restore/restoreWatch';

/** Exit 130 after Ctrl-C, as a shell reports a process stopped by SIGINT. */
export const EXIT_INTERRUPTED = 130;

/** 0 for a restore that succeeded, 3 for one that failed, was cancelled or expired (or is still running). */
export function exitFor(j: RestoreJobProjection): number {
  return succeeded(j) ? EXIT.ok : EXIT.atlas;
}

export interface JobRef {
  groupId: string;
  clusterName: string;
  jobId: string;
}

export const restoresCommandLine = (r: Omit<JobRef, 'jobId'>, jobId?: string): string =>
  `atlas-backup restores ${r.clusterName} --projectId ${r.groupId}${jobId ? ` --watch ${jobId}` : ''}`;

const utc = (iso: string | null) => (iso ? `${iso.slice(0, 19).replace('T', ' ')} UTC` : null);

/** One job in a few lines: id, kind, state, target or links, times. */
export function describeJob(j: RestoreJobProjection, nowMs: number): string {
  const kind =
    j.deliveryType === 'download' ? 'download' : j.deliveryType === 'pointInTime' ? 'point-in-time restore' : 'restore';
  const onto = j.targetClusterName
    ? ` onto ${j.targetClusterName} (project ${j.targetGroupId ?? 'unknown'})`
    : j.deliveryType === 'download'
      ? ''
      : ' onto an unknown target';
  const from = j.pointInTimeUtc ? ` to ${utc(j.pointInTimeUtc)}` : j.snapshotId ? ` of snapshot ${j.snapshotId}` : '';
  const lines = [`${j.id}  ${j.state}  ${kind}${from}${onto}`];
  const times: string[] = [];
  if (j.createdAt) times.push(`started ${utc(j.createdAt)}`);
  if (j.finishedAt) times.push(`finished ${utc(j.finishedAt)}`);
  if (j.createdAt && j.finishedAt)
    times.push(`took ${durationWords(Date.parse(j.finishedAt) - Date.parse(j.createdAt))}`);
  if (times.length) lines.push(`    ${times.join(', ')}`);
  if (j.deliveryUrl?.length) {
    const expires = j.expiresAt ? Date.parse(j.expiresAt) : NaN;
    const expiry = Number.isNaN(expires)
      ? ''
      : expires <= nowMs
        ? ` (expired ${utc(j.expiresAt)})`
        : ` (valid until ${utc(j.expiresAt)}, ${durationWords(expires - nowMs)} from now)`;
    lines.push(`    download link${j.deliveryUrl.length === 1 ? '' : 's'}${expiry}:`);
    for (const u of j.deliveryUrl) lines.push(`      ${u}`);
  }
  return lines.join('\n');
}

/** What to say when a watched job ended, and what to do next. */
export function outcomeWords(j: RestoreJobProjection, ref: JobRef): string {
  const target = j.targetClusterName ? `${j.targetClusterName} (project ${j.targetGroupId})` : '';
  if (succeeded(j) && j.state === 'in-progress') return `Download ready: the links of restore job ${j.id} are above.`;
  switch (j.state) {
    case 'completed':
      return j.deliveryType === 'download'
        ? `Download ready: restore job ${j.id} of ${ref.clusterName} finished; the links are above.`
        : `Restore finished: ${target} now holds the restored data (job ${j.id}).`;
    case 'failed':
      return `Restore job ${j.id} failed${target ? `; ${target} may hold partial data` : ''}. The job does not say why: look at the project's activity feed in Atlas, then start a new restore.`;
    case 'cancelled':
      return `Restore job ${j.id} was cancelled${target ? `; ${target} may hold partial data` : ''}.`;
    case 'expired':
      return `Restore job ${j.id} expired before it finished; start a new restore.`;
    case 'in-progress':
      return `Restore job ${j.id} is still in progress: ${restoresCommandLine(ref, j.id)}`;
  }
}

export interface WatchResult<T = RestoreJob> {
  job: T;
  /** Ctrl-C stopped the watch; the job goes on. */
  interrupted: boolean;
}

/** How to watch one job of any kind (snapshot, collection, Flex): how to read it, when it ended, its progress. */
export interface JobWatch<T> {
  first: T;
  read: (signal: AbortSignal) => Promise<T>;
  ends: (job: T) => boolean;
  /** The progress line's words after the id (default: "in progress"). */
  progress?: (job: T) => string;
  startedAtMs?: number;
  /** Says the watch began: called once Ctrl-C is caught, so whoever reads it can already press it. */
  announce?: () => void;
}

/**
 * Looks at the job until it ends (or Ctrl-C): `first` is how it was last seen; then after 3 s, 4.5 s, … up to 30 s.
 * On a terminal each look is a progress line on stderr. A read that fails ends the watch with exit 3 and says the
 * restore goes on: the client already retried what can be retried.
 */
export async function watchJob<T>(ref: JobRef, ctx: CliContext, o: JobWatch<T>): Promise<WatchResult<T>> {
  const controller = new AbortController();
  const stop = ctx.onInterrupt(() => controller.abort());
  o.announce?.();
  const since = o.startedAtMs ?? ctx.now();
  try {
    const w = await watchJobUntilEnd<T>({
      first: o.first,
      signal: controller.signal,
      sleep: (ms, signal) => ctx.sleep(ms, signal),
      getJob: (signal) => o.read(signal),
      ends: (job) => o.ends(job),
      onJob: (job) => {
        if (ctx.interactive)
          ctx.err(
            `  ${ref.jobId}: ${o.progress ? o.progress(job) : 'in progress'}, ${durationWords(ctx.now() - since)} so far\n`,
          );
      },
    }).catch((e: unknown) => {
      if (e instanceof AtlasCancelledError) return { job: o.first, stopped: true };
      if (e instanceof AtlasError)
        throw new AtlasFailure(
          `cannot read restore job ${ref.jobId} of ${ref.clusterName} (project ${ref.groupId}) any more: ${e.message} The restore goes on in Atlas; watch it again with ${restoresCommandLine(ref, ref.jobId)}`,
        );
      throw e;
    });
    return { job: w.job, interrupted: w.stopped };
  } finally {
    stop();
  }
}

/** A snapshot restore job, watched with `watchJob`. */
export function watchRestoreJob(
  client: AtlasClient,
  ref: JobRef,
  ctx: CliContext,
  o: { first: RestoreJob; startedAtMs?: number; announce?: () => void },
): Promise<WatchResult> {
  return watchJob(ref, ctx, {
    ...o,
    read: (signal) => client.getRestoreJob(ref.groupId, ref.clusterName, ref.jobId, { signal }),
    ends: watchEnds,
  });
}

/** What Ctrl-C leaves behind: the job goes on, and how to look at it again. */
export function interruptedWords(ref: JobRef): string {
  return `Stopped watching; restore job ${ref.jobId} goes on in Atlas. Watch it again: ${restoresCommandLine(ref, ref.jobId)}`;
}

/** The projection with our own start time (known only for jobs this run started). */
export function projectJob(job: RestoreJob, createdAtMs?: number): RestoreJobProjection {
  return projectSnapshotRestoreJob(
    job,
    createdAtMs === undefined ? {} : { createdAt: new Date(createdAtMs).toISOString() },
  );
}
