// Every backup operation through the client against the simulator, both directions: what goes out (version,
// method, path at the simulator's request log) and what comes back (documents, typed errors with their hints).
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AtlasApiError,
  AtlasClient,
  AtlasNetworkError,
  OPERATIONS,
  type AtlasClientOptions,
  type BackupSchedule,
  type Credentials,
} from '../../../../src/core/atlas';
import { AtlasSimulator, DEMO_CREDENTIALS, SEED, describeSeed } from '../../../../src/simulator';

const OWNER: Credentials = { kind: 'serviceAccount', ...DEMO_CREDENTIALS.serviceAccount };
const OWNER_KEY: Credentials = { kind: 'apiKey', ...DEMO_CREDENTIALS.apiKey };
const READ_ONLY: Credentials = { kind: 'apiKey', ...DEMO_CREDENTIALS.readOnlyApiKey };
const BACKUP_MANAGER: Credentials = { kind: 'serviceAccount', ...DEMO_CREDENTIALS.backupManagerServiceAccount };
const PROD = SEED.projects.production.id;
const STAGING = SEED.projects.staging.id;

let clock = Date.parse('2026-11-22T06:00:00Z');
const sim = new AtlasSimulator({ now: () => clock });
let url = '';
before(async () => {
  url = (await sim.start()).url;
});
after(async () => {
  await sim.stop();
});
beforeEach(() => sim.reset());

function client(credentials: Credentials = OWNER, over: Partial<AtlasClientOptions> = {}): AtlasClient {
  return new AtlasClient({
    baseUrl: url,
    credentials,
    userAgent: 'atlas-backup-vscode/test',
    now: () => clock,
    retry: {
      sleep: async (ms) => {
        clock += ms;
      },
    },
    ...over,
  });
}

const api = () => sim.requests.filter((r) => r.path.startsWith('/api/atlas/'));
const lastApi = () => api().at(-1)!;

