// The restore plan: every check passing and failing with its reason, what happens in words, and that the plan and
// the simulator (the server's view) agree on what Atlas refuses.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildRestorePlan,
  compareMongoVersions,
  restoreClusterFacts,
  type RestoreCheck,
  type RestoreCheckId,
  type RestoreClusterFacts,
  type RestorePlan,
  type RestoreSnapshotFacts,
} from '../../../../src/core/restore';
import { AtlasClient } from '../../../../src/core/atlas';
import { AtlasSimulator, DEMO_CREDENTIALS, SEED } from '../../../../src/simulator';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const DAY = 86_400_000;
const G1 = 'a'.repeat(24);
const G2 = 'b'.repeat(24);

const source: RestoreClusterFacts = {
  groupId: G1,
  projectName: 'Production',
  name: 'orders-rs',
  tier: 'M30',
  mongoDBVersion: '7.0.14',
  topology: { kind: 'replicaSet' },
  encryptionAtRestProvider: 'NONE',
  continuousBackup: true,
  restoreWindowDays: 2,
};
const target: RestoreClusterFacts = {
  ...source,
  groupId: G2,
  projectName: 'Sandbox',
  name: 'scratch',
  tier: 'M10',
  mongoDBVersion: '8.0.4',
};
const snapshot: RestoreSnapshotFacts = {
  id: 'c'.repeat(24),
  createdAt: '2026-11-21T18:00:00Z',
  status: 'completed',
  snapshotType: 'scheduled',
  frequencyType: 'daily',
  storageSizeBytes: 15_000_000_000,
  mongodVersion: '7.0.14',
};

function check(plan: RestorePlan, id: RestoreCheckId): RestoreCheck {
  const c = plan.checks.find((x) => x.id === id);
  assert.ok(c, `no ${id} check in ${plan.checks.map((x) => x.id).join(', ')}`);
  return c;
}

const automated = (
  over: {
    source?: Partial<RestoreClusterFacts>;
    target?: Partial<RestoreClusterFacts>;
    snapshot?: Partial<RestoreSnapshotFacts>;
    allow?: boolean;
  } = {},
) =>
  buildRestorePlan({
    kind: 'automated',
    source: { ...source, ...over.source },
    target: { ...target, ...over.target },
    snapshot: { ...snapshot, ...over.snapshot },
    allowSourceAsTarget: over.allow,
    nowMs: NOW,
  });

const pointInTime = (epochSeconds: number, over: { source?: Partial<RestoreClusterFacts>; oldestMs?: number } = {}) =>
  buildRestorePlan({
    kind: 'pointInTime',
    source: { ...source, ...over.source },
    target,
    pointInTime: { kind: 'seconds', epochSeconds },
    sourceSnapshots: { oldestMs: over.oldestMs ?? NOW - 30 * DAY, newestMs: NOW - 3_600_000, count: 40 },
    nowMs: NOW,
  });

describe('restore plan: what it says', () => {
  test('an automated restore: source snapshot, target, effects in words, every check passed', () => {
    const plan = automated();
    assert.equal(plan.ok, true, JSON.stringify(plan.checks));
    assert.deepEqual(plan.source, {
      groupId: G1,
      projectName: 'Production',
      clusterName: 'orders-rs',
      snapshot: {
        id: snapshot.id,
        createdAt: snapshot.createdAt,
        type: 'scheduled (daily)',
        sizeBytes: 15_000_000_000,
      },
      pointInTime: null,
    });
    assert.deepEqual(plan.target, {
      groupId: G2,
      projectName: 'Sandbox',
      clusterName: 'scratch',
      tier: 'M10',
      mongoDBVersion: '8.0.4',
      topology: 'replica set',
    });
    assert.deepEqual(
      plan.checks.map((c) => c.id),
      ['snapshot-completed', 'mongodb-version', 'topology', 'encryption-at-rest', 'target-not-source'],
    );
    assert.match(plan.effects.join(' '), /Every database on scratch is deleted and replaced/);
    assert.match(plan.effects.join(' '), /scratch is unavailable until the restore ends/);
    assert.match(plan.effects.join(' '), /Atlas Search indexes on scratch are rebuilt/);
  });

  test('a download: only the snapshot check, nothing changes on any cluster', () => {
    const plan = buildRestorePlan({
      kind: 'download',
      source,
      snapshot: { ...snapshot, snapshotType: 'onDemand' },
      nowMs: NOW,
    });
    assert.equal(plan.ok, true);
    assert.equal(plan.target, null);
    assert.equal(plan.source.snapshot?.type, 'on-demand');
    assert.deepEqual(
      plan.checks.map((c) => c.id),
      ['snapshot-completed'],
    );
    assert.match(plan.effects.join(' '), /Nothing changes on any cluster/);
    assert.match(plan.effects.join(' '), /an hour/);
  });

  test('a point in time: the time in UTC, the oplog position when given, the window', () => {
    const at = Math.floor(NOW / 1000) - 3600;
    const plan = pointInTime(at);
    assert.equal(plan.ok, true, JSON.stringify(plan.checks));
    assert.deepEqual(plan.source.pointInTime, { utc: '2026-11-22T11:00:00Z', epochSeconds: at, oplog: null });
    assert.deepEqual(plan.window, { from: '2026-11-20T12:00:00Z', to: '2026-11-22T12:00:00Z', restorePoints: null });
    assert.match(plan.effects[0], /Every database on scratch/);
    const byOplog = buildRestorePlan({
      kind: 'pointInTime',
      source,
      target,
      pointInTime: { kind: 'oplog', ts: at, inc: 7 },
      sourceSnapshots: { oldestMs: NOW - 30 * DAY, newestMs: NOW, count: 3 },
      nowMs: NOW,
    });
    assert.deepEqual(byOplog.source.pointInTime?.oplog, { ts: at, inc: 7 });
  });
});

