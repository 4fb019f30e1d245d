// The Backup Compliance Policy dry run on hand-made clusters: what each schedule becomes, who makes Atlas refuse,
// the snapshot estimate, what an edit may not loosen, and the policy's own problems naming their fields.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BackupSchedule, PolicyItem } from '../../../../src/core/atlas';
import type { CompliancePolicy } from '../../../../src/core/atlas';
import { dryRun, formatDryRun, looseningProblems, validatePolicy } from '../../../../src/core/compliance';

const NOW = Date.parse('2027-03-01T00:15:00Z');
const item = (
  frequencyType: PolicyItem['frequencyType'],
  frequencyInterval: number,
  retentionUnit: PolicyItem['retentionUnit'],
  retentionValue: number,
): PolicyItem => ({
  frequencyType,
  frequencyInterval,
  retentionUnit,
  retentionValue,
});
const schedule = (items: PolicyItem[], restoreWindowDays?: number): BackupSchedule => ({
  policies: [{ id: 'p1', policyItems: items.map((i, n) => ({ ...i, id: `i${n}` })) }],
  referenceHourOfDay: 3,
  referenceMinuteOfHour: 0,
  ...(restoreWindowDays !== undefined ? { restoreWindowDays } : {}),
});
const POLICY: CompliancePolicy = {
  authorizedEmail: 'officer@example.com',
  authorizedUserFirstName: 'Dana',
  authorizedUserLastName: 'Reyes',
  scheduledPolicyItems: [item('hourly', 6, 'days', 2), item('daily', 1, 'days', 7), item('weekly', 1, 'weeks', 4)],
};
const weak = { name: 'weak', schedule: schedule([item('hourly', 12, 'days', 1), item('daily', 1, 'days', 7)]) };
const fine = {
  name: 'fine',
  schedule: schedule([item('hourly', 4, 'days', 3), item('daily', 1, 'days', 10), item('weekly', 7, 'weeks', 8)]),
};

describe('what each schedule becomes', () => {
  test('overwrite: a sparse hourly item is made denser and kept longer, a missing weekly item is added, the rest untouched', () => {
    const d = dryRun({ policy: POLICY, clusters: [weak, fine], overwriteBackupPolicies: true, now: NOW });
    assert.ok(d.accepted);
    const w = d.clusters.find((c) => c.name === 'weak')!;
    assert.deepEqual(w.changes.map((c) => c.kind).sort(), ['interval-changed', 'item-added', 'retention-lengthened']);
    const hourly = w.after!.policies![0].policyItems.find((i) => i.frequencyType === 'hourly')!;
    assert.deepEqual([hourly.frequencyInterval, hourly.retentionValue, hourly.retentionUnit], [6, 2, 'days']);
    assert.ok(w.shortfalls.length >= 2, 'the schedule rules name each shortfall');
    // Every 12 h for a day keeps 2, every 6 h for 2 days keeps 8; a weekly item kept 4 weeks adds 4.
    assert.equal(w.extraSnapshots, 6 + 4);
    const f = d.clusters.find((c) => c.name === 'fine')!;
    assert.deepEqual([f.changes, f.shortfalls, f.extraSnapshots], [[], [], 0]);
    assert.equal(d.extraSnapshots, w.extraSnapshots);
    const text = formatDryRun(d, 'Production');
    assert.match(text, /weak: would change:/);
    assert.match(text, /fine: already complies/);
    assert.match(text, /cannot be turned off without MongoDB Support/);
  });

  test('keep schedules: the weak cluster makes Atlas refuse the whole request, naming it; nothing is raised', () => {
    const d = dryRun({ policy: POLICY, clusters: [weak, fine], overwriteBackupPolicies: false, now: NOW });
    assert.equal(d.accepted, false);
    assert.deepEqual(d.refusingClusters, ['weak']);
    assert.equal(d.extraSnapshots, 0);
    assert.match(
      formatDryRun(d, 'Production'),
      /BACKUP_POLICIES_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS.*weak/,
    );
  });

  test('NVMe clusters are not held to a denser hourly interval than 12 hours', () => {
    const nvme = { ...weak, name: 'nvme', nvme: true };
    const d = dryRun({ policy: POLICY, clusters: [nvme], overwriteBackupPolicies: true, now: NOW });
    const hourly = d.clusters[0].after!.policies![0].policyItems.find((i) => i.frequencyType === 'hourly')!;
    assert.equal(hourly.frequencyInterval, 12);
    assert.equal(hourly.retentionValue, 2);
  });

  test('requiring point-in-time turns it on with the policy’s window; a continuous cluster’s short window is raised', () => {
    const policy = { ...POLICY, pitEnabled: true, restoreWindowDays: 2 };
    const off = { name: 'off', schedule: fine.schedule, pitEnabled: false };
    const short = { name: 'short', schedule: schedule(fine.schedule.policies![0].policyItems, 1), pitEnabled: true };
    const d = dryRun({ policy, clusters: [off, short], overwriteBackupPolicies: true, now: NOW });
    assert.equal(d.clusters[0].turnsOnPointInTime, true);
    assert.equal(d.clusters[0].after!.restoreWindowDays, 2);
    assert.equal(d.clusters[1].turnsOnPointInTime, false);
    assert.deepEqual(
      d.clusters[1].changes.map((c) => c.kind),
      ['restore-window'],
    );
    assert.ok(d.forbidden.some((f) => /point-in-time restore .* off/.test(f)));
    const keep = dryRun({ policy, clusters: [off, short], overwriteBackupPolicies: false, now: NOW });
    assert.deepEqual(keep.refusingClusters, ['off', 'short']);
  });

  test('a cluster without Cloud Backup has nothing to raise', () => {
    const d = dryRun({ policy: POLICY, clusters: [{ name: 'nobackup' }], overwriteBackupPolicies: false, now: NOW });
    assert.deepEqual([d.clusters[0].backedUp, d.refusingClusters, d.accepted], [false, [], true]);
  });
});