function rejectsWith(p: Promise<unknown>, status: number, code: string | RegExp, message: RegExp): Promise<void> {
  return assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof AtlasApiError, String(e));
    assert.equal(e.status, status, e.message);
    if (typeof code === 'string') assert.equal(e.errorCode, code, e.message);
    else assert.match(e.errorCode, code, e.message);
    assert.match(e.message, message);
    return true;
  });
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('schedule', () => {
  test('read, add an item, read back: existing ids kept, the new item gets one from Atlas', async () => {
    const c = client();
    const current = await c.getBackupSchedule(STAGING, 'legacy-app');
    assert.equal(lastApi().accept, 'application/vnd.atlas.2024-08-05+json');
    assert.equal(current.clusterName, 'legacy-app');
    const items = current.policies![0].policyItems;
    assert.ok(items.length > 0 && items.every((i) => /^[a-f0-9]{24}$/.test(i.id!)));
    const draft: BackupSchedule = structuredClone(current);
    const hadYearly = items.some((i) => i.frequencyType === 'yearly');
    draft.policies![0].policyItems.push(
      hadYearly
        ? { frequencyType: 'weekly', frequencyInterval: 3, retentionUnit: 'weeks', retentionValue: 8 }
        : { frequencyType: 'yearly', frequencyInterval: 12, retentionUnit: 'years', retentionValue: 2 },
    );
    const updated = await c.updateBackupSchedule(STAGING, 'legacy-app', draft, { current });
    assert.equal(lastApi().method, 'PATCH');
    assert.equal(lastApi().status, 200);
    const after = updated.policies![0].policyItems;
    assert.equal(after.length, items.length + 1);
    for (const old of items)
      assert.ok(
        after.some((i) => i.id === old.id),
        `kept ${old.frequencyType}`,
      );
    assert.ok(after.every((i) => /^[a-f0-9]{24}$/.test(i.id!)));
    assert.deepEqual((await c.getBackupSchedule(STAGING, 'legacy-app')).policies, updated.policies);
  });

  test('an edited draft carrying read-only fields and an id Atlas lacks still goes through', async () => {
    const c = client(BACKUP_MANAGER);
    const current = await c.getBackupSchedule(STAGING, 'legacy-app');
    const draft: BackupSchedule = structuredClone(current);
    draft.policies![0].policyItems.push({
      id: 'ffffffffffffffffffffffff',
      frequencyType: 'monthly',
      frequencyInterval: 40,
      retentionUnit: 'months',
      retentionValue: 12,
    });
    const updated = await c.updateBackupSchedule(STAGING, 'legacy-app', draft, { current });
    assert.ok(!updated.policies![0].policyItems.some((i) => i.id === 'ffffffffffffffffffffffff'));
  });

  test('Atlas validation errors come back with the code in words and the field', async () => {
    const c = client();
    const current = await c.getBackupSchedule(STAGING, 'legacy-app');
    await assert.rejects(
      c.updateBackupSchedule(STAGING, 'legacy-app', { referenceHourOfDay: 3 }, { current }),
      (e: unknown) => {
        assert.ok(e instanceof AtlasApiError);
        assert.equal(e.errorCode, 'INVALID_REFERENCE_TIME_OF_DAY_MISSING_FIELDS');
        assert.equal(e.field, 'referenceMinuteOfHour');
        assert.match(e.message, /^Set both referenceHourOfDay and referenceMinuteOfHour, or neither\./);
        assert.match(e.message, /field "referenceMinuteOfHour"/);
        return true;
      },
    );
    await rejectsWith(
      c.updateBackupSchedule(STAGING, 'legacy-app', { policies: [{ policyItems: [] }] }, { current }),
      400,
      'INVALID_NUM_OF_POLICY_ITEMS',
      /needs at least one policy item/,
    );
  });

  test('weakening a schedule under the Backup Compliance Policy is refused in plain words', async () => {
    const c = client();
    const current = await c.getBackupSchedule(PROD, 'orders-rs');
    const draft: BackupSchedule = structuredClone(current);
    for (const i of draft.policies![0].policyItems) {
      i.retentionUnit = 'days';
      i.retentionValue = 1;
    }
    await rejectsWith(
      c.updateBackupSchedule(PROD, 'orders-rs', draft, { current }),
      400,
      /COMPLIANCE/,
      /Backup Compliance Policy/,
    );
    await rejectsWith(c.deleteBackupSchedules(PROD, 'orders-rs'), 400, /COMPLIANCE/, /Backup Compliance Policy/);
  });

  test('delete all schedules returns the schedule without items', async () => {
    const c = client();
    const s = await c.deleteBackupSchedules(STAGING, 'legacy-app');
    assert.equal(lastApi().method, 'DELETE');
    assert.equal(lastApi().accept, 'application/vnd.atlas.2024-08-05+json');
    assert.equal(s.clusterName, 'legacy-app');
    assert.deepEqual(s.policies?.[0]?.policyItems ?? [], []);
  });

  test('backup off: reading the schedule says to turn Cloud Backup on', async () => {
    await rejectsWith(
      client().getBackupSchedule(STAGING, 'staging-rs'),
      400,
      'BACKUP_JOB_NOT_FOUND',
      /not enabled.*turn backup on/,
    );
  });

  test('geosharded copy settings are keyed by the cluster zone ids', async () => {
    const s = await client().getBackupSchedule(PROD, 'global-users');
    const zoneIds = (s.copySettings ?? []).map((x) => x.zoneId);
    assert.ok(zoneIds.length > 0);
    for (const z of zoneIds) assert.ok(SEED.clusters['global-users'].zoneIds.includes(z), z);
  });

  test('PATCH is not retried after a 500 or a dropped connection, and is after a 429', async () => {
    const c = client();
    const current = await c.getBackupSchedule(STAGING, 'legacy-app');
    const path = `/api/atlas/v2/groups/${STAGING}/clusters/legacy-app/backup/schedule`;
    const patches = () => api().filter((r) => r.method === 'PATCH').length;
    sim.faults.add({ pathPrefix: path, method: 'PATCH', status: 500 });
    await rejectsWith(
      c.updateBackupSchedule(STAGING, 'legacy-app', current, { current }),
      500,
      'UNEXPECTED_ERROR',
      /Atlas side/,
    );
    assert.equal(patches(), 1);
    sim.faults.add({ pathPrefix: path, method: 'PATCH', drop: true });
    await assert.rejects(c.updateBackupSchedule(STAGING, 'legacy-app', current, { current }), AtlasNetworkError);
    assert.equal(patches(), 2);
    sim.faults.add({ pathPrefix: path, method: 'PATCH', status: 429, retryAfterSeconds: 2 });
    await c.updateBackupSchedule(STAGING, 'legacy-app', current, { current });
    assert.deepEqual(
      api()
        .filter((r) => r.method === 'PATCH')
        .map((r) => r.status),
      [500, 0, 429, 200],
    );
  });
});

