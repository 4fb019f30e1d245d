// The posture of one cluster and of many, from documents shaped as Atlas returns them (no network).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BackupSchedule, ClusterDescription, CompliancePolicy } from '../../../../src/core/atlas';
import {
  computePosture,
  overdueMarginMs,
  promisedIntervalMs,
  summarizePosture,
  summaryLine,
  type ClusterFacts,
} from '../../../../src/core/fleet/posture';
import { summarizeSchedule } from '../../../../src/core/schedule/describeSchedule';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const H = 3_600_000;
const G = 'a'.repeat(24);

function cluster(over: Partial<ClusterDescription> & { size?: string } = {}): ClusterDescription {
  const { size = 'M30', ...rest } = over;
  return {
    name: 'orders',
    clusterType: 'REPLICASET',
    backupEnabled: true,
    pitEnabled: false,
    createDate: '2025-01-01T00:00:00Z',
    replicationSpecs: [
      {
        zoneId: 'z'.repeat(24),
        zoneName: 'Zone 1',
        regionConfigs: [{ providerName: 'AWS', regionName: 'US_EAST_1', electableSpecs: { instanceSize: size } }],
      },
    ],
    ...rest,
  };
}

function schedule(items: [string, number, string, number][], over: Partial<BackupSchedule> = {}): BackupSchedule {
  return {
    policies: [
      {
        id: 'p'.repeat(24),
        policyItems: items.map(([frequencyType, frequencyInterval, retentionUnit, retentionValue], i) => ({
          id: String(i).repeat(24).slice(0, 24),
          frequencyType,
          frequencyInterval,
          retentionUnit,
          retentionValue,
        })) as never,
      },
    ],
    referenceHourOfDay: 3,
    referenceMinuteOfHour: 0,
    restoreWindowDays: 1,
    nextSnapshot: '2026-12-01T18:00:00Z',
    ...over,
  };
}

const STANDARD = schedule([
  ['hourly', 6, 'days', 2],
  ['daily', 1, 'days', 7],
  ['weekly', 6, 'weeks', 4],
  ['monthly', 40, 'months', 12],
]);
const POLICY: CompliancePolicy = {
  authorizedEmail: 'a@example.com',
  authorizedUserFirstName: 'A',
  authorizedUserLastName: 'B',
  state: 'ACTIVE',
  scheduledPolicyItems: [
    { frequencyType: 'hourly', frequencyInterval: 6, retentionUnit: 'days', retentionValue: 2 },
    { frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7 },
  ],
};

function facts(over: Partial<ClusterFacts> = {}): ClusterFacts {
  return {
    groupId: G,
    projectName: 'Production',
    cluster: cluster(),
    schedule: STANDARD,
    newestSnapshot: new Date(NOW - 2 * H).toISOString(),
    ...over,
  };
}

describe('schedule summary', () => {
  test('one short line, most frequent first', () => {
    assert.equal(
      summarizeSchedule(
        schedule([
          ['monthly', 40, 'months', 12],
          ['weekly', 6, 'weeks', 4],
          ['hourly', 6, 'days', 2],
          ['daily', 1, 'days', 7],
        ]),
      ),
      '6h·2d  1d·7d  Sat·4w  last·12m',
    );
    assert.equal(
      summarizeSchedule(
        schedule([
          ['monthly', 1, 'months', 3],
          ['yearly', 2, 'years', 7],
        ]),
      ),
      '1st·3m  Feb·7y',
    );
    assert.equal(summarizeSchedule(schedule([])), 'no policy items');
  });
});

