// `atlas-backup exports <clusterName> [--projectId ID]`: the cluster's snapshot exports, newest first as Atlas lists
// them, with each bucket named (one more read of the project's buckets). Reads only.
import type { ExportBucket, ExportJob } from '../core/atlas/types';
import { describeBucket, describeProgress } from '../core/exportJobs/exportJobs';
import { EXIT, flagValue, parseArgs, UsageError, type Command } from './args';
import { COMMAND_HELP } from './help';
import { checkClusterName, CONNECTION_FLAGS, projectIdFrom, withAtlas } from './atlas';
import { formatOf } from './exportSnapshot';
import { formatTime } from '../core/time/formatTime';

function row(job: ExportJob, buckets: ReadonlyMap<string, ExportBucket>): string {
  const b = buckets.get(job.exportBucketId);
  const lines = [
    `${job.id ?? '?'}  ${job.state ?? '?'}  snapshot ${job.snapshotId ?? '?'}  created ${job.createdAt ? formatTime(job.createdAt, { seconds: true }) : '?'}`,
    `  to ${b ? describeBucket(b) : `bucket ${job.exportBucketId} (no longer in the project)`}`,
  ];
  const progress = describeProgress(job);
  if (progress) lines.push(`  ${progress}`);
  if (job.prefix) lines.push(`  prefix ${job.prefix}`);
  // Times as `restores` and every other command writes them (with the zone named); --format json keeps ISO.
  if (job.finishedAt) lines.push(`  finished ${formatTime(job.finishedAt, { seconds: true })}`);
  if (job.stateReason?.message || job.stateReason?.errorCode)
    lines.push(`  reason ${[job.stateReason.errorCode, job.stateReason.message].filter(Boolean).join(': ')}`);
  if (job.state === 'Failed' || job.state === 'Cancelled')
    lines.push('  not retried by Atlas; partial data may be left in the bucket under its prefix');
  if (job.customData?.length)
    lines.push(`  custom data ${job.customData.map((l) => `${l.key}=${l.value}`).join(', ')}`);
  return lines.join('\n');
}

export const exportsCommand: Command = {
  ...COMMAND_HELP['exports'],
  async run(args, ctx) {
    const p = parseArgs(args, { values: [...CONNECTION_FLAGS, '--format'] });
    if (p.positionals.length > 1) throw new UsageError('exports takes one cluster name');
    const clusterName = checkClusterName(p.positionals[0]);
    const groupId = projectIdFrom(p, ctx);
    const format = formatOf(flagValue(p, '--format'));
    return withAtlas(p, ctx, async ({ client }) => {
      const jobs: ExportJob[] = [];
      for await (const j of client.listExportJobs(groupId, clusterName)) jobs.push(j);
      if (format === 'json') {
        ctx.out(`${JSON.stringify(jobs, null, 2)}\n`);
        return EXIT.ok;
      }
      if (!jobs.length) {
        ctx.out(`${clusterName} (project ${groupId}) has no snapshot exports.\n`);
        return EXIT.ok;
      }
      const buckets = new Map<string, ExportBucket>();
      for await (const b of client.listExportBuckets(groupId)) buckets.set(b._id, b);
      ctx.out(
        `Snapshot exports of ${clusterName} (project ${groupId}):\n${jobs.map((j) => row(j, buckets)).join('\n')}\n`,
      );
      return EXIT.ok;
    });
  },
};
