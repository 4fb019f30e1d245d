import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatTime, referenceTimeLabels } from '../../../../src/core/schedule/describeSchedule';
import { expiryOf, keptCount, nextRuns, picture, retentionDays } from '../../../../src/core/schedule/estimates';

const ref = { hour: 18, minute: 0 };
// Tuesday 1 December 2026, 12:00 UTC
const NOW = Date.UTC(2026, 11, 1, 12, 0);
const iso = (ms: number[]): string[] => ms.map((t) => new Date(t).toISOString().slice(0, 16));
const item = (frequencyType: string, frequencyInterval: number, retentionValue: number, retentionUnit: string) => ({
  frequencyType,
  frequencyInterval,
  retentionValue,
  retentionUnit,
});

describe('the retention picture: next runs', () => {
  test('hourly every 6 hours counts from the reference time (18:00 → 00, 06, 12, 18)', () => {
    assert.deepEqual(iso(nextRuns(item('hourly', 6, 2, 'days'), ref, NOW, 4)), [
      '2026-12-01T12:00',
      '2026-12-01T18:00',
      '2026-12-02T00:00',
      '2026-12-02T06:00',
    ]);
  });
  test('an hourly interval of 12 with reference 03:30 runs at 03:30 and 15:30', () => {
    assert.deepEqual(iso(nextRuns(item('hourly', 12, 2, 'days'), { hour: 3, minute: 30 }, NOW, 3)), [
      '2026-12-01T15:30',
      '2026-12-02T03:30',
      '2026-12-02T15:30',
    ]);
  });
  test('daily at the reference time, weekly on its weekday, monthly on the last day, yearly on the first of its month', () => {
    assert.deepEqual(iso(nextRuns(item('daily', 1, 7, 'days'), ref, NOW, 2)), ['2026-12-01T18:00', '2026-12-02T18:00']);
    assert.deepEqual(iso(nextRuns(item('weekly', 6, 4, 'weeks'), ref, NOW, 2)), [
      '2026-12-05T18:00',
      '2026-12-12T18:00',
    ]); // Saturdays
    assert.deepEqual(iso(nextRuns(item('monthly', 40, 12, 'months'), ref, NOW, 3)), [
      '2026-12-31T18:00',
      '2027-01-31T18:00',
      '2027-02-28T18:00',
    ]);
    assert.deepEqual(iso(nextRuns(item('yearly', 12, 1, 'years'), ref, NOW, 2)), [
      '2026-12-01T18:00',
      '2027-12-01T18:00',
    ]);
  });
});

describe('the retention picture: retention and counts', () => {
  test('months and years are calendar ones', () => {
    assert.equal(new Date(expiryOf(Date.UTC(2027, 0, 31), 1, 'months')).toISOString().slice(0, 10), '2027-02-28');
    assert.equal(retentionDays(1, 'years', Date.UTC(2027, 0, 1)), 365);
    assert.equal(retentionDays(1, 'years', Date.UTC(2028, 0, 1)), 366);
    assert.equal(retentionDays(2, 'weeks', NOW), 14);
  });
  test('snapshots kept at once: retention divided by the interval, per item', () => {
    assert.equal(keptCount(item('hourly', 6, 2, 'days'), ref, NOW), 8);
    assert.equal(keptCount(item('hourly', 1, 1, 'days'), ref, NOW), 24);
    assert.equal(keptCount(item('daily', 1, 7, 'days'), ref, NOW), 7);
    assert.equal(keptCount(item('weekly', 6, 4, 'weeks'), ref, NOW), 4);
    assert.equal(keptCount(item('monthly', 40, 12, 'months'), ref, NOW), 12);
    assert.equal(keptCount(item('yearly', 12, 3, 'years'), ref, NOW), 3);
    assert.equal(keptCount(item('daily', 1, 1, 'weeks'), ref, NOW), 7);
  });
  test('an absurd retention is estimated, not enumerated forever', () => {
    const t = Date.now();
    const n = keptCount(item('daily', 1, 1_000_000, 'days'), ref, NOW);
    assert.ok(Math.abs(n - 1_000_000) < 1000, `≈ a million daily snapshots (${n})`);
    assert.ok(Date.now() - t < 2000);
  });
});

describe('the retention picture as a whole', () => {
  const items = [
    item('hourly', 6, 2, 'days'),
    item('daily', 1, 7, 'days'),
    item('weekly', 6, 4, 'weeks'),
    item('monthly', 40, 12, 'months'),
  ].map((it, index) => ({ index, item: it }));
  test('one lane per item with its runs over four weeks, counts per item and in total', () => {
    const p = picture(items, ref, NOW, { timeZone: 'Europe/Berlin' });
    assert.equal(p.lanes.length, 4);
    assert.deepEqual(
      p.lanes.map((l) => l.kept),
      [8, 7, 4, 12],
    );
    assert.equal(p.total, 31);
    assert.equal(p.lanes[0].runs.length, 28 * 4);
    assert.equal(p.lanes[2].runs.length, 4); // Saturdays 5, 12, 19, 26 Dec
    assert.equal(p.lanes[3].runs.length, 0); // 31 Dec is past the four weeks…
    assert.equal(new Date(p.lanes[3].next!).toISOString().slice(0, 10), '2026-12-31'); // …but is still the next one
    assert.equal(new Date(p.lanes[1].firstExpires!).toISOString().slice(0, 16), '2026-12-08T18:00');
  });
  test('the next five snapshot times merge the items, in UTC and local time', () => {
    const p = picture(items, ref, NOW, { timeZone: 'Europe/Berlin' });
    assert.deepEqual(
      p.next.map((n) => n.utc),
      [
        'Tue 1 Dec 2026, 12:00',
        'Tue 1 Dec 2026, 18:00',
        'Wed 2 Dec 2026, 00:00',
        'Wed 2 Dec 2026, 06:00',
        'Wed 2 Dec 2026, 12:00',
      ],
    );
    assert.equal(p.next[1].local, 'Tue 1 Dec 2026, 19:00');
    assert.deepEqual(p.next[1].items, [0, 1], 'the hourly and daily items both take the 18:00 snapshot');
  });
  test('an item that cannot be drawn is skipped, not guessed; an unknown time zone falls back to UTC', () => {
    const p = picture(
      [
        { index: 0, item: item('hourly', 5, 2, 'days') },
        { index: 1, item: { frequencyType: 'daily', frequencyInterval: 1 } },
      ],
      ref,
      NOW,
      { timeZone: 'Mars/Olympus' },
    );
    assert.deepEqual(p.skipped, [0, 1]);
    assert.equal(p.total, 0);
    assert.equal(p.timeZone, 'UTC');
  });
  test('reference time labels: UTC and local', () => {
    assert.deepEqual(referenceTimeLabels(ref, 'America/New_York', NOW), { utc: '18:00', local: '13:00' });
    assert.equal(formatTime(Date.UTC(2027, 5, 1, 3, 5), 'UTC'), 'Tue 1 Jun 2027, 03:05');
  });
});
