// Times are written one way, with their zone: UTC always, and the local time beside it where a person decides by it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatTime, offsetText, zoneOffset } from '../../../../src/core/time/formatTime';

const at = '2026-12-05T23:46:43.120Z';

describe('formatTime', () => {
  test('UTC with the zone named, to the minute (seconds when asked)', () => {
    assert.equal(formatTime(at), '2026-12-05 23:46 UTC');
    assert.equal(formatTime(new Date(at), { seconds: true }), '2026-12-05 23:46:43 UTC');
    assert.equal(formatTime(Date.parse(at)), '2026-12-05 23:46 UTC');
  });

  test('local beside UTC, with the date when it differs and the offset', () => {
    assert.equal(
      formatTime(at, { local: true, offsetMinutes: () => 60 }),
      '2026-12-05 23:46 UTC (2026-12-06 00:46 local, UTC+01:00)',
    );
    assert.equal(
      formatTime(at, { local: true, offsetMinutes: () => -300 }),
      '2026-12-05 23:46 UTC (2026-12-05 18:46 local, UTC-05:00)',
    );
    assert.equal(
      formatTime(at, { local: true, offsetMinutes: () => 630 }),
      '2026-12-05 23:46 UTC (2026-12-06 10:16 local, UTC+10:30)',
    );
  });

  test("the machine's zone by default, and only UTC when local is UTC", () => {
    const d = new Date(at);
    const shown = formatTime(d, { local: true });
    if (d.getTimezoneOffset() === 0) assert.equal(shown, '2026-12-05 23:46 UTC');
    else assert.match(shown, /^2026-12-05 23:46 UTC \(\d{4}-\d\d-\d\d \d\d:\d\d local, UTC[+-]\d\d:\d\d\)$/);
    assert.equal(formatTime(at, { local: true, offsetMinutes: () => 0 }), '2026-12-05 23:46 UTC');
  });

  test('an unreadable time is shown as given, never "Invalid Date"', () => {
    assert.equal(formatTime('yesterday'), '"yesterday"');
  });

  test('offsets', () => {
    assert.equal(offsetText(0), '+00:00');
    assert.equal(offsetText(-570), '-09:30');
  });
});

describe('zoneOffset', () => {
  test("a named zone's offset at each moment, summer time included; UTC is 0", () => {
    const winter = new Date('2026-01-15T12:00:00Z');
    const summer = new Date('2026-07-15T12:00:00Z');
    assert.equal(zoneOffset('Europe/Berlin')(winter), 60);
    assert.equal(zoneOffset('Europe/Berlin')(summer), 120);
    assert.equal(zoneOffset('America/New_York')(winter), -300);
    assert.equal(zoneOffset('Asia/Kolkata')(winter), 330);
    assert.equal(zoneOffset('UTC')(winter), 0);
    assert.equal(
      formatTime('2026-07-15T22:30:00Z', { local: true, offsetMinutes: zoneOffset('Europe/Berlin') }),
      '2026-07-15 22:30 UTC (2026-07-16 00:30 local, UTC+02:00)',
    );
  });

  test("an unknown zone name falls back to the machine's zone instead of failing", () => {
    const d = new Date('2026-01-15T12:00:00Z');
    assert.equal(zoneOffset('Not/AZone')(d), -d.getTimezoneOffset());
  });
});
