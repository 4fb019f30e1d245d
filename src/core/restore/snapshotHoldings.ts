// What a snapshot holds of the namespaces a collection restore names (Atlas lists names only), read before the plan so
// its `namespaces-in-snapshot` check can refuse a name the snapshot does not hold. Shared by the CLI and the extension;
// the caller says which errors mean "this account may not browse snapshots" (a 403: Atlas then checks the names).
import type { SnapshotNamespace } from '../atlas/types';
import { splitNamespace, type NamespaceKind, type NamespaceMapping } from './collectionRestorePlan';

type Opts = { itemsPerPage?: number; signal?: AbortSignal };

export interface SnapshotContentsLister {
  listSnapshotDatabases(
    groupId: string,
    clusterName: string,
    snapshotId: string,
    o?: Opts,
  ): AsyncIterable<SnapshotNamespace>;
  listSnapshotCollections(
    groupId: string,
    clusterName: string,
    snapshotId: string,
    databaseName: string,
    o?: Opts,
  ): AsyncIterable<SnapshotNamespace>;
}

/**
 * Database → its collections (read only for the databases a collection restore names), or undefined when `forbidden`
 * says the listing was refused for want of a role.
 */
export async function readSnapshotHoldings(
  client: SnapshotContentsLister,
  ref: { groupId: string; clusterName: string; snapshotId: string },
  kind: NamespaceKind,
  namespaces: readonly NamespaceMapping[],
  forbidden: (e: unknown) => boolean,
): Promise<Map<string, string[]> | undefined> {
  const { groupId, clusterName, snapshotId } = ref;
  const held = new Map<string, string[]>();
  try {
    for await (const d of client.listSnapshotDatabases(groupId, clusterName, snapshotId, { itemsPerPage: 500 }))
      held.set(d.name, []);
    if (kind === 'database') return held;
    const dbs = new Set(namespaces.map((m) => splitNamespace(m.source)?.db ?? ''));
    for (const db of dbs) {
      if (!held.has(db)) continue;
      const cols: string[] = [];
      for await (const c of client.listSnapshotCollections(groupId, clusterName, snapshotId, db, {
        itemsPerPage: 500,
      }))
        cols.push(c.name);
      held.set(db, cols);
    }
    return held;
  } catch (e) {
    if (forbidden(e)) return undefined;
    throw e;
  }
}