describe('roles', () => {
  test('read-only key: schedule change and compliance read are 403 naming the role needed', async () => {
    const c = client(READ_ONLY);
    const current = await c.getBackupSchedule(STAGING, 'legacy-app');
    await rejectsWith(
      c.updateBackupSchedule(STAGING, 'legacy-app', current, { current }),
      403,
      'USER_UNAUTHORIZED',
      /Project Backup Manager role/,
    );
    await rejectsWith(c.getCompliancePolicy(PROD), 403, 'USER_UNAUTHORIZED', /Project Owner role/);
    await rejectsWith(
      c.takeSnapshot(STAGING, 'legacy-app', { retentionInDays: 2 }),
      403,
      'USER_UNAUTHORIZED',
      /Project Backup Creator role/,
    );
  });

  test('backup manager: can change schedules, cannot read the compliance policy', async () => {
    const c = client(BACKUP_MANAGER);
    const current = await c.getBackupSchedule(STAGING, 'legacy-app');
    await c.updateBackupSchedule(STAGING, 'legacy-app', current, { current });
    await rejectsWith(
      c.getCompliancePolicy(PROD),
      403,
      'USER_UNAUTHORIZED',
      /Reading the Backup Compliance Policy needs the Project Owner role/,
    );
  });
});

describe('snapshots', () => {
  test('orders-rs: several hundred snapshots, paged to the end, every id unique', async (t) => {
    const c = client(OWNER_KEY);
    const first = await c.listSnapshotsPage(PROD, 'orders-rs');
    assert.equal(first.results.length, 100);
    assert.ok((first.totalCount ?? 0) > 300, `totalCount ${first.totalCount}`);
    const all = await collect(c.listSnapshots(PROD, 'orders-rs', { itemsPerPage: 500 }));
    assert.equal(all.length, first.totalCount);
    assert.equal(new Set(all.map((s) => s.id)).size, all.length);
    assert.ok(all.some((s) => s.snapshotType === 'onDemand') && all.some((s) => s.snapshotType === 'scheduled'));
    const bigPages = api().filter(
      (r) => r.path.endsWith('/backup/snapshots') && r.query['itemsPerPage'] === '500',
    ).length;
    assert.equal(bigPages, 1);
    t.diagnostic(
      `orders-rs: ${all.length} snapshots in ${bigPages} request at itemsPerPage=500 (${Math.ceil(all.length / 100)} at the default 100)`,
    );
    const one = await c.getSnapshot(PROD, 'orders-rs', all[0].id!);
    assert.equal(one.id, all[0].id);
  });

  test('take an on-demand snapshot; a second while it runs is refused in plain words', async () => {
    const c = client(BACKUP_MANAGER);
    const snap = await c.takeSnapshot(STAGING, 'legacy-app', {
      retentionInDays: 3,
      description: 'before the migration',
    });
    assert.equal(lastApi().method, 'POST');
    assert.equal(snap.snapshotType, 'onDemand');
    assert.equal(snap.description, 'before the migration');
    assert.ok(snap.status === 'queued' || snap.status === 'inProgress');
    await rejectsWith(
      c.takeSnapshot(STAGING, 'legacy-app', { retentionInDays: 3 }),
      400,
      'UNFINISHED_ON_DEMAND_SNAPSHOT',
      /wait until it completes/,
    );
    assert.equal(api().filter((r) => r.method === 'POST').length, 2, 'a refused POST is not retried');
    await assert.rejects(c.takeSnapshot(STAGING, 'legacy-app', { retentionInDays: 0 }), /at least 1/);
  });

  test('change retention, then delete (no compliance policy in Staging)', async () => {
    const c = client();
    const [s] = (await c.listSnapshotsPage(STAGING, 'legacy-app', { itemsPerPage: 5 })).results.filter(
      (x) => x.status === 'completed',
    );
    const changed = await c.updateSnapshotRetention(STAGING, 'legacy-app', s.id!, {
      retentionUnit: 'MONTHS',
      retentionValue: 6,
    });
    assert.ok(Date.parse(changed.expiresAt!) > Date.parse(s.expiresAt!));
    await c.deleteSnapshot(STAGING, 'legacy-app', s.id!);
    assert.equal(lastApi().status, 204);
    await rejectsWith(c.getSnapshot(STAGING, 'legacy-app', s.id!), 404, 'SNAPSHOT_NOT_FOUND', /no longer exists/);
  });

  test('under the compliance policy: no deleting and no shortening', async () => {
    const c = client();
    const [s] = (await c.listSnapshotsPage(PROD, 'orders-rs', { itemsPerPage: 20 })).results.filter(
      (x) => x.status === 'completed',
    );
    await rejectsWith(
      c.deleteSnapshot(PROD, 'orders-rs', s.id!),
      400,
      'CANNOT_DELETE_SNAPSHOT_WITH_BACKUP_COMPLIANCE_POLICY',
      /does not allow deleting snapshots/,
    );
    await rejectsWith(
      c.updateSnapshotRetention(PROD, 'orders-rs', s.id!, { retentionUnit: 'DAYS', retentionValue: 1 }),
      400,
      /CANNOT_DECREASE|EXPIRATION_DATE_IN_PAST/,
      /retention|expire/,
    );
  });

  test('sharded cluster: its own list and get; the replica-set endpoint explains the mix-up', async () => {
    const c = client();
    const page = await c.listShardedSnapshots(PROD, 'catalog-sharded');
    assert.ok(page.results.length > 0);
    assert.equal(page.hasNext, false);
    const s = page.results[0];
    assert.equal(s.type, 'shardedCluster');
    assert.ok((s.members ?? []).length >= 3, 'two shards and a config server');
    assert.equal((await c.getShardedSnapshot(PROD, 'catalog-sharded', s.id!)).id, s.id);
    await rejectsWith(
      c.listSnapshotsPage(PROD, 'catalog-sharded'),
      400,
      'INCORRECT_BACKUP_API_ENDPOINT',
      /replica set vs sharded/,
    );
  });

  test('legacy snapshots: parts, doNotDelete, created timestamps; completed=all widens the list', async () => {
    const c = client();
    const all = await collect(c.listLegacySnapshots(STAGING, 'legacy-app', { completed: 'all' }));
    const done = await collect(c.listLegacySnapshots(STAGING, 'legacy-app'));
    assert.ok(all.length >= done.length && done.length > 0);
    assert.ok(all.some((s) => s.doNotDelete === true));
    const one = await c.getLegacySnapshot(STAGING, 'legacy-app', done[0].id!);
    assert.ok((one.parts ?? []).length > 0);
    assert.ok(one.created?.date);
  });
});

