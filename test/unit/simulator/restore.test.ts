// Snapshot restore jobs in the simulator (issue #18): jobs that live on the simulator's clock, downloads whose links
// expire, cancel where Atlas allows it, point-in-time and target checks, and every answer valid against the spec's
// shapes. Raw HTTP only, no product code.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AtlasSimulator, DEMO_CREDENTIALS, SEED } from '../../../src/simulator';
import { BearerClient, DigestClient, FakeClock, V2023 } from './helpers';
import { API_ERROR, RESTORE_JOB, RESTORE_JOB_PAGE, violations, type Schema } from './restoreJobSchema';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const { production, staging, sandbox } = SEED.projects;
const jobsPath = (groupId: string, cluster: string) =>
  `/api/atlas/v2/groups/${groupId}/clusters/${cluster}/backup/restoreJobs`;
const GIB = 1024 ** 3;

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

async function get(path: string): Promise<{ status: number; body: Obj }> {
  const r = await api.json<Obj>(path, { accept: V2023 });
  conforms(r.body, r.status >= 400 ? API_ERROR : path.endsWith('restoreJobs') ? RESTORE_JOB_PAGE : RESTORE_JOB);
  return r;
}

async function create(groupId: string, cluster: string, body: unknown): Promise<{ status: number; body: Obj }> {
  const r = await api.json<Obj>(jobsPath(groupId, cluster), { method: 'POST', accept: V2023, body });
  conforms(r.body, r.status >= 400 ? API_ERROR : RESTORE_JOB);
  return r;
}

async function cancel(groupId: string, cluster: string, id: string): Promise<{ status: number; body: Obj }> {
  const r = await api.json<Obj>(`${jobsPath(groupId, cluster)}/${id}`, { method: 'DELETE', accept: V2023 });
  if (r.status !== 204) conforms(r.body, API_ERROR);
  return r;
}

/** The newest completed snapshot of a cluster, with its size. */
async function newestSnapshot(groupId: string, cluster: string, sharded = false): Promise<Obj> {
  const path = `/api/atlas/v2/groups/${groupId}/clusters/${cluster}/backup/snapshots${sharded ? '/shardedClusters' : ''}`;
  const r = await api.json<Obj>(path, { accept: V2023 });
  return (r.body.results as Obj[]).find((s) => s.status === 'completed')!;
}

describe('restore jobs: the seed', () => {
  test('orders-rs has a finished restore onto sandbox-001 and an expired download, relative to the clock', async () => {
    const { status, body } = await get(jobsPath(production.id, 'orders-rs'));
    assert.equal(status, 200);
    const [automated, download] = body.results as Obj[];
    assert.equal(automated.deliveryType, 'automated');
    assert.equal(automated.targetGroupId, sandbox.id);
    assert.equal(automated.targetClusterName, 'sandbox-001');
    assert.equal(automated.cancelled || automated.failed, false);
    const finished = Date.parse(automated.finishedAt);
    assert.ok(finished < clock.ms && finished > clock.ms - 3 * 86_400_000, automated.finishedAt);
    assert.ok(Date.parse(automated.timestamp) < finished, 'the snapshot precedes the restore');
    assert.equal(download.deliveryType, 'download');
    assert.equal(download.expired, true);
    assert.ok(Date.parse(download.expiresAt) < clock.ms);
    const other = await get(jobsPath(production.id, 'ledger-pit'));
    assert.deepEqual(other.body.results, [], 'other clusters were never restored');
  });
});

