// The client's restore-job operations against the simulator: what goes out (version, method, body), what comes back,
// and that a create or cancel is sent once, never retried once it may have reached Atlas.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AtlasApiError,
  AtlasClient,
  mayHaveReachedAtlas,
  restoreJobBody,
  type AtlasClientOptions,
  type Credentials,
  type RestoreJob,
} from '../../../../src/core/atlas';
import { AtlasSimulator, DEMO_CREDENTIALS, SEED } from '../../../../src/simulator';

const OWNER: Credentials = { kind: 'serviceAccount', ...DEMO_CREDENTIALS.serviceAccount };
const BACKUP_MANAGER: Credentials = { kind: 'serviceAccount', ...DEMO_CREDENTIALS.backupManagerServiceAccount };
const PROD = SEED.projects.production.id;
const SANDBOX = SEED.projects.sandbox.id;
const START = Date.parse('2026-11-22T06:00:00Z');

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

const restoreRequests = () => sim.requests.filter((r) => r.path.includes('/restoreJobs'));

async function newestSnapshotId(c: AtlasClient): Promise<string> {
  const page = await c.listSnapshotsPage(PROD, 'orders-rs', { itemsPerPage: 20 });
  return page.results.find((s) => s.status === 'completed')!.id!;
}

test('list, create, watch to the end on the clock, and read one job', async () => {
  const c = client();
  const seeded: RestoreJob[] = [];
  for await (const j of c.listRestoreJobs(PROD, 'orders-rs')) seeded.push(j);
  assert.deepEqual(
    seeded.map((j) => j.deliveryType),
    ['automated', 'download'],
  );
  const snapshotId = await newestSnapshotId(c);
  const job = await c.createRestoreJob(PROD, 'orders-rs', {
    deliveryType: 'automated',
    snapshotId,
    targetGroupId: SANDBOX,
    targetClusterName: 'sandbox-002',
  });
  const post = restoreRequests().find((r) => r.method === 'POST')!;
  assert.equal(post.accept, 'application/vnd.atlas.2023-01-01+json');
  assert.equal(job.finishedAt, undefined);
  clock += 60_000;
  const done = await c.getRestoreJob(PROD, 'orders-rs', job.id!);
  assert.ok(done.finishedAt, 'finished once the clock moved past its duration');
  assert.equal(done.targetClusterName, 'sandbox-002');
});

test('a cancelled job says so; cancelling a finished one is a 405 naming why', async () => {
  const c = client();
  const job = await c.createRestoreJob(PROD, 'orders-rs', {
    deliveryType: 'download',
    snapshotId: await newestSnapshotId(c),
  });
  await c.cancelRestoreJob(PROD, 'orders-rs', job.id!);
  assert.equal((await c.getRestoreJob(PROD, 'orders-rs', job.id!)).cancelled, true);
  const finished = (await c.listRestoreJobsPage(PROD, 'orders-rs')).results.find(
    (j) => j.deliveryType === 'automated',
  )!;
  await assert.rejects(c.cancelRestoreJob(PROD, 'orders-rs', finished.id!), (e: unknown) => {
    assert.ok(e instanceof AtlasApiError);
    assert.equal(e.status, 405);
    assert.match(e.message, /finished/);
    return true;
  });
});

test('a create that may have reached Atlas (503) is sent once, not retried, and says it may have happened', async () => {
  const c = client();
  const snapshotId = await newestSnapshotId(c);
  sim.faults.add({
    pathPrefix: `/api/atlas/v2/groups/${PROD}/clusters/orders-rs/backup/restoreJobs`,
    method: 'POST',
    status: 503,
    count: 3,
  });
  const before = restoreRequests().length;
  await assert.rejects(
    c.createRestoreJob(PROD, 'orders-rs', { deliveryType: 'download', snapshotId }),
    (e: unknown) => {
      assert.ok(mayHaveReachedAtlas(e), String(e));
      return true;
    },
  );
  assert.equal(restoreRequests().length - before, 1, 'one request');
});

test('a cancel whose connection drops is not repeated either', async () => {
  const c = client();
  const job = await c.createRestoreJob(PROD, 'orders-rs', {
    deliveryType: 'download',
    snapshotId: await newestSnapshotId(c),
  });
  sim.faults.add({
    pathPrefix: `/api/atlas/v2/groups/${PROD}/clusters/orders-rs/backup/restoreJobs/`,
    method: 'DELETE',
    drop: true,
    count: 3,
  });
  await assert.rejects(c.cancelRestoreJob(PROD, 'orders-rs', job.id!), (e: unknown) => mayHaveReachedAtlas(e));
  assert.equal(restoreRequests().filter((r) => r.method === 'DELETE').length, 1);
});

