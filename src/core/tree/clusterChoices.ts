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
 * then each project's clusters, side by side. Sorted by project, then cluster.
 */
export async function listClusterChoices(client: Lister, signal?: AbortSignal): Promise<ClusterChoice[]> {
  const out: ClusterChoice[] = [];
  try {
    for await (const g of client.listAllClusters({ itemsPerPage: PAGE, signal }))
      for (const c of g.clusters ?? [])
        if (g.groupId && c.name)
          out.push({
            groupId: g.groupId,
            projectName: g.groupName ?? g.groupId,
            clusterName: c.name,
            backupEnabled: c.backupEnabled,
          });
  } catch (e) {
    if (!(e instanceof AtlasApiError && e.status === 404)) throw e;
    out.length = 0;
    const projects: { id: string; name: string }[] = [];
    for await (const p of client.listProjects({ itemsPerPage: PAGE, signal }))
      if (p.id) projects.push({ id: p.id, name: p.name ?? p.id });
    const lists = await Promise.all(
      projects.map(async (p) => {
        const rows: ClusterChoice[] = [];
        for await (const c of client.listClusters(p.id, { itemsPerPage: PAGE, signal }))
          if (c.name)
            rows.push({ groupId: p.id, projectName: p.name, clusterName: c.name, backupEnabled: c.backupEnabled });
        return rows;
      }),
    );
    out.push(...lists.flat());
  }
  return out.sort((a, b) => a.projectName.localeCompare(b.projectName) || a.clusterName.localeCompare(b.clusterName));
}

/** "Production / orders-rs". */
export function choiceLabel(c: ClusterChoice): string {
  return `${c.projectName} / ${c.clusterName}`;
}
