// `atlas-backup restores <clusterName>`: the cluster's snapshot restore jobs in Atlas's order; `--watch JOB_ID`
// follows one to its end; `--cancel JOB_ID` cancels one (a write: asked on a terminal, --yes without one, refused
// before sending when the job cannot be cancelled, sent once).
import type { AtlasClient } from '../core/atlas/AtlasClient';
import { AtlasApiError, AtlasError, describeWriteFailure } from '../core/atlas/errors';
import type { CollectionRestoreJob, FlexRestoreJob, RestoreJob } from '../core/atlas/types';
import {
  projectCollectionRestoreJob,
  projectFlexRestoreJob,
  restoreJobState,
  type RestoreJobProjection,
} from '../core/restore';
import { AtlasFailure, EXIT, flagValue, parseArgs, RefusedError, UsageError, type Command } from './args';
import { COMMAND_HELP } from './help';
import { checkClusterName, CONNECTION_FLAGS, projectIdFrom, withAtlas } from './atlas';
import { describeCollectionJob, finishCollectionWatch, watchCollectionJob } from './restoreCollection';
import { listFlexJobs, watchFlexJob } from './restoreFlex';
import { findClusterOrFlex, formatFrom } from './restoreRead';
import {
  describeJob,
  exitFor,
  EXIT_INTERRUPTED,
  interruptedWords,
  outcomeWords,
  succeeded,
  projectJob,
  restoresCommandLine,
  watchRestoreJob,
  type JobRef,
} from './restoreWatch';

const JOB_ID = /^[a-f0-9]{24}$/;

function checkJobId(flag: string, v: string): string {
  if (!JOB_ID.test(v))
    throw new UsageError(`${flag} "${v}" is not a restore job id (24 lower-case hexadecimal characters)`);
  return v;
}

const isJobNotFound = (e: unknown) =>
  e instanceof AtlasApiError &&
  e.status === 404 &&
  e.errorCode !== 'CLUSTER_NOT_FOUND' &&
  e.errorCode !== 'GROUP_NOT_FOUND';

/** A job found by its id: among the snapshot restore jobs, then the collection restore jobs; a Flex cluster's own. */
type FoundJob =
  | { kind: 'snapshot'; job: RestoreJob }
  | { kind: 'collection'; job: CollectionRestoreJob }
  | { kind: 'flex'; job: FlexRestoreJob };

/** The job, or a refusal naming the flag when the cluster has none with this id. */
async function findJob(client: AtlasClient, ref: JobRef, flag: string, flex: boolean): Promise<FoundJob> {
  const { groupId, clusterName, jobId } = ref;
  const lookups: (() => Promise<FoundJob>)[] = flex
    ? [async () => ({ kind: 'flex', job: await client.getFlexRestoreJob(groupId, clusterName, jobId) })]
    : [
        async () => ({ kind: 'snapshot', job: await client.getRestoreJob(groupId, clusterName, jobId) }),
        async () => ({ kind: 'collection', job: await client.getCollectionRestoreJob(groupId, clusterName, jobId) }),
      ];
  for (const lookup of lookups) {
    try {
      return await lookup();
    } catch (e) {
      if (!isJobNotFound(e)) throw e;
    }
  }
  throw new RefusedError(
    `${flag} ${jobId}: ${flex ? 'the Flex cluster ' : ''}${clusterName} (project ${groupId}) has no restore job with this id; list them with ${restoresCommandLine(ref)}`,
  );
}

/**
 * Whether a cancel can do anything, and why not. A running job can be cancelled; a finished download can (its links
 * stop working at once); a finished restore onto a cluster, or one that failed, was cancelled or expired, cannot.
 */
export function cancelRefusal(j: RestoreJob): string | undefined {
  const state = restoreJobState(j);
  if (state === 'in-progress') return undefined;
  if (state === 'completed' && j.deliveryType === 'download' && j.expired !== true) return undefined;
  if (state === 'completed') return 'it has finished: the restored data is on the target, and a cancel cannot undo it';
  return `it has already ${state === 'expired' ? 'expired' : state === 'failed' ? 'failed' : 'been cancelled'}`;
}

