// Whether an export bucket may be removed now: Atlas refuses while any cluster of the project auto-exports to it, so
// the schedules are read first and the clusters named, before a DELETE that would only be refused. Network reads only.
import type { AtlasClient } from '../atlas/AtlasClient';
import type { ExportBucket } from '../atlas/types';
import { bucketRemovalRefusal, type ScheduleOfCluster } from './exportJobs';

/** The schedules of the project's clusters that have backup on (a cluster without backup has no schedule to read). */
export async function schedulesOfProject(client: AtlasClient, groupId: string): Promise<ScheduleOfCluster[]> {
  const out: ScheduleOfCluster[] = [];
  for await (const c of client.listClusters(groupId)) {
    if (!c.name || c.backupEnabled === false) continue;
    out.push({ clusterName: c.name, schedule: await client.getBackupSchedule(groupId, c.name) });
  }
  return out;
}

/** The refusal to show (naming the clusters), or undefined when the bucket may be removed. */
export async function checkBucketRemoval(
  client: AtlasClient,
  groupId: string,
  bucket: ExportBucket,
): Promise<string | undefined> {
  return bucketRemovalRefusal(await schedulesOfProject(client, groupId), bucket);
}
