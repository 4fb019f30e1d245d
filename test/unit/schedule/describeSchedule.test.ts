// Schedules and policy items in words: what the tree, the editor and the fleet report show people.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  describeComplianceItems,
  describeCopySetting,
  describeExport,
  describeFrequency,
  describeInstant,
  describeItem,
  describeRetention,
  summarizeSchedule,
} from '../../../src/schedule/describeSchedule';

const item = (frequencyType: string, frequencyInterval: number, retentionUnit: string, retentionValue: number) => ({
  frequencyType,
  frequencyInterval,
  retentionUnit,
  retentionValue,
});
const atlasDefault = {
  policies: [
    {
      policyItems: [
        item('monthly', 40, 'months', 12),
        item('hourly', 6, 'days', 2),
        item('weekly', 6, 'weeks', 4),
        item('daily', 1, 'days', 7),
      ],
    },
  ],
};

test("Atlas's default schedule reads as one line, hourly first", () => {
  assert.equal(summarizeSchedule(atlasDefault), '6h·2d  1d·7d  Sat·4w  last·12m');
  assert.equal(summarizeSchedule({ policies: [{ policyItems: [] }] }), 'no policy items');
  assert.equal(summarizeSchedule({}), 'no policy items');
  assert.equal(
    summarizeSchedule({
      policies: [{ policyItems: [item('yearly', 3, 'years', 7), item('monthly', 15, 'months', 1)] }],
    }),
    '15th·1m  Mar·7y',
  );
});

test('items in words', () => {
  assert.equal(describeItem(item('hourly', 6, 'days', 2)), 'every 6 hours, kept 2 days');
  assert.equal(describeItem(item('hourly', 1, 'days', 1)), 'every hour, kept 1 day');
  assert.equal(describeItem(item('daily', 1, 'days', 7)), 'every day, kept 7 days');
  assert.equal(describeItem(item('weekly', 6, 'weeks', 4)), 'Saturdays, kept 4 weeks');
  assert.equal(describeItem(item('weekly', 1, 'weeks', 1)), 'Mondays, kept 1 week');
  assert.equal(describeItem(item('monthly', 40, 'months', 12)), 'last day of the month, kept 12 months');
  assert.equal(describeItem(item('monthly', 1, 'months', 3)), '1st of the month, kept 3 months');
  assert.equal(describeItem(item('monthly', 22, 'months', 3)), '22nd of the month, kept 3 months');
  assert.equal(describeItem(item('yearly', 12, 'years', 1)), 'every 1st of December, kept 1 year');
  assert.equal(describeFrequency('weekly', 9), 'weekly (day 9)');
  assert.equal(describeRetention(undefined, 'days'), 'an unknown time');
});

test('copy settings and export in words', () => {
  assert.equal(
    describeCopySetting({
      cloudProvider: 'AWS',
      regionName: 'EU_CENTRAL_1',
      frequencies: ['HOURLY', 'ON_DEMAND'],
      shouldCopyOplogs: true,
    }),
    'AWS EU_CENTRAL_1: hourly, on-demand snapshots (with oplogs)',
  );
  assert.equal(
    describeCopySetting({ cloudProvider: 'GCP', regionName: 'CENTRAL_US', lastNumberOfSnapshots: 1 }),
    'GCP CENTRAL_US: the last 1 snapshot',
  );
  assert.equal(
    describeCopySetting({
      cloudProvider: 'AWS',
      regionName: 'US_WEST_2',
      copyPolicyItems: [item('weekly', 0, 'weeks', 1), item('daily', 0, 'days', 1)],
    }),
    'AWS US_WEST_2: daily, weekly snapshots',
  );
  assert.equal(describeExport({ autoExportEnabled: false }), undefined);
  assert.equal(
    describeExport({ autoExportEnabled: true, export: { exportBucketId: 'b1', frequencyType: 'monthly' } }),
    'monthly export to bucket b1',
  );
});

test("a Backup Compliance Policy's items name only the hourly interval (Atlas ignores the others)", () => {
  assert.deepEqual(
    describeComplianceItems({
      scheduledPolicyItems: [item('weekly', 1, 'weeks', 4), item('hourly', 6, 'days', 2)],
      onDemandPolicyItem: item('ondemand', 0, 'days', 3),
    }),
    [
      'every 6 hours or more often, kept at least 2 days',
      'weekly, kept at least 4 weeks',
      'on-demand snapshots kept at least 3 days',
    ],
  );
});

test('an instant in UTC and in a local time zone', () => {
  assert.equal(describeInstant('2026-12-01T18:00:00Z', 'UTC'), '2026-12-01 18:00 UTC');
  assert.match(
    describeInstant('2026-12-01T18:00:00Z', 'Europe/Paris')!,
    /^2026-12-01 18:00 UTC \(19:00 (GMT\+1|CET) local\)$/,
  );
  assert.match(
    describeInstant('2026-12-01T18:00:00Z', 'Asia/Tokyo')!,
    /^2026-12-01 18:00 UTC \(2026-12-02 03:00 (GMT\+9|JST) local\)$/,
  );
  assert.equal(describeInstant(undefined), undefined);
  assert.equal(describeInstant('not a date'), 'not a date');
  assert.equal(describeInstant('2026-12-01T18:00:00Z', 'Not/AZone'), '2026-12-01 18:00 UTC');
});
