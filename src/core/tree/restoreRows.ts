// The Restores row under a cluster and its rows: the cluster's snapshot restore jobs in Atlas's order (kind, state,
// target, finished, duration where this extension timed it), then its collection restore jobs (documents restored;
// Atlas cannot cancel them), and under a download its links with their expiry. Under a Flex cluster the row lists
// its Flex restore jobs, mapped onto the same states.
// Types, the listing and the looks, kept apart from explorerModel.ts / explorerPresent.ts, which only dispatch here.
// No vscode import; Atlas text is escaped before it becomes Markdown.
import type { Page } from '../atlas/AtlasClient';
import type { CollectionRestoreJob, FlexRestoreJob, RestoreJob } from '../atlas/types';
import { escapeMarkdown as md } from '../common/markdown';
import { ContextValues } from '../ids';
import {
  projectCollectionRestoreJob,
  projectFlexRestoreJob,
  projectSnapshotRestoreJob,
  type RestoreJobProjection,
} from '../restore/restoreJob';
import { durationWords } from '../restore/restoreWatch';
import { formatTime } from '../time/formatTime';

interface InCluster {
  id: string;
  parentId: string;
  accountId: string;
  groupId: string;
  clusterName: string;
}

/** "Restores" under a cluster: its snapshot restore jobs, loaded when opened. */
export interface RestoresNode extends InCluster {
  kind: 'restores';
  /** Under a Flex cluster (`clusterName` its name): its Flex restore jobs. */
  flex?: boolean;
}
/** One snapshot restore job. */
export interface RestoreJobNode extends InCluster {
  kind: 'restoreJob';
  job: RestoreJob;
  /** When this extension sent it (the restore history); Atlas keeps no start time. */
  startedAt?: string;
  /**
   * A collection or Flex restore job: its projection and Atlas's document (`job` then holds only its id). Neither can
   * be cancelled.
   */
  other?: { projection: RestoreJobProjection; document: CollectionRestoreJob | FlexRestoreJob };
}
/** One download link of a download restore job. */
export interface RestoreLinkNode extends InCluster {
  kind: 'restoreLink';
  url: string;
  index: number;
  count: number;
  expiresAt?: string;
  expired: boolean;
}
export type RestoreRowNode = RestoresNode | RestoreJobNode | RestoreLinkNode;

/** What the Restores row needs from the client (AtlasClient fits); optional in ExplorerSource. */
export type ListRestoreJobsPage = (
  groupId: string,
  clusterName: string,
  opts?: { pageNum?: number; itemsPerPage?: number; signal?: AbortSignal },
) => Promise<Page<RestoreJob>>;

/** The other job lists a Restores row shows (AtlasClient fits); optional in ExplorerSource. */
export interface OtherRestoreJobLists {
  listCollectionRestoreJobs?(
    groupId: string,
    clusterName: string,
    opts?: { itemsPerPage?: number; signal?: AbortSignal },
  ): AsyncIterable<CollectionRestoreJob>;
  listFlexRestoreJobs?(
    groupId: string,
    name: string,
    opts?: { itemsPerPage?: number; signal?: AbortSignal },
  ): AsyncIterable<FlexRestoreJob>;
}

/** Start times this extension recorded, by job id (the restore history; extension.ts wires it). */
export type RestoreStarts = (
  accountId: string,
  groupId: string,
  clusterName: string,
) => Promise<ReadonlyMap<string, string> | undefined>;

/** The job rows of a Restores row, in Atlas's order: every page, 100 a page. */
export async function listRestoreJobRows(
  node: RestoresNode,
  list: ListRestoreJobsPage,
  starts: RestoreStarts | undefined,
  signal: AbortSignal,
  others?: OtherRestoreJobLists,
): Promise<RestoreJobNode[]> {
  const out: RestoreJobNode[] = [];
  const o = { itemsPerPage: 100, signal };
  if (node.flex) {
    for await (const j of others?.listFlexRestoreJobs?.(node.groupId, node.clusterName, o) ?? [])
      out.push(otherJobRow(node, projectFlexRestoreJob(j), j));
    return out;
  }
  const known = await starts?.(node.accountId, node.groupId, node.clusterName).catch(() => undefined);
  for (let pageNum = 1; ; pageNum++) {
    const page = await list(node.groupId, node.clusterName, { pageNum, itemsPerPage: 100, signal });
    for (const job of page.results) out.push(restoreJobRow(node, job, known?.get(job.id ?? '')));
    if (!page.hasNext || !page.results.length) break;
  }
  for await (const j of others?.listCollectionRestoreJobs?.(node.groupId, node.clusterName, o) ?? [])
    out.push(otherJobRow(node, projectCollectionRestoreJob(j), j));
  return out;
}

