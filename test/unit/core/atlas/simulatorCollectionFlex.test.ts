// The client's collection-level restore and Flex backup operations against the simulator: what goes out (version,
// method, body), what comes back, watching a job to its end on the simulator's clock, bodies refused before anything
// is sent, and creates sent once, never retried once they may have reached Atlas.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AtlasApiError,
  AtlasClient,
  collectionRestoreJobBody,
  flexRestoreJobBody,
  mayHaveReachedAtlas,
  type AtlasClientOptions,
  type CreateCollectionRestoreJobRequest,
  type Credentials,
} from '../../../../src/core/atlas';
import { projectCollectionRestoreJob, projectFlexRestoreJob } from '../../../../src/core/restore';
import { AtlasSimulator, DEMO_CREDENTIALS, SEED, describeSeed } from '../../../../src/simulator';

const OWNER: Credentials = { kind: 'serviceAccount', ...DEMO_CREDENTIALS.serviceAccount };
const BACKUP_MANAGER: Credentials = { kind: 'serviceAccount', ...DEMO_CREDENTIALS.backupManagerServiceAccount };
const PROD = SEED.projects.production.id;
const SANDBOX = SEED.projects.sandbox.id;
const FLEX = describeSeed().flexClusters[0];
const START = Date.parse('2026-11-22T06:00:00Z');
const HEX = 'a'.repeat(24);

let clock = START;
const sim = new AtlasSimulator({ now: () => clock });
let url = '';
before(async () => {
  url = (await sim.start()).url;
});
after(() => sim.stop());
beforeEach(() => {
  clock = START;
  sim.reset();
});

function client(credentials: Credentials = OWNER, over: Partial<AtlasClientOptions> = {}): AtlasClient {
  return new AtlasClient({
    baseUrl: url,
    credentials,
    userAgent: 'atlas-backup-vscode/test',
    now: () => clock,
    retry: { sleep: () => Promise.resolve() },
    ...over,
  });
}

const sent = (part: string) => sim.requests.filter((r) => r.path.includes(part));

/** The newest completed snapshot of orders-rs and one collection it holds, from the simulator's answers. */
async function source(c: AtlasClient): Promise<{ snapshotId: string; ns: string; db: string }> {
  const page = await c.listSnapshotsPage(PROD, 'orders-rs', { itemsPerPage: 20 });
  const snapshotId = page.results.find((s) => s.status === 'completed')!.id!;
  const [db] = (await c.listSnapshotDatabasesPage(PROD, 'orders-rs', snapshotId)).results;
  const [col] = (await c.listSnapshotCollectionsPage(PROD, 'orders-rs', snapshotId, db.name)).results;
  return { snapshotId, ns: `${db.name}.${col.name}`, db: db.name };
}

