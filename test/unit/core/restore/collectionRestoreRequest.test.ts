// What a collection restore sends and shows, shared by the CLI and the extension: the create's body (snapshot or
// point in time, never both; the API's strategy words; collections or databases), the documents words, the checks of
// what is typed into the extension's boxes, and the plan as Markdown (names escaped, every check, the strategies).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildCollectionRestorePlan,
  buildFlexRestorePlan,
  collectionDocumentsWords,
  collectionRestorePlanMarkdown,
  collectionRestoreRequestFor,
  collectionTargetInputProblem,
  restoreHistoryMarkdown,
  type CollectionRestoreChoices,
  type RestoreHistoryEntry,
  type RestoreClusterFacts,
} from '../../../../src/core/restore';

const G1 = 'a'.repeat(24);
const G2 = 'b'.repeat(24);
const SNAP = 'c'.repeat(24);
const target = { groupId: G2, clusterName: 'scratch' };
const choices = (o: Partial<CollectionRestoreChoices> = {}): CollectionRestoreChoices => ({
  snapshotId: SNAP,
  target,
  namespaceKind: 'collection',
  namespaces: [{ source: 'shop.orders', target: null }],
  writeStrategy: 'create-new',
  indexStrategy: 'all',
  ...o,
});

describe('collectionRestoreRequestFor', () => {
  test('a snapshot, collections, the API words for the strategies, no suffix unless given', () => {
    assert.deepEqual(collectionRestoreRequestFor(choices()), {
      snapshotId: SNAP,
      targetGroupId: G2,
      targetClusterName: 'scratch',
      writeStrategy: 'CREATE_NEW',
      indexStrategy: 'ALL',
      collections: [{ sourceNamespace: 'shop.orders' }],
    });
  });

  test('databases renamed, overwrite, suffixes, indexes except TTL', () => {
    const r = collectionRestoreRequestFor(
      choices({
        namespaceKind: 'database',
        namespaces: [{ source: 'shop', target: 'shop_copy' }],
        writeStrategy: 'overwrite',
        indexStrategy: 'all-except-ttl',
        databaseSuffix: '_r',
        collectionSuffix: '_c',
      }),
    );
    assert.deepEqual(r.databases, [{ sourceNamespace: 'shop', targetNamespace: 'shop_copy' }]);
    assert.equal(r.collections, undefined);
    assert.equal(r.writeStrategy, 'OVERWRITE_EXISTING');
    assert.equal(r.indexStrategy, 'ALL_EXCEPT_TTL');
    assert.equal(r.databaseSuffix, '_r');
    assert.equal(r.collectionSuffix, '_c');
  });

  test('a point in time as seconds (pointInTimeUtcSeconds) or an oplog position, and no snapshot', () => {
    const s = collectionRestoreRequestFor(
      choices({ snapshotId: undefined, pointInTime: { kind: 'seconds', epochSeconds: 1795000000 } }),
    );
    assert.equal(s.pointInTimeUtcSeconds, 1795000000);
    assert.equal(s.snapshotId, undefined);
    assert.equal(s.oplogTs, undefined);
    const o = collectionRestoreRequestFor(
      choices({ snapshotId: undefined, pointInTime: { kind: 'oplog', ts: 1795000000, inc: 3 } }),
    );
    assert.deepEqual([o.oplogTs, o.oplogInc, o.pointInTimeUtcSeconds], [1795000000, 3, undefined]);
  });
});

describe('collectionDocumentsWords', () => {
  test('restored of total when Atlas says the total; the state alone otherwise', () => {
    assert.equal(
      collectionDocumentsWords({ state: 'IN_PROGRESS', restoredDocuments: 1200, totalDocuments: 5000 }),
      'IN_PROGRESS, 1200 of 5000 documents',
    );
    assert.equal(
      collectionDocumentsWords({ state: 'INITIALIZING', totalDocuments: 10 }),
      'INITIALIZING, 0 of 10 documents',
    );
    assert.equal(collectionDocumentsWords({ state: 'INITIALIZING' }), 'INITIALIZING');
  });
});

describe('collectionTargetInputProblem', () => {
  test('a new name must be DB.COLLECTION that MongoDB takes; the field is named', () => {
    assert.equal(collectionTargetInputProblem('rename', 'collection', 'copy.orders', 'New name'), undefined);
    assert.match(
      collectionTargetInputProblem('rename', 'collection', 'orders', 'New name')!,
      /^New name: "orders" is not DB.COLLECTION/,
    );
    assert.match(
      collectionTargetInputProblem('rename', 'collection', 'a b.c', 'New name')!,
      /character MongoDB refuses/,
    );
    assert.match(collectionTargetInputProblem('rename', 'collection', 'shop.x$y', 'New name')!, /holds a \$/);
    assert.equal(collectionTargetInputProblem('rename', 'database', 'shop_copy', 'New name'), undefined);
    assert.match(collectionTargetInputProblem('rename', 'database', 'shop.copy', 'New name')!, /refuses/);
  });

  test('a suffix must be non-empty and hold nothing a database name refuses', () => {
    assert.equal(collectionTargetInputProblem('suffix', 'collection', '_restored', 'Suffix'), undefined);
    assert.match(collectionTargetInputProblem('suffix', 'collection', '', 'Suffix')!, /^Suffix is empty/);
    assert.match(
      collectionTargetInputProblem('suffix', 'database', '.x', 'Suffix')!,
      /^Suffix "\.x" holds a character/,
    );
  });
});