describe('compliance policy', () => {
  test('Production has an active policy, Staging has none', async () => {
    const c = client();
    const p = await c.getCompliancePolicy(PROD);
    assert.equal(p?.state, 'ACTIVE');
    assert.ok((p?.scheduledPolicyItems ?? []).length > 0);
    assert.equal(await c.getCompliancePolicy(STAGING), undefined);
  });

  test('enable on Staging without overwriting schedules, read it back; disabling Production needs Support', async () => {
    const c = client();
    const policy = await c.putCompliancePolicy(
      STAGING,
      {
        authorizedEmail: 'owner@example.com',
        authorizedUserFirstName: 'Ada',
        authorizedUserLastName: 'Owner',
        scheduledPolicyItems: [
          { frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 1 },
        ],
        state: 'ENABLING', // read-only: stripped before sending
      },
      { overwriteBackupPolicies: false },
    );
    assert.equal(lastApi().query['overwriteBackupPolicies'], 'false');
    assert.equal(policy.state, 'ENABLING');
    clock += 61_000;
    const read = await c.getCompliancePolicy(STAGING);
    assert.equal(read?.authorizedEmail, 'owner@example.com');
    assert.equal(read?.state, 'ACTIVE');
    await rejectsWith(
      c.deleteCompliancePolicy(PROD),
      400,
      'CANNOT_DISABLE_BACKUP_COMPLIANCE_POLICY',
      /MongoDB Support/,
    );
  });
});

