// `atlas-backup export-snapshot <clusterName> --snapshot ID --bucket <bucketId|bucketName> [--custom-data k=v]...
// [--watch]`: exports one snapshot to an export bucket (POST …/backup/exports). Everything that can be checked is
// checked before the one POST; the POST is never repeated (a second one would export again), and a failed export is
// said to be final, with the partial data it may leave.
import { AtlasError, describeWriteFailure } from '../core/atlas/errors';
import type { AtlasClient } from '../core/atlas/AtlasClient';
import type { ExportBucket, ExportJob } from '../core/atlas/types';
import {
  describeBucket,
  describeProgress,
  describeUnfinishedExport,
  isExportFinished,
  parseCustomData,
  pickBucket,
} from '../core/exportJobs/exportJobs';
import { AtlasFailure, EXIT, flagValue, parseArgs, UsageError, type CliContext, type Command } from './args';
import { COMMAND_HELP } from './help';
import { checkClusterName, CONNECTION_FLAGS, projectIdFrom, withAtlas } from './atlas';

const HEX24 = /^[a-f0-9]{24}$/;
/** How often `--watch` asks Atlas; an export takes minutes to hours. */
export const WATCH_INTERVAL_MS = 10_000;

export function formatOf(value: string | undefined): 'text' | 'json' {
  if (value === undefined || value === 'text') return 'text';
  if (value === 'json') return 'json';
  throw new UsageError(`--format "${value}" is not known: use text or json`);
}

async function allBuckets(client: AtlasClient, groupId: string): Promise<ExportBucket[]> {
  const out: ExportBucket[] = [];
  for await (const b of client.listExportBuckets(groupId)) out.push(b);
  return out;
}

async function watch(
  client: AtlasClient,
  ctx: CliContext,
  where: { groupId: string; clusterName: string },
  first: ExportJob,
  text: boolean,
): Promise<ExportJob> {
  let job = first;
  let said = '';
  // Nothing cancels the wait but Ctrl-C, which ends the process: the export goes on in Atlas either way.
  const never = new AbortController().signal;
  for (;;) {
    const line = [job.state, describeProgress(job)].filter(Boolean).join(': ');
    if (text && line !== said) ctx.out(`${line}\n`);
    said = line;
    if (isExportFinished(job)) return job;
    await ctx.sleep(WATCH_INTERVAL_MS, never);
    // Reading is safe to repeat; a read that fails ends the watch but not the export, which goes on in Atlas.
    try {
      job = await client.getExportJob(where.groupId, where.clusterName, job.id ?? '');
    } catch (e) {
      if (!(e instanceof AtlasError)) throw e;
      throw new AtlasFailure(
        `Export ${job.id} was started, but watching it failed: ${e.message} It goes on in Atlas: run atlas-backup exports ${where.clusterName} --projectId ${where.groupId}.`,
      );
    }
  }
}

export const exportSnapshotCommand: Command = {
  ...COMMAND_HELP['export-snapshot'],
  async run(args, ctx) {
    const p = parseArgs(args, {
      booleans: ['--watch'],
      values: [...CONNECTION_FLAGS, '--snapshot', '--bucket', '--format'],
      repeatable: ['--custom-data'],
    });
    if (p.positionals.length > 1) throw new UsageError('export-snapshot takes one cluster name');
    const clusterName = checkClusterName(p.positionals[0]);
    const groupId = projectIdFrom(p, ctx);
    const format = formatOf(flagValue(p, '--format'));
    const snapshotId = flagValue(p, '--snapshot');
    if (snapshotId === undefined) throw new UsageError('export-snapshot needs --snapshot <snapshotId>');
    if (!HEX24.test(snapshotId))
      throw new UsageError(`--snapshot "${snapshotId}" is not a snapshot id (24 lower-case hexadecimal characters)`);
    const given = flagValue(p, '--bucket');
    if (given === undefined) throw new UsageError('export-snapshot needs --bucket <bucketId|bucketName>');
    if (given.length < 3 || given.length > 63)
      throw new UsageError(`--bucket "${given}" is neither a bucket id nor a bucket name (3 to 63 characters)`);
    const custom = parseCustomData(p.lists.get('--custom-data') ?? []);
    if (!custom.ok) throw new UsageError(custom.error);
    const watching = p.flags.has('--watch');
    return withAtlas(p, ctx, async ({ client }) => {
      const picked = pickBucket(await allBuckets(client, groupId), given);
      if (!picked.ok) throw new UsageError(`${picked.error}. Nothing was sent.`);
      const bucket = picked.bucket;
      const target = `snapshot ${snapshotId} of ${clusterName} (project ${groupId}) to ${describeBucket(bucket)}`;
      const look = `run atlas-backup exports ${clusterName} --projectId ${groupId}`;
      let job: ExportJob;
      try {
        job = await client.createExportJob(groupId, clusterName, {
          snapshotId,
          exportBucketId: bucket._id,
          ...(custom.labels.length ? { customData: custom.labels } : {}),
        });
      } catch (e) {
        if (!(e instanceof AtlasError)) throw e;
        throw new AtlasFailure(describeWriteFailure(e, { what: `the export of ${target}`, look }).message);
      }
      const text = format === 'text';
      if (text) ctx.out(`Export ${job.id} started: ${target}.\n`);
      if (watching) job = await watch(client, ctx, { groupId, clusterName }, job, text);
      if (!text) ctx.out(`${JSON.stringify(job, null, 2)}\n`);
      if (!watching) {
        if (text)
          ctx.out(
            `${job.state ?? 'Queued'}. Follow it with: atlas-backup exports ${clusterName} --projectId ${groupId}\n`,
          );
        return EXIT.ok;
      }
      if (job.state === 'Successful') {
        if (text) ctx.out(`Exported to ${describeBucket(bucket)}${job.prefix ? ` under ${job.prefix}` : ''}.\n`);
        if (text && job.prefix) ctx.out(`Prefix: ${job.prefix}\n`);
        return EXIT.ok;
      }
      throw new AtlasFailure(describeUnfinishedExport(job, describeBucket(bucket)));
    });
  },
};