describe('collectionRestorePlanMarkdown', () => {
  const source: RestoreClusterFacts = {
    groupId: G1,
    name: 'orders-rs',
    topology: { kind: 'replicaSet' },
    continuousBackup: false,
  };
  const plan = (o: { writeStrategy?: 'create-new' | 'overwrite'; status?: string; coll?: string } = {}) =>
    buildCollectionRestorePlan({
      source,
      target: { ...source, groupId: G2, name: 'scra*tch' },
      snapshot: { id: SNAP, status: o.status ?? 'completed', createdAt: '2026-11-21T18:00:00Z' },
      held: new Map([['shop', ['orders']]]),
      namespaceKind: 'collection',
      namespaces: [{ source: `shop.${o.coll ?? 'orders'}`, target: null }],
      writeStrategy: o.writeStrategy ?? 'create-new',
      indexStrategy: 'none',
      collectionSuffix: '_r',
      nowMs: Date.parse('2026-11-22T12:00:00Z'),
    });

  test('the namespaces and where they go, the strategies, every check; names escaped', () => {
    const text = collectionRestorePlanMarkdown(plan());
    assert.match(text, /^# Restore collections onto a cluster: plan/);
    assert.match(text, /\| shop\.orders \| shop\.orders\\_r \|/);
    assert.match(text, /Write strategy: create new/);
    assert.match(text, /Index strategy: no indexes but `_id`/);
    assert.match(text, /\*\*scra\\\*tch\*\*/);
    assert.match(text, /\| passed \| `namespaces-in-snapshot` \|/);
    assert.match(text, /Every check passed; confirm\./);
  });

  test('overwrite asks for the typed name; a failed check says nothing will be sent', () => {
    assert.match(
      collectionRestorePlanMarkdown(plan({ writeStrategy: 'overwrite' })),
      /typing the target cluster's name/,
    );
    const refused = collectionRestorePlanMarkdown(plan({ coll: 'missing' }));
    assert.match(refused, /nothing will be:_ \*\*a check failed\*\*/);
    assert.match(refused, /\| \*\*FAILED\*\* \| `namespaces-in-snapshot` \| Snapshot c+ holds no shop\.missing/);
  });
});

describe('the restore history with collection and Flex restores', () => {
  const source: RestoreClusterFacts = {
    groupId: G1,
    name: 'orders-rs',
    topology: { kind: 'replicaSet' },
    continuousBackup: false,
  };
  const plan = (namespaces: string[], kind: 'collection' | 'database' = 'collection') =>
    buildCollectionRestorePlan({
      source,
      target: { ...source, groupId: G2, name: 'scratch' },
      snapshot: { id: SNAP, status: 'completed' },
      namespaceKind: kind,
      namespaces: namespaces.map((s) => ({ source: s, target: null })),
      writeStrategy: 'create-new',
      indexStrategy: 'all',
      nowMs: Date.parse('2026-11-22T12:00:00Z'),
    });
  const entry = (o: Partial<RestoreHistoryEntry>): RestoreHistoryEntry => ({
    id: 'd'.repeat(24),
    at: '2026-11-22T12:00:00Z',
    origin: 'https://cloud.mongodb.com',
    groupId: G1,
    clusterName: 'orders-rs',
    kind: 'collection',
    drill: false,
    plan: plan(['shop.orders']),
    outcome: 'completed',
    finishedAt: '2026-11-22T12:01:05Z',
    ...o,
  });

  test('a collection restore names its namespace (or how many), its target and how long it took', () => {
    const text = restoreHistoryMarkdown([
      entry({}),
      entry({ id: 'e'.repeat(24), plan: plan(['shop', 'reporting'], 'database') }),
    ]);
    assert.match(text, /orders-rs snapshot c+ \(shop\.orders\) \| scratch \(b+\) \| completed \| 1m 05s \|/);
    assert.match(text, /\(2 databases\)/);
  });

  test('a Flex restore is marked Flex', () => {
    const flexPlan = buildFlexRestorePlan({
      kind: 'download',
      source: { name: 'flex-dev', groupId: G1, mongoDBVersion: '8.0.4' },
      snapshot: { id: SNAP, status: 'COMPLETED', finishTime: '2026-11-21T18:00:00Z' },
      nowMs: Date.parse('2026-11-22T12:00:00Z'),
    });
    const text = restoreHistoryMarkdown([entry({ kind: 'download', flex: true, plan: flexPlan })]);
    assert.match(text, /\(download\) \(Flex\) \| files \|/);
  });
});
