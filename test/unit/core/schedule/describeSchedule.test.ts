// A schedule in words: the one vocabulary the tree, the editor, the push review, the retention picture, the posture
// report and the CLI show people. The golden file lists every phrasing, so a change of wording is a reviewed diff.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  describeComplianceItems,
  describeCopySetting,
  describeExport,
  describeInstant,
  describeInterval,
  describeItem,
  describeNamedItem,
  describeReferenceTime,
  describeRetention,
  describeTimeOfDay,
  formatTime,
  intervalInWords,
  plural,
  referenceTimeLabels,
  summarizeItem,
  summarizeSchedule,
} from '../../../../src/core/schedule/describeSchedule';

const GOLDEN = path.join(process.cwd(), 'test/unit/core/schedule/golden/words.txt');

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

/** Every interval of every type (valid and not), every unit at 1 and 2, each as the words and the summary token. */
function everyPhrasing(): string {
  const lines: string[] = [];
  const intervals: Record<string, number[]> = {
    hourly: [0, 1, 2, 4, 6, 8, 12, 24, 25],
    daily: [0, 1, 2],
    weekly: [0, 1, 2, 3, 4, 5, 6, 7, 8],
    monthly: [0, 1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 28, 31, 32, 40],
    yearly: [0, ...Array.from({ length: 12 }, (_, i) => i + 1), 13],
    ondemand: [0],
    fortnightly: [1],
  };
  for (const [type, list] of Object.entries(intervals))
    for (const n of list) {
      const it = item(type, n, 'days', 1);
      lines.push(
        `${type} ${n} | ${describeInterval(type, n)} | ${intervalInWords(type, n) ?? '—'} | ${summarizeItem(it)}`,
      );
    }
  for (const unit of ['days', 'weeks', 'months', 'years'])
    for (const v of [1, 2]) lines.push(`retention ${v} ${unit} | ${describeRetention(v, unit)}`);
  lines.push(`retention missing | ${describeRetention(undefined, 'days')}`);
  lines.push(`item | ${describeItem(item('weekly', 6, 'weeks', 4))}`);
  lines.push(`named item | ${describeNamedItem(item('daily', 1, 'days', 1))}`);
  lines.push(`named item of an unknown type | ${describeNamedItem(item('fortnightly', 1, 'days', 1))}`);
  lines.push(`summary | ${summarizeSchedule(atlasDefault)}`);
  lines.push(`summary of no items | ${summarizeSchedule({ policies: [{ policyItems: [] }] })}`);
  lines.push(`reference time | ${describeReferenceTime({ referenceHourOfDay: 2, referenceMinuteOfHour: 30 })}`);
  lines.push(`time of day, unset | ${describeTimeOfDay(undefined, undefined)}`);
  lines.push(`next run | ${formatTime(Date.UTC(2026, 11, 1, 18, 0), 'UTC')}`);
  return lines.join('\n') + '\n';
}

test('every phrasing matches the golden file (review a wording change there)', () => {
  assert.equal(everyPhrasing(), fs.readFileSync(GOLDEN, 'utf8'));
});

test('plural-correct: exactly one takes the singular, everything else the plural', () => {
  assert.equal(plural(1, 'day'), '1 day');
  assert.equal(plural(0, 'day'), '0 days');
  assert.equal(plural(2, 'snapshot'), '2 snapshots');
  assert.equal(plural(1.5, 'day'), '1.5 days');
  assert.equal(describeItem(item('hourly', 1, 'days', 1)), 'every hour, kept 1 day');
  assert.equal(describeItem(item('yearly', 12, 'years', 1)), 'every year on 1 December, kept 1 year');
  // The left column names the input; the words are to its right.
  for (const line of everyPhrasing().split('\n'))
    assert.doesNotMatch(line.split(' | ').slice(1).join(' | '), /\b1 (day|week|month|year)s\b/, line);
});

test("Atlas's default schedule reads as one line, most frequent first, the same words abbreviated", () => {
  assert.equal(summarizeSchedule(atlasDefault), '6h·2d  1d·7d  Sat·4w  last·12m');
  assert.equal(summarizeSchedule({}), 'no policy items');
  assert.equal(summarizeSchedule(undefined), 'no policy items');
  assert.equal(
    summarizeSchedule({
      policies: [{ policyItems: [item('yearly', 3, 'years', 7), item('monthly', 15, 'months', 1)] }],
    }),
    '15th·1m  Mar·7y',
  );
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

test('next runs and the reference time: UTC and local', () => {
  assert.deepEqual(referenceTimeLabels({ hour: 18, minute: 0 }, 'America/New_York', Date.UTC(2026, 11, 1, 12)), {
    utc: '18:00',
    local: '13:00',
  });
  assert.equal(formatTime(Date.UTC(2027, 5, 1, 3, 5), 'UTC'), 'Tue 1 Jun 2027, 03:05');
});
