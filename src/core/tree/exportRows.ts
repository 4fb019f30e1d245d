// The explorer's export rows: a project's Export Buckets (each bucket with its provider, name or service URL, role and
// networking) and a cluster's Exports (each job with its state, bucket, snapshot time, progress and prefix). The model
// only hooks these in; what they fetch and how they look lives here. No vscode import; Atlas text goes through md().
import type { CloudProviderAccessRoles, ExportBucket, ExportJob, ExportJobState } from '../atlas';
import {
  bucketRoleId,
  describeBucketFacts,
  newestFirst,
  providerWord,
  roleIdOf,
  roleName,
  rolesOf,
} from '../exportJobs/bucketSetup';
import { describeProgress, exportStateWords } from '../exportJobs/exportJobs';
import { escapeMarkdown as md } from '../common/markdown';
import { formatTime } from '../time/formatTime';
import { ContextValues } from '../ids';
import type { DetailNode, ExplorerSource, ExportListNode, Presentation } from './explorerNodes';

/** The key of an export row's listing (below the row, so refreshing the row reaches it). */
export const exportListKey = (rowId: string): string => `${rowId}/list`;

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/**
 * The rows under an Export Buckets or Exports row. A bucket row names its role when the project's roles can be read
 * (Project Owner); without them it shows the role id. A job row names its bucket and, when the cluster's snapshots
 * are already loaded, the time of its snapshot.
 */
export async function fetchExportRows(
  source: ExplorerSource,
  node: ExportListNode,
  signal: AbortSignal,
  snapshotTime: (snapshotId: string) => string | undefined,
): Promise<DetailNode[]> {
  const scope = { parentId: node.id, accountId: node.accountId, groupId: node.groupId, clusterName: node.clusterName };
  if (node.list === 'buckets') {
    const [buckets, roles] = await Promise.all([
      all(source.listExportBuckets(node.groupId, { signal })),
      source.listCloudProviderAccessRoles(node.groupId, { signal }).catch((): undefined => undefined),
    ]);
    return [...buckets]
      .sort((a, b) => a.bucketName.localeCompare(b.bucketName) || a._id.localeCompare(b._id))
      .map((bucket) => ({
        kind: 'detail',
        id: `${node.id}/b:${bucket._id}`,
        ...scope,
        role: 'exportBucket',
        detail: { fact: 'exportBucket', bucket, ...(roles ? { roles } : {}) },
        json: bucket,
        copyId: bucket._id,
      }));
  }
  const clusterName = node.clusterName ?? '';
  const [jobs, buckets] = await Promise.all([
    all(source.listExportJobs(node.groupId, clusterName, { signal })),
    all(source.listExportBuckets(node.groupId, { signal })).catch((): ExportBucket[] => []),
  ]);
  return newestFirst(jobs).map((job, i) => {
    const snapshotAt = job.snapshotId ? snapshotTime(job.snapshotId) : undefined;
    const bucketName = buckets.find((b) => b._id === job.exportBucketId)?.bucketName;
    return {
      kind: 'detail',
      id: `${node.id}/j:${job.id ?? i}`,
      ...scope,
      role: 'exportJob',
      detail: { fact: 'exportJob', job, ...(bucketName ? { bucketName } : {}), ...(snapshotAt ? { snapshotAt } : {}) },
      json: job,
      ...(job.id ? { copyId: job.id } : {}),
    };
  });
}

export function presentExportList(node: ExportListNode): Presentation {
  if (node.list === 'buckets')
    return {
      label: 'Export Buckets',
      tooltip:
        'Where snapshots of this project can be exported: AWS S3 buckets, Azure Blob Storage containers and Google Cloud Storage buckets.',
      contextValue: ContextValues.exportBuckets,
      collapsible: true,
      icon: 'cloud-upload',
    };
  return {
    label: 'Exports',
    tooltip: `Snapshot exports of ${md(node.clusterName ?? '')} to export buckets, newest first.`,
    contextValue: ContextValues.exports,
    collapsible: true,
    icon: 'export',
  };
}

type Words = { label: string; description?: string; icon: string; iconColor?: string; tooltip?: string };

export function presentExportBucket(bucket: ExportBucket, roles?: CloudProviderAccessRoles): Words {
  const roleId = bucketRoleId(bucket);
  const role = roles && roleId ? rolesOf(roles, bucket.cloudProvider).find((r) => roleIdOf(r) === roleId) : undefined;
  const lines = [
    `**${md(bucket.bucketName)}** (${providerWord(bucket.cloudProvider)})`,
    '',
    bucket.serviceUrl ? `Service URL: ${md(bucket.serviceUrl)}` : undefined,
    roleId ? `Role: ${role ? `${md(roleName(role))} (\`${md(roleId)}\`)` : `\`${md(roleId)}\``}` : undefined,
    bucket.region ? `Region: ${md(bucket.region)}` : undefined,
    bucket.cloudProvider === 'AWS'
      ? `Private networking: ${bucket.requirePrivateNetworking ? 'yes (PrivateLink)' : 'no (public IPs)'}`
      : undefined,
    `Bucket id: \`${md(bucket._id)}\``,
  ];
  return {
    label: bucket.bucketName,
    description: describeBucketFacts(bucket, roles),
    icon: bucket.requirePrivateNetworking ? 'lock-small' : 'cloud',
    tooltip: lines.filter((l) => l !== undefined).join('  \n'),
  };
}

function stateIcon(s: ExportJobState | undefined): { icon: string; iconColor?: string } {
  switch (s) {
    case 'Successful':
      return { icon: 'pass', iconColor: 'testing.iconPassed' };
    case 'InProgress':
      return { icon: 'sync~spin' };
    case 'Queued':
      return { icon: 'clock' };
    case 'Failed':
      return { icon: 'error', iconColor: 'list.errorForeground' };
    case 'Cancelled':
      return { icon: 'circle-slash' };
    case undefined:
    default:
      return { icon: 'circle-outline' };
  }
}

export function presentExportJob(job: ExportJob, bucketName?: string, snapshotAt?: string): Words {
  const snapshot = snapshotAt ? `snapshot of ${formatTime(snapshotAt)}` : `snapshot ${job.snapshotId ?? '?'}`;
  const bucket = bucketName ?? `bucket ${job.exportBucketId}`;
  const progress = describeProgress(job);
  const reason = [job.stateReason?.errorCode, job.stateReason?.message].filter(Boolean).join(': ');
  const unfinished = job.state === 'Failed' || job.state === 'Cancelled';
  const lines = [
    `**${md(exportStateWords(job.state))}**: ${md(snapshot)} to ${md(bucket)}`,
    '',
    progress ? md(progress) : undefined,
    job.prefix ? `Prefix: \`${md(job.prefix)}\`` : undefined,
    reason ? `Reason: ${md(reason)}` : undefined,
    job.state === 'Queued' ? 'Atlas queues an export while other exports of the project are running.' : undefined,
    unfinished
      ? 'Atlas does not retry a failed export; partial data may be left in the bucket under its prefix.'
      : undefined,
    job.createdAt ? `Started: ${md(formatTime(job.createdAt))}` : undefined,
    job.finishedAt ? `Finished: ${md(formatTime(job.finishedAt))}` : undefined,
    job.id ? `Export id: \`${md(job.id)}\`` : undefined,
  ];
  return {
    label: `${snapshot} → ${bucket}`,
    description: [exportStateWords(job.state), progress, job.state === 'Successful' ? job.prefix : undefined]
      .filter(Boolean)
      .join(' · '),
    ...stateIcon(job.state),
    tooltip: lines.filter((l) => l !== undefined).join('  \n'),
  };
}
