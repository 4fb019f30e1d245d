// The tree's rows for what can be restored beyond whole snapshots: under a completed snapshot a Databases row listing
// its databases and, under each, its collections (names only: Atlas gives no sizes or counts); and a project's Flex
// clusters (after its dedicated clusters) with their snapshots. Each list loads when its row is opened, with the
// loading, empty and error rows every other list has. The model (explorerModel.ts) hands these rows over here and
// lends its loading machinery (ContentsRowsHost); explorerPresent.ts shows them through contentsRowsPresent.ts.
import { MAX_ITEMS_PER_PAGE } from '../atlas';
import type { Cell } from './loadStates';
import type {
  ExplorerNode,
  ExplorerSource,
  FlexClusterNode,
  FlexSnapshotNode,
  ProjectNode,
  SnapshotCollectionNode,
  SnapshotDatabaseNode,
  SnapshotDatabasesNode,
  SnapshotNode,
} from './explorerNodes';

/** What the model lends: its sources, its one way to list a row's children, and its cells. */
export interface ContentsRowsHost {
  sourceFor(accountId: string): ExplorerSource | undefined;
  listed<T extends ExplorerNode>(
    key: string,
    parentId: string,
    accountId: string,
    what: string,
    emptyMessage: string,
    fetch: (signal: AbortSignal) => Promise<T[]>,
    scope: { groupId?: string; clusterName?: string },
  ): ExplorerNode[];
  remember<T extends ExplorerNode>(node: T): T;
  cell<T>(key: string): Cell<T>;
  ensureCell<T>(cell: Cell<T>, fetch: (signal: AbortSignal) => Promise<T>, notify: string[]): void;
  /** The time zone of "local" times in tooltips. */
  timeZone: () => string | undefined;
}

export type ContentsRowsParent = SnapshotDatabasesNode | SnapshotDatabaseNode | FlexClusterNode;

/** The rows of this file that load children of their own (refresh, collapse and busy reach their list). */
export const CONTENTS_ROWS_WITH_LOADS: readonly ExplorerNode['kind'][] = [
  'snapshotDatabases',
  'snapshotDatabase',
  'flexCluster',
];

/** The key of a row's list: below the row, so refreshing or collapsing the row reaches it. */
export const contentsRowsListKey = (node: ContentsRowsParent): string => `${node.id}/list`;

/** The key of a project's Flex cluster list. */
export const flexClustersKey = (project: ProjectNode): string => `${project.id}/flexClusters`;

const byName = (a: string, b: string) => a.localeCompare(b);

/** Under a completed snapshot: the Databases row, when the source can list what a snapshot holds. */
export function snapshotContentsRows(snapshot: SnapshotNode, host: ContentsRowsHost): ExplorerNode[] {
  const id = snapshot.snapshot.id;
  if (snapshot.snapshot.status !== 'completed' || !id || !host.sourceFor(snapshot.accountId)?.listSnapshotDatabases)
    return [];
  return [
    host.remember<SnapshotDatabasesNode>({
      kind: 'snapshotDatabases',
      id: `${snapshot.id}/databases`,
      parentId: snapshot.id,
      accountId: snapshot.accountId,
      groupId: snapshot.groupId,
      clusterName: snapshot.clusterName,
      snapshotId: id,
    }),
  ];
}

