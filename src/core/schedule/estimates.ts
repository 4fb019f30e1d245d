// The retention picture's arithmetic: when each policy item takes a snapshot, how long each is kept, how many are
// kept at once. vscode-free, and free of any clock: every function takes the time it is asked about.
//
// Atlas's meaning of a policy item (docs/rules.md#frequency-interval), all in UTC at the reference time
// (referenceHourOfDay:referenceMinuteOfHour):
//   hourly N   every N hours, counted from the reference time
//   daily 1    every day at the reference time
//   weekly N   on weekday N (1 = Monday … 7 = Sunday)
//   monthly N  on day N of the month (40 = the last day)
//   yearly N   on the first day of month N
// A snapshot is kept for its item's retention from the moment it is taken; months and years are calendar months
// and years (1 March + 1 month = 1 April). Counts are per item: where Atlas lets one snapshot serve several items,
// the true number of distinct snapshots is lower, so the total is an upper bound and is labelled an estimate.
// The words (lane labels, retentions, times) come from describeSchedule.ts, like everywhere else.
import { describeRetention, formatTime, intervalInWords, validTimeZone } from './describeSchedule';

export interface ItemSchedule {
  frequencyType: string;
  frequencyInterval: number;
  retentionUnit: string;
  retentionValue: number;
}