describe('backup state and overdue', () => {
  test('the promise is the most frequent item; the margin is an hour or a tenth of it', () => {
    assert.equal(promisedIntervalMs(STANDARD), 6 * H);
    assert.equal(overdueMarginMs(6 * H), H);
    assert.equal(overdueMarginMs(24 * H), 2.4 * H);
    assert.equal(promisedIntervalMs(schedule([['weekly', 1, 'weeks', 4]])), 7 * 24 * H);
  });

  test('a snapshot 2 h old on a 6-hourly schedule is fine; 7 h is the edge; 7 h 1 min is overdue', () => {
    assert.equal(computePosture(facts(), NOW).snapshotState, 'ok');
    assert.equal(computePosture(facts({ newestSnapshot: new Date(NOW - 7 * H).toISOString() }), NOW).overdue, false);
    const late = computePosture(facts({ newestSnapshot: new Date(NOW - 7 * H - 60_000).toISOString() }), NOW);
    assert.equal(late.overdue, true);
    assert.equal(late.snapshotAgeMs, 7 * H + 60_000);
    assert.equal(late.overdueAfterMs, 7 * H);
  });

  test('a daily-only schedule allows a day and 2.4 hours', () => {
    const daily = schedule([['daily', 1, 'days', 7]]);
    assert.equal(
      computePosture(facts({ schedule: daily, newestSnapshot: new Date(NOW - 26 * H).toISOString() }), NOW).overdue,
      false,
    );
    assert.equal(
      computePosture(facts({ schedule: daily, newestSnapshot: new Date(NOW - 27 * H).toISOString() }), NOW).overdue,
      true,
    );
  });

  test('no snapshot at all: overdue on an old cluster, pending on a new one', () => {
    assert.equal(computePosture(facts({ newestSnapshot: null }), NOW).snapshotState, 'overdue');
    const young = facts({
      newestSnapshot: null,
      cluster: cluster({ createDate: new Date(NOW - 3 * H).toISOString() }),
    });
    assert.equal(computePosture(young, NOW).snapshotState, 'pending');
    assert.equal(computePosture(young, NOW).overdue, false);
  });

  test('backup off: state off, nothing promised, never overdue', () => {
    const r = computePosture(
      facts({ cluster: cluster({ backupEnabled: false }), schedule: undefined, newestSnapshot: undefined }),
      NOW,
    );
    assert.equal(r.backup, 'off');
    assert.equal(r.overdue, false);
    assert.equal(r.snapshotState, 'n/a');
    assert.equal(r.scheduleSummary, '—');
  });

  test("continuous backup is its own state; next snapshot is Atlas's", () => {
    const r = computePosture(facts({ cluster: cluster({ pitEnabled: true }) }), NOW);
    assert.equal(r.backup, 'continuous');
    assert.equal(r.nextSnapshot, '2026-12-01T18:00:00Z');
  });

  test('snapshots that could not be read are unknown, not overdue, and say why', () => {
    const r = computePosture(facts({ newestSnapshot: new Error('Atlas is down (503)') }), NOW);
    assert.equal(r.snapshotState, 'unknown');
    assert.equal(r.overdue, false);
    assert.deepEqual(r.loadErrors, ['snapshots: Atlas is down (503)']);
  });
});

describe("findings with the cluster's own context", () => {
  test('an NVMe cluster with a 6-hourly item gets the NVMe error; the same schedule elsewhere does not', () => {
    const nvme = computePosture(facts({ cluster: cluster({ size: 'M40_NVME' }) }), NOW);
    assert.ok(nvme.nvme);
    assert.ok(nvme.errors >= 1);
    assert.ok(
      nvme.findings.some(
        (f) => f.severity === 'error' && /NVMe/i.test(f.message) && f.path.includes('frequencyInterval'),
      ),
      JSON.stringify(nvme.findings),
    );
    assert.equal(computePosture(facts(), NOW).errors, 0);
  });
});

describe('compliance', () => {
  test('no policy; compliant; not compliant with the reason; unknown when the policy could not be read', () => {
    assert.equal(computePosture(facts(), NOW).compliance, 'no policy');
    assert.equal(computePosture(facts({ compliance: POLICY }), NOW).compliance, 'compliant');
    const short = schedule([
      ['hourly', 6, 'days', 2],
      ['daily', 1, 'days', 3],
    ]);
    const bad = computePosture(facts({ compliance: POLICY, schedule: short }), NOW);
    assert.equal(bad.compliance, 'not compliant');
    assert.ok(
      bad.complianceReasons.some((m) => /7 days|daily/i.test(m)),
      bad.complianceReasons.join('\n'),
    );
    const unknown = computePosture(facts({ compliance: new Error('needs Project Owner') }), NOW);
    assert.equal(unknown.compliance, 'unknown');
  });

  test('a policy that is being disabled is not enforced; backup off under an active one is not compliant', () => {
    assert.equal(computePosture(facts({ compliance: { ...POLICY, state: 'DISABLING' } }), NOW).compliance, 'no policy');
    const off = computePosture(
      facts({
        compliance: POLICY,
        cluster: cluster({ backupEnabled: false }),
        schedule: undefined,
        newestSnapshot: undefined,
      }),
      NOW,
    );
    assert.equal(off.compliance, 'not compliant');
    assert.deepEqual(off.complianceReasons, ['backup is off']);
  });
});

describe('summaries', () => {
  test('counts clusters, backup off, with errors, overdue and not compliant', () => {
    const rows = [
      computePosture(facts(), NOW),
      computePosture(
        facts({
          cluster: cluster({ name: 'off', backupEnabled: false }),
          schedule: undefined,
          newestSnapshot: undefined,
        }),
        NOW,
      ),
      computePosture(facts({ cluster: cluster({ name: 'nvme', size: 'M40_NVME' }) }), NOW),
      computePosture(
        facts({ cluster: cluster({ name: 'late' }), newestSnapshot: new Date(NOW - 30 * H).toISOString() }),
        NOW,
      ),
      computePosture(
        facts({ cluster: cluster({ name: 'bcp' }), compliance: POLICY, schedule: schedule([['daily', 1, 'days', 7]]) }),
        NOW,
      ),
    ];
    const s = summarizePosture(rows);
    assert.deepEqual(s, { clusters: 5, off: 1, withErrors: 2, overdue: 1, notCompliant: 1, incomplete: 0 });
    assert.equal(summaryLine(s), '5 clusters · 1 backup off · 2 with errors · 1 overdue · 1 not compliant');
  });
});