test('a Backup Manager may list but not start a restore: the 403 names the roles to ask for', async () => {
  const c = client(BACKUP_MANAGER);
  await c.listRestoreJobsPage(PROD, 'orders-rs');
  await assert.rejects(
    c.createRestoreJob(PROD, 'orders-rs', { deliveryType: 'download', snapshotId: 'a'.repeat(24) }),
    (e: unknown) => {
      assert.ok(e instanceof AtlasApiError);
      assert.equal(e.status, 403);
      assert.match(
        e.message,
        /Starting a restore needs the Project Backup Recovery Operator or Project Backup Export Operator role/,
      );
      return true;
    },
  );
});

test('malformed requests are refused before anything is sent, naming the field', async () => {
  const c = client();
  const s = 'a'.repeat(24);
  const cases: [Parameters<AtlasClient['createRestoreJob']>[2], RegExp][] = [
    [{ deliveryType: 'download', snapshotId: 'nope' }, /snapshotId "nope" is not valid/],
    [
      { deliveryType: 'automated', snapshotId: s, targetGroupId: s, targetClusterName: '../x' },
      /targetClusterName "\.\.\/x" is not valid/,
    ],
    [
      {
        deliveryType: 'pointInTime',
        targetGroupId: s,
        targetClusterName: 'x',
        pointInTimeUTCSeconds: 1_800_000_000,
        oplogTs: 1_800_000_000,
        oplogInc: 1,
      },
      /not both/,
    ],
    [{ deliveryType: 'pointInTime', targetGroupId: s, targetClusterName: 'x' }, /needs pointInTimeUTCSeconds/],
    [
      { deliveryType: 'pointInTime', targetGroupId: s, targetClusterName: 'x', pointInTimeUTCSeconds: 1.5e9 + 0.5 },
      /pointInTimeUTCSeconds 1500000000.5 is not valid/,
    ],
    [
      { deliveryType: 'pointInTime', targetGroupId: s, targetClusterName: 'x', oplogTs: 1_800_000_000 },
      /needs both oplogTs and oplogInc; oplogInc is missing/,
    ],
  ];
  for (const [request, message] of cases) {
    await assert.rejects(c.createRestoreJob(PROD, 'orders-rs', request), message);
  }
  await assert.rejects(c.getRestoreJob(PROD, 'orders-rs', 'x'), /restoreJobId/);
  assert.equal(restoreRequests().length, 0, 'nothing reached the simulator');
});

test('the body carries only what Atlas reads for that kind of restore', () => {
  const s = 'a'.repeat(24);
  const extra = { deliveryType: 'download', snapshotId: s, targetGroupId: s, targetClusterName: 'x' } as const;
  assert.deepEqual(restoreJobBody(extra), { deliveryType: 'download', snapshotId: s });
  assert.deepEqual(
    restoreJobBody({
      deliveryType: 'pointInTime',
      targetGroupId: s,
      targetClusterName: 'x',
      oplogTs: 1_800_000_000,
      oplogInc: 2,
    }),
    { deliveryType: 'pointInTime', targetGroupId: s, targetClusterName: 'x', oplogTs: 1_800_000_000, oplogInc: 2 },
  );
});

test("a snapshot's databases and collections, by name; names that could change the path are refused unsent", async () => {
  const c = client();
  const snapshotId = await newestSnapshotId(c);
  const dbs: string[] = [];
  for await (const d of c.listSnapshotDatabases(PROD, 'orders-rs', snapshotId, { itemsPerPage: 1 })) dbs.push(d.name);
  assert.deepEqual(dbs, ['reporting', 'shop'], 'followed the pages');
  const cols: string[] = [];
  for await (const col of c.listSnapshotCollections(PROD, 'orders-rs', snapshotId, 'reporting')) cols.push(col.name);
  assert.deepEqual(cols, ['daily_totals', 'orders.archive']);
  assert.equal(
    (await c.getSnapshotCollection(PROD, 'orders-rs', snapshotId, 'reporting', 'orders.archive')).name,
    'orders.archive',
  );
  await assert.rejects(c.getSnapshotCollection(PROD, 'orders-rs', snapshotId, 'shop', 'missing'), (e: unknown) => {
    assert.ok(e instanceof AtlasApiError);
    assert.equal(e.status, 404);
    return true;
  });
  const before = sim.requests.length;
  await assert.rejects(c.getSnapshotDatabase(PROD, 'orders-rs', snapshotId, '../x'), /databaseName/);
  await assert.rejects(c.getSnapshotDatabase(PROD, 'orders-rs', snapshotId, 'a.b'), /databaseName/);
  await assert.rejects(c.getSnapshotCollection(PROD, 'orders-rs', snapshotId, 'shop', '..'), /collectionName/);
  await assert.rejects(c.getSnapshotCollection(PROD, 'orders-rs', snapshotId, 'shop', ''), /collectionName/);
  assert.equal(sim.requests.length, before, 'nothing was sent');
});
