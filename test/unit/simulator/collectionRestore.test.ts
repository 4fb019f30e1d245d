// Collection-level restore jobs in the simulator (issue #18): jobs that move INITIALIZING → IN_PROGRESS → FINALIZING →
// SUCCESSFUL on the simulator's clock with restoredDocuments growing, the namespaces checked against the snapshot, a
// CREATE_NEW onto an existing collection renamed rather than overwritten, no way to cancel, and every answer valid
// against the spec's shapes. Raw HTTP only, no product code.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AtlasSimulator, DEMO_CREDENTIALS, SEED } from '../../../src/simulator';
import { BearerClient, FakeClock, V2023 } from './helpers';
import {
  API_ERROR,
  COLLECTION_RESTORE_JOB,
  COLLECTION_RESTORE_JOB_PAGE,
  COLLECTION_RESTORE_STATE,
  COLLECTION_RESTORE_STATE_PAGE,
  violations,
  type Schema,
} from './restoreJobSchema';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const V2025 = 'application/vnd.atlas.2025-03-12+json';
const { production, sandbox } = SEED.projects;
const jobsPath = (groupId: string, cluster: string) =>
  `/api/atlas/v2/groups/${groupId}/clusters/${cluster}/collectionRestoreJobs`;
const ORDERS = jobsPath(production.id, 'orders-rs');

const clock = new FakeClock();
const sim = new AtlasSimulator({ now: clock.now });
let api: BearerClient;
before(async () => {
  api = new BearerClient((await sim.start()).url);
});
after(() => sim.stop());
beforeEach(() => {
  clock.ms = Date.UTC(2026, 10, 22, 12, 0, 0);
  sim.reset();
});

function conforms(body: unknown, schema: Schema): void {
  assert.deepEqual(violations(body, schema), [], JSON.stringify(body));
}

async function get(path: string, schema: Schema): Promise<{ status: number; body: Obj }> {
  const r = await api.json<Obj>(path, { accept: V2025 });
  conforms(r.body, r.status >= 400 ? API_ERROR : schema);
  return r;
}

async function create(body: unknown, path = ORDERS): Promise<{ status: number; body: Obj }> {
  const r = await api.json<Obj>(path, { method: 'POST', accept: V2025, body });
  conforms(r.body, r.status >= 400 ? API_ERROR : COLLECTION_RESTORE_JOB);
  return r;
}

/** The newest completed snapshot of orders-rs and what it holds, from the simulator's own answers. */
async function newestSnapshot(): Promise<{ id: string; databases: Map<string, string[]> }> {
  const snaps = `/api/atlas/v2/groups/${production.id}/clusters/orders-rs/backup/snapshots`;
  const list = await api.json<Obj>(snaps, { accept: V2023 });
  const id = (list.body.results as Obj[]).find((s) => s.status === 'completed')!.id as string;
  const databases = new Map<string, string[]>();
  const dbs = await api.json<Obj>(`${snaps}/${id}/databases`, { accept: V2025 });
  for (const db of dbs.body.results as Obj[]) {
    const cols = await api.json<Obj>(`${snaps}/${id}/databases/${db.name}/collections`, { accept: V2025 });
    databases.set(
      db.name,
      (cols.body.results as Obj[]).map((c) => c.name as string),
    );
  }
  return { id, databases };
}

const onto = { targetGroupId: sandbox.id, targetClusterName: 'sandbox-001' };

