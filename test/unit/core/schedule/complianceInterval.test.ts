// A compliance policy's hourly item sets a floor on how often snapshots are taken, not an exact interval,
// and an NVMe cluster (hourly only every 12 hours) cannot be held to a denser one — as Atlas (the simulator) agrees.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSchedule } from '../../../../src/core/schedule';
import type { ScheduleContext } from '../../../../src/core/schedule';

const bcp: ScheduleContext['compliance'] = {
  state: 'ACTIVE',
  scheduledPolicyItems: [{ frequencyType: 'hourly', frequencyInterval: 6, retentionUnit: 'days', retentionValue: 2 }],
};

const doc = (interval: number) =>
  JSON.stringify(
    {
      referenceHourOfDay: 1,
      referenceMinuteOfHour: 0,
      policies: [
        {
          policyItems: [
            { frequencyType: 'hourly', frequencyInterval: interval, retentionUnit: 'days', retentionValue: 2 },
          ],
        },
      ],
    },
    null,
    2,
  );

const complianceErrors = (text: string, ctx: ScheduleContext) =>
  checkSchedule(text, ctx).filter((p) => p.ruleId === 'compliance-item');

test("an hourly item more frequent than the compliance policy's complies", () => {
  assert.deepEqual(complianceErrors(doc(4), { compliance: bcp }), []);
  assert.deepEqual(complianceErrors(doc(6), { compliance: bcp }), []);
});

test("an hourly item less frequent than the compliance policy's does not", () => {
  const [p] = complianceErrors(doc(12), { compliance: bcp });
  assert.ok(p);
  assert.match(p.message, /every 6 hours/);
});

test('on NVMe, hourly every 12 hours complies (it is the only interval NVMe allows), and the fix adds 12', () => {
  assert.deepEqual(complianceErrors(doc(12), { compliance: bcp, nvme: true }), []);
  const empty = JSON.stringify({ policies: [{ policyItems: [] }] });
  const [p] = complianceErrors(empty, { compliance: bcp, nvme: true });
  assert.ok(p?.fixes?.[0]);
  assert.match(p.fixes[0].edits.map((e) => e.content).join(''), /"frequencyInterval": ?12/);
});