describe('editing a policy may only tighten it', () => {
  test('each loosening is named by its field; a tightening passes', () => {
    const current: CompliancePolicy = {
      ...POLICY,
      pitEnabled: true,
      restoreWindowDays: 2,
      onDemandPolicyItem: item('ondemand', 0, 'days', 3),
    };
    const looser: CompliancePolicy = {
      ...POLICY,
      pitEnabled: false,
      restoreWindowDays: 1,
      scheduledPolicyItems: [item('hourly', 12, 'days', 1), item('daily', 1, 'days', 7)],
    };
    assert.deepEqual(
      looseningProblems(current, looser).map((p) => p.field),
      [
        'pitEnabled',
        'restoreWindowDays',
        'scheduledPolicyItems[0].retentionValue',
        'scheduledPolicyItems[0].frequencyInterval',
        'scheduledPolicyItems',
        'onDemandPolicyItem',
      ],
    );
    const tighter = { ...current, restoreWindowDays: 2, scheduledPolicyItems: fine.schedule.policies![0].policyItems };
    assert.deepEqual(looseningProblems(current, tighter), []);
    const d = dryRun({ policy: looser, current, clusters: [], overwriteBackupPolicies: true, now: NOW });
    assert.equal(d.accepted, false);
    assert.match(formatDryRun(d, 'P'), /a policy may only be tightened/);
  });
});

describe('the policy itself', () => {
  test('names, email and item fields are checked, each problem naming its field', () => {
    const fields = (p: unknown) => validatePolicy(p).map((x) => x.field);
    assert.deepEqual(fields(POLICY), []);
    assert.deepEqual(fields({ authorizedEmail: 'x' }), [
      'authorizedUserFirstName',
      'authorizedUserLastName',
      'authorizedEmail',
    ]);
    // The 2023-01-01 body needs only the email.
    assert.deepEqual(validatePolicy({ authorizedEmail: 'a@b.io' }, '2023-01-01'), []);
    assert.deepEqual(
      fields({
        ...POLICY,
        scheduledPolicyItems: [
          item('hourly', 3, 'days', 2),
          { ...item('daily', 1, 'days', 0), retentionUnit: 'hours' },
        ],
        onDemandPolicyItem: { ...item('ondemand', 41, 'days', 1) },
      }),
      [
        'scheduledPolicyItems[0].frequencyInterval',
        'scheduledPolicyItems[1].retentionUnit',
        'scheduledPolicyItems[1].retentionValue',
        'onDemandPolicyItem.frequencyInterval',
      ],
    );
  });

  test('the restore window lies within the hourly retention; less frequent items keep at least as long; one item a type', () => {
    const p = validatePolicy({
      ...POLICY,
      restoreWindowDays: 3,
      scheduledPolicyItems: [item('hourly', 6, 'days', 2), item('daily', 1, 'days', 1), item('daily', 1, 'days', 9)],
    });
    assert.deepEqual(p.map((x) => x.field).sort(), [
      'restoreWindowDays',
      'scheduledPolicyItems[1].retentionValue',
      'scheduledPolicyItems[2].frequencyType',
    ]);
    assert.match(p.find((x) => x.field === 'restoreWindowDays')!.message, /within the hourly item's retention/);
  });
});