describe('collection restore jobs: lifecycle on the clock', () => {
  test('INITIALIZING → IN_PROGRESS with restoredDocuments growing → FINALIZING → SUCCESSFUL, then it stays', async () => {
    const snap = await newestSnapshot();
    const [db, cols] = [...snap.databases][0];
    const created = await create({
      snapshotId: snap.id,
      ...onto,
      writeStrategy: 'CREATE_NEW',
      indexStrategy: 'ALL',
      collections: [{ sourceNamespace: `${db}.${cols[0]}` }],
    });
    assert.equal(created.status, 201);
    const job = created.body;
    assert.equal(job.state, 'INITIALIZING');
    assert.equal(job.restoredDocuments, 0);
    assert.ok(job.totalDocuments > 0);
    assert.equal(Date.parse(job.createdAt), clock.ms);
    assert.equal(job.finishedAt, undefined);
    assert.deepEqual(job.collections, [{ sourceNamespace: `${db}.${cols[0]}`, targetNamespace: `${db}.${cols[0]}` }]);

    const seen: Obj[] = [];
    for (let i = 0; i < 40; i++) {
      const r = await get(`${ORDERS}/${job.id}`, COLLECTION_RESTORE_JOB);
      seen.push(r.body);
      if (r.body.state === 'SUCCESSFUL') break;
      clock.advance(0.25);
    }
    const states = seen.map((j) => j.state).filter((s, i, a) => a.indexOf(s) === i);
    assert.deepEqual(states, ['INITIALIZING', 'IN_PROGRESS', 'FINALIZING', 'SUCCESSFUL']);
    const counts = seen.map((j) => j.restoredDocuments as number);
    assert.ok(
      counts.every((n, i) => i === 0 || n >= counts[i - 1]),
      `never shrinks: ${counts.join(',')}`,
    );
    const during = seen.filter((j) => j.state === 'IN_PROGRESS').map((j) => j.restoredDocuments as number);
    assert.ok(new Set(during).size > 1, 'grows while in progress');
    assert.ok(during.every((n) => n < job.totalDocuments));
    const done = seen.at(-1)!;
    assert.equal(done.restoredDocuments, done.totalDocuments);
    assert.ok(Date.parse(done.finishedAt) <= clock.ms && Date.parse(done.finishedAt) > Date.parse(done.createdAt));
    clock.advance(86_400);
    assert.equal((await get(`${ORDERS}/${job.id}`, COLLECTION_RESTORE_JOB)).body.state, 'SUCCESSFUL');
    const list = await get(ORDERS, COLLECTION_RESTORE_JOB_PAGE);
    assert.deepEqual(
      list.body.results.map((j: Obj) => j.id),
      [job.id],
    );
  });

  test('a whole database expands to its collections; their states are empty while initializing, then listed', async () => {
    const snap = await newestSnapshot();
    const [db, cols] = [...snap.databases].find(([, c]) => c.length > 1)!;
    const { body: job } = await create({
      snapshotId: snap.id,
      ...onto,
      writeStrategy: 'CREATE_NEW',
      indexStrategy: 'NONE',
      databases: [{ sourceNamespace: db, targetNamespace: `${db}_copy` }],
    });
    const statesPath = `${ORDERS}/${job.id}/collections`;
    assert.deepEqual((await get(statesPath, COLLECTION_RESTORE_STATE_PAGE)).body.results, []);
    for (
      let i = 0;
      i < 40 && (await get(`${ORDERS}/${job.id}`, COLLECTION_RESTORE_JOB)).body.state !== 'SUCCESSFUL';
      i++
    )
      clock.advance(0.5);
    const states = (await get(statesPath, COLLECTION_RESTORE_STATE_PAGE)).body.results as Obj[];
    assert.deepEqual(states.map((s) => s.sourceNamespace).sort(), cols.map((c) => `${db}.${c}`).sort());
    for (const s of states) {
      assert.equal(s.state, 'SUCCESSFUL');
      assert.equal(s.restoredDocuments, s.totalDocuments);
      assert.equal(s.effectiveTargetNamespace, `${db}_copy.${(s.sourceNamespace as string).slice(db.length + 1)}`);
      assert.equal(s.indexStatus.state, 'NOT_RESTORED', 'indexStrategy NONE restores no index');
    }
    const one = await get(`${statesPath}/${encodeURIComponent(states[0].sourceNamespace)}`, COLLECTION_RESTORE_STATE);
    assert.deepEqual(one.body, states[0]);
    const filtered = await get(
      `${statesPath}?sourceNamespace=${encodeURIComponent(states[1].sourceNamespace)}`,
      COLLECTION_RESTORE_STATE_PAGE,
    );
    assert.deepEqual(filtered.body.results, [states[1]]);
    assert.equal((await get(`${statesPath}?state=BOGUS`, COLLECTION_RESTORE_STATE_PAGE)).status, 400);
    assert.equal(
      (await get(`${statesPath}/${encodeURIComponent(`${db}.nope`)}`, COLLECTION_RESTORE_STATE)).status,
      404,
    );
  });

  test('a job made to fail ends FAILED with an errorMessage and the documents it had copied', async () => {
    const snap = await newestSnapshot();
    const [db, cols] = [...snap.databases][0];
    sim.setRestoreSpeed({ failNext: 1, minSeconds: 10 });
    const { body: job } = await create({
      snapshotId: snap.id,
      ...onto,
      writeStrategy: 'OVERWRITE_EXISTING',
      indexStrategy: 'ALL_EXCEPT_TTL',
      collections: [{ sourceNamespace: `${db}.${cols[0]}` }],
    });
    clock.advance(60);
    const r = await get(`${ORDERS}/${job.id}`, COLLECTION_RESTORE_JOB);
    assert.equal(r.body.state, 'FAILED');
    assert.ok(r.body.errorMessage);
    assert.ok(r.body.restoredDocuments > 0 && r.body.restoredDocuments < r.body.totalDocuments);
    assert.ok(Date.parse(r.body.finishedAt) < clock.ms);
  });

  test('its duration grows with restore-speed: a slow setting keeps it in progress', async () => {
    const snap = await newestSnapshot();
    const [db, cols] = [...snap.databases][0];
    sim.setRestoreSpeed({ minSeconds: 600 });
    const { body: job } = await create({
      snapshotId: snap.id,
      ...onto,
      writeStrategy: 'CREATE_NEW',
      indexStrategy: 'ALL',
      collections: [{ sourceNamespace: `${db}.${cols[0]}` }],
    });
    clock.advance(300);
    assert.equal((await get(`${ORDERS}/${job.id}`, COLLECTION_RESTORE_JOB)).body.state, 'IN_PROGRESS');
    clock.advance(301);
    assert.equal((await get(`${ORDERS}/${job.id}`, COLLECTION_RESTORE_JOB)).body.state, 'SUCCESSFUL');
  });
});

