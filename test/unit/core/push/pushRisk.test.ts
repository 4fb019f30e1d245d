// Which pushes are confirmed with Cancel as the default, and the words that say why.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BackupSchedule } from '../../../../src/core/atlas/types';
import { classifyPush } from '../../../../src/core/push/pushRisk';
import { diffSchedules } from '../../../../src/core/schedule/diff';

const ATLAS: BackupSchedule = {
  referenceHourOfDay: 2,
  referenceMinuteOfHour: 30,
  restoreWindowDays: 7,
  policies: [
    {
      id: 'p1',
      policyItems: [
        { id: 'h', frequencyType: 'hourly', frequencyInterval: 6, retentionUnit: 'days', retentionValue: 7 },
        { id: 'd', frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 60 },
        { id: 'w', frequencyType: 'weekly', frequencyInterval: 6, retentionUnit: 'weeks', retentionValue: 12 },
      ],
    },
  ],
  copySettings: [
    {
      cloudProvider: 'AWS',
      regionName: 'EU_WEST_1',
      zoneId: 'z1',
      shouldCopyOplogs: true,
      lastNumberOfSnapshots: 2,
    },
  ],
};
const edited = (change: (s: BackupSchedule) => void): BackupSchedule => {
  const s = structuredClone(ATLAS);
  change(s);
  return s;
};
const classify = (after: BackupSchedule, extra: Partial<Parameters<typeof classifyPush>[0]> = {}) =>
  classifyPush({ before: ATLAS, after, changes: diffSchedules(ATLAS, after), ...extra });
const items = (s: BackupSchedule) => s.policies![0].policyItems;

describe('classifyPush', () => {
  test('a later snapshot time or a longer retention is not risky', () => {
    for (const after of [
      edited((s) => (s.referenceHourOfDay = 3)),
      edited((s) => (items(s)[1].retentionValue = 90)),
      edited((s) =>
        items(s).push({ frequencyType: 'monthly', frequencyInterval: 1, retentionUnit: 'months', retentionValue: 12 }),
      ),
    ]) {
      const r = classify(after);
      assert.equal(r.risky, false, JSON.stringify(r.reasons));
      assert.deepEqual(r.reasons, []);
    }
  });

  test('a retention cut from 60 to 2 days is risky and says which item, old and new', () => {
    const r = classify(edited((s) => (items(s)[1].retentionValue = 2)));
    assert.equal(r.risky, true);
    assert.equal(r.reasons.length, 1);
    assert.match(r.reasons[0], /^It shortens how long snapshots are kept \(Daily snapshot .*60 days → 2 days\)\.$/);
  });

  test('with "apply to existing snapshots" on, it says existing snapshots expire sooner', () => {
    const r = classify(edited((s) => ((items(s)[1].retentionValue = 2), (s.updateSnapshots = true))));
    assert.match(r.reasons[0], /existing snapshots expire, and are deleted, sooner/);
  });

  test('a removed item, a removed copy region and a shorter restore window are each a reason', () => {
    const r = classify(
      edited((s) => {
        items(s).splice(2, 1);
        s.copySettings = [];
        s.restoreWindowDays = 2;
      }),
    );
    assert.equal(r.risky, true);
    assert.equal(r.reasons.length, 3, r.reasons.join('\n'));
    assert.match(r.reasons[0], /^It removes a policy item \(Weekly snapshot/);
    assert.match(r.reasons[1], /^It stops copying snapshots to a region \(AWS EU_WEST_1/);
    assert.match(r.reasons[2], /point-in-time restore window from 7 to 2 days/);
  });

  test('point-in-time turned off: oplogs no longer copied, or the hourly item removed on a PIT cluster', () => {
    const oplogs = classify(edited((s) => (s.copySettings![0].shouldCopyOplogs = false)));
    assert.deepEqual(oplogs.reasons, [
      'It turns off point-in-time restore in AWS EU_WEST_1 (oplogs no longer copied).',
    ]);
    const noHourly = edited((s) => items(s).splice(0, 1));
    assert.ok(classify(noHourly, { pitEnabled: true }).reasons.some((x) => /hourly item that point-in-time/.test(x)));
    assert.ok(!classify(noHourly, { pitEnabled: false }).reasons.some((x) => /point-in-time/.test(x)));
  });

  test('every push to a project in the typed-confirmation setting is risky, even a harmless one', () => {
    const r = classify(
      edited((s) => (s.referenceHourOfDay = 3)),
      { typedConfirmation: true },
    );
    assert.equal(r.risky, true);
    assert.deepEqual(r.reasons, ['The project is listed for the typed confirmation in the settings.']);
  });

  test("a change the project's Backup Compliance Policy forbids is risky and names the rule's words", () => {
    const compliance = {
      authorizedEmail: 'a@example.com',
      authorizedUserFirstName: 'A',
      authorizedUserLastName: 'B',
      scheduledPolicyItems: [
        { frequencyType: 'daily' as const, frequencyInterval: 1, retentionUnit: 'days' as const, retentionValue: 30 },
      ],
    };
    const cut = edited((s) => (items(s)[1].retentionValue = 2));
    const r = classify(cut, { compliance });
    assert.equal(r.reasons.length, 2);
    assert.match(
      r.reasons[1],
      /^The project's Backup Compliance Policy forbids it \(.*30 days.*\); Atlas will refuse it\.$/,
    );
    // The same policy, a change it allows: no compliance reason.
    assert.equal(
      classify(
        edited((s) => (items(s)[1].retentionValue = 45)),
        { compliance },
      ).reasons.length,
      1,
    );
  });
});