/** A project's Flex clusters, after its dedicated clusters: nothing while they load or when it has none. */
export function flexClusterRows(project: ProjectNode, host: ContentsRowsHost): ExplorerNode[] {
  const source = host.sourceFor(project.accountId);
  if (!source?.listFlexClusters) return [];
  const list = source.listFlexClusters.bind(source);
  const cell = host.cell<FlexClusterNode[]>(flexClustersKey(project));
  host.ensureCell(
    cell,
    async (signal) => {
      const out: FlexClusterNode[] = [];
      for await (const flex of list(project.groupId, { signal, itemsPerPage: MAX_ITEMS_PER_PAGE })) {
        if (!flex.name) continue;
        out.push({
          kind: 'flexCluster',
          id: `${project.id}/f:${flex.name}`,
          parentId: project.id,
          accountId: project.accountId,
          groupId: project.groupId,
          clusterName: flex.name,
          flex,
        });
      }
      return out.sort((a, b) => byName(a.clusterName, b.clusterName));
    },
    [project.id],
  );
  const s = cell.state;
  if (s.status === 'loaded') return s.value.map((n) => host.remember(n));
  if (s.status === 'failed')
    return [
      host.remember({
        kind: 'error',
        id: `${project.id}/~error:flexClusters`,
        parentId: project.id,
        accountId: project.accountId,
        groupId: project.groupId,
        what: 'Flex clusters',
        error: s.error,
        retryKey: flexClustersKey(project),
      }),
    ];
  return [];
}

/** The children of the rows of this file that have any: one list request each, sorted. */
export function contentsRowsChildren(parent: ContentsRowsParent, host: ContentsRowsHost): ExplorerNode[] {
  const source = host.sourceFor(parent.accountId);
  if (!source) return [];
  const scope = { groupId: parent.groupId, clusterName: parent.clusterName };
  const base = { parentId: parent.id, accountId: parent.accountId, ...scope };
  const { groupId, clusterName } = parent;
  const list = <X, T extends ExplorerNode>(
    what: string,
    empty: string,
    items: ((o: { signal: AbortSignal; itemsPerPage: number }) => AsyncIterable<X>) | undefined,
    row: (x: X) => T | undefined,
    sortKey: (n: T) => string,
    newestFirst = false,
  ): ExplorerNode[] => {
    if (!items) return [];
    return host.listed(
      contentsRowsListKey(parent),
      parent.id,
      parent.accountId,
      what,
      empty,
      async (signal) => {
        const out: T[] = [];
        for await (const x of items({ signal, itemsPerPage: MAX_ITEMS_PER_PAGE })) {
          const n = row(x);
          if (n) out.push(n);
        }
        const sorted = out.sort((a, b) => byName(sortKey(a), sortKey(b)));
        return newestFirst ? sorted.reverse() : sorted;
      },
      scope,
    );
  };
  switch (parent.kind) {
    case 'snapshotDatabases': {
      const { snapshotId } = parent;
      return list(
        'databases',
        'No databases in this snapshot',
        source.listSnapshotDatabases && ((o) => source.listSnapshotDatabases!(groupId, clusterName, snapshotId, o)),
        (db): SnapshotDatabaseNode => ({
          kind: 'snapshotDatabase',
          id: `${parent.id}/d:${db.name}`,
          ...base,
          snapshotId,
          databaseName: db.name,
        }),
        (n) => n.databaseName,
      );
    }
    case 'snapshotDatabase': {
      const { snapshotId, databaseName } = parent;
      return list(
        'collections',
        'No collections in this database',
        source.listSnapshotCollections &&
          ((o) => source.listSnapshotCollections!(groupId, clusterName, snapshotId, databaseName, o)),
        (col): SnapshotCollectionNode => ({
          kind: 'snapshotCollection',
          id: `${parent.id}/col:${col.name}`,
          ...base,
          snapshotId,
          databaseName,
          collectionName: col.name,
        }),
        (n) => n.collectionName,
      );
    }
    case 'flexCluster':
      return list(
        'Flex snapshots',
        'No snapshots',
        source.listFlexSnapshots && ((o) => source.listFlexSnapshots!(groupId, clusterName, o)),
        (snapshot): FlexSnapshotNode | undefined =>
          snapshot.id
            ? {
                kind: 'flexSnapshot',
                id: `${parent.id}/s:${snapshot.id}`,
                ...base,
                snapshot,
                timeZone: host.timeZone(),
              }
            : undefined,
        (n) => n.snapshot.startTime ?? n.snapshot.scheduledTime ?? '',
        true,
      );
  }
}