export interface ReferenceTime {
  hour: number;
  minute: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Longest window we enumerate run by run (a document may hold retentionValue 1e9); beyond it counts are computed. */
const MAX_ENUMERATED_DAYS = 20 * 366;

/** True when the item describes a schedule we can draw (known type, meaningful interval, positive retention). */
export function isDrawable(item: Partial<ItemSchedule>): item is ItemSchedule {
  return (
    intervalInWords(item.frequencyType, item.frequencyInterval) !== undefined &&
    (item.frequencyType !== 'hourly' || 24 % (item.frequencyInterval ?? 0) === 0) &&
    typeof item.retentionValue === 'number' &&
    Number.isFinite(item.retentionValue) &&
    item.retentionValue > 0 &&
    ['days', 'weeks', 'months', 'years'].includes(item.retentionUnit ?? '')
  );
}

/** When a snapshot taken at `ms` expires. Months and years are calendar ones (31 Jan + 1 month = 28/29 Feb). */
export function expiryOf(ms: number, value: number, unit: string): number {
  switch (unit) {
    case 'days':
      return ms + value * DAY;
    case 'weeks':
      return ms + value * 7 * DAY;
    case 'months':
      return addMonths(ms, value);
    case 'years':
      return addMonths(ms, value * 12);
    default:
      return ms;
  }
}

function addMonths(ms: number, months: number): number {
  if (!Number.isFinite(months) || Math.abs(months) > 12 * 10_000) return months > 0 ? 8.64e15 : -8.64e15;
  const d = new Date(ms);
  const y = d.getUTCFullYear(),
    m = d.getUTCMonth() + months,
    day = d.getUTCDate();
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(
    y,
    m,
    Math.min(day, last),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  );
}

/** How many days a snapshot taken at `at` is kept (calendar-exact for months and years). */
export function retentionDays(value: number, unit: string, at: number): number {
  return (expiryOf(at, value, unit) - at) / DAY;
}

/** Snapshot times of the item on the UTC day starting at `dayStart`, ascending. */
function runsOnDay(item: ItemSchedule, ref: ReferenceTime, dayStart: number): number[] {
  const at = dayStart + ref.hour * HOUR + ref.minute * 60_000;
  const d = new Date(dayStart);
  switch (item.frequencyType) {
    case 'hourly': {
      const n = item.frequencyInterval;
      // Every N hours counted from the reference time, which repeats each day when N divides 24 (all allowed values).
      const out: number[] = [];
      for (let h = ref.hour % n; h < 24; h += n) out.push(dayStart + h * HOUR + ref.minute * 60_000);
      return out;
    }
    case 'daily':
      return [at];
    case 'weekly':
      return ((d.getUTCDay() + 6) % 7) + 1 === item.frequencyInterval ? [at] : [];
    case 'monthly': {
      const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
      const want = item.frequencyInterval === 40 ? last : item.frequencyInterval;
      return d.getUTCDate() === want ? [at] : [];
    }
    case 'yearly':
      return d.getUTCDate() === 1 && d.getUTCMonth() + 1 === item.frequencyInterval ? [at] : [];
    default:
      return [];
  }
}

const dayStartOf = (ms: number): number => Math.floor(ms / DAY) * DAY;

/** The item's snapshot times in [from, until), ascending, at most `limit` of them. */
export function runsBetween(
  item: ItemSchedule,
  ref: ReferenceTime,
  from: number,
  until: number,
  limit = Infinity,
): number[] {
  const out: number[] = [];
  if (!isDrawable(item)) return out;
  const lastDay = Math.min(until, from + MAX_ENUMERATED_DAYS * DAY);
  for (let day = dayStartOf(from); day < lastDay && out.length < limit; day += DAY) {
    for (const t of runsOnDay(item, ref, day)) if (t >= from && t < until && out.length < limit) out.push(t);
  }
  return out;
}

/** The next `count` snapshot times of the item at or after `from`. */
export function nextRuns(item: ItemSchedule, ref: ReferenceTime, from: number, count: number): number[] {
  return runsBetween(item, ref, from, from + 2 * 366 * DAY, count);
}

/** How many of the item's snapshots exist at `at` once the schedule has run longer than the retention. */
export function keptCount(item: ItemSchedule, ref: ReferenceTime, at: number): number {
  if (!isDrawable(item)) return 0;
  const longest = expiryOf(at, item.retentionValue, item.retentionUnit) - at;
  if (longest / DAY > MAX_ENUMERATED_DAYS) {
    // Too long to enumerate: the mean number of runs in the window is close enough for an estimate.
    const perDay = runsBetween(item, ref, at, at + 4 * 366 * DAY).length / (4 * 366);
    return Math.round(perDay * (longest / DAY));
  }
  // A snapshot taken at t is still there at `at` when t ≤ at < expiry(t); look back a little past the retention
  // (months differ in length) and test each run.
  const runs = runsBetween(item, ref, at - longest - 31 * DAY, at + 1);
  return runs.filter((t) => expiryOf(t, item.retentionValue, item.retentionUnit) > at).length;
}

export interface Lane {
  /** Index of the item in policies[0].policyItems. */
  index: number;
  label: string;
  retention: string;
  retentionDays: number;
  kept: number;
  /** Snapshot times within the picture's span (epoch ms), at most 1,000. */
  runs: number[];
  /** When the first snapshot in the span expires (may lie beyond the span). */
  firstExpires?: number;
  next?: number;
}

export interface NextSnapshot {
  at: number;
  utc: string;
  local: string;
  items: number[];
}

export interface Picture {
  from: number;
  to: number;
  timeZone: string;
  lanes: Lane[];
  total: number;
  next: NextSnapshot[];
  /** Items that could not be drawn (unknown type, bad interval, missing retention), by index. */
  skipped: number[];
}

export interface PictureOptions {
  spanDays?: number;
  timeZone?: string;
}

/** The whole picture for a schedule's items at time `now`. */
export function picture(
  items: { index: number; item: Partial<ItemSchedule> }[],
  ref: ReferenceTime,
  now: number,
  opts: PictureOptions = {},
): Picture {
  const spanDays = opts.spanDays ?? 28;
  const timeZone = validTimeZone(opts.timeZone);
  const to = now + spanDays * DAY;
  const lanes: Lane[] = [];
  const skipped: number[] = [];
  for (const { index, item } of items) {
    if (!isDrawable(item)) {
      skipped.push(index);
      continue;
    }
    const runs = runsBetween(item, ref, now, to, 1000);
    const next = runs[0] ?? nextRuns(item, ref, now, 1)[0];
    lanes.push({
      index,
      label: intervalInWords(item.frequencyType, item.frequencyInterval)!,
      retention: describeRetention(item.retentionValue, item.retentionUnit),
      retentionDays: Math.round(retentionDays(item.retentionValue, item.retentionUnit, now) * 10) / 10,
      kept: keptCount(item, ref, now),
      runs,
      firstExpires: next !== undefined ? expiryOf(next, item.retentionValue, item.retentionUnit) : undefined,
      next,
    });
  }
  const byTime = new Map<number, number[]>();
  for (const { index, item } of items) {
    if (!isDrawable(item)) continue;
    for (const t of nextRuns(item, ref, now, 5)) byTime.set(t, [...(byTime.get(t) ?? []), index]);
  }
  const next = [...byTime.keys()]
    .sort((a, b) => a - b)
    .slice(0, 5)
    .map((at) => ({ at, utc: formatTime(at, 'UTC'), local: formatTime(at, timeZone), items: byTime.get(at)! }));
  return { from: now, to, timeZone, lanes, total: lanes.reduce((s, l) => s + l.kept, 0), next, skipped };
}
