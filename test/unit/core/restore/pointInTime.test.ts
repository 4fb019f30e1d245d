// Reading `--point-in-time`: ISO-8601 with a zone, epoch seconds, oplog ts:inc; one clear line naming the flag otherwise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePointInTime, type PointInTimeResult } from '../../../../src/core/restore';

const seconds = (iso: string) => Date.parse(iso) / 1000;

function ok(r: PointInTimeResult) {
  assert.ok(r.ok, r.ok ? '' : r.error);
  return r.value;
}

function refused(r: PointInTimeResult, message: RegExp): void {
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.match(r.error, message);
  assert.doesNotMatch(r.error, /\n/, 'one line');
}

test('ISO-8601 in UTC and with an offset name the same instant', () => {
  const utc = ok(parsePointInTime('2026-11-20T10:00:00Z'));
  assert.deepEqual(utc, { kind: 'seconds', epochSeconds: seconds('2026-11-20T10:00:00Z') });
  assert.deepEqual(ok(parsePointInTime('2026-11-20T11:00:00+01:00')), utc);
  assert.deepEqual(ok(parsePointInTime('2026-11-20T05:30:00-0430')), utc);
  assert.deepEqual(ok(parsePointInTime(' 2026-11-20T10:00Z ')), utc, 'seconds may be left out');
});

test('fractions of a second are dropped: the restore never goes past the moment given', () => {
  assert.deepEqual(ok(parsePointInTime('2026-11-20T10:00:00.999Z')), {
    kind: 'seconds',
    epochSeconds: seconds('2026-11-20T10:00:00Z'),
  });
});

test('a local time without Z or an offset is refused, saying how to fix it', () => {
  refused(
    parsePointInTime('2026-11-20T10:00:00'),
    /^--point-in-time "2026-11-20T10:00:00" has no time zone: add Z for UTC or an offset/,
  );
});

test('not a calendar date, a bad offset, before 2008: refused', () => {
  refused(parsePointInTime('2026-02-30T10:00:00Z'), /is not a calendar date and time/);
  refused(parsePointInTime('2026-11-20T24:00:00Z'), /is not a calendar date and time/);
  refused(parsePointInTime('2026-11-20T10:00:00+19:00'), /offset \+19:00/);
  refused(parsePointInTime('2001-01-01T00:00:00Z'), /from 2008-01-01/);
});

test('a time past what Atlas accepts says it is in the future, not "from 2008 on" (which it is)', () => {
  for (const [text, shown] of [
    ['2099-01-01T00:00:00Z', /after 2038-01-19T03:14:07Z, the latest time Atlas accepts/],
    ['9999999999', /after 2147483647 \(2038-01-19T03:14:07Z\)/],
    ['9999999999:1', /oplog ts in the future, after 2147483647/],
  ] as const) {
    refused(parsePointInTime(text), shown);
    refused(parsePointInTime(text), /in the future/);
    const r = parsePointInTime(text);
    assert.doesNotMatch(r.ok ? '' : r.error, /2008/, text);
  }
});

test('epoch seconds; milliseconds are recognised and refused', () => {
  assert.deepEqual(ok(parsePointInTime('1795000000')), { kind: 'seconds', epochSeconds: 1_795_000_000 });
  refused(parsePointInTime('1795000000000'), /looks like milliseconds/);
  refused(parsePointInTime('12'), /epoch seconds from 1199145600/);
});

test('oplog ts:inc', () => {
  assert.deepEqual(ok(parsePointInTime('1795000000:3')), { kind: 'oplog', ts: 1_795_000_000, inc: 3 });
  refused(parsePointInTime('1795000000:0'), /oplog inc/);
  refused(parsePointInTime('5:1'), /oplog ts/);
  refused(parsePointInTime('1795000000:x'), /is not an oplog position: write ts:inc/);
});

test('anything else: one line naming the flag (another flag name when given) and the three forms', () => {
  refused(
    parsePointInTime('yesterday'),
    /^--point-in-time "yesterday" is not a time: give an ISO-8601 date-time .* epoch seconds .* ts:inc/,
  );
  refused(parsePointInTime('yesterday', 'Point in time'), /^Point in time "yesterday"/);
  refused(parsePointInTime(''), /^--point-in-time needs a value/);
  refused(parsePointInTime('a\nb'), /"a\\nb"/);
});
