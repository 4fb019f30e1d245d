// The compliance-policy form's model: values in and out of a policy, problems beside the fields in the form's words
// (never JSON paths), loosening marked before anything is sent, the dry run both ways, and the typed confirmation.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BackupSchedule, CompliancePolicy } from '../../../../src/core/atlas';
import {
  confirmationPrompt,
  emptyFormValues,
  formValuesFrom,
  policyFormView,
  policyFromForm,
  typedNameProblem,
  type PolicyFormValues,
} from '../../../../src/core/compliance/policyForm';

const NOW = Date.parse('2027-03-01T00:15:00Z');
const POLICY: CompliancePolicy = {
  authorizedEmail: 'officer@example.com',
  authorizedUserFirstName: 'Dana',
  authorizedUserLastName: 'Reyes',
  pitEnabled: true,
  restoreWindowDays: 2,
  scheduledPolicyItems: [
    { frequencyType: 'hourly', frequencyInterval: 6, retentionUnit: 'days', retentionValue: 2 },
    { frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7 },
  ],
  onDemandPolicyItem: { frequencyType: 'ondemand', frequencyInterval: 0, retentionUnit: 'days', retentionValue: 3 },
};
const weak: BackupSchedule = {
  referenceHourOfDay: 3,
  referenceMinuteOfHour: 0,
  policies: [
    {
      id: 'p',
      policyItems: [
        { id: 'a', frequencyType: 'hourly', frequencyInterval: 12, retentionUnit: 'days', retentionValue: 1 },
      ],
    },
  ],
};
const clusters = [
  { name: 'weak-rs', schedule: weak, pitEnabled: false },
  { name: 'off-rs', pitEnabled: false },
];

function filled(): PolicyFormValues {
  return formValuesFrom(POLICY);
}

describe('values and policy', () => {
  test('a policy read into the form comes back out as the same policy (what the PUT sends)', () => {
    const back = policyFromForm(filled());
    assert.deepEqual(back, { ...POLICY, copyProtectionEnabled: false, encryptionAtRestEnabled: false });
  });

  test('a new policy starts with no names and no item, and says what is required beside the fields', () => {
    const v = emptyFormValues();
    assert.equal(v.authorizedEmail, '');
    assert.ok(v.items.every((i) => !i.enabled));
    const view = policyFormView(v, { clusters, now: NOW });
    const keys = view.problems.map((p) => p.key);
    assert.deepEqual(keys, ['authorizedEmail', 'authorizedUserFirstName', 'authorizedUserLastName']);
    assert.match(view.problems[0].message, /^Email is required/);
    assert.equal(view.dryRuns, undefined, 'no dry run of a policy Atlas would refuse as malformed');
  });
});

describe('problems in the words of the form', () => {
  test('an item problem sits beside its row and names the row, not scheduledPolicyItems[i]', () => {
    const v = filled();
    v.items.find((i) => i.frequencyType === 'daily')!.retentionValue = 'x';
    v.items.find((i) => i.frequencyType === 'hourly')!.frequencyInterval = '3';
    const { problems } = policyFormView(v, { clusters, now: NOW });
    const byKey = new Map(problems.map((p) => [p.key, p.message]));
    assert.match(
      byKey.get('items.daily.retentionValue') ?? '',
      /^Daily item's retention must be a positive whole number/,
    );
    assert.match(
      byKey.get('items.hourly.frequencyInterval') ?? '',
      /^Hourly item's interval must be 1, 2, 4, 6, 8 or 12/,
    );
    for (const p of problems) assert.doesNotMatch(p.message, /scheduledPolicyItems|\[\d\]|Days\b|Enabled\b/);
  });

  test('the restore window beyond the hourly retention, and a daily item kept shorter than the hourly one', () => {
    const v = filled();
    v.restoreWindowDays = '5';
    v.items.find((i) => i.frequencyType === 'daily')!.retentionValue = '1';
    const { problems } = policyFormView(v, { clusters, now: NOW });
    const rw = problems.find((p) => p.key === 'restoreWindowDays');
    assert.match(
      rw?.message ?? '',
      /^Restore window \(days\) is 5, longer than the hourly item's retention \(2 days\)/,
    );
    const daily = problems.find((p) => p.key === 'items.daily.retentionValue');
    assert.match(daily?.message ?? '', /^Daily item keeps snapshots 1 day, less than the more frequent hourly item/);
  });
});