describe('collection restore jobs through the client', () => {
  test('create (2025-03-12, POST once), watch on the clock to SUCCESSFUL, list, and read its collections', async () => {
    const c = client();
    const { snapshotId, ns } = await source(c);
    assert.equal((await c.listCollectionRestoreJobsPage(PROD, 'orders-rs')).results.length, 0);
    const job = await c.createCollectionRestoreJob(PROD, 'orders-rs', {
      snapshotId,
      targetGroupId: SANDBOX,
      targetClusterName: 'sandbox-001',
      writeStrategy: 'CREATE_NEW',
      indexStrategy: 'ALL',
      collections: [{ sourceNamespace: ns }],
    });
    const posts = sent('/collectionRestoreJobs').filter((r) => r.method === 'POST');
    assert.equal(posts.length, 1);
    assert.equal(posts[0].accept, 'application/vnd.atlas.2025-03-12+json');
    assert.equal(job.state, 'INITIALIZING');
    assert.equal(projectCollectionRestoreJob(job).state, 'in-progress');
    const states = new Set<string>();
    let now = job;
    for (let i = 0; i < 40 && now.state !== 'SUCCESSFUL'; i++) {
      clock += 250;
      now = await c.getCollectionRestoreJob(PROD, 'orders-rs', job.id!);
      states.add(now.state!);
    }
    assert.deepEqual([...states], ['INITIALIZING', 'IN_PROGRESS', 'FINALIZING', 'SUCCESSFUL']);
    assert.equal(now.restoredDocuments, now.totalDocuments);
    const p = projectCollectionRestoreJob(now);
    assert.equal(p.state, 'completed');
    assert.equal(p.deliveryType, 'create-new');
    assert.equal(p.createdAt, new Date(START).toISOString().replace('.000Z', 'Z'));
    const listed = [];
    for await (const j of c.listCollectionRestoreJobs(PROD, 'orders-rs')) listed.push(j.id);
    assert.deepEqual(listed, [job.id]);
    const cols = [];
    for await (const s of c.listCollectionRestoreJobCollections(PROD, 'orders-rs', job.id!, { state: 'SUCCESSFUL' }))
      cols.push(s);
    assert.deepEqual(
      cols.map((s) => s.sourceNamespace),
      [ns],
    );
    const one = await c.getCollectionRestoreJobCollection(PROD, 'orders-rs', job.id!, ns);
    assert.equal(one.state, 'SUCCESSFUL');
    const filtered = sim.requests.find((r) => r.path.endsWith('/collections') && r.query.state);
    assert.equal(filtered?.query.state, 'SUCCESSFUL', 'the filter went out as a query parameter');
  });

  test('a create that may have reached Atlas (503) is sent once, not retried, and says it may have happened', async () => {
    const c = client();
    const { snapshotId, db } = await source(c);
    sim.faults.add({
      pathPrefix: `/api/atlas/v2/groups/${PROD}/clusters/orders-rs/collectionRestoreJobs`,
      method: 'POST',
      status: 503,
      count: 3,
    });
    await assert.rejects(
      c.createCollectionRestoreJob(PROD, 'orders-rs', {
        snapshotId,
        targetGroupId: SANDBOX,
        targetClusterName: 'sandbox-001',
        writeStrategy: 'OVERWRITE_EXISTING',
        indexStrategy: 'NONE',
        databases: [{ sourceNamespace: db }],
      }),
      (e: unknown) => mayHaveReachedAtlas(e),
    );
    assert.equal(sent('/collectionRestoreJobs').filter((r) => r.method === 'POST').length, 1);
  });

  test('a Backup Manager may list but not start one: the 403 names Project Backup Recovery Operator', async () => {
    const c = client(BACKUP_MANAGER);
    await c.listCollectionRestoreJobsPage(PROD, 'orders-rs');
    await assert.rejects(
      c.createCollectionRestoreJob(PROD, 'orders-rs', {
        snapshotId: HEX,
        targetGroupId: SANDBOX,
        targetClusterName: 'sandbox-001',
        writeStrategy: 'CREATE_NEW',
        indexStrategy: 'ALL',
        collections: [{ sourceNamespace: 'shop.orders' }],
      }),
      (e: unknown) => {
        assert.ok(e instanceof AtlasApiError);
        assert.equal(e.status, 403);
        assert.match(e.message, /Project Backup Recovery Operator/);
        return true;
      },
    );
  });

  test("Atlas's refusal of a namespace the snapshot lacks comes back as a 400 naming it", async () => {
    const c = client();
    const { snapshotId } = await source(c);
    await assert.rejects(
      c.createCollectionRestoreJob(PROD, 'orders-rs', {
        snapshotId,
        targetGroupId: SANDBOX,
        targetClusterName: 'sandbox-001',
        writeStrategy: 'CREATE_NEW',
        indexStrategy: 'ALL',
        collections: [{ sourceNamespace: 'nowhere.nothing' }],
      }),
      (e: unknown) => {
        assert.ok(e instanceof AtlasApiError);
        assert.equal(e.status, 400);
        assert.match(e.message, /nowhere\.nothing/);
        return true;
      },
    );
  });

  test('malformed requests are refused before anything is sent, in one line naming the field', async () => {
    const c = client();
    const ok: CreateCollectionRestoreJobRequest = {
      snapshotId: HEX,
      targetGroupId: HEX,
      targetClusterName: 'target',
      writeStrategy: 'CREATE_NEW',
      indexStrategy: 'ALL',
      collections: [{ sourceNamespace: 'shop.orders' }],
    };
    const bad = (over: Record<string, unknown>): CreateCollectionRestoreJobRequest => ({ ...ok, ...over });
    const cases: [CreateCollectionRestoreJobRequest, RegExp][] = [
      [
        bad({ writeStrategy: 'create-new' }),
        /^writeStrategy "create-new" is not valid: it must be one of CREATE_NEW, OVERWRITE_EXISTING/,
      ],
      [bad({ indexStrategy: undefined }), /^indexStrategy undefined is not valid/],
      [bad({ targetGroupId: 'nope' }), /^targetGroupId "nope"/],
      [bad({ targetClusterName: '../x' }), /^targetClusterName "\.\.\/x"/],
      [bad({ snapshotId: undefined }), /exactly one of snapshotId, pointInTimeUtcSeconds, or oplogTs with oplogInc/],
      [bad({ pointInTimeUtcSeconds: 1_800_000_000 }), /exactly one of/],
      [bad({ snapshotId: undefined, oplogTs: 1_800_000_000 }), /oplogInc is missing/],
      [bad({ snapshotId: undefined, pointInTimeUtcSeconds: 12.5 }), /^pointInTimeUtcSeconds 12\.5 is not valid/],
      [bad({ collections: [] }), /at least one collection or database/],
      [bad({ databases: [{ sourceNamespace: 'shop' }] }), /collections or databases, not both/],
      [
        bad({ collections: [{ sourceNamespace: 'orders' }] }),
        /^collections\[0\]\.sourceNamespace "orders" is not valid: it must be database\.collection/,
      ],
      [
        bad({ collections: [{ sourceNamespace: 'shop.orders', targetNamespace: 'x.' }] }),
        /^collections\[0\]\.targetNamespace "x\."/,
      ],
      [
        bad({ collections: undefined, databases: [{ sourceNamespace: 'shop.orders' }] }),
        /^databases\[0\]\.sourceNamespace "shop\.orders" is not valid: it must be a database name/,
      ],
      [bad({ collections: Array.from({ length: 101 }, (_, i) => ({ sourceNamespace: `db.c${i}` })) }), /at most 100/],
      [bad({ databaseSuffix: '.x' }), /^databaseSuffix "\.x"/],
    ];
    const before = sim.requests.length;
    for (const [request, message] of cases) {
      await assert.rejects(c.createCollectionRestoreJob(PROD, 'orders-rs', request), (e: unknown) => {
        assert.ok(e instanceof RangeError, String(e));
        assert.match(e.message, message);
        assert.match(e.message, /Nothing was sent\.$/);
        assert.ok(!e.message.includes('\n'));
        return true;
      });
    }
    await assert.rejects(c.getCollectionRestoreJob(PROD, 'orders-rs', 'x'), /restoreJobId/);
    await assert.rejects(c.getCollectionRestoreJobCollection(PROD, 'orders-rs', HEX, '../x'), /sourceNamespace/);
    assert.equal(sim.requests.length, before, 'nothing reached the simulator');
  });

  test('the body carries only what Atlas reads, with its spelling pointInTimeUtcSeconds', () => {
    assert.deepEqual(
      collectionRestoreJobBody({
        pointInTimeUtcSeconds: 1_800_000_000,
        targetGroupId: HEX,
        targetClusterName: 't',
        writeStrategy: 'OVERWRITE_EXISTING',
        indexStrategy: 'ALL_EXCEPT_TTL',
        databases: [{ sourceNamespace: 'shop', targetNamespace: '' }],
        collectionSuffix: '',
        databaseSuffix: '_r',
        extra: 'dropped',
      } as CreateCollectionRestoreJobRequest),
      {
        pointInTimeUtcSeconds: 1_800_000_000,
        databases: [{ sourceNamespace: 'shop' }],
        targetGroupId: HEX,
        targetClusterName: 't',
        writeStrategy: 'OVERWRITE_EXISTING',
        indexStrategy: 'ALL_EXCEPT_TTL',
        databaseSuffix: '_r',
      },
    );
  });
});