/** A collection or Flex restore job's row (ids apart from snapshot jobs': `c:` and `f:`). */
export function otherJobRow(
  parent: RestoresNode,
  projection: RestoreJobProjection,
  document: CollectionRestoreJob | FlexRestoreJob,
): RestoreJobNode {
  return {
    kind: 'restoreJob',
    id: `${parent.id}/${projection.kind === 'flex' ? 'f' : 'c'}:${projection.id}`,
    parentId: parent.id,
    accountId: parent.accountId,
    groupId: parent.groupId,
    clusterName: parent.clusterName,
    // Only the id is read from `job` for these rows (Copy ID); the rest comes from `other`.
    job: { id: projection.id, deliveryType: 'automated' },
    other: { projection, document },
  };
}

export function restoreJobRow(parent: RestoresNode, job: RestoreJob, startedAt?: string): RestoreJobNode {
  return {
    kind: 'restoreJob',
    id: `${parent.id}/j:${job.id ?? ''}`,
    parentId: parent.id,
    accountId: parent.accountId,
    groupId: parent.groupId,
    clusterName: parent.clusterName,
    job,
    ...(startedAt ? { startedAt } : {}),
  };
}

/** A download job's links as rows (no fetch). */
export function restoreLinkRows(node: RestoreJobNode): RestoreLinkNode[] {
  const p = projectionOf(node);
  const urls = p.deliveryUrl ?? [];
  return urls.map((url, index) => ({
    kind: 'restoreLink',
    id: `${node.id}/link:${index}`,
    parentId: node.id,
    accountId: node.accountId,
    groupId: node.groupId,
    clusterName: node.clusterName,
    url,
    index,
    count: urls.length,
    ...(p.expiresAt ? { expiresAt: p.expiresAt } : {}),
    expired: node.other ? p.state === 'expired' : node.job.expired === true,
  }));
}

export function projectionOf(node: RestoreJobNode): RestoreJobProjection {
  if (node.other) return node.other.projection;
  return projectSnapshotRestoreJob(node.job, node.startedAt ? { createdAt: node.startedAt } : {});
}

/** "restore onto sandbox-001", "point-in-time restore to … onto …", "download". */
export function restoreJobWords(p: RestoreJobProjection): string {
  if (p.deliveryType === 'download') return 'Download';
  const onto = p.targetClusterName ? ` onto ${p.targetClusterName}` : '';
  if (p.kind === 'collection') return `Collection restore${onto}`;
  if (p.deliveryType === 'pointInTime')
    return `Point in time${p.pointInTimeUtc ? ` ${formatTime(p.pointInTimeUtc)}` : ''}${onto}`;
  return `Restore${onto}`;
}

const STATE_WORDS: Record<RestoreJobProjection['state'], string> = {
  'in-progress': 'in progress',
  completed: 'completed',
  failed: 'failed',
  cancelled: 'cancelled',
  expired: 'expired',
};

function stateIcon(p: RestoreJobProjection): { icon: string; iconColor?: string } {
  switch (p.state) {
    case 'in-progress':
      return { icon: 'sync~spin' };
    case 'completed':
      return { icon: p.deliveryType === 'download' ? 'cloud-download' : 'pass', iconColor: 'testing.iconPassed' };
    case 'failed':
      return { icon: 'error', iconColor: 'list.errorForeground' };
    case 'cancelled':
    case 'expired':
      return { icon: 'circle-slash' };
  }
}