describe('collection restore jobs: what the target already holds', () => {
  test('CREATE_NEW onto an existing collection writes it under a new name; OVERWRITE_EXISTING replaces it', async () => {
    const snap = await newestSnapshot();
    const [db, cols] = [...snap.databases][0];
    const ns = `${db}.${cols[0]}`;
    // Onto its own source: the collection exists there.
    const self = { targetGroupId: production.id, targetClusterName: 'orders-rs' };
    const fresh = await create({
      snapshotId: snap.id,
      ...self,
      writeStrategy: 'CREATE_NEW',
      indexStrategy: 'ALL',
      collections: [{ sourceNamespace: ns }],
    });
    assert.equal(fresh.status, 201);
    const over = await create({
      snapshotId: snap.id,
      ...self,
      writeStrategy: 'OVERWRITE_EXISTING',
      indexStrategy: 'ALL',
      collections: [{ sourceNamespace: ns }],
    });
    clock.advance(120);
    const effective = async (id: string) =>
      ((await get(`${ORDERS}/${id}/collections`, COLLECTION_RESTORE_STATE_PAGE)).body.results as Obj[])[0]
        .effectiveTargetNamespace as string;
    const renamed = await effective(fresh.body.id);
    assert.notEqual(renamed, ns);
    assert.ok(renamed.startsWith(ns), renamed);
    assert.equal(await effective(over.body.id), ns);
    // A second CREATE_NEW does not collide with the first one's copy either.
    const again = await create({
      snapshotId: snap.id,
      ...self,
      writeStrategy: 'CREATE_NEW',
      indexStrategy: 'ALL',
      collections: [{ sourceNamespace: ns }],
    });
    clock.advance(120);
    const third = await effective(again.body.id);
    assert.ok(third !== ns && third !== renamed, third);
  });

  test('suffixes apply to the target names', async () => {
    const snap = await newestSnapshot();
    const [db, cols] = [...snap.databases][0];
    const { body: job } = await create({
      snapshotId: snap.id,
      ...onto,
      writeStrategy: 'CREATE_NEW',
      indexStrategy: 'ALL',
      databaseSuffix: '_db',
      collectionSuffix: '_col',
      collections: [{ sourceNamespace: `${db}.${cols[0]}` }],
    });
    assert.equal(job.databaseSuffix, '_db');
    assert.equal(job.collectionSuffix, '_col');
    clock.advance(120);
    const [state] = (await get(`${ORDERS}/${job.id}/collections`, COLLECTION_RESTORE_STATE_PAGE)).body.results;
    assert.equal(state.effectiveTargetNamespace, `${db}_db.${cols[0]}_col`);
    assert.equal(state.targetNamespace, `${db}.${cols[0]}`);
  });
});

