// The tree's rows for collection restores and Flex clusters as a user meets them: a completed snapshot's Databases
// row, its databases and their collections by name (loaded only when opened, with error and retry rows), and a
// project's Flex clusters after its dedicated clusters with their snapshots — the model against the real client and
// the in-process simulator, no VS Code needed.
import { describe, test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { AtlasClient } from '../../../../src/core/atlas';
import { AtlasSimulator, DEMO_CREDENTIALS, SEED, describeSeed } from '../../../../src/simulator';
import { ExplorerModel, present } from '../../../../src/core/tree/explorerModel';
import type { ExplorerNode } from '../../../../src/core/tree/explorerModel';
import { idOf, jsonOf } from '../../../../src/core/tree/explorerPresent';

let sim: AtlasSimulator;
let url: string;

function client(): AtlasClient {
  return new AtlasClient({
    baseUrl: url,
    credentials: { kind: 'serviceAccount', ...DEMO_CREDENTIALS.serviceAccount },
    userAgent: 'atlas-backup-test/0',
    retry: { sleep: async () => {} },
  });
}

const FLEX = describeSeed().flexClusters[0];
const label = (n: ExplorerNode) => present(n).label;

async function open(model: ExplorerModel, ...path: string[]): Promise<ExplorerNode> {
  let rows = await model.whenSettled();
  let node: ExplorerNode | undefined;
  for (const name of path) {
    node = rows.find((r) => label(r) === name);
    assert.ok(node, `${name} among ${rows.map(label).join(', ')}`);
    rows = await model.whenSettled(node);
  }
  return node!;
}

/** The newest completed snapshot row of a cluster. */
async function completedSnapshotRow(m: ExplorerModel, projectName: string, cluster: string): Promise<ExplorerNode> {
  const c = await open(m, projectName, cluster);
  const snapshots = m.getChildren(c).find((r) => r.kind === 'snapshots')!;
  const rows = await m.whenSettled(snapshots);
  const snap = rows.find((r) => r.kind === 'snapshot' && r.snapshot.status === 'completed');
  assert.ok(snap, `${cluster} shows a completed snapshot`);
  return snap;
}

const requestsTo = (fragment: string) => sim.requests.filter((r) => r.path.includes(fragment)).length;

before(async () => {
  sim = new AtlasSimulator({});
  ({ url } = await sim.start(0));
});
after(async () => {
  await sim.stop();
});
beforeEach(() => {
  sim.reset();
});

describe('a snapshot’s databases and collections', () => {
  test('a completed snapshot opens onto a Databases row; databases and collections load only when opened', async () => {
    const m = new ExplorerModel(client(), { timeZone: 'UTC' });
    const snap = await completedSnapshotRow(m, 'Production', 'orders-rs');
    assert.equal(present(snap).collapsible, true);
    assert.ok(snap.kind === 'snapshot' && snap.snapshot.id);
    const snapshotId = snap.snapshot.id;
    const before = requestsTo('/databases');
    const [databases] = m.getChildren(snap);
    assert.equal(databases.kind, 'snapshotDatabases');
    assert.equal(present(databases).label, 'Databases');
    assert.equal(present(databases).contextValue, 'snapshotDatabases');
    assert.equal(present(databases).collapsible, true);
    assert.equal(requestsTo('/databases'), before, 'nothing fetched until the row is opened');

    const expectedDbs: string[] = [];
    for await (const d of client().listSnapshotDatabases(SEED.projects.production.id, 'orders-rs', snapshotId))
      expectedDbs.push(d.name);
    const dbRows = await m.whenSettled(databases);
    assert.deepEqual(
      dbRows.map(label),
      [...expectedDbs].sort((a, b) => a.localeCompare(b)),
    );
    assert.ok(dbRows.every((r) => present(r).contextValue === 'snapshotDatabase' && present(r).collapsible));

    const shop = dbRows.find((r) => label(r) === 'shop')!;
    const expectedCols: string[] = [];
    for await (const c of client().listSnapshotCollections(
      SEED.projects.production.id,
      'orders-rs',
      snapshotId,
      'shop',
    ))
      expectedCols.push(c.name);
    const colRows = await m.whenSettled(shop);
    assert.deepEqual(
      colRows.map(label),
      [...expectedCols].sort((a, b) => a.localeCompare(b)),
    );
    const orders = colRows.find((r) => label(r) === 'orders')!;
    assert.equal(present(orders).contextValue, 'snapshotCollection');
    assert.equal(present(orders).collapsible, false);
    assert.equal(idOf(orders), 'shop.orders', 'Copy ID copies the namespace');
    assert.ok(
      orders.kind === 'snapshotCollection' &&
        orders.snapshotId === snapshotId &&
        orders.groupId === SEED.projects.production.id &&
        orders.clusterName === 'orders-rs',
      'a command acting on the row finds the snapshot and cluster on it',
    );
  });

  test('a failure shows an error row with Atlas’s reason; retry loads the databases', async () => {
    const m = new ExplorerModel(client(), { timeZone: 'UTC' });
    const snap = await completedSnapshotRow(m, 'Production', 'orders-rs');
    const [databases] = m.getChildren(snap);
    sim.faults.add({
      pathPrefix: `/api/atlas/v2/groups/${SEED.projects.production.id}/clusters/orders-rs/backup/snapshots/`,
      status: 500,
      errorCode: 'UNEXPECTED_ERROR',
      detail: 'Unexpected error in the demo backend.',
      count: 1,
    });
    const rows = await m.whenSettled(databases);
    assert.deepEqual(
      rows.map((r) => r.kind),
      ['error'],
    );
    assert.equal(label(rows[0]), "Couldn't load databases");
    assert.match(present(rows[0]).description!, /Unexpected error in the demo backend/);
    assert.equal(present(rows[0]).command?.id, 'atlasBackup.retry');
    m.retry(rows[0]);
    const again = await m.whenSettled(databases);
    assert.ok(again.length > 0 && again.every((r) => r.kind === 'snapshotDatabase'), again.map(label).join(', '));
  });
});

describe('collection restore jobs in the Restores row', () => {
  test("after the snapshot restore jobs, with the documents restored and Atlas's state, without Cancel", async () => {
    const m = new ExplorerModel(client(), { timeZone: 'UTC' });
    const snap = await completedSnapshotRow(m, 'Production', 'orders-rs');
    assert.ok(snap.kind === 'snapshot' && snap.snapshot.id);
    const sandbox = describeSeed().projects.find((p) => p.name === 'Sandbox')!;
    const job = await client().createCollectionRestoreJob(SEED.projects.production.id, 'orders-rs', {
      snapshotId: snap.snapshot.id,
      targetGroupId: sandbox.id,
      targetClusterName: sandbox.clusters[0].name,
      writeStrategy: 'CREATE_NEW',
      indexStrategy: 'ALL',
      collections: [{ sourceNamespace: 'shop.orders' }],
    });
    const cluster = await open(m, 'Production', 'orders-rs');
    const restores = m.getChildren(cluster).find((r) => r.kind === 'restores')!;
    assert.equal(present(restores).description, 'snapshot and collection restore jobs');
    const rows = await m.whenSettled(restores);
    const at = rows.findIndex((r) => idOf(r) === job.id);
    assert.ok(at >= 0, 'the collection job is listed');
    assert.ok(
      rows.slice(0, at).every((r) => r.kind === 'restoreJob' && !r.other),
      'after the snapshot restore jobs',
    );
    const p = present(rows[at]);
    assert.equal(p.label, `Collection restore onto ${sandbox.clusters[0].name}`);
    assert.equal(p.contextValue, 'restoreJob', 'no Cancel: Atlas cannot cancel a collection restore job');
    assert.match(p.tooltip!, new RegExp(`Collection restore job \\(Atlas: ${job.state}\\)`));
    if (job.totalDocuments !== undefined)
      assert.match(p.description!, new RegExp(`${job.restoredDocuments ?? 0} of ${job.totalDocuments} documents`));
    assert.equal((jsonOf(rows[at]) as { id: string }).id, job.id);
  });
});

describe('Flex clusters', () => {
  test('listed under their project after the dedicated clusters, marked Flex, with their snapshots newest first', async () => {
    const m = new ExplorerModel(client(), { timeZone: 'UTC' });
    const project = await open(m, FLEX.projectName);
    const rows = m.getChildren(project);
    const kinds = rows.map((r) => r.kind);
    const flexAt = kinds.indexOf('flexCluster');
    assert.ok(flexAt > kinds.lastIndexOf('cluster'), kinds.join(', '));
    const flex = rows[flexAt];
    const p = present(flex);
    assert.equal(p.label, FLEX.name);
    assert.match(p.description!, /^Flex · MongoDB \d+\.\d+/);
    assert.equal(p.contextValue, 'flexCluster');
    assert.equal(p.collapsible, true);
    assert.equal(idOf(flex), FLEX.id);

    const children = await m.whenSettled(flex);
    // After the snapshots, the Flex cluster's Restores row.
    assert.equal(children[children.length - 1].kind, 'restores');
    const snaps = children.slice(0, -1);
    assert.equal(snaps.length, FLEX.snapshots);
    assert.ok(snaps.every((r) => r.kind === 'flexSnapshot' && present(r).contextValue === 'flexSnapshot'));
    const times = snaps.map(label);
    assert.deepEqual(times, [...times].sort().reverse(), 'newest first');
    assert.match(times[0], /^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    assert.ok((jsonOf(snaps[0]) as { id?: string }).id, 'Show JSON shows what Atlas said');
  });

  test("a Flex cluster's Restores row lists its Flex restore jobs on the common states, without Cancel", async () => {
    const m = new ExplorerModel(client(), { timeZone: 'UTC' });
    const flex = await open(m, FLEX.projectName, FLEX.name);
    const restores = m.getChildren(flex).find((r) => r.kind === 'restores')!;
    assert.equal(present(restores).description, 'Flex restore jobs');
    const jobs = await m.whenSettled(restores);
    const atlas = { results: [] as { id?: string }[] };
    for await (const j of client().listFlexRestoreJobs(FLEX.projectId, FLEX.name)) atlas.results.push(j);
    assert.equal(jobs.length, atlas.results.length);
    assert.ok(jobs.length > 0, 'the seed keeps a Flex restore job');
    for (const [i, row] of jobs.entries()) {
      assert.equal(idOf(row), atlas.results[i].id, "Atlas's order");
      const p = present(row);
      assert.equal(p.contextValue, 'restoreJob', 'no Cancel: Atlas cannot cancel a Flex restore job');
      assert.match(p.tooltip!, /Flex restore job \(Atlas: /);
      assert.equal((jsonOf(row) as { id: string }).id, atlas.results[i].id, 'Show JSON shows what Atlas said');
    }
  });

  test('a project without Flex clusters shows none (no empty row); a failed list is an error row that retries', async () => {
    const m = new ExplorerModel(client(), { timeZone: 'UTC' });
    const production = await open(m, 'Production');
    const kinds = m.getChildren(production).map((r) => r.kind);
    assert.ok(!kinds.includes('flexCluster') && !kinds.includes('empty'), kinds.join(', '));

    const other = new ExplorerModel(client(), { timeZone: 'UTC' });
    sim.faults.add({
      pathPrefix: `/api/atlas/v2/groups/${FLEX.projectId}/flexClusters`,
      status: 500,
      errorCode: 'UNEXPECTED_ERROR',
      detail: 'Unexpected error in the demo backend.',
      count: 1,
    });
    const project = await open(other, FLEX.projectName);
    const rows = other.getChildren(project);
    const error = rows[rows.length - 1];
    assert.equal(label(error), "Couldn't load Flex clusters");
    assert.ok(
      rows.some((r) => r.kind === 'cluster'),
      'the dedicated clusters still show',
    );
    other.retry(error);
    const again = await other.whenSettled(project);
    assert.equal(again.filter((r) => r.kind === 'flexCluster').length, 1);
    assert.ok(!again.some((r) => r.kind === 'error'));
  });
});
