// Flex clusters and their backups in the simulator (issue #18): listed under their project apart from clusters, daily
// snapshots, a download whose snapshotUrl works four hours, restore jobs PENDING → QUEUED → RUNNING → COMPLETED on
// the simulator's clock, targets checked, and every answer valid against the spec's shapes. Raw HTTP only.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AtlasSimulator, DEMO_CREDENTIALS, describeSeed } from '../../../src/simulator';
import { BearerClient, FakeClock, V2024_11 } from './helpers';
import {
  API_ERROR,
  FLEX_CLUSTER,
  FLEX_CLUSTER_PAGE,
  FLEX_RESTORE_JOB,
  FLEX_RESTORE_JOB_PAGE,
  FLEX_SNAPSHOT,
  FLEX_SNAPSHOT_PAGE,
  violations,
  type Schema,
} from './restoreJobSchema';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const FACTS = describeSeed();
const flex = FACTS.flexClusters[0];
const base = (groupId: string) => `/api/atlas/v2/groups/${groupId}/flexClusters`;
const FLEX = `${base(flex.projectId)}/${flex.name}`;
const HOUR = 3600;

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
  const r = await api.json<Obj>(path, { accept: V2024_11 });
  conforms(r.body, r.status >= 400 ? API_ERROR : schema);
  return r;
}

async function post(path: string, body: unknown): Promise<{ status: number; body: Obj }> {
  const r = await api.json<Obj>(path, { method: 'POST', accept: V2024_11, body });
  conforms(r.body, r.status >= 400 ? API_ERROR : FLEX_RESTORE_JOB);
  return r;
}

async function snapshots(): Promise<Obj[]> {
  return (await get(`${FLEX}/backup/snapshots`, FLEX_SNAPSHOT_PAGE)).body.results as Obj[];
}

describe('Flex clusters: the seed', () => {
  test('the seed describes at least one Flex cluster, apart from the clusters list', () => {
    assert.ok(FACTS.flexClusters.length >= 1);
    const names = new Set(FACTS.clusters.map((c) => c.name));
    for (const f of FACTS.flexClusters) assert.ok(!names.has(f.name), `${f.name} is not a dedicated cluster`);
    assert.deepEqual(
      FACTS.projects.flatMap((p) => p.flexClusters),
      FACTS.flexClusters,
    );
  });

  test('each project lists exactly its described Flex clusters; /clusters does not list them', async () => {
    for (const p of FACTS.projects) {
      const r = await get(base(p.id), FLEX_CLUSTER_PAGE);
      assert.equal(r.status, 200);
      assert.deepEqual(
        r.body.results.map((f: Obj) => [f.name, f.id]),
        p.flexClusters.map((f) => [f.name, f.id]),
      );
      assert.equal(r.body.totalCount, p.flexClusters.length);
      const clusters = await api.json<Obj>(`/api/atlas/v2/groups/${p.id}/clusters`, {
        accept: 'application/vnd.atlas.2024-08-05+json',
      });
      const names = (clusters.body.results as Obj[]).map((c) => c.name);
      for (const f of p.flexClusters) assert.ok(!names.includes(f.name));
    }
    const one = await get(FLEX, FLEX_CLUSTER);
    assert.equal(one.body.name, flex.name);
    assert.equal(one.body.backupSettings.enabled, true);
    assert.equal(one.body.providerSettings.providerName, 'FLEX');
    const missing = await get(`${base(flex.projectId)}/no-such-flex`, FLEX_CLUSTER);
    assert.equal(missing.status, 404);
  });

  test('its snapshots: the described number, completed, newest first, before the clock; one by id', async () => {
    const list = await snapshots();
    assert.equal(list.length, flex.snapshots);
    const starts = list.map((s) => Date.parse(s.startTime));
    assert.deepEqual(
      [...starts].sort((a, b) => b - a),
      starts,
    );
    for (const s of list) {
      assert.equal(s.status, 'COMPLETED');
      assert.ok(Date.parse(s.finishTime) <= clock.ms && Date.parse(s.finishTime) > Date.parse(s.startTime));
    }
    assert.ok(clock.ms - starts[0] <= 86_400_000 + 5 * 60_000, 'the newest is at most a day old');
    const one = await get(`${FLEX}/backup/snapshots/${list[0].id}`, FLEX_SNAPSHOT);
    assert.deepEqual(one.body, list[0]);
    assert.equal((await get(`${FLEX}/backup/snapshots/ffffffffffffffffffffffff`, FLEX_SNAPSHOT)).status, 404);
  });

  test('its restore history holds a download whose four-hour link has expired', async () => {
    const jobs = (await get(`${FLEX}/backup/restoreJobs`, FLEX_RESTORE_JOB_PAGE)).body.results as Obj[];
    const dl = jobs.find((j) => j.deliveryType === 'DOWNLOAD')!;
    assert.equal(dl.status, 'COMPLETED');
    assert.ok(Date.parse(dl.expirationDate) < clock.ms);
    assert.equal(Date.parse(dl.expirationDate) - Date.parse(dl.restoreScheduledDate), 4 * HOUR * 1000);
  });
});

