// Every cluster a sign-in can see, as one list of "project / cluster" for a single pick (the palette's Edit Backup
// Schedule and the other commands that need a cluster): typing a cluster's name finds it, whatever its project. No vscode.
import { AtlasApiError } from '../atlas';
import type { AtlasClient } from '../atlas';

export interface ClusterChoice {
  groupId: string;
  projectName: string;
  clusterName: string;
  /** Cloud backup on; undefined when the listing does not say. */
  backupEnabled?: boolean;
}

type Lister = Pick<AtlasClient, 'listAllClusters' | 'listProjects' | 'listClusters'>;

const PAGE = 500;

/**
 * One request where Atlas offers the all-clusters listing (`GET /clusters`); where it answers 404, the projects and
 * then each project's clusters. Sorted by project, then cluster.
 */
export async function listClusterChoices(client: Lister, signal?: AbortSignal): Promise<ClusterChoice[]> {
  const out: ClusterChoice[] = [];
  const add = (
    groupId: string | undefined,
    projectName: string | undefined,
    c: { name?: string; backupEnabled?: boolean },
  ) => {
    if (groupId && c.name)
      out.push({ groupId, projectName: projectName ?? groupId, clusterName: c.name, backupEnabled: c.backupEnabled });
  };
  const opts = { itemsPerPage: PAGE, signal };
  try {
    for await (const g of client.listAllClusters(opts))
      for (const c of g.clusters ?? []) add(g.groupId, g.groupName, c);
  } catch (e) {
    if (!(e instanceof AtlasApiError && e.status === 404)) throw e;
    out.length = 0;
    for await (const p of client.listProjects(opts))
      if (p.id) for await (const c of client.listClusters(p.id, opts)) add(p.id, p.name, c);
  }
  return out.sort((a, b) => a.projectName.localeCompare(b.projectName) || a.clusterName.localeCompare(b.clusterName));
}

/** "Production / orders-rs". */
export function choiceLabel(c: ClusterChoice): string {
  return `${c.projectName} / ${c.clusterName}`;
}