describe('restore jobs: lifecycle on the clock', () => {
  test('an automated restore runs, then completes when the clock passes its duration', async () => {
    const snap = await newestSnapshot(production.id, 'orders-rs');
    const r = await create(production.id, 'orders-rs', {
      deliveryType: 'automated',
      snapshotId: snap.id,
      targetGroupId: sandbox.id,
      targetClusterName: 'sandbox-002',
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.finishedAt, undefined);
    assert.equal(r.body.timestamp, snap.createdAt);
    const one = `${jobsPath(production.id, 'orders-rs')}/${r.body.id}`;
    clock.advance(1);
    assert.equal((await get(one)).body.finishedAt, undefined, 'still running after a second');
    clock.advance(60);
    const done = await get(one);
    assert.ok(done.body.finishedAt, 'finished a minute later');
    assert.equal(done.body.expiresAt, undefined, 'only downloads expire');
    assert.equal((await get(jobsPath(production.id, 'orders-rs'))).body.results[0].id, r.body.id, 'newest first');
  });

  test('the duration grows with the snapshot size and follows POST /__sim/restore-speed', async () => {
    const snap = await newestSnapshot(production.id, 'orders-rs');
    const speed = await fetch(`${base}/__sim/restore-speed`, {
      method: 'POST',
      body: JSON.stringify({ bytesPerSecond: GIB, minSeconds: 0 }),
    });
    assert.equal(speed.status, 200);
    const seconds = snap.storageSizeBytes / GIB;
    assert.ok(seconds > 5, `orders-rs snapshots are ${seconds} GiB`);
    const r = await create(production.id, 'orders-rs', { deliveryType: 'download', snapshotId: snap.id });
    const one = `${jobsPath(production.id, 'orders-rs')}/${r.body.id}`;
    clock.advance(Math.floor(seconds) - 1);
    assert.equal((await get(one)).body.finishedAt, undefined);
    clock.advance(2);
    assert.ok((await get(one)).body.finishedAt);
    const bad = await fetch(`${base}/__sim/restore-speed`, {
      method: 'POST',
      body: JSON.stringify({ bytesPerSecond: 0 }),
    });
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as Obj).error as string, /bytesPerSecond/);
  });

  test('a download gets its link when it finishes, valid for an hour, kept after it expires', async () => {
    const snap = await newestSnapshot(production.id, 'orders-rs');
    const r = await create(production.id, 'orders-rs', { deliveryType: 'download', snapshotId: snap.id });
    assert.equal(r.body.deliveryUrl, undefined, 'no link while it runs');
    const one = `${jobsPath(production.id, 'orders-rs')}/${r.body.id}`;
    clock.advance(120);
    const done = (await get(one)).body;
    assert.equal(done.deliveryUrl.length, 1);
    assert.match(done.deliveryUrl[0], /^https:\/\/.+\.tar\.gz$/);
    assert.equal(Date.parse(done.expiresAt) - Date.parse(done.finishedAt), 3_600_000);
    assert.equal(done.expired, false);
    clock.advance(3600);
    const later = (await get(one)).body;
    assert.equal(later.expired, true);
    assert.deepEqual(later.deliveryUrl, done.deliveryUrl);
    assert.equal(later.finishedAt, done.finishedAt);
  });

  test('a sharded download has one link per shard and config server, in components too', async () => {
    const snap = await newestSnapshot(production.id, 'catalog-sharded', true);
    const r = await create(production.id, 'catalog-sharded', { deliveryType: 'download', snapshotId: snap.id });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(
      r.body.components.map((c: Obj) => c.replicaSetName),
      ['catalog-sharded-shard-0', 'catalog-sharded-shard-1', 'catalog-sharded-config-0'],
    );
    assert.ok(r.body.components.every((c: Obj) => c.downloadUrl === undefined));
    clock.advance(600);
    const done = (await get(`${jobsPath(production.id, 'catalog-sharded')}/${r.body.id}`)).body;
    assert.equal(done.deliveryUrl.length, 3);
    assert.deepEqual(
      done.components.map((c: Obj) => c.downloadUrl),
      done.deliveryUrl,
    );
  });

  test('failNext makes the next restore fail: failed, no finishedAt', async () => {
    await fetch(`${base}/__sim/restore-speed`, { method: 'POST', body: JSON.stringify({ failNext: 1 }) });
    const snap = await newestSnapshot(production.id, 'orders-rs');
    const body = { deliveryType: 'download', snapshotId: snap.id };
    const failing = await create(production.id, 'orders-rs', body);
    const fine = await create(production.id, 'orders-rs', body);
    clock.advance(600);
    const a = (await get(`${jobsPath(production.id, 'orders-rs')}/${failing.body.id}`)).body;
    const b = (await get(`${jobsPath(production.id, 'orders-rs')}/${fine.body.id}`)).body;
    assert.equal(a.failed, true);
    assert.equal(a.finishedAt, undefined);
    assert.equal(b.failed, false);
    assert.ok(b.finishedAt);
  });
});

