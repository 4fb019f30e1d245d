// What the dry run needs from Atlas, read with GETs only: the project's clusters (continuous backup, NVMe), each
// backed-up cluster's schedule, and the policy in force.
import type { AtlasClient } from '../atlas/AtlasClient';
import { describeCluster } from '../atlas/describeCluster';
import type { ClusterDescription } from '../atlas/types';
import type { CompliancePolicy } from '../atlas/types';
import type { ClusterState } from './dryRun';

export interface ProjectBackupState {
  clusters: ClusterState[];
  current?: CompliancePolicy;
}

// A project rarely has more than a few dozen clusters; the cap keeps a runaway "hasNext" from looping forever.
const MAX_PAGES = 20;

export async function loadProjectBackupState(
  client: AtlasClient,
  groupId: string,
  signal?: AbortSignal,
): Promise<ProjectBackupState> {
  const all: ClusterDescription[] = [];
  for (let pageNum = 1; pageNum <= MAX_PAGES; pageNum++) {
    const page = await client.listClustersPage(groupId, { pageNum, itemsPerPage: 500, signal });
    all.push(...page.results);
    if (!page.hasNext || !page.results.length) break;
  }
  const clusters: ClusterState[] = [];
  for (const c of all) {
    const facts = describeCluster(c);
    const name = c.name ?? '?';
    const schedule = facts.backupEnabled ? await client.getBackupSchedule(groupId, name, { signal }) : undefined;
    clusters.push({ name, schedule, pitEnabled: facts.pitEnabled, nvme: facts.nvme });
  }
  clusters.sort((a, b) => a.name.localeCompare(b.name));
  return { clusters, current: await client.getCompliancePolicy(groupId, { signal }) };
}