describe('Flex backups through the client', () => {
  test("a project's Flex clusters and their snapshots (2024-11-13), as the seed describes them", async () => {
    const c = client();
    const names = [];
    for await (const f of c.listFlexClusters(FLEX.projectId)) names.push(f.name);
    assert.deepEqual(
      names,
      describeSeed()
        .flexClusters.filter((f) => f.projectId === FLEX.projectId)
        .map((f) => f.name),
    );
    assert.equal((await c.getFlexCluster(FLEX.projectId, FLEX.name)).providerSettings?.providerName, 'FLEX');
    const snaps = [];
    for await (const s of c.listFlexSnapshots(FLEX.projectId, FLEX.name, { itemsPerPage: 3 })) snaps.push(s);
    assert.equal(snaps.length, FLEX.snapshots, 'followed the pages');
    assert.equal((await c.getFlexSnapshot(FLEX.projectId, FLEX.name, snaps[0].id!)).id, snaps[0].id);
    assert.ok(sent('/flexClusters').every((r) => r.accept === 'application/vnd.atlas.2024-11-13+json'));
  });

  test('a download: snapshotUrl and its four-hour expiry; the projection keeps both', async () => {
    const c = client();
    const [snap] = (await c.listFlexSnapshotsPage(FLEX.projectId, FLEX.name)).results;
    const job = await c.downloadFlexSnapshot(FLEX.projectId, FLEX.name, snap.id!);
    assert.equal(job.deliveryType, 'DOWNLOAD');
    assert.ok(job.snapshotUrl);
    assert.equal(Date.parse(job.expirationDate!) - clock, 4 * 3_600_000);
    const p = projectFlexRestoreJob(job);
    assert.equal(p.kind, 'flex');
    assert.equal(p.deliveryType, 'download');
    assert.deepEqual(p.deliveryUrl, [job.snapshotUrl]);
    const listed = (await c.listFlexRestoreJobsPage(FLEX.projectId, FLEX.name)).results;
    assert.equal(listed[0].id, job.id);
  });

  test('a restore onto a dedicated cluster, watched on the clock until COMPLETED', async () => {
    const c = client();
    const [snap] = (await c.listFlexSnapshotsPage(FLEX.projectId, FLEX.name)).results;
    const target = describeSeed().clusters.find((x) => x.projectName === FLEX.projectName)!;
    const job = await c.createFlexRestoreJob(FLEX.projectId, FLEX.name, {
      snapshotId: snap.id!,
      targetDeploymentItemName: target.name,
      targetProjectId: FLEX.projectId,
    });
    assert.equal(projectFlexRestoreJob(job).state, 'in-progress');
    let now = job;
    for (let i = 0; i < 40 && now.status !== 'COMPLETED'; i++) {
      clock += 500;
      now = await c.getFlexRestoreJob(FLEX.projectId, FLEX.name, job.id!);
    }
    const p = projectFlexRestoreJob(now);
    assert.equal(p.state, 'completed');
    assert.equal(p.targetClusterName, target.name);
    assert.ok(p.finishedAt);
  });

  test('a restore or download that may have reached Atlas is sent once', async () => {
    const c = client();
    const [snap] = (await c.listFlexSnapshotsPage(FLEX.projectId, FLEX.name)).results;
    sim.faults.add({
      pathPrefix: `/api/atlas/v2/groups/${FLEX.projectId}/flexClusters/`,
      method: 'POST',
      drop: true,
      count: 6,
    });
    await assert.rejects(c.downloadFlexSnapshot(FLEX.projectId, FLEX.name, snap.id!), (e: unknown) =>
      mayHaveReachedAtlas(e),
    );
    await assert.rejects(
      c.createFlexRestoreJob(FLEX.projectId, FLEX.name, { snapshotId: snap.id!, targetDeploymentItemName: FLEX.name }),
      (e: unknown) => mayHaveReachedAtlas(e),
    );
    assert.equal(sent('/flexClusters').filter((r) => r.method === 'POST').length, 2);
  });

  test('malformed Flex requests are refused unsent, naming the field; a Backup Manager cannot download', async () => {
    const c = client();
    const before = sim.requests.length;
    await assert.rejects(c.downloadFlexSnapshot(FLEX.projectId, FLEX.name, 'nope'), /^RangeError: snapshotId "nope"/);
    await assert.rejects(
      c.createFlexRestoreJob(FLEX.projectId, FLEX.name, { snapshotId: HEX, targetDeploymentItemName: 'a/b' }),
      /targetDeploymentItemName "a\/b" is not valid.*Nothing was sent\./,
    );
    await assert.rejects(
      c.createFlexRestoreJob(FLEX.projectId, FLEX.name, {
        snapshotId: HEX,
        targetDeploymentItemName: 'x',
        targetProjectId: 'P',
      }),
      /targetProjectId "P"/,
    );
    await assert.rejects(c.getFlexCluster(FLEX.projectId, '../x'), /clusterName/);
    assert.equal(sim.requests.length, before);
    assert.deepEqual(flexRestoreJobBody({ snapshotId: HEX, targetDeploymentItemName: 'Café-1' }), {
      snapshotId: HEX,
      targetDeploymentItemName: 'Café-1',
    });
    const [snap] = (await c.listFlexSnapshotsPage(FLEX.projectId, FLEX.name)).results;
    await assert.rejects(
      client(BACKUP_MANAGER).downloadFlexSnapshot(FLEX.projectId, FLEX.name, snap.id!),
      /Project Backup Export Operator/,
    );
  });
});