describe('restore jobs: refusals change nothing', () => {
  async function refused(
    groupId: string,
    cluster: string,
    body: unknown,
    status: number,
    code: string,
    detail: RegExp,
  ) {
    const before = (await get(jobsPath(groupId, cluster))).body.totalCount as number;
    const r = await create(groupId, cluster, body);
    assert.equal(r.status, status, JSON.stringify(r.body));
    assert.equal(r.body.errorCode, code, JSON.stringify(r.body));
    assert.match(r.body.detail, detail);
    assert.equal((await get(jobsPath(groupId, cluster))).body.totalCount, before, 'no job was created');
  }

  test('a target running an older MongoDB than the snapshot', async () => {
    const snap = await newestSnapshot(production.id, 'orders-rs');
    await refused(
      production.id,
      'orders-rs',
      { deliveryType: 'automated', snapshotId: snap.id, targetGroupId: staging.id, targetClusterName: 'legacy-app' },
      400,
      'VALIDATION_ERROR',
      /MongoDB 7\.0\.14 onto legacy-app, which runs the older MongoDB 6\.0\.19/,
    );
  });

  test('a replica-set snapshot onto a sharded cluster, and the reverse', async () => {
    const snap = await newestSnapshot(production.id, 'orders-rs');
    const body = { deliveryType: 'automated', snapshotId: snap.id, targetGroupId: production.id };
    await refused(
      production.id,
      'orders-rs',
      { ...body, targetClusterName: 'catalog-sharded' },
      400,
      'VALIDATION_ERROR',
      /topologies must match/,
    );
    const sh = await newestSnapshot(production.id, 'catalog-sharded', true);
    await refused(
      production.id,
      'catalog-sharded',
      { ...body, snapshotId: sh.id, targetGroupId: sandbox.id, targetClusterName: 'sandbox-001' },
      400,
      'VALIDATION_ERROR',
      /a sharded cluster \(catalog-sharded\) onto a replica set/,
    );
  });

  test('missing or malformed fields name the field', async () => {
    const snap = await newestSnapshot(production.id, 'orders-rs');
    await refused(production.id, 'orders-rs', {}, 400, 'MISSING_ATTRIBUTE', /deliveryType/);
    await refused(production.id, 'orders-rs', { deliveryType: 'copy' }, 400, 'INVALID_ENUM_VALUE', /copy/);
    await refused(
      production.id,
      'orders-rs',
      { deliveryType: 'automated', snapshotId: snap.id },
      400,
      'MISSING_ATTRIBUTE',
      /targetClusterName/,
    );
    await refused(production.id, 'orders-rs', { deliveryType: 'download' }, 400, 'MISSING_ATTRIBUTE', /snapshotId/);
    await refused(
      production.id,
      'orders-rs',
      { deliveryType: 'download', snapshotId: 'f'.repeat(24) },
      404,
      'SNAPSHOT_NOT_FOUND',
      /ffff/,
    );
    await refused(
      production.id,
      'orders-rs',
      { deliveryType: 'download', snapshotId: snap.id, colour: 'red' },
      400,
      'INVALID_ATTRIBUTE',
      /colour/,
    );
    await refused(
      production.id,
      'orders-rs',
      { deliveryType: 'automated', snapshotId: snap.id, targetGroupId: 'a'.repeat(24), targetClusterName: 'x' },
      404,
      'GROUP_NOT_FOUND',
      /aaaa/,
    );
  });

  test('point in time: continuous backup, one way of naming the time, inside the window', async () => {
    const nowS = Math.floor(clock.ms / 1000);
    const target = { targetGroupId: production.id, targetClusterName: 'ledger-pit' };
    await refused(
      production.id,
      'orders-rs',
      {
        deliveryType: 'pointInTime',
        pointInTimeUTCSeconds: nowS - 600,
        targetGroupId: production.id,
        targetClusterName: 'orders-rs',
      },
      400,
      'VALIDATION_ERROR',
      /Continuous Cloud Backup is not enabled for cluster orders-rs/,
    );
    await refused(
      production.id,
      'ledger-pit',
      { deliveryType: 'pointInTime', pointInTimeUTCSeconds: nowS - 600, oplogTs: nowS - 600, oplogInc: 1, ...target },
      400,
      'VALIDATION_ERROR',
      /not both/,
    );
    await refused(
      production.id,
      'ledger-pit',
      { deliveryType: 'pointInTime', oplogTs: nowS - 600, ...target },
      400,
      'MISSING_ATTRIBUTE',
      /oplogInc/,
    );
    // ledger-pit keeps a 2-day window.
    await refused(
      production.id,
      'ledger-pit',
      { deliveryType: 'pointInTime', pointInTimeUTCSeconds: nowS - 3 * 86_400, ...target },
      400,
      'VALIDATION_ERROR',
      /outside the restorable window of ledger-pit, from 2026-11-20T12:00:00Z to 2026-11-22T12:00:00Z/,
    );
    await refused(
      production.id,
      'ledger-pit',
      { deliveryType: 'pointInTime', pointInTimeUTCSeconds: nowS + 60, ...target },
      400,
      'VALIDATION_ERROR',
      /outside the restorable window/,
    );
    const ok = await create(production.id, 'ledger-pit', {
      deliveryType: 'pointInTime',
      pointInTimeUTCSeconds: nowS - 3600,
      ...target,
    });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.body.pointInTimeUTCSeconds, nowS - 3600);
    assert.ok(Date.parse(ok.body.timestamp) <= (nowS - 3600) * 1000, 'replayed on top of a snapshot taken before it');
    const byOplog = await create(production.id, 'ledger-pit', {
      deliveryType: 'pointInTime',
      oplogTs: nowS - 7200,
      oplogInc: 3,
      ...target,
    });
    assert.equal(byOplog.status, 200, JSON.stringify(byOplog.body));
    assert.equal(byOplog.body.oplogInc, 3);
  });

  test('roles: Backup Manager may list but not start; Read Only may not list', async () => {
    const bm = new BearerClient(
      base,
      DEMO_CREDENTIALS.backupManagerServiceAccount.clientId,
      DEMO_CREDENTIALS.backupManagerServiceAccount.clientSecret,
    );
    assert.equal((await bm.json(jobsPath(production.id, 'orders-rs'), { accept: V2023 })).status, 200);
    const snap = await newestSnapshot(production.id, 'orders-rs');
    const r = await bm.json<Obj>(jobsPath(production.id, 'orders-rs'), {
      method: 'POST',
      accept: V2023,
      body: { deliveryType: 'download', snapshotId: snap.id },
    });
    assert.equal(r.status, 403);
    assert.equal(r.body.errorCode, 'USER_UNAUTHORIZED');
    const ro = new DigestClient(
      base,
      DEMO_CREDENTIALS.readOnlyApiKey.publicKey,
      DEMO_CREDENTIALS.readOnlyApiKey.privateKey,
    );
    assert.equal((await ro.fetch(jobsPath(production.id, 'orders-rs'), { accept: V2023 })).status, 403);
    assert.equal((await get(jobsPath(production.id, 'orders-rs'))).body.totalCount, 2);
  });

  test('unknown and malformed job ids', async () => {
    const unknown = await get(`${jobsPath(production.id, 'orders-rs')}/${'b'.repeat(24)}`);
    assert.equal(unknown.status, 404);
    const bad = await get(`${jobsPath(production.id, 'orders-rs')}/not-an-id`);
    assert.equal(bad.status, 400);
    assert.equal(bad.body.errorCode, 'INVALID_PATH_PARAMETER');
  });
});

