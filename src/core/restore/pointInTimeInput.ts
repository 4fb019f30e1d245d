// A point in time typed into the extension's input box. Everything the CLI accepts (parsePointInTime: ISO-8601 with
// Z or an offset, epoch seconds, ts:inc), and, unlike the CLI, a date-time without a zone, read in this machine's
// zone: a person at an editor means their own clock, and the box says so and shows the UTC reading before sending.
// (The CLI refuses it: a script's zone is whatever the runner's is.)
import { parsePointInTime, type PointInTimeResult } from './pointInTime';

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

export interface PointInTimeInput {
  result: PointInTimeResult;
  /** The text had no zone and was read as local time. */
  local: boolean;
}

/**
 * `offsetMinutes(d)` gives the local zone's offset east of UTC at that moment (default the machine's), so tests hold
 * in any zone.
 */
export function parsePointInTimeInput(
  text: string,
  o: { field?: string; offsetMinutes?: (d: Date) => number } = {},
): PointInTimeInput {
  const field = o.field ?? 'Point in time';
  const m = LOCAL.exec(text.trim());
  if (!m) return { result: parsePointInTime(text, field), local: false };
  // Read as UTC first (this also checks it is a calendar date), then move by the local offset at that moment.
  const asUtc = parsePointInTime(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}Z`, field);
  if (!asUtc.ok || asUtc.value.kind !== 'seconds')
    return {
      result: asUtc.ok ? asUtc : { ok: false, error: asUtc.error.replace(/T(\d\d:\d\d:\d\d)Z"/, ' $1"') },
      local: true,
    };
  const guess = new Date(asUtc.value.epochSeconds * 1000);
  const offset = (d: Date) => (o.offsetMinutes ? o.offsetMinutes(d) : -d.getTimezoneOffset());
  // The offset at the local moment, not at the UTC reading of the same digits (they differ around a DST change).
  let epoch = asUtc.value.epochSeconds - offset(guess) * 60;
  epoch = asUtc.value.epochSeconds - offset(new Date(epoch * 1000)) * 60;
  return { result: { ok: true, value: { kind: 'seconds', epochSeconds: epoch } }, local: true };
}