describe('Flex backups: download and restore', () => {
  test('a download answers a snapshotUrl valid four hours from the request, and is listed first', async () => {
    const [newest] = await snapshots();
    const r = await post(`${FLEX}/backup/download`, { snapshotId: newest.id });
    assert.equal(r.status, 200);
    assert.equal(r.body.deliveryType, 'DOWNLOAD');
    assert.equal(r.body.status, 'COMPLETED');
    assert.match(r.body.snapshotUrl, /^https:\/\//);
    assert.equal(Date.parse(r.body.expirationDate), clock.ms + 4 * HOUR * 1000);
    assert.equal(r.body.snapshotId, newest.id);
    assert.equal(r.body.instanceName, flex.name);
    const list = (await get(`${FLEX}/backup/restoreJobs`, FLEX_RESTORE_JOB_PAGE)).body.results as Obj[];
    assert.equal(list[0].id, r.body.id);
    const one = await get(`${FLEX}/backup/restoreJobs/${r.body.id}`, FLEX_RESTORE_JOB);
    assert.deepEqual(one.body, r.body);
  });

  test('a restore onto a dedicated cluster runs PENDING → QUEUED → RUNNING → COMPLETED on the clock', async () => {
    const [newest] = await snapshots();
    const target = FACTS.clusters.find((c) => c.projectName === flex.projectName)!;
    const r = await post(`${FLEX}/backup/restoreJobs`, {
      snapshotId: newest.id,
      targetDeploymentItemName: target.name,
      targetProjectId: flex.projectId,
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.deliveryType, 'RESTORE');
    assert.equal(r.body.targetDeploymentItemName, target.name);
    assert.equal(r.body.snapshotUrl, undefined);
    const seen: string[] = [r.body.status];
    for (let i = 0; i < 40 && seen.at(-1) !== 'COMPLETED'; i++) {
      clock.advance(0.25);
      const s = (await get(`${FLEX}/backup/restoreJobs/${r.body.id}`, FLEX_RESTORE_JOB)).body.status as string;
      if (s !== seen.at(-1)) seen.push(s);
    }
    assert.deepEqual(seen, ['PENDING', 'QUEUED', 'RUNNING', 'COMPLETED']);
    const done = (await get(`${FLEX}/backup/restoreJobs/${r.body.id}`, FLEX_RESTORE_JOB)).body;
    assert.ok(Date.parse(done.restoreFinishedDate) <= clock.ms);
  });

  test('a restore made to fail ends FAILED without restoreFinishedDate', async () => {
    const [newest] = await snapshots();
    sim.setRestoreSpeed({ failNext: 1 });
    const r = await post(`${FLEX}/backup/restoreJobs`, { snapshotId: newest.id, targetDeploymentItemName: flex.name });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.targetProjectId, flex.projectId, 'without targetProjectId, the source project');
    clock.advance(HOUR);
    const done = (await get(`${FLEX}/backup/restoreJobs/${r.body.id}`, FLEX_RESTORE_JOB)).body;
    assert.equal(done.status, 'FAILED');
    assert.equal(done.restoreFinishedDate, undefined);
  });

  const refusals: [string, (snapshotId: string) => Obj, number, string][] = [
    ['no snapshotId', () => ({ targetDeploymentItemName: flex.name }), 400, 'MISSING_ATTRIBUTE'],
    [
      'a snapshot that does not exist',
      () => ({ snapshotId: 'ffffffffffffffffffffffff', targetDeploymentItemName: flex.name }),
      404,
      'SNAPSHOT_NOT_FOUND',
    ],
    ['no target', (id) => ({ snapshotId: id }), 400, 'MISSING_ATTRIBUTE'],
    [
      'a target that does not exist',
      (id) => ({ snapshotId: id, targetDeploymentItemName: 'no-such-cluster' }),
      404,
      'CLUSTER_NOT_FOUND',
    ],
    [
      'a target project that does not exist',
      (id) => ({ snapshotId: id, targetDeploymentItemName: flex.name, targetProjectId: 'ffffffffffffffffffffffff' }),
      404,
      'GROUP_NOT_FOUND',
    ],
    [
      'an unknown field',
      (id) => ({ snapshotId: id, targetDeploymentItemName: flex.name, deliveryUrl: 'x' }),
      400,
      'INVALID_ATTRIBUTE',
    ],
  ];
  for (const [what, body, status, code] of refusals) {
    test(`restore: ${what} → ${status} ${code}, and no job`, async () => {
      const [newest] = await snapshots();
      const before = (await get(`${FLEX}/backup/restoreJobs`, FLEX_RESTORE_JOB_PAGE)).body.totalCount;
      const r = await post(`${FLEX}/backup/restoreJobs`, body(newest.id));
      assert.equal(r.status, status, JSON.stringify(r.body));
      assert.equal(r.body.errorCode, code);
      assert.equal((await get(`${FLEX}/backup/restoreJobs`, FLEX_RESTORE_JOB_PAGE)).body.totalCount, before);
    });
  }

  test('download: no snapshotId → 400; Backup Manager may read jobs, not download; no cancel', async () => {
    assert.equal((await post(`${FLEX}/backup/download`, {})).status, 400);
    const [newest] = await snapshots();
    const manager = new BearerClient(
      sim.url,
      DEMO_CREDENTIALS.backupManagerServiceAccount.clientId,
      DEMO_CREDENTIALS.backupManagerServiceAccount.clientSecret,
    );
    assert.equal((await manager.json<Obj>(`${FLEX}/backup/restoreJobs`, { accept: V2024_11 })).status, 200);
    const r = await manager.json<Obj>(`${FLEX}/backup/download`, {
      method: 'POST',
      accept: V2024_11,
      body: { snapshotId: newest.id },
    });
    assert.equal(r.status, 403);
    const del = await api.json<Obj>(`${FLEX}/backup/restoreJobs/${newest.id}`, { method: 'DELETE', accept: V2024_11 });
    assert.ok(del.status === 404 || del.status === 405, 'no cancel');
  });
});
