// Our rule engine exists so people learn Atlas's rules while typing instead of from a rejected push.
// This holds it to that against the simulator, which plays Atlas with its own, independently written
// validator: what Atlas accepts, the engine passes without errors; what Atlas refuses, the engine flags.
import { describe, test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { AtlasApiError, AtlasClient } from '../../src/core/atlas';
import type { BackupSchedule, PolicyItem } from '../../src/core/atlas';
import { AtlasSimulator, DEMO_CREDENTIALS, SEED } from '../../src/simulator';
import { checkSchedule } from '../../src/core/schedule';
import type { Problem } from '../../src/core/schedule';
import { fetchScheduleContext } from '../../src/core/schedule/scheduleContextSource';

let sim: AtlasSimulator;
let client: AtlasClient;

before(async () => {
  sim = new AtlasSimulator({});
  const { url } = await sim.start(0);
  client = new AtlasClient({
    baseUrl: url,
    credentials: { kind: 'serviceAccount', ...DEMO_CREDENTIALS.serviceAccount },
    userAgent: 'consistency-test/0',
  });
});
after(async () => {
  await sim.stop();
});
beforeEach(() => sim.reset());

const CLUSTERS = ['orders-rs', 'analytics-nvme', 'catalog-sharded', 'global-users', 'ledger-pit', 'legacy-app'];

async function engineErrors(cluster: string, schedule: BackupSchedule): Promise<Problem[]> {
  const { groupId } = SEED.clusters[cluster];
  const ctx = await fetchScheduleContext(client, groupId, cluster);
  return checkSchedule(JSON.stringify(schedule, null, 2), ctx).filter((p) => p.severity === 'error');
}

/** What Atlas says to a PATCH of `schedule`: 'accepted', or the refusal's error code. */
async function atlasVerdict(cluster: string, schedule: BackupSchedule, current: BackupSchedule): Promise<string> {
  try {
    await client.updateBackupSchedule(SEED.clusters[cluster].groupId, cluster, schedule, { current });
    return 'accepted';
  } catch (e) {
    if (e instanceof AtlasApiError) return e.errorCode;
    throw e;
  }
}

function items(s: BackupSchedule): PolicyItem[] {
  return s.policies![0].policyItems;
}
function item(s: BackupSchedule, type: string): PolicyItem {
  return items(s).find((i) => i.frequencyType === type)!;
}

describe('rule engine ⇔ Atlas (simulator)', () => {
  test('every seeded schedule, with its cluster and compliance context, is free of errors', async () => {
    for (const name of CLUSTERS) {
      const s = await client.getBackupSchedule(SEED.clusters[name].groupId, name);
      const errors = await engineErrors(name, s);
      assert.deepEqual(
        errors.map((p) => `${p.ruleId}: ${p.message}`),
        [],
        name,
      );
    }
  });

  const refused: { name: string; cluster: string; edit(s: BackupSchedule): void; rule: string }[] = [
    {
      name: 'hourly every 3 hours',
      cluster: 'legacy-app',
      rule: 'frequency-interval',
      edit: (s) => {
        item(s, 'hourly').frequencyInterval = 3;
      },
    },
    {
      name: 'hourly every 6 hours on NVMe',
      cluster: 'analytics-nvme',
      rule: 'frequency-interval',
      edit: (s) => {
        item(s, 'hourly').frequencyInterval = 6;
      },
    },
    {
      name: 'weekly on day 8',
      cluster: 'legacy-app',
      rule: 'frequency-interval',
      edit: (s) => {
        item(s, 'weekly').frequencyInterval = 8;
      },
    },
    {
      name: 'a second daily item',
      cluster: 'legacy-app',
      rule: 'duplicate-frequency',
      edit: (s) => {
        items(s).push({ frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 14 });
      },
    },
    {
      name: 'weekly kept less than daily',
      cluster: 'legacy-app',
      rule: 'retention-order',
      edit: (s) => {
        item(s, 'weekly').retentionUnit = 'days';
        item(s, 'weekly').retentionValue = 3;
      },
    },
    {
      name: 'reference hour 24',
      cluster: 'legacy-app',
      rule: 'reference-time-range',
      edit: (s) => {
        s.referenceHourOfDay = 24;
      },
    },
    {
      name: 'restore window longer than the hourly retention',
      cluster: 'ledger-pit',
      rule: 'restore-window',
      edit: (s) => {
        s.restoreWindowDays = 9;
      },
    },
    {
      name: 'continuous backup without an hourly item',
      cluster: 'ledger-pit',
      rule: 'pit-hourly-item',
      edit: (s) => {
        s.policies![0].policyItems = items(s).filter((i) => i.frequencyType !== 'hourly');
        s.restoreWindowDays = 1;
      },
    },
    {
      name: 'a copy setting for a zone the cluster lacks',
      cluster: 'global-users',
      rule: 'copy-zone',
      edit: (s) => {
        s.copySettings![0].zoneId = 'ffffffffffffffffffffffff';
      },
    },
    {
      name: 'copy frequencies and lastNumberOfSnapshots together',
      cluster: 'global-users',
      rule: 'copy-exclusive',
      edit: (s) => {
        s.copySettings![0].lastNumberOfSnapshots = 5;
      },
    },
    {
      name: 'daily kept less than the compliance policy requires',
      cluster: 'orders-rs',
      rule: 'compliance-item',
      edit: (s) => {
        item(s, 'daily').retentionValue = 5;
        item(s, 'hourly').retentionValue = 2;
      },
    },
    {
      name: 'the monthly item the compliance policy requires removed',
      cluster: 'orders-rs',
      rule: 'compliance-item',
      edit: (s) => {
        s.policies![0].policyItems = items(s).filter((i) => i.frequencyType !== 'monthly');
      },
    },
    {
      name: "a restore window below the compliance policy's",
      cluster: 'ledger-pit',
      rule: 'compliance-restore-window',
      edit: (s) => {
        s.restoreWindowDays = 1;
      },
    },
    {
      name: 'hourly less often than the compliance policy',
      cluster: 'orders-rs',
      rule: 'compliance-item',
      edit: (s) => {
        item(s, 'hourly').frequencyInterval = 12;
      },
    },
  ];

  for (const c of refused) {
    test(`Atlas refuses, and the engine flags: ${c.name}`, async () => {
      const { groupId } = SEED.clusters[c.cluster];
      const current = await client.getBackupSchedule(groupId, c.cluster);
      const draft = structuredClone(current);
      c.edit(draft);
      const rules = (await engineErrors(c.cluster, draft)).map((p) => p.ruleId);
      const verdict = await atlasVerdict(c.cluster, draft, current);
      assert.notEqual(verdict, 'accepted', `Atlas accepted a schedule with ${c.name}`);
      assert.ok(
        rules.includes(c.rule),
        `Atlas refused (${verdict}) but the engine did not report ${c.rule} (it reported: ${rules.join(', ') || 'nothing'})`,
      );
    });
  }

  const accepted: { name: string; cluster: string; edit(s: BackupSchedule): void }[] = [
    {
      name: 'hourly every 4 hours',
      cluster: 'legacy-app',
      edit: (s) => {
        item(s, 'hourly').frequencyInterval = 4;
      },
    },
    {
      name: 'monthly on the last day kept 2 years, yearly 3',
      cluster: 'legacy-app',
      edit: (s) => {
        item(s, 'monthly').retentionUnit = 'years';
        item(s, 'monthly').retentionValue = 2;
        item(s, 'yearly').retentionValue = 3;
      },
    },
    {
      name: 'a yearly item added',
      cluster: 'orders-rs',
      edit: (s) => {
        items(s).push({ frequencyType: 'yearly', frequencyInterval: 12, retentionUnit: 'years', retentionValue: 3 });
      },
    },
    {
      name: 'a new reference time',
      cluster: 'catalog-sharded',
      edit: (s) => {
        s.referenceHourOfDay = 23;
        s.referenceMinuteOfHour = 59;
      },
    },
    {
      name: 'a longer restore window, within the hourly retention',
      cluster: 'ledger-pit',
      edit: (s) => {
        s.restoreWindowDays = 3;
      },
    },
    {
      name: 'hourly more often than the compliance policy',
      cluster: 'orders-rs',
      edit: (s) => {
        item(s, 'hourly').frequencyInterval = 4;
      },
    },
    {
      name: 'longer retention than the compliance policy asks',
      cluster: 'orders-rs',
      edit: (s) => {
        item(s, 'daily').retentionValue = 200;
      },
    },
  ];

  for (const c of accepted) {
    test(`Atlas accepts, and the engine reports no error: ${c.name}`, async () => {
      const { groupId } = SEED.clusters[c.cluster];
      const current = await client.getBackupSchedule(groupId, c.cluster);
      const draft = structuredClone(current);
      c.edit(draft);
      const errors = await engineErrors(c.cluster, draft);
      assert.deepEqual(
        errors.map((p) => `${p.ruleId}: ${p.message}`),
        [],
      );
      assert.equal(await atlasVerdict(c.cluster, draft, current), 'accepted');
    });
  }

  test('Atlas\'s own answer to DELETE lints as "no scheduled snapshots": a warning, never an error', async () => {
    const name = 'legacy-app'; // the PIT clusters are under a compliance policy, which forbids DELETE
    const { groupId } = SEED.clusters[name];
    const answer = await client.deleteBackupSchedules(groupId, name);
    assert.deepEqual(answer.policies?.[0]?.policyItems, [], name);
    const fetched = await fetchScheduleContext(client, groupId, name);
    // As it is, and as a continuous-backup cluster's answer (which keeps restoreWindowDays) would lint.
    for (const ctx of [fetched, { ...fetched, pitEnabled: true }]) {
      const problems = checkSchedule(JSON.stringify(answer, null, 2), ctx);
      assert.deepEqual(
        problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId}: ${p.message}`),
        [],
        name,
      );
      const empty = problems.filter((p) => p.ruleId === 'empty-policy');
      assert.equal(empty.length, 1, name);
      assert.equal(empty[0].severity, 'warning');
      assert.match(empty[0].message, /takes no scheduled snapshots/);
    }
  });
});