test('every operation sent its pinned version (checked at the simulator)', async () => {
  const c = client();
  const seen = new Map<string, string>();
  const note = (op: keyof typeof OPERATIONS) => {
    const r = lastApi();
    seen.set(op, `${r.method} ${r.accept}`);
  };
  await c.listProjectsPage();
  note('listProjects');
  await c.listClustersPage(PROD);
  note('listClusters');
  // A simulator without the all-clusters listing answers 404; the version sent is checked either way.
  await c.listAllClustersPage().catch(() => undefined);
  note('listAllClusters');
  await c.getCluster(PROD, 'orders-rs');
  note('getCluster');
  const current = await c.getBackupSchedule(STAGING, 'legacy-app');
  note('getBackupSchedule');
  await c.updateBackupSchedule(STAGING, 'legacy-app', current, { current });
  note('updateBackupSchedule');
  const snaps = await c.listSnapshotsPage(STAGING, 'legacy-app');
  note('listSnapshots');
  const done = snaps.results.filter((s) => s.status === 'completed');
  await c.getSnapshot(STAGING, 'legacy-app', done[0].id!);
  note('getSnapshot');
  await c.updateSnapshotRetention(STAGING, 'legacy-app', done[0].id!, { retentionUnit: 'WEEKS', retentionValue: 10 });
  note('updateSnapshotRetention');
  await c.deleteSnapshot(STAGING, 'legacy-app', done[1].id!);
  note('deleteSnapshot');
  await c.takeSnapshot(STAGING, 'legacy-app', { retentionInDays: 2 });
  note('takeSnapshot');
  const sh = await c.listShardedSnapshots(PROD, 'catalog-sharded');
  note('listShardedSnapshots');
  await c.getShardedSnapshot(PROD, 'catalog-sharded', sh.results[0].id!);
  note('getShardedSnapshot');
  const leg = await c.listLegacySnapshotsPage(STAGING, 'legacy-app');
  note('listLegacySnapshots');
  await c.getLegacySnapshot(STAGING, 'legacy-app', leg.results[0].id!);
  note('getLegacySnapshot');
  await c.getCompliancePolicy(PROD);
  note('getCompliancePolicy');
  await c.deleteBackupSchedules(STAGING, 'legacy-app');
  note('deleteBackupSchedules');
  await c.putCompliancePolicy(
    STAGING,
    { authorizedEmail: 'a@example.com', authorizedUserFirstName: 'A', authorizedUserLastName: 'B' },
    { overwriteBackupPolicies: false },
  );
  note('putCompliancePolicy');
  await c.deleteCompliancePolicy(PROD).catch(() => undefined);
  note('deleteCompliancePolicy');
  const sharded2 = await c.listShardedSnapshots(PROD, 'catalog-sharded');
  await c.deleteShardedSnapshot(PROD, 'catalog-sharded', sharded2.results[0].id!).catch(() => undefined);
  note('deleteShardedSnapshot');
  const restores = await c.listRestoreJobsPage(PROD, 'orders-rs');
  note('listRestoreJobs');
  await c.getRestoreJob(PROD, 'orders-rs', restores.results[0].id!);
  note('getRestoreJob');
  const ordersSnap = (await c.listSnapshotsPage(PROD, 'orders-rs')).results.find((s) => s.status === 'completed')!;
  const job = await c.createRestoreJob(PROD, 'orders-rs', { deliveryType: 'download', snapshotId: ordersSnap.id! });
  note('createRestoreJob');
  await c.cancelRestoreJob(PROD, 'orders-rs', job.id!);
  note('cancelRestoreJob');
  await c.listSnapshotDatabasesPage(PROD, 'orders-rs', ordersSnap.id!);
  note('listSnapshotDatabases');
  await c.getSnapshotDatabase(PROD, 'orders-rs', ordersSnap.id!, 'shop');
  note('getSnapshotDatabase');
  await c.listSnapshotCollectionsPage(PROD, 'orders-rs', ordersSnap.id!, 'shop');
  note('listSnapshotCollections');
  await c.getSnapshotCollection(PROD, 'orders-rs', ordersSnap.id!, 'shop', 'orders');
  note('getSnapshotCollection');
  const collectionJob = await c.createCollectionRestoreJob(PROD, 'orders-rs', {
    snapshotId: ordersSnap.id!,
    targetGroupId: PROD,
    targetClusterName: 'orders-rs',
    writeStrategy: 'CREATE_NEW',
    indexStrategy: 'ALL',
    collections: [{ sourceNamespace: 'shop.orders' }],
  });
  note('createCollectionRestoreJob');
  await c.listCollectionRestoreJobsPage(PROD, 'orders-rs');
  note('listCollectionRestoreJobs');
  await c.getCollectionRestoreJob(PROD, 'orders-rs', collectionJob.id!);
  note('getCollectionRestoreJob');
  await c.listCollectionRestoreJobCollectionsPage(PROD, 'orders-rs', collectionJob.id!);
  note('listCollectionRestoreJobCollections');
  // While the job initializes its collections do not exist yet: the 404 still shows the version sent.
  await c.getCollectionRestoreJobCollection(PROD, 'orders-rs', collectionJob.id!, 'shop.orders').catch(() => undefined);
  note('getCollectionRestoreJobCollection');
  const flex = describeSeed().flexClusters[0];
  await c.listFlexClustersPage(flex.projectId);
  note('listFlexClusters');
  await c.getFlexCluster(flex.projectId, flex.name);
  note('getFlexCluster');
  const [flexSnap] = (await c.listFlexSnapshotsPage(flex.projectId, flex.name)).results;
  note('listFlexSnapshots');
  await c.getFlexSnapshot(flex.projectId, flex.name, flexSnap.id!);
  note('getFlexSnapshot');
  const flexJob = await c.downloadFlexSnapshot(flex.projectId, flex.name, flexSnap.id!);
  note('downloadFlexSnapshot');
  await c.createFlexRestoreJob(flex.projectId, flex.name, {
    snapshotId: flexSnap.id!,
    targetDeploymentItemName: flex.name,
  });
  note('createFlexRestoreJob');
  await c.listFlexRestoreJobsPage(flex.projectId, flex.name);
  note('listFlexRestoreJobs');
  await c.getFlexRestoreJob(flex.projectId, flex.name, flexJob.id!);
  note('getFlexRestoreJob');
  const buckets = await c.listExportBucketsPage(PROD);
  note('listExportBuckets');
  await c.getExportBucket(PROD, buckets.results[0]._id);
  note('getExportBucket');
  const roles = await c.listCloudProviderAccessRoles(PROD);
  note('listCloudProviderAccessRoles');
  const gcpRole = roles.gcpServiceAccounts!.find((r) => r.status === 'COMPLETE')!;
  const added = await c.createExportBucket(PROD, {
    cloudProvider: 'GCP',
    bucketName: 'pinned-version',
    roleId: gcpRole.roleId!,
  });
  note('createExportBucket');
  const exportJob = await c.createExportJob(PROD, 'orders-rs', {
    snapshotId: ordersSnap.id!,
    exportBucketId: added._id,
  });
  note('createExportJob');
  await c.getExportJob(PROD, 'orders-rs', exportJob.id!);
  note('getExportJob');
  await c.listExportJobsPage(PROD, 'orders-rs');
  note('listExportJobs');
  await c.deleteExportBucket(PROD, added._id);
  note('deleteExportBucket');
  for (const [op, spec] of Object.entries(OPERATIONS)) {
    assert.equal(seen.get(op), `${spec.method} application/vnd.atlas.${spec.version}+json`, op);
  }
  assert.ok(
    api().every((r) => r.status !== 406),
    'the simulator accepted every version',
  );
});