describe('restore plan: each check passes and fails', () => {
  test('snapshot completed', () => {
    assert.equal(check(automated(), 'snapshot-completed').passed, true);
    const c = check(automated({ snapshot: { status: 'inProgress' } }), 'snapshot-completed');
    assert.equal(c.passed, false);
    assert.match(c.reason, /is inProgress, not completed/);
  });

  test('MongoDB version: the same or newer, compared as numbers', () => {
    assert.equal(check(automated({ target: { mongoDBVersion: '7.0.14' } }), 'mongodb-version').passed, true);
    const tenVsEight = automated({ snapshot: { mongodVersion: '8.0.4' }, target: { mongoDBVersion: '10.0.1' } });
    assert.equal(check(tenVsEight, 'mongodb-version').passed, true, '10.0 is newer than 8.0');
    const older = check(automated({ target: { mongoDBVersion: '6.0.19' } }), 'mongodb-version');
    assert.equal(older.passed, false);
    assert.match(older.reason, /scratch runs MongoDB 6\.0\.19, older than the snapshot's 7\.0\.14/);
    const patch = check(automated({ target: { mongoDBVersion: '7.0.9' } }), 'mongodb-version');
    assert.equal(patch.passed, false, '7.0.9 is older than 7.0.14');
    const unknown = check(automated({ target: { mongoDBVersion: undefined } }), 'mongodb-version');
    assert.equal(unknown.passed, false);
    assert.match(unknown.reason, /did not report scratch's MongoDB version/);
    assert.ok(compareMongoVersions('10.0', '8.0') > 0);
    assert.ok(compareMongoVersions('8.0', '10.0') < 0);
    assert.equal(compareMongoVersions('8.0.4', '8.0.4'), 0);
  });

  test('topology: replica set onto replica set; sharded onto sharded with the same shards and config server', () => {
    const sharded = { kind: 'sharded', shards: 2, configServerType: 'DEDICATED' } as const;
    assert.equal(check(automated(), 'topology').passed, true);
    const rsOntoSharded = check(automated({ target: { topology: sharded } }), 'topology');
    assert.equal(rsOntoSharded.passed, false);
    assert.match(rsOntoSharded.reason, /orders-rs is a replica set and scratch a sharded cluster, 2 shards/);
    const shardedOntoRs = check(automated({ source: { topology: sharded } }), 'topology');
    assert.equal(shardedOntoRs.passed, false);
    assert.equal(
      check(automated({ source: { topology: sharded }, target: { topology: sharded } }), 'topology').passed,
      true,
    );
    const shards = check(
      automated({ source: { topology: sharded }, target: { topology: { ...sharded, shards: 3 } } }),
      'topology',
    );
    assert.equal(shards.passed, false);
    assert.match(shards.reason, /2 shards and scratch 3/);
    const config = check(
      automated({ source: { topology: sharded }, target: { topology: { ...sharded, configServerType: 'EMBEDDED' } } }),
      'topology',
    );
    assert.equal(config.passed, false);
    assert.match(config.reason, /config server is dedicated and scratch's embedded/);
  });

  test('encryption at rest: the same provider', () => {
    assert.equal(
      check(automated({ source: { encryptionAtRestProvider: undefined } }), 'encryption-at-rest').passed,
      true,
      'absent is NONE',
    );
    const c = check(automated({ source: { encryptionAtRestProvider: 'AWS' } }), 'encryption-at-rest');
    assert.equal(c.passed, false);
    assert.match(c.reason, /orders-rs uses AWS keys for encryption at rest and scratch no customer-managed keys/);
    assert.equal(
      check(
        automated({ source: { encryptionAtRestProvider: 'AWS' }, target: { encryptionAtRestProvider: 'AWS' } }),
        'encryption-at-rest',
      ).passed,
      true,
    );
  });

  test('the target is not the source, unless explicitly allowed', () => {
    const onto = { groupId: G1, name: 'orders-rs' };
    const refused = check(automated({ target: onto }), 'target-not-source');
    assert.equal(refused.passed, false);
    assert.match(refused.reason, /say so explicitly/);
    const allowed = check(automated({ target: onto, allow: true }), 'target-not-source');
    assert.equal(allowed.passed, true);
    assert.match(allowed.reason, /explicitly allowed/);
    assert.equal(
      check(automated({ target: { groupId: G2, name: 'orders-rs' } }), 'target-not-source').passed,
      true,
      'same name, other project',
    );
  });

  test('point in time: continuous backup, inside the window (said in the refusal), not in the future', () => {
    const nowS = Math.floor(NOW / 1000);
    const noPit = pointInTime(nowS - 60, { source: { continuousBackup: false } });
    assert.equal(check(noPit, 'continuous-backup').passed, false);
    assert.match(check(noPit, 'continuous-backup').reason, /no continuous backup/);
    assert.equal(noPit.window, null);
    const tooOld = check(pointInTime(nowS - 3 * 86_400), 'restorable-window');
    assert.equal(tooOld.passed, false);
    assert.match(
      tooOld.reason,
      /2026-11-19 12:00:00 UTC is outside the restorable window of orders-rs: from 2026-11-20 12:00:00 UTC to 2026-11-22 12:00:00 UTC/,
    );
    const future = check(pointInTime(nowS + 60), 'restorable-window');
    assert.equal(future.passed, false);
    assert.match(future.reason, /is in the future/);
    // The window starts at the oldest snapshot when that is later than now − restoreWindowDays.
    const young = check(pointInTime(nowS - 86_400, { oldestMs: NOW - 3_600_000 }), 'restorable-window');
    assert.equal(young.passed, false);
    assert.match(young.reason, /from 2026-11-22 11:00:00 UTC/);
    assert.equal(check(pointInTime(nowS - 86_400), 'restorable-window').passed, true);
    const none = buildRestorePlan({
      kind: 'pointInTime',
      source,
      target,
      pointInTime: { kind: 'seconds', epochSeconds: nowS - 60 },
      sourceSnapshots: undefined,
      nowMs: NOW,
    });
    assert.match(check(none, 'restorable-window').reason, /no completed snapshot yet/);
    assert.equal(none.ok, false);
  });

  test('one failed check makes the whole plan not ok', () => {
    assert.equal(automated({ target: { mongoDBVersion: '6.0.1' } }).ok, false);
  });
});

describe('restore plan against the simulator', () => {
  test("the facts from Atlas's cluster descriptions give the checks the simulator (the server) enforces", async () => {
    const sim = new AtlasSimulator({ now: () => NOW });
    const { url } = await sim.start();
    try {
      const client = new AtlasClient({
        baseUrl: url,
        credentials: { kind: 'serviceAccount', ...DEMO_CREDENTIALS.serviceAccount },
        userAgent: 'atlas-backup-test',
        now: () => NOW,
      });
      const prod = SEED.projects.production.id;
      const facts = async (groupId: string, name: string) =>
        restoreClusterFacts(await client.getCluster(groupId, name));
      const orders = await facts(prod, 'orders-rs');
      assert.deepEqual(orders.topology, { kind: 'replicaSet' });
      assert.equal(orders.tier, 'M30');
      const catalog = await facts(prod, 'catalog-sharded');
      assert.deepEqual(catalog.topology, { kind: 'sharded', shards: 2, configServerType: 'DEDICATED' });
      const snap = (await client.listSnapshotsPage(prod, 'orders-rs')).results.find((s) => s.status === 'completed')!;
      const plan = (t: RestoreClusterFacts) =>
        buildRestorePlan({ kind: 'automated', source: orders, snapshot: snap, target: t, nowMs: NOW });
      const legacy = plan(await facts(SEED.projects.staging.id, 'legacy-app'));
      assert.equal(check(legacy, 'mongodb-version').passed, false);
      assert.equal(check(plan(catalog), 'topology').passed, false);
      assert.equal(plan(await facts(SEED.projects.sandbox.id, 'sandbox-001')).ok, true);
    } finally {
      await sim.stop();
    }
  });
});
