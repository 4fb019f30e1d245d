// A Flex cluster's restores in the CLI: its snapshot onto a cluster (Flex or dedicated) or as a file to download
// (the link works four hours), through the same plan and checks as a dedicated cluster's; its jobs projected onto
// the same states. `restore` and `restores` find out that a name is a Flex cluster (restoreRead.findClusterOrFlex)
// and hand over here. A Flex restore job cannot be cancelled.
import type { AtlasClient } from '../core/atlas/AtlasClient';
import type { FlexCluster, FlexRestoreJob, FlexSnapshot } from '../core/atlas/types';
import { buildFlexRestorePlan, isRestoreJobDone, projectFlexRestoreJob, type RestorePlan } from '../core/restore';
import type { CliContext } from './args';
import { readTargetOrFlex, refuseUnseen } from './restoreRead';
import { succeeded, watchJob, type JobRef } from './restoreWatch';

export interface FlexRestoreRequest {
  kind: 'automated' | 'download';
  groupId: string;
  clusterName: string;
  snapshotId: string;
  target?: { groupId: string; clusterName: string };
  overwriteSource: boolean;
}

async function readFlexSnapshot(client: AtlasClient, r: FlexRestoreRequest): Promise<FlexSnapshot> {
  try {
    return await client.getFlexSnapshot(r.groupId, r.clusterName, r.snapshotId);
  } catch (e) {
    return refuseUnseen(e, `--snapshot ${r.snapshotId}`, [404], (code) =>
      code === 'SNAPSHOT_NOT_FOUND' || code === 'RESOURCE_NOT_FOUND' || code === ''
        ? `the Flex cluster ${r.clusterName} (project ${r.groupId}) has no snapshot with this id.`
        : undefined,
    );
  }
}

/** The plan of a Flex restore or download, from what Atlas says of the Flex cluster, its snapshot and the target. */
export async function flexPlan(
  client: AtlasClient,
  r: FlexRestoreRequest,
  source: FlexCluster,
  nowMs: number,
): Promise<RestorePlan> {
  const src = { ...source, groupId: source.groupId ?? r.groupId };
  const snapshot = await readFlexSnapshot(client, r);
  if (r.kind === 'download') return buildFlexRestorePlan({ kind: 'download', source: src, snapshot, nowMs });
  const target = await readTargetOrFlex(client, r.target!);
  return buildFlexRestorePlan({
    kind: 'automated',
    source: src,
    snapshot,
    target,
    nowMs,
    allowSourceAsTarget: r.overwriteSource,
  });
}

/** Sends the download or the restore, once. */
export function startFlex(client: AtlasClient, r: FlexRestoreRequest): Promise<FlexRestoreJob> {
  if (r.kind === 'download') return client.downloadFlexSnapshot(r.groupId, r.clusterName, r.snapshotId);
  return client.createFlexRestoreJob(r.groupId, r.clusterName, {
    snapshotId: r.snapshotId,
    targetDeploymentItemName: r.target!.clusterName,
    targetProjectId: r.target!.groupId,
  });
}

/** Watching a Flex job ends when it ended, or when a download's link is there. */
export const flexWatchEnds = (j: FlexRestoreJob): boolean => {
  const p = projectFlexRestoreJob(j);
  return isRestoreJobDone(p.state) || succeeded(p);
};

export function watchFlexJob(
  client: AtlasClient,
  ref: JobRef,
  ctx: CliContext,
  o: { first: FlexRestoreJob; startedAtMs?: number; announce?: () => void },
) {
  return watchJob(ref, ctx, {
    ...o,
    read: (signal) => client.getFlexRestoreJob(ref.groupId, ref.clusterName, ref.jobId, { signal }),
    ends: flexWatchEnds,
    progress: (j) => (j.status ?? 'in progress').toLowerCase(),
  });
}

/** A Flex cluster's restore jobs, in Atlas's order. */
export async function listFlexJobs(client: AtlasClient, groupId: string, name: string): Promise<FlexRestoreJob[]> {
  const jobs: FlexRestoreJob[] = [];
  for await (const j of client.listFlexRestoreJobs(groupId, name, { itemsPerPage: 500 })) jobs.push(j);
  return jobs;
}
