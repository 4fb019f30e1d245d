// Reading a point in time typed by a person (`--point-in-time`, the VS Code input box). Three forms, no guessing:
// an ISO-8601 date-time that says its time zone (Z or an offset), epoch seconds, or an oplog position `ts:inc`.
// A time without a zone is refused rather than read in some zone the person did not mean.

/** The spec's minimum for `pointInTimeUTCSeconds` and `oplogTs`: 2008-01-01T00:00:00Z. */
export const EARLIEST_EPOCH_SECONDS = 1199145600;
/** Both fields are int32 in the spec. */
const INT32_MAX = 2 ** 31 - 1;

export type PointInTime = { kind: 'seconds'; epochSeconds: number } | { kind: 'oplog'; ts: number; inc: number };

export type PointInTimeResult = { ok: true; value: PointInTime } | { ok: false; error: string };

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|z|[+-]\d{2}:?\d{2})?$/;

const EXAMPLES =
  'an ISO-8601 date-time with Z or an offset (2026-11-20T10:00:00Z), epoch seconds (1795000000), or an oplog position ts:inc (1795000000:1)';

/** The UTC epoch seconds a point in time stands for (an oplog position's `ts` is one). */
export function epochSecondsOf(p: PointInTime): number {
  return p.kind === 'seconds' ? p.epochSeconds : p.ts;
}

function inRange(seconds: number): boolean {
  return seconds >= EARLIEST_EPOCH_SECONDS && seconds <= INT32_MAX;
}

const LATEST = '2038-01-19T03:14:07Z';

/**
 * Why a time outside the spec's range is refused, naming the bound it crossed (a year such as 2099 used to read "is
 * not a time Atlas restores to: from 2008-01-01 on", which it is). `iso`: the person wrote a date-time.
 */
function outOfRange(seconds: number, iso: boolean): string {
  if (seconds > INT32_MAX)
    return `is in the future, after ${iso ? LATEST : `${INT32_MAX} (${LATEST})`}, the latest time Atlas accepts; a point in time lies in the restorable window, which ends now.`;
  return `is not a time Atlas restores to: ${iso ? 'from 2008-01-01T00:00:00Z on.' : `epoch seconds from ${EARLIEST_EPOCH_SECONDS} (2008-01-01) on.`}`;
}

/**
 * Parses `text` as given to `flag`. Every refusal is one line naming the flag. Fractions of a second are dropped
 * (Atlas restores to whole seconds), so the restore ends at or before the moment given, never after it. Whether the
 * time lies in the restorable window is the plan's check, not this function's.
 */
export function parsePointInTime(text: string, flag = '--point-in-time'): PointInTimeResult {
  const raw = text.trim();
  const shown = JSON.stringify(raw.length > 60 ? `${raw.slice(0, 60)}…` : raw);
  const refuse = (why: string): PointInTimeResult => ({ ok: false, error: `${flag} ${shown} ${why}` });
  if (!raw) return { ok: false, error: `${flag} needs a value: ${EXAMPLES}.` };

  if (/^\d+$/.test(raw)) {
    const seconds = Number(raw);
    if (raw.length >= 13) return refuse('looks like milliseconds; give epoch seconds (10 digits today).');
    if (!inRange(seconds)) return refuse(outOfRange(seconds, false));
    return { ok: true, value: { kind: 'seconds', epochSeconds: seconds } };
  }

  const oplog = /^(\d+):(\d+)$/.exec(raw);
  if (oplog) {
    const ts = Number(oplog[1]);
    const inc = Number(oplog[2]);
    if (!inRange(ts))
      return refuse(
        ts > INT32_MAX
          ? `has an oplog ts in the future, after ${INT32_MAX} (${LATEST}), the latest Atlas accepts.`
          : `has an oplog ts Atlas does not accept: epoch seconds from ${EARLIEST_EPOCH_SECONDS} (2008-01-01) on.`,
      );
    if (inc < 1 || inc > INT32_MAX) return refuse('has an oplog inc Atlas does not accept: a whole number from 1.');
    return { ok: true, value: { kind: 'oplog', ts, inc } };
  }
  if (/^\d+:/.test(raw)) return refuse('is not an oplog position: write ts:inc, two whole numbers (1795000000:1).');

  const m = ISO.exec(raw);
  if (!m) return refuse(`is not a time: give ${EXAMPLES}.`);
  const [, y, mo, d, h, mi, s = '00', , zone] = m;
  if (zone === undefined)
    return refuse('has no time zone: add Z for UTC or an offset such as +01:00 (2026-11-20T10:00:00Z).');
  const fields = [Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s)];
  const [yy, mm, dd, hh, mn, ss] = fields;
  const utc = Date.UTC(yy, mm - 1, dd, hh, mn, ss);
  const back = new Date(utc);
  if (
    mm < 1 ||
    mm > 12 ||
    hh > 23 ||
    mn > 59 ||
    ss > 59 ||
    back.getUTCFullYear() !== yy ||
    back.getUTCMonth() !== mm - 1 ||
    back.getUTCDate() !== dd
  ) {
    return refuse('is not a calendar date and time.');
  }
  let offsetMinutes = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
    const sign = z?.[1] === '-' ? -1 : 1;
    const oh = Number(z?.[2]);
    const om = Number(z?.[3]);
    if (oh > 18 || om > 59) return refuse(`has an offset ${zone} that is not one: from -18:00 to +18:00.`);
    offsetMinutes = sign * (oh * 60 + om);
  }
  const seconds = Math.floor((utc - offsetMinutes * 60_000) / 1000);
  if (!inRange(seconds)) return refuse(outOfRange(seconds, true));
  return { ok: true, value: { kind: 'seconds', epochSeconds: seconds } };
}