export const restoresCommand: Command = {
  ...COMMAND_HELP['restores'],
  async run(args, ctx) {
    const p = parseArgs(args, {
      booleans: ['--yes'],
      values: [...CONNECTION_FLAGS, '--watch', '--cancel', '--format'],
    });
    if (p.positionals.length > 1) throw new UsageError('restores takes one cluster name');
    const clusterName = checkClusterName(p.positionals[0]);
    const groupId = projectIdFrom(p, ctx);
    const format = formatFrom(flagValue(p, '--format'));
    const watchId = flagValue(p, '--watch');
    const cancelId = flagValue(p, '--cancel');
    if (watchId !== undefined && cancelId !== undefined) throw new UsageError('give --watch or --cancel, not both');
    if (watchId !== undefined) checkJobId('--watch', watchId);
    if (cancelId !== undefined) checkJobId('--cancel', cancelId);
    if (p.flags.has('--yes') && cancelId === undefined) throw new UsageError('--yes goes with --cancel');
    const ref = { groupId, clusterName };
    return withAtlas(p, ctx, async ({ client }) => {
      const found = await findClusterOrFlex(client, groupId, clusterName);
      const flex = found.kind === 'flex';
      if (watchId !== undefined) {
        const jobRef = { ...ref, jobId: watchId };
        const first = await findJob(client, jobRef, '--watch', flex);
        const announce = () =>
          (format === 'json' ? ctx.err : ctx.out)(
            `Watching restore job ${watchId} of ${clusterName} (Ctrl-C stops watching)…\n`,
          );
        if (first.kind === 'collection')
          return finishCollectionWatch(
            ctx,
            format,
            jobRef,
            await watchCollectionJob(client, jobRef, ctx, { first: first.job, announce }),
          );
        let projection: RestoreJobProjection;
        let interrupted: boolean;
        if (first.kind === 'flex') {
          const w = await watchFlexJob(client, jobRef, ctx, { first: first.job, announce });
          projection = projectFlexRestoreJob(w.job);
          interrupted = w.interrupted;
        } else {
          const w = await watchRestoreJob(client, jobRef, ctx, { first: first.job, announce });
          projection = projectJob(w.job);
          interrupted = w.interrupted;
        }
        ctx.out(
          format === 'json' ? `${JSON.stringify(projection, null, 2)}\n` : `${describeJob(projection, ctx.now())}\n`,
        );
        if (interrupted) {
          ctx.err(`${interruptedWords(jobRef)}\n`);
          return EXIT_INTERRUPTED;
        }
        const words = outcomeWords(projection, jobRef);
        if (!succeeded(projection)) ctx.err(`atlas-backup: ${words}\n`);
        else if (format === 'text') ctx.out(`${words}\n`);
        return exitFor(projection);
      }
      if (cancelId !== undefined) {
        const jobRef = { ...ref, jobId: cancelId };
        const found = await findJob(client, jobRef, '--cancel', flex);
        if (found.kind !== 'snapshot')
          throw new RefusedError(
            `--cancel ${cancelId}: ${found.kind === 'flex' ? 'Flex' : 'collection'} restore jobs cannot be cancelled (Atlas offers no way to); restore job ${cancelId} goes on. Nothing was sent.`,
          );
        const job = found.job;
        const refusal = cancelRefusal(job);
        if (refusal)
          throw new RefusedError(
            `--cancel ${cancelId}: restore job ${cancelId} cannot be cancelled: ${refusal}. Nothing was sent.`,
          );
        const before = projectJob(job);
        const what =
          before.state === 'completed'
            ? `invalidate the download links of restore job ${cancelId}`
            : `cancel restore job ${cancelId}${before.targetClusterName ? ` (the target ${before.targetClusterName} may be left with partial data)` : ''}`;
        (format === 'json' ? ctx.err : ctx.out)(`${describeJob(before, ctx.now())}\n`);
        if (!p.flags.has('--yes')) {
          if (!ctx.interactive)
            throw new RefusedError(`not asking without a terminal: pass --yes to ${what}; nothing was sent.`);
          const answer = (await ctx.ask(`${what.charAt(0).toUpperCase()}${what.slice(1)}? [y/N] `))
            ?.trim()
            .toLowerCase();
          if (answer !== 'y' && answer !== 'yes') throw new RefusedError('declined; nothing was sent.');
        }
        try {
          await client.cancelRestoreJob(groupId, clusterName, cancelId);
        } catch (e) {
          if (e instanceof AtlasApiError && e.status === 405)
            throw new RefusedError(
              `--cancel ${cancelId}: Atlas cannot cancel this restore job (${e.errorCode || '405'}${e.detail ? `: ${e.detail}` : ''}). Nothing changed.`,
            );
          if (!(e instanceof AtlasError)) throw e;
          throw new AtlasFailure(
            describeWriteFailure(e, {
              what: `the cancel of restore job ${cancelId}`,
              look: `run ${restoresCommandLine(ref)}`,
            }).message,
          );
        }
        // Read back, so what is printed is what Atlas now says, not what we expect it to say.
        const after = projectJob(await client.getRestoreJob(groupId, clusterName, cancelId));
        if (format === 'json') ctx.out(`${JSON.stringify(after, null, 2)}\n`);
        else
          ctx.out(
            `${describeJob(after, ctx.now())}\n${before.state === 'completed' ? 'Its download links no longer work.' : 'Cancelled.'}\n`,
          );
        return EXIT.ok;
      }
      if (flex) {
        const projections = (await listFlexJobs(client, groupId, clusterName)).map(projectFlexRestoreJob);
        if (format === 'json') ctx.out(`${JSON.stringify(projections, null, 2)}\n`);
        else if (!projections.length)
          ctx.out(`The Flex cluster ${clusterName} (project ${groupId}) has no restore jobs.\n`);
        else {
          ctx.out(`Restore jobs of the Flex cluster ${clusterName} (project ${groupId}), in Atlas's order:\n`);
          for (const j of projections) ctx.out(`${describeJob(j, ctx.now())}\n`);
        }
        return EXIT.ok;
      }
      const jobs: RestoreJob[] = [];
      for await (const j of client.listRestoreJobs(groupId, clusterName, { itemsPerPage: 500 })) jobs.push(j);
      const projections = jobs.map((j) => projectJob(j));
      // Collection jobs need Backup Manager to be listed: without it the snapshot jobs are still worth showing.
      let collectionJobs: CollectionRestoreJob[] = [];
      try {
        for await (const j of client.listCollectionRestoreJobs(groupId, clusterName, { itemsPerPage: 500 }))
          collectionJobs.push(j);
      } catch (e) {
        if (!(e instanceof AtlasApiError && e.status === 403)) throw e;
        collectionJobs = [];
        ctx.err(`atlas-backup: collection restore jobs not listed: ${e.message}\n`);
      }
      if (format === 'json')
        ctx.out(`${JSON.stringify([...projections, ...collectionJobs.map(projectCollectionRestoreJob)], null, 2)}\n`);
      else {
        if (!projections.length)
          ctx.out(
            `${clusterName} (project ${groupId}) has no ${collectionJobs.length ? 'snapshot ' : ''}restore jobs.\n`,
          );
        else {
          ctx.out(`Restore jobs of ${clusterName} (project ${groupId}), in Atlas's order:\n`);
          for (const j of projections) ctx.out(`${describeJob(j, ctx.now())}\n`);
        }
        if (collectionJobs.length) {
          ctx.out(`Collection restore jobs of ${clusterName}, in Atlas's order:\n`);
          for (const j of collectionJobs) ctx.out(`${describeCollectionJob(j)}\n`);
        }
      }
      return EXIT.ok;
    });
  },
};