/** The duration of a job this extension timed; undefined otherwise. */
export function restoreJobDuration(p: RestoreJobProjection): string | undefined {
  if (!p.createdAt || !p.finishedAt) return undefined;
  return durationWords(Date.parse(p.finishedAt) - Date.parse(p.createdAt));
}

interface RowLooks {
  label: string;
  description?: string;
  tooltip?: string;
  contextValue: string;
  collapsible: boolean;
  icon: string;
  iconColor?: string;
}

export function presentRestoreRow(node: RestoreRowNode): RowLooks {
  switch (node.kind) {
    case 'restores':
      return {
        label: 'Restores',
        description: node.flex ? 'Flex restore jobs' : 'snapshot and collection restore jobs',
        tooltip: `**Restores** of ${md(node.clusterName)}'s snapshots, in Atlas's order. Durations are known only for restores started from here: Atlas keeps no start time.`,
        contextValue: ContextValues.restores,
        collapsible: true,
        icon: 'history',
      };
    case 'restoreJob': {
      const p = projectionOf(node);
      const doc = node.other?.document;
      const documents =
        doc && 'totalDocuments' in doc && doc.totalDocuments !== undefined
          ? `${doc.restoredDocuments ?? 0} of ${doc.totalDocuments} documents`
          : undefined;
      const took = restoreJobDuration(p);
      const links = p.deliveryUrl?.length ?? 0;
      const linkWords =
        links && p.expiresAt
          ? `${node.job.expired ? 'links expired' : 'links valid until'} ${formatTime(p.expiresAt)}`
          : undefined;
      return {
        label: restoreJobWords(p),
        description: [
          STATE_WORDS[p.state],
          documents,
          p.finishedAt ? `finished ${formatTime(p.finishedAt)}` : undefined,
          took ? `took ${took}` : undefined,
          linkWords,
        ]
          .filter(Boolean)
          .join(' · '),
        tooltip: [
          `**${md(restoreJobWords(p))}** — ${STATE_WORDS[p.state]}`,
          p.targetClusterName
            ? `Target: ${md(p.targetClusterName)} (project \`${md(p.targetGroupId ?? 'unknown')}\`)`
            : undefined,
          p.snapshotId ? `Snapshot: \`${md(p.snapshotId)}\`` : undefined,
          p.pointInTimeUtc
            ? `Point in time: ${formatTime(p.pointInTimeUtc, { seconds: true, local: true })}`
            : undefined,
          p.kind !== 'snapshot'
            ? `${p.kind === 'flex' ? 'Flex' : 'Collection'} restore job${p.atlasState ? ` (Atlas: ${md(p.atlasState)})` : ''}; Atlas cannot cancel it`
            : undefined,
          documents ? `Documents restored: ${documents}` : undefined,
          p.createdAt
            ? `Started: ${formatTime(p.createdAt, { local: true })}${p.kind === 'snapshot' ? ' (from this editor)' : ''}`
            : undefined,
          p.finishedAt ? `Finished: ${formatTime(p.finishedAt, { local: true })}` : undefined,
          took ? `Took: ${took}` : p.finishedAt ? 'Duration: unknown (not started from here)' : undefined,
          linkWords ? `Download ${md(linkWords)}` : undefined,
          `Job id: \`${md(p.id)}\``,
        ]
          .filter(Boolean)
          .join('  \n'),
        // Only a snapshot restore job can be cancelled.
        contextValue:
          p.state === 'in-progress' && !node.other ? ContextValues.restoreJobRunning : ContextValues.restoreJob,
        collapsible: links > 0,
        ...stateIcon(p),
      };
    }
    case 'restoreLink':
      return {
        label: node.count === 1 ? 'Download link' : `Download link ${node.index + 1} of ${node.count}`,
        description: node.expiresAt
          ? `${node.expired ? 'expired' : 'valid until'} ${formatTime(node.expiresAt)}`
          : undefined,
        tooltip: `${md(node.url)}${node.expiresAt ? `  \n${node.expired ? 'Expired' : 'Valid until'} ${formatTime(node.expiresAt, { local: true })}` : ''}`,
        contextValue: ContextValues.restoreLink,
        collapsible: false,
        icon: node.expired ? 'circle-slash' : 'link',
      };
  }
}
