// Apply-to-many against the in-process simulator: each target linted with its own context (an NVMe target is
// refused), item ids are the target's own, pushes one at a time, and a push failing halfway leaves the others'
// results, Atlas's state and the history true.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AtlasClient, type BackupSchedule, type Credentials } from '../../../../src/core/atlas';
import { adaptToTarget, applyPlans, planApply, type ApplyTarget } from '../../../../src/core/fleet/applyToMany';
import { ScheduleHistory } from '../../../../src/core/schedule/history';
import { AtlasSimulator, DEMO_CREDENTIALS, SEED } from '../../../../src/simulator';

const SA: Credentials = { kind: 'serviceAccount', ...DEMO_CREDENTIALS.serviceAccount };
let clock = Date.parse('2026-11-22T06:00:00Z');
const sim = new AtlasSimulator({ now: () => clock });
let url = '';
before(async () => {
  url = (await sim.start()).url;
});
after(async () => {
  await sim.stop();
});
beforeEach(() => {
  sim.reset();
  sim.setRateLimit({ limit: 100_000, windowSeconds: 60 });
});

const client = () =>
  new AtlasClient({
    baseUrl: url,
    credentials: SA,
    userAgent: 'atlas-backup-test',
    now: () => clock,
    retry: {
      sleep: async (ms) => {
        clock += ms;
      },
    },
  });
const PROD = SEED.projects.production.id,
  STAGING = SEED.projects.staging.id,
  SANDBOX = SEED.projects.sandbox.id;
const ids = (s: BackupSchedule) => (s.policies?.[0]?.policyItems ?? []).map((i) => i.id).filter(Boolean) as string[];
const shape = (s: BackupSchedule) =>
  (s.policies?.[0]?.policyItems ?? [])
    .map((i) => `${i.frequencyType}/${i.frequencyInterval}/${i.retentionValue}${i.retentionUnit}`)
    .sort();
const memoryHistory = () => {
  const m = new Map<string, string>();
  return new ScheduleHistory({
    read: async (k) => m.get(k),
    write: async (k, t) => {
      m.set(k, t);
    },
  });
};
const patches = () => sim.requests.filter((r) => r.method === 'PATCH');