describe('editing marks what Atlas refuses as loosening', () => {
  test('turning point-in-time off, a shorter daily retention and dropping on-demand are each marked on their field', () => {
    const v = filled();
    v.pitEnabled = false;
    v.restoreWindowDays = '';
    v.items.find((i) => i.frequencyType === 'daily')!.retentionValue = '5';
    v.onDemand.enabled = false;
    const view = policyFormView(v, { clusters, current: POLICY, now: NOW });
    assert.ok(view.editing);
    const loose = view.problems.filter((p) => p.kind === 'loosening').map((p) => p.key);
    assert.deepEqual(loose.sort(), ['items.daily.retentionValue', 'onDemand', 'pitEnabled', 'restoreWindowDays']);
    assert.ok(view.dryRuns && !view.dryRuns.overwrite.accepted, 'refused either way');
    assert.match(view.dryRuns.overwrite.refusal ?? '', /loosens the policy in force/);
  });

  test('tightening (a longer daily retention) is no loosening', () => {
    const v = filled();
    v.items.find((i) => i.frequencyType === 'daily')!.retentionValue = '14';
    const view = policyFormView(v, { clusters: [], current: POLICY, now: NOW });
    assert.deepEqual(view.problems, []);
    assert.ok(view.dryRuns?.overwrite.accepted);
  });
});

describe('the dry run both ways', () => {
  test('overwrite raises the weak schedule with the push diff; keep names it as the reason Atlas refuses', () => {
    const view = policyFormView(filled(), { clusters, now: NOW });
    const over = view.dryRuns!.overwrite,
      keep = view.dryRuns!.keep;
    assert.ok(over.accepted);
    const w = over.clusters.find((c) => c.name === 'weak-rs')!;
    assert.equal(w.status, 'raised');
    assert.ok(w.turnsOnPointInTime);
    assert.ok(w.changes.some((c) => /Hourly snapshot moves from every 12 hours to every 6 hours/.test(c.summary)));
    assert.ok(w.extraSnapshots > 0);
    assert.equal(over.extraSnapshots, w.extraSnapshots);
    assert.equal(over.clusters.find((c) => c.name === 'off-rs')!.status, 'off');
    assert.ok(over.forbidden.some((f) => /point-in-time restore/.test(f)));

    assert.ok(!keep.accepted);
    assert.deepEqual(keep.refusingClusters, ['weak-rs']);
    assert.equal(keep.clusters.find((c) => c.name === 'weak-rs')!.status, 'refuses');
    assert.match(
      keep.refusal ?? '',
      /BACKUP_POLICIES_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS\) while weak-rs falls short/,
    );
    assert.equal(keep.extraSnapshots, 0);
    const why = keep.clusters.find((c) => c.name === 'weak-rs')!.shortfalls;
    assert.ok(why.some((m) => /requires a daily item kept at least 7 days, and its schedule has no such item/.test(m)));
    for (const m of why) assert.doesNotMatch(m, /policies\[0\]|policyItems/, "the cluster's items in words");
  });
});

describe('confirmation', () => {
  test('the prompt says the policy cannot be disabled without MongoDB Support, and only the exact name passes', () => {
    assert.match(confirmationPrompt('Staging', true, false), /cannot be disabled without MongoDB Support/);
    assert.match(confirmationPrompt('Staging', false, true), /^Update .* changing no schedule/);
    assert.equal(typedNameProblem('Staging', 'Staging'), undefined);
    assert.match(typedNameProblem('staging', 'Staging') ?? '', /exactly: Staging/);
    assert.ok(typedNameProblem('Staging ', 'Staging'));
  });
});