describe('collection restore jobs: refused before anything starts', () => {
  const refusals: [string, (snapshotId: string, ns: string) => Obj, number, string, string?][] = [
    [
      'a namespace not in the snapshot',
      (id) => ({
        snapshotId: id,
        ...onto,
        writeStrategy: 'CREATE_NEW',
        indexStrategy: 'ALL',
        collections: [{ sourceNamespace: 'nowhere.nothing' }],
      }),
      400,
      'VALIDATION_ERROR',
      'collections[0].sourceNamespace',
    ],
    [
      'a database not in the snapshot',
      (id) => ({
        snapshotId: id,
        ...onto,
        writeStrategy: 'CREATE_NEW',
        indexStrategy: 'ALL',
        databases: [{ sourceNamespace: 'nowhere' }],
      }),
      400,
      'VALIDATION_ERROR',
      'databases[0].sourceNamespace',
    ],
    [
      'a target cluster that does not exist',
      (id, ns) => ({
        snapshotId: id,
        targetGroupId: sandbox.id,
        targetClusterName: 'no-such-cluster',
        writeStrategy: 'CREATE_NEW',
        indexStrategy: 'ALL',
        collections: [{ sourceNamespace: ns }],
      }),
      404,
      'CLUSTER_NOT_FOUND',
    ],
    [
      'a target project that does not exist',
      (id, ns) => ({
        snapshotId: id,
        targetGroupId: 'ffffffffffffffffffffffff',
        targetClusterName: 'x',
        writeStrategy: 'CREATE_NEW',
        indexStrategy: 'ALL',
        collections: [{ sourceNamespace: ns }],
      }),
      404,
      'GROUP_NOT_FOUND',
    ],
    [
      'no writeStrategy',
      (id, ns) => ({ snapshotId: id, ...onto, indexStrategy: 'ALL', collections: [{ sourceNamespace: ns }] }),
      400,
      'MISSING_ATTRIBUTE',
      'writeStrategy',
    ],
    [
      'an unknown indexStrategy',
      (id, ns) => ({
        snapshotId: id,
        ...onto,
        writeStrategy: 'CREATE_NEW',
        indexStrategy: 'SOME',
        collections: [{ sourceNamespace: ns }],
      }),
      400,
      'INVALID_ENUM_VALUE',
      'indexStrategy',
    ],
    [
      'both collections and databases',
      (id, ns) => ({
        snapshotId: id,
        ...onto,
        writeStrategy: 'CREATE_NEW',
        indexStrategy: 'ALL',
        collections: [{ sourceNamespace: ns }],
        databases: [{ sourceNamespace: ns.split('.')[0] }],
      }),
      400,
      'VALIDATION_ERROR',
      'databases',
    ],
    [
      'neither collections nor databases',
      (id) => ({ snapshotId: id, ...onto, writeStrategy: 'CREATE_NEW', indexStrategy: 'ALL' }),
      400,
      'VALIDATION_ERROR',
      'collections',
    ],
    [
      'a snapshot and a point in time',
      (id, ns) => ({
        snapshotId: id,
        pointInTimeUtcSeconds: Math.floor(clock.ms / 1000) - 60,
        ...onto,
        writeStrategy: 'CREATE_NEW',
        indexStrategy: 'ALL',
        collections: [{ sourceNamespace: ns }],
      }),
      400,
      'VALIDATION_ERROR',
    ],
    [
      'a point in time without continuous backup',
      (_id, ns) => ({
        pointInTimeUtcSeconds: Math.floor(clock.ms / 1000) - 60,
        ...onto,
        writeStrategy: 'CREATE_NEW',
        indexStrategy: 'ALL',
        collections: [{ sourceNamespace: ns }],
      }),
      400,
      'VALIDATION_ERROR',
      'pointInTimeUtcSeconds',
    ],
    [
      'the snapshot restore spelling pointInTimeUTCSeconds',
      (_id, ns) => ({
        pointInTimeUTCSeconds: Math.floor(clock.ms / 1000) - 60,
        ...onto,
        writeStrategy: 'CREATE_NEW',
        indexStrategy: 'ALL',
        collections: [{ sourceNamespace: ns }],
      }),
      400,
      'INVALID_ATTRIBUTE',
    ],
    [
      'a snapshot that does not exist',
      (_id, ns) => ({
        snapshotId: 'ffffffffffffffffffffffff',
        ...onto,
        writeStrategy: 'CREATE_NEW',
        indexStrategy: 'ALL',
        collections: [{ sourceNamespace: ns }],
      }),
      404,
      'SNAPSHOT_NOT_FOUND',
    ],
  ];
  for (const [what, body, status, code, field] of refusals) {
    test(`${what} → ${status} ${code}, and no job`, async () => {
      const snap = await newestSnapshot();
      const [db, cols] = [...snap.databases][0];
      const r = await create(body(snap.id, `${db}.${cols[0]}`));
      assert.equal(r.status, status, JSON.stringify(r.body));
      assert.equal(r.body.errorCode, code);
      if (field) assert.ok(JSON.stringify(r.body).includes(field), JSON.stringify(r.body));
      assert.deepEqual((await get(ORDERS, COLLECTION_RESTORE_JOB_PAGE)).body.results, []);
    });
  }

  test('a point in time inside the window of a continuous-backup cluster is accepted, outside it refused', async () => {
    const ledger = jobsPath(production.id, 'ledger-pit');
    const snaps = await api.json<Obj>(`/api/atlas/v2/groups/${production.id}/clusters/ledger-pit/backup/snapshots`, {
      accept: V2023,
    });
    const snapId = (snaps.body.results as Obj[]).find((s) => s.status === 'completed')!.id;
    const dbs = await api.json<Obj>(
      `/api/atlas/v2/groups/${production.id}/clusters/ledger-pit/backup/snapshots/${snapId}/databases`,
      { accept: V2025 },
    );
    const db = (dbs.body.results as Obj[])[0].name as string;
    const base = { ...onto, writeStrategy: 'CREATE_NEW', indexStrategy: 'ALL', databases: [{ sourceNamespace: db }] };
    const ok = await create({ ...base, pointInTimeUtcSeconds: Math.floor(clock.ms / 1000) - 600 }, ledger);
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    assert.equal(ok.body.pointInTimeUtcSeconds, Math.floor(clock.ms / 1000) - 600);
    const future = await create({ ...base, pointInTimeUtcSeconds: Math.floor(clock.ms / 1000) + 600 }, ledger);
    assert.equal(future.status, 400);
    assert.match(future.body.detail, /outside the restorable window/);
  });

  test('a collection job cannot be cancelled: there is no DELETE, and the job goes on', async () => {
    const snap = await newestSnapshot();
    const [db, cols] = [...snap.databases][0];
    const { body: job } = await create({
      snapshotId: snap.id,
      ...onto,
      writeStrategy: 'CREATE_NEW',
      indexStrategy: 'ALL',
      collections: [{ sourceNamespace: `${db}.${cols[0]}` }],
    });
    const del = await api.json<Obj>(`${ORDERS}/${job.id}`, { method: 'DELETE', accept: V2025 });
    assert.ok(del.status === 404 || del.status === 405, String(del.status));
    clock.advance(120);
    assert.equal((await get(`${ORDERS}/${job.id}`, COLLECTION_RESTORE_JOB)).body.state, 'SUCCESSFUL');
  });

  test('roles: Backup Manager may read collection jobs but not start one', async () => {
    const snap = await newestSnapshot();
    const [db, cols] = [...snap.databases][0];
    const manager = new BearerClient(
      sim.url,
      DEMO_CREDENTIALS.backupManagerServiceAccount.clientId,
      DEMO_CREDENTIALS.backupManagerServiceAccount.clientSecret,
    );
    assert.equal((await manager.json<Obj>(ORDERS, { accept: V2025 })).status, 200);
    const r = await manager.json<Obj>(ORDERS, {
      method: 'POST',
      accept: V2025,
      body: {
        snapshotId: snap.id,
        ...onto,
        writeStrategy: 'CREATE_NEW',
        indexStrategy: 'ALL',
        collections: [{ sourceNamespace: `${db}.${cols[0]}` }],
      },
    });
    assert.equal(r.status, 403);
  });
});