describe('apply one schedule to many clusters', () => {
  test('each target is checked with its own context: the NVMe cluster is refused, the others are ready with their own ids', async () => {
    const c = client();
    const source = await c.getBackupSchedule(PROD, 'orders-rs');
    const targets: ApplyTarget[] = [
      { groupId: PROD, clusterName: 'analytics-nvme', projectName: 'Production' },
      { groupId: STAGING, clusterName: 'legacy-app', projectName: 'Staging' },
      { groupId: SANDBOX, clusterName: 'sandbox-001', projectName: 'Sandbox' },
      { groupId: STAGING, clusterName: 'staging-rs', projectName: 'Staging' },
    ];
    const plans = await planApply(c, source, targets);
    const by = new Map(plans.map((p) => [p.target.clusterName, p]));
    assert.equal(by.get('analytics-nvme')!.status, 'refused');
    assert.ok(
      by.get('analytics-nvme')!.errors.some((e) => /NVMe/i.test(e.message)),
      by.get('analytics-nvme')!.message,
    );
    assert.equal(by.get('legacy-app')!.status, 'ready');
    assert.equal(by.get('sandbox-001')!.status, 'ready');
    assert.equal(by.get('staging-rs')!.status, 'unreadable', 'backup off: Atlas has no schedule to change');
    assert.ok(by.get('legacy-app')!.changes.length > 0);
    for (const p of [by.get('legacy-app')!, by.get('sandbox-001')!]) {
      for (const id of ids(p.schedule!)) {
        assert.ok(!ids(source).includes(id), `the source's item id ${id} is not sent to ${p.target.clusterName}`);
        assert.ok(ids(p.remote!).includes(id), `${id} is one of ${p.target.clusterName}'s own items`);
      }
      assert.equal(p.schedule!.policies![0].id, p.remote!.policies![0].id, "the target's own policy id");
      assert.deepEqual(p.schedule!.copySettings ?? [], p.remote!.copySettings ?? [], "the target's own copy settings");
    }
    assert.equal(patches().length, 0, 'planning reads only');
  });

  test('pushes one at a time; a push failing halfway leaves the others pushed, its cluster unchanged and every history entry true', async () => {
    const c = client();
    const source = await c.getBackupSchedule(PROD, 'orders-rs');
    const targets: ApplyTarget[] = ['sandbox-001', 'sandbox-002', 'sandbox-004'].map((clusterName) => ({
      groupId: SANDBOX,
      clusterName,
      projectName: 'Sandbox',
    }));
    const before = new Map(
      await Promise.all(
        targets.map(async (t) => [t.clusterName, await c.getBackupSchedule(SANDBOX, t.clusterName)] as const),
      ),
    );
    const plans = await planApply(c, source, targets);
    assert.ok(plans.every((p) => p.status === 'ready'));
    sim.faults.add({
      pathPrefix: `/api/atlas/v2/groups/${SANDBOX}/clusters/sandbox-002/backup/schedule`,
      method: 'PATCH',
      status: 500,
      count: 1,
    });
    const history = memoryHistory();
    const order: string[] = [];
    const results = await applyPlans(c, plans, {
      origin: url,
      signIn: { label: 'test' },
      history,
      onStart: (p) => order.push(p.target.clusterName),
    });
    assert.deepEqual(order, ['sandbox-001', 'sandbox-002', 'sandbox-004']);
    assert.deepEqual(
      results.map((r) => `${r.target.clusterName}:${r.outcome}`),
      ['sandbox-001:pushed', 'sandbox-002:failed', 'sandbox-004:pushed'],
    );
    assert.match(results[1].message, /sandbox-002/);
    assert.equal(patches().length, 3, 'one PATCH each, the failed one not retried');
    // Atlas: the two pushed have the source's items (their own ids), the failed one what it had.
    for (const name of ['sandbox-001', 'sandbox-004']) {
      const now = await c.getBackupSchedule(SANDBOX, name);
      assert.deepEqual(shape(now), shape(source));
      assert.ok(ids(now).every((id) => !ids(source).includes(id)));
    }
    assert.deepEqual(shape(await c.getBackupSchedule(SANDBOX, 'sandbox-002')), shape(before.get('sandbox-002')!));
    // History: one entry per attempted push, each holding that cluster's own schedule before it.
    for (const t of targets) {
      const entries = await history.list(url, SANDBOX, t.clusterName);
      assert.equal(entries.length, 1, t.clusterName);
      assert.deepEqual(shape(entries[0].schedule), shape(before.get(t.clusterName)!));
      assert.equal(entries[0].clusterName, t.clusterName);
      // …and what came of it: the 500 may have reached Atlas, so it is not called refused.
      assert.equal(entries[0].outcome, t.clusterName === 'sandbox-002' ? 'unknown' : 'applied', t.clusterName);
    }
  });

  test('a target that already has the schedule is left alone', async () => {
    const c = client();
    // sandbox-002's own schedule (its ids and all) applied back to it.
    const source = await c.getBackupSchedule(SANDBOX, 'sandbox-002');
    const plans = await planApply(c, source, [{ groupId: SANDBOX, clusterName: 'sandbox-002' }]);
    assert.equal(plans[0].status, 'nothing');
    assert.deepEqual(await applyPlans(c, plans, { origin: url, signIn: { label: 't' } }), []);
    assert.equal(patches().length, 0);
  });

  test("adaptToTarget keeps the target's id for an item of the same type even when its interval changes", () => {
    const remote: BackupSchedule = {
      policies: [
        {
          id: 'P'.repeat(24),
          policyItems: [
            {
              id: 'h'.repeat(24),
              frequencyType: 'hourly',
              frequencyInterval: 12,
              retentionUnit: 'days',
              retentionValue: 2,
            },
          ],
        },
      ],
      copySettings: [{ zoneId: 'z'.repeat(24), cloudProvider: 'AWS', regionName: 'US_WEST_2' }],
    };
    const source: BackupSchedule = {
      policies: [
        {
          id: 'S'.repeat(24),
          policyItems: [
            {
              id: 's'.repeat(24),
              frequencyType: 'hourly',
              frequencyInterval: 6,
              retentionUnit: 'days',
              retentionValue: 3,
            },
            {
              id: 't'.repeat(24),
              frequencyType: 'daily',
              frequencyInterval: 1,
              retentionUnit: 'days',
              retentionValue: 7,
            },
          ],
        },
      ],
      referenceHourOfDay: 5,
      copySettings: [],
    };
    const out = adaptToTarget(source, remote);
    assert.deepEqual(out.policies, [
      {
        id: 'P'.repeat(24),
        policyItems: [
          {
            id: 'h'.repeat(24),
            frequencyType: 'hourly',
            frequencyInterval: 6,
            retentionUnit: 'days',
            retentionValue: 3,
          },
          { frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7 },
        ],
      },
    ]);
    assert.equal(out.referenceHourOfDay, 5);
    assert.equal(out.copySettings?.length, 1);
  });
});