describe('restore jobs: cancel', () => {
  test('a running replica-set restore cancels (204) and never finishes; cancelling again is 405', async () => {
    const snap = await newestSnapshot(production.id, 'orders-rs');
    const r = await create(production.id, 'orders-rs', {
      deliveryType: 'automated',
      snapshotId: snap.id,
      targetGroupId: production.id,
      targetClusterName: 'orders-rs',
    });
    const c = await cancel(production.id, 'orders-rs', r.body.id);
    assert.equal(c.status, 204);
    clock.advance(3600);
    const after = (await get(`${jobsPath(production.id, 'orders-rs')}/${r.body.id}`)).body;
    assert.equal(after.cancelled, true);
    assert.equal(after.finishedAt, undefined);
    const again = await cancel(production.id, 'orders-rs', r.body.id);
    assert.equal(again.status, 405);
    assert.equal(again.body.errorCode, 'RESTORE_JOB_NOT_CANCELLABLE');
  });

  test('a finished restore onto a cluster cannot be cancelled (405); the seeded one stays as it was', async () => {
    const { body } = await get(jobsPath(production.id, 'orders-rs'));
    const finished = (body.results as Obj[]).find((j) => j.deliveryType === 'automated')!;
    const r = await cancel(production.id, 'orders-rs', finished.id);
    assert.equal(r.status, 405);
    assert.match(r.body.detail, /finished/);
    assert.deepEqual((await get(`${jobsPath(production.id, 'orders-rs')}/${finished.id}`)).body, finished);
  });

  test('a sharded restore under way answers 405 ATLAS_BACKUP_CANCEL_SHARD_RESTORE_JOB_NOT_ALLOWED', async () => {
    const sh = await newestSnapshot(production.id, 'catalog-sharded', true);
    const r = await create(production.id, 'catalog-sharded', {
      deliveryType: 'automated',
      snapshotId: sh.id,
      targetGroupId: production.id,
      targetClusterName: 'catalog-sharded',
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const c = await cancel(production.id, 'catalog-sharded', r.body.id);
    assert.equal(c.status, 405);
    assert.equal(c.body.errorCode, 'ATLAS_BACKUP_CANCEL_SHARD_RESTORE_JOB_NOT_ALLOWED');
  });

  test('cancelling a finished download invalidates its links at once', async () => {
    const snap = await newestSnapshot(production.id, 'orders-rs');
    const r = await create(production.id, 'orders-rs', { deliveryType: 'download', snapshotId: snap.id });
    clock.advance(120);
    assert.equal((await cancel(production.id, 'orders-rs', r.body.id)).status, 204);
    const after = (await get(`${jobsPath(production.id, 'orders-rs')}/${r.body.id}`)).body;
    assert.equal(after.cancelled, true);
    assert.equal(after.expired, true);
    assert.ok(after.finishedAt);
  });
});

test('the shape checker itself catches a field the spec lacks, a bad enum and a missing required field', () => {
  const found = violations({ deliveryType: 'copy', stateName: 'done', id: 'x' }, RESTORE_JOB);
  assert.equal(found.length, 3, found.join('\n'));
  assert.deepEqual(violations({}, RESTORE_JOB), ['$.deliveryType: required']);
});

describe('snapshot contents (2025-03-12): names only', () => {
  const V2025 = 'application/vnd.atlas.2025-03-12+json';
  const NAME: Schema = {
    type: 'object',
    required: ['name'],
    properties: { name: { type: 'string' }, links: { type: 'array' } },
  };
  const NAMES: Schema = {
    type: 'object',
    required: ['results'],
    properties: { links: { type: 'array' }, results: { type: 'array', items: NAME }, totalCount: { type: 'integer' } },
  };
  const contents = (snapshotId: string, rest = '') =>
    `/api/atlas/v2/groups/${production.id}/clusters/orders-rs/backup/snapshots/${snapshotId}/databases${rest}`;
  async function names(path: string, schema: Schema = NAMES): Promise<{ status: number; body: Obj }> {
    const r = await api.json<Obj>(path, { accept: V2025 });
    conforms(r.body, r.status >= 400 ? API_ERROR : schema);
    return r;
  }

  test('databases and collections of a snapshot, sorted, with links; a collection newer than the snapshot is absent', async () => {
    const list = await api.json<Obj>(
      `/api/atlas/v2/groups/${production.id}/clusters/orders-rs/backup/snapshots?itemsPerPage=500`,
      { accept: V2023 },
    );
    const done = (list.body.results as Obj[]).filter((s) => s.status === 'completed');
    const newest = done[0];
    const old = done.find((s) => Date.parse(s.createdAt) < clock.ms - 10 * 86_400_000)!;
    const dbs = await names(contents(newest.id));
    assert.deepEqual(
      dbs.body.results.map((d: Obj) => d.name),
      ['reporting', 'shop'],
    );
    assert.match(dbs.body.results[0].links[0].href, /\/databases\/reporting$/);
    const now = await names(contents(newest.id, '/shop/collections'));
    assert.deepEqual(
      now.body.results.map((c: Obj) => c.name),
      ['customers', 'invoices', 'orders', 'returns'],
    );
    const then = await names(contents(old.id, '/shop/collections'));
    assert.deepEqual(
      then.body.results.map((c: Obj) => c.name),
      ['customers', 'invoices', 'orders'],
      'returns was created five days ago',
    );
    assert.equal((await names(contents(newest.id, '/shop'), NAME)).body.name, 'shop');
    const dotted = await names(
      contents(newest.id, `/reporting/collections/${encodeURIComponent('orders.archive')}`),
      NAME,
    );
    assert.equal(dotted.body.name, 'orders.archive');
    assert.equal((await names(contents(old.id, '/shop/collections/returns'))).status, 404);
    assert.equal((await names(contents(newest.id, '/nope'))).status, 404);
    assert.equal((await names(contents('f'.repeat(24)))).body.errorCode, 'SNAPSHOT_NOT_FOUND');
    const tooOld = await api.json<Obj>(contents(newest.id), { accept: V2023 });
    assert.equal(tooOld.status, 406, 'the resource exists from 2025-03-12 on');
  });

  test('a snapshot still being taken has no contents yet; Backup Manager may browse', async () => {
    const taken = await api.json<Obj>(`/api/atlas/v2/groups/${production.id}/clusters/orders-rs/backup/snapshots`, {
      method: 'POST',
      accept: V2023,
      body: { retentionInDays: 3 },
    });
    assert.equal(taken.status, 200, JSON.stringify(taken.body));
    const r = await names(contents(taken.body.id));
    assert.equal(r.status, 400);
    assert.match(r.body.detail, /not completed yet/);
    clock.advance(60);
    const bm = new BearerClient(
      base,
      DEMO_CREDENTIALS.backupManagerServiceAccount.clientId,
      DEMO_CREDENTIALS.backupManagerServiceAccount.clientSecret,
    );
    assert.equal((await bm.json(contents(taken.body.id), { accept: V2025 })).status, 200);
  });
});
