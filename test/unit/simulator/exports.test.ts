// Snapshot exports in the simulator (issue #19): cloud provider access roles, export buckets per provider and
// version, export jobs that move Queued → InProgress → Successful (or Failed, injected through the control plane)
// on the simulator's clock, the refusals Atlas documents, and every answer valid against the spec's shapes.
// Raw HTTP only, no product code.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AtlasSimulator, DEMO_CREDENTIALS, SEED, describeSeed } from '../../../src/simulator';
import { BearerClient, FakeClock, V2023, V2024 } from './helpers';
import { API_ERROR, violations, type Schema } from './restoreJobSchema';
import { ACCESS_ROLES, AWS_BUCKET_PAGE, EXPORT_JOB, EXPORT_JOB_PAGE, bucketSchema } from './exportSchema';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const V2024_05 = 'application/vnd.atlas.2024-05-30+json';
const PROD = SEED.projects.production.id;
const bucketsPath = (g: string) => `/api/atlas/v2/groups/${g}/backup/exportBuckets`;
const exportsPath = (g: string, c: string) => `/api/atlas/v2/groups/${g}/clusters/${c}/backup/exports`;

const clock = new FakeClock();
const sim = new AtlasSimulator({ now: clock.now });
let base = '';
let api: BearerClient;
before(async () => {
  base = (await sim.start()).url;
  api = new BearerClient(base);
});
after(() => sim.stop());
beforeEach(() => {
  clock.ms = Date.UTC(2026, 10, 22, 12, 0, 0);
  sim.reset();
});

function conforms(body: unknown, schema: Schema): void {
  assert.deepEqual(violations(body, schema), [], JSON.stringify(body));
}

async function call(
  path: string,
  accept: string,
  method = 'GET',
  body?: unknown,
): Promise<{ status: number; body: Obj }> {
  const r = await api.json<Obj>(path, { method, accept, body });
  if (r.status >= 400) conforms(r.body, API_ERROR);
  return r;
}

async function roles(): Promise<Obj> {
  const r = await call(`/api/atlas/v2/groups/${PROD}/cloudProviderAccess`, V2023);
  assert.equal(r.status, 200);
  conforms(r.body, ACCESS_ROLES);
  return r.body;
}

async function buckets(version = V2024_05): Promise<Obj[]> {
  const r = await call(bucketsPath(PROD), version);
  assert.equal(r.status, 200);
  for (const b of r.body.results as Obj[]) conforms(b, bucketSchema(b));
  if (version === V2023) conforms(r.body, AWS_BUCKET_PAGE);
  return r.body.results as Obj[];
}

async function job(cluster: string, id: string): Promise<Obj> {
  const r = await call(`${exportsPath(PROD, cluster)}/${id}`, V2023);
  assert.equal(r.status, 200);
  conforms(r.body, EXPORT_JOB);
  return r.body;
}

async function completedSnapshot(cluster: string): Promise<string> {
  const r = await api.json<Obj>(`/api/atlas/v2/groups/${PROD}/clusters/${cluster}/backup/snapshots`, { accept: V2023 });
  return (r.body.results as Obj[]).find((s) => s.status === 'completed')!.id as string;
}

async function startExport(cluster: string, body: Obj): Promise<{ status: number; body: Obj }> {
  const r = await call(exportsPath(PROD, cluster), V2023, 'POST', body);
  if (r.status === 200) conforms(r.body, EXPORT_JOB);
  return r;
}

describe('exports: the seed', () => {
  test('serves the buckets and roles describeSeed() names, each in its provider shape', async () => {
    const facts = describeSeed();
    const served = await buckets();
    const expected = facts.exportBuckets.filter((b) => b.projectName === 'Production');
    assert.deepEqual(
      served.map((b) => [b._id, b.bucketName, b.cloudProvider]),
      expected.map((b) => [b.id, b.bucketName, b.cloudProvider]),
    );
    const r = await roles();
    const all = [...r.awsIamRoles, ...r.azureServicePrincipals, ...r.gcpServiceAccounts] as Obj[];
    assert.deepEqual(
      all.map((x) => x.roleId ?? x._id).sort(),
      facts.accessRoles
        .filter((x) => x.projectName === 'Production')
        .map((x) => x.id)
        .sort(),
    );
    // A role says which buckets use it.
    for (const b of served) {
      const role = all.find((x) => (x.roleId ?? x._id) === (b.iamRoleId ?? b.roleId))!;
      assert.ok(
        role.featureUsages.some(
          (u: Obj) => u.featureType === 'EXPORT_SNAPSHOT' && u.featureId.exportBucketId === b._id,
        ),
      );
    }
    // Every project serves exactly the buckets describeSeed() gives it.
    for (const project of facts.projects) {
      const r = await call(bucketsPath(project.id), V2024_05);
      assert.deepEqual(
        (r.body.results as Obj[]).map((b) => b._id),
        facts.exportBuckets.filter((b) => b.projectName === project.name).map((b) => b.id),
        project.name,
      );
    }
  });

  test('2023-01-01 is the AWS shape only: other providers are left out of it', async () => {
    const all = await buckets();
    const old = await buckets(V2023);
    assert.deepEqual(
      old.map((b) => b._id),
      all.filter((b) => b.cloudProvider === 'AWS').map((b) => b._id),
    );
    assert.ok(
      all.some((b) => b.cloudProvider !== 'AWS'),
      'the seed has a bucket of another provider',
    );
  });

  test('orders-rs has one finished export relative to the clock, with its prefix', async () => {
    const r = await call(exportsPath(PROD, 'orders-rs'), V2023);
    conforms(r.body, EXPORT_JOB_PAGE);
    const [done] = r.body.results as Obj[];
    assert.equal(done.state, 'Successful');
    assert.equal(done.exportStatus.exportedCollections, done.exportStatus.totalCollections);
    assert.ok(done.exportStatus.totalCollections > 0);
    assert.match(done.prefix, /^\/exported_snapshots\/.+\/Production\/orders-rs\//);
    assert.ok(Date.parse(done.finishedAt) < clock.ms && Date.parse(done.finishedAt) > clock.ms - 4 * 86_400_000);
  });
});

describe('exports: jobs on the clock', () => {
  test('Queued, then InProgress collection by collection, then Successful', async () => {
    const [bucket] = await buckets();
    const snapshotId = await completedSnapshot('orders-rs');
    const created = await startExport('orders-rs', {
      snapshotId,
      exportBucketId: bucket._id,
      customData: [{ key: 'ticket', value: 'OPS-1' }],
    });
    assert.equal(created.status, 200);
    assert.equal(created.body.state, 'Queued');
    assert.deepEqual(created.body.customData, [{ key: 'ticket', value: 'OPS-1' }]);
    const total = created.body.exportStatus.totalCollections as number;
    assert.ok(total >= 2, 'orders-rs snapshots hold several collections');
    const id = created.body.id as string;
    clock.advance(5 + 10); // queued 5 s, then one collection every 10 s (the defaults)
    const running = await job('orders-rs', id);
    assert.equal(running.state, 'InProgress');
    assert.equal(running.exportStatus.exportedCollections, 1);
    assert.ok(running.prefix);
    clock.advance(10 * total);
    const done = await job('orders-rs', id);
    assert.equal(done.state, 'Successful');
    assert.equal(done.exportStatus.exportedCollections, total);
    assert.ok(done.finishedAt);
  });

  test('a failure injected through the control plane stops the job halfway, with a reason', async () => {
    const ctl = await fetch(`${base}/__sim/export-speed`, { method: 'POST', body: JSON.stringify({ failNext: 1 }) });
    assert.equal(ctl.status, 200);
    const bad = await fetch(`${base}/__sim/export-speed`, { method: 'POST', body: JSON.stringify({ failNext: -1 }) });
    assert.equal(bad.status, 400);
    const [bucket] = await buckets();
    const created = await startExport('orders-rs', {
      snapshotId: await completedSnapshot('orders-rs'),
      exportBucketId: bucket._id,
    });
    clock.advance(3600);
    const failed = await job('orders-rs', created.body.id);
    assert.equal(failed.state, 'Failed');
    assert.ok(failed.exportStatus.exportedCollections < failed.exportStatus.totalCollections);
    assert.ok(failed.stateReason.message);
    // Only the next one fails.
    const next = await startExport('orders-rs', {
      snapshotId: await completedSnapshot('orders-rs'),
      exportBucketId: bucket._id,
    });
    clock.advance(3600);
    assert.equal((await job('orders-rs', next.body.id)).state, 'Successful');
  });

  test('a sharded cluster answers one component per replica set', async () => {
    const [bucket] = await buckets();
    const r = await api.json<Obj>(
      `/api/atlas/v2/groups/${PROD}/clusters/catalog-sharded/backup/snapshots/shardedClusters`,
      { accept: V2023 },
    );
    const snap = (r.body.results as Obj[]).find((s) => s.status === 'completed')!;
    const created = await startExport('catalog-sharded', { snapshotId: snap.id, exportBucketId: bucket._id });
    assert.equal(created.status, 200);
    assert.ok((created.body.components as Obj[]).length >= 2);
  });
});

describe('exports: refusals', () => {
  test('a snapshot that does not exist, an unknown bucket, a second export of the same pair under way', async () => {
    const [bucket] = await buckets();
    const missing = await startExport('orders-rs', { snapshotId: 'f'.repeat(24), exportBucketId: bucket._id });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.errorCode, 'SNAPSHOT_NOT_FOUND');
    const snapshotId = await completedSnapshot('orders-rs');
    const noBucket = await startExport('orders-rs', { snapshotId, exportBucketId: 'e'.repeat(24) });
    assert.equal(noBucket.status, 404);
    const first = await startExport('orders-rs', { snapshotId, exportBucketId: bucket._id });
    assert.equal(first.status, 200);
    const twice = await startExport('orders-rs', { snapshotId, exportBucketId: bucket._id });
    assert.equal(twice.status, 409);
    const noId = await startExport('orders-rs', { exportBucketId: bucket._id });
    assert.equal(noId.body.errorCode, 'MISSING_ATTRIBUTE');
  });

  test('a bucket needs an authorised role of its provider', async () => {
    const facts = describeSeed().accessRoles;
    const pending = facts.find((r) => !r.authorized && r.providerName === 'AWS')!;
    const r = await call(bucketsPath(PROD), V2024_05, 'POST', {
      cloudProvider: 'AWS',
      bucketName: 'new-bucket',
      iamRoleId: pending.id,
    });
    assert.equal(r.status, 400);
    assert.match(r.body.detail, /not authorized/);
    const gcp = facts.find((x) => x.providerName === 'GCP' && x.authorized)!;
    const wrongProvider = await call(bucketsPath(PROD), V2024_05, 'POST', {
      cloudProvider: 'AWS',
      bucketName: 'new-bucket',
      iamRoleId: gcp.id,
    });
    assert.equal(wrongProvider.status, 400);
    const ok = await call(bucketsPath(PROD), V2024_05, 'POST', {
      cloudProvider: 'GCP',
      bucketName: 'gcs-b',
      roleId: gcp.id,
    });
    assert.equal(ok.status, 200);
    conforms(ok.body, bucketSchema(ok.body));
    const azure = facts.find((x) => x.providerName === 'AZURE')!;
    const nonStandard = await call(bucketsPath(PROD), V2024_05, 'POST', {
      cloudProvider: 'AZURE',
      serviceUrl: 'https://example.com/some/container/path',
      roleId: azure.id,
    });
    assert.equal(nonStandard.status, 400);
    const container = await call(bucketsPath(PROD), V2024_05, 'POST', {
      cloudProvider: 'AZURE',
      serviceUrl: 'https://demoaccount.blob.core.windows.net/nightly',
      roleId: azure.id,
    });
    assert.equal(container.status, 200);
    assert.equal(container.body.bucketName, 'nightly');
    conforms(container.body, bucketSchema(container.body));
    const old = await call(bucketsPath(PROD), V2023, 'POST', {
      cloudProvider: 'GCP',
      bucketName: 'gcs-c',
      roleId: gcp.id,
    });
    assert.equal(old.status, 400, '2023-01-01 takes AWS buckets only');
  });

  test('a bucket used by a schedule’s auto export is not deleted; once auto export is off it is', async () => {
    const [bucket] = await buckets();
    const schedule = `/api/atlas/v2/groups/${PROD}/clusters/orders-rs/backup/schedule`;
    const current = (await api.json<Obj>(schedule, { accept: V2024 })).body;
    const on = await api.json<Obj>(schedule, {
      method: 'PATCH',
      accept: V2024,
      body: { ...current, autoExportEnabled: true, export: { exportBucketId: bucket._id, frequencyType: 'monthly' } },
    });
    assert.equal(on.status, 200, JSON.stringify(on.body));
    const refused = await call(`${bucketsPath(PROD)}/${bucket._id}`, V2023, 'DELETE');
    assert.equal(refused.status, 400);
    assert.match(refused.body.detail, /orders-rs/);
    assert.equal(
      (await buckets()).length,
      describeSeed().exportBuckets.filter((b) => b.projectName === 'Production').length,
    );
    const off = await api.json<Obj>(schedule, {
      method: 'PATCH',
      accept: V2024,
      body: { ...on.body, autoExportEnabled: false },
    });
    assert.equal(off.status, 200, JSON.stringify(off.body));
    const removed = await call(`${bucketsPath(PROD)}/${bucket._id}`, V2023, 'DELETE');
    assert.equal(removed.status, 204);
    assert.ok(!(await buckets()).some((b) => b._id === bucket._id));
  });

  test('starting an export needs Backup Export Operator: the demo Backup Manager may only read', async () => {
    const bm = new BearerClient(
      base,
      DEMO_CREDENTIALS.backupManagerServiceAccount.clientId,
      DEMO_CREDENTIALS.backupManagerServiceAccount.clientSecret,
    );
    const [bucket] = await buckets();
    const list = await bm.json<Obj>(exportsPath(PROD, 'orders-rs'), { accept: V2023 });
    assert.equal(list.status, 200);
    const r = await bm.json<Obj>(exportsPath(PROD, 'orders-rs'), {
      method: 'POST',
      accept: V2023,
      body: { snapshotId: await completedSnapshot('orders-rs'), exportBucketId: bucket._id },
    });
    assert.equal(r.status, 403);
  });
});
