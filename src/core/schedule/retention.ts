// Retention durations compared across units. Atlas compares "less frequent ≥ more frequent" without saying how a
// month or a year converts to days, so we only call a retention shorter when it is shorter under every calendar
// reading: days and weeks compare exactly (1 week = 7 days), months and years compare exactly (1 year = 12 months),
// and across the two groups a month is 28–31 days and a year 365–366 days.

import { describeRetention } from './describeSchedule';

export const RETENTION_UNITS = ['days', 'weeks', 'months', 'years'] as const;
export type RetentionUnit = (typeof RETENTION_UNITS)[number];

export const SCHEDULED_TYPES = ['hourly', 'daily', 'weekly', 'monthly', 'yearly'] as const;
export const FREQUENCY_TYPES = [...SCHEDULED_TYPES, 'ondemand'] as const;

/** Position in "more frequent → less frequent"; undefined for on-demand and unknown types. */
export function frequencyRank(type: string | undefined): number | undefined {
  const i = (SCHEDULED_TYPES as readonly string[]).indexOf(type ?? '');
  return i < 0 ? undefined : i;
}

export interface Duration {
  value: number;
  unit: RetentionUnit;
}

export function isRetentionUnit(u: unknown): u is RetentionUnit {
  return typeof u === 'string' && (RETENTION_UNITS as readonly string[]).includes(u);
}

export function asDuration(value: number | undefined, unit: string | undefined): Duration | undefined {
  return value !== undefined && Number.isFinite(value) && isRetentionUnit(unit) ? { value, unit } : undefined;
}

const DAY_GROUP: Record<RetentionUnit, number | undefined> = { days: 1, weeks: 7, months: undefined, years: undefined };
const MONTH_GROUP: Record<RetentionUnit, number | undefined> = {
  days: undefined,
  weeks: undefined,
  months: 1,
  years: 12,
};
const MIN_DAYS: Record<RetentionUnit, number> = { days: 1, weeks: 7, months: 28, years: 365 };
const MAX_DAYS: Record<RetentionUnit, number> = { days: 1, weeks: 7, months: 31, years: 366 };

export function minDays(d: Duration): number {
  return d.value * MIN_DAYS[d.unit];
}
export function maxDays(d: Duration): number {
  return d.value * MAX_DAYS[d.unit];
}

/** True when `a` is shorter than `b` however months and years are counted. */
export function isShorter(a: Duration, b: Duration): boolean {
  const ad = DAY_GROUP[a.unit],
    bd = DAY_GROUP[b.unit];
  if (ad !== undefined && bd !== undefined) return a.value * ad < b.value * bd;
  const am = MONTH_GROUP[a.unit],
    bm = MONTH_GROUP[b.unit];
  if (am !== undefined && bm !== undefined) return a.value * am < b.value * bm;
  return maxDays(a) < minDays(b);
}

/** The smallest whole number of `unit` that is not shorter than `target`. */
export function smallestNotShorter(unit: RetentionUnit, target: Duration): number {
  const ud = DAY_GROUP[unit],
    td = DAY_GROUP[target.unit];
  if (ud !== undefined && td !== undefined) return Math.max(1, Math.ceil((target.value * td) / ud));
  const um = MONTH_GROUP[unit],
    tm = MONTH_GROUP[target.unit];
  if (um !== undefined && tm !== undefined) return Math.max(1, Math.ceil((target.value * tm) / um));
  return Math.max(1, Math.ceil(minDays(target) / MAX_DAYS[unit]));
}

export function formatDuration(d: Duration): string {
  return describeRetention(d.value, d.unit);
}

/** Allowed `frequencyInterval` values per frequency type (spec prose and the older reference for daily). */
const INTERVALS: Record<string, readonly number[]> = {
  hourly: [1, 2, 4, 6, 8, 12],
  nvmeHourly: [12],
  daily: [1],
  weekly: [1, 2, 3, 4, 5, 6, 7],
  monthly: [...Array.from({ length: 28 }, (_, i) => i + 1), 40],
  yearly: Array.from({ length: 12 }, (_, i) => i + 1),
};

export function allowedIntervals(type: string, nvme: boolean): readonly number[] | undefined {
  if (type === 'hourly' && nvme) return INTERVALS.nvmeHourly;
  return Object.prototype.hasOwnProperty.call(INTERVALS, type) && type !== 'nvmeHourly' ? INTERVALS[type] : undefined;
}

/** Human list: "1, 2, 4, 6, 8 or 12"; long runs are shown as ranges ("1–28 or 40"). */
export function listAllowed(values: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < values.length;) {
    let j = i;
    while (j + 1 < values.length && values[j + 1] === values[j] + 1) j++;
    if (j - i >= 2) {
      parts.push(`${values[i]}–${values[j]}`);
      i = j + 1;
    } else {
      parts.push(String(values[i]));
      i++;
    }
  }
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]}`;
}

/** The allowed value nearest to `v` (ties go to the smaller value). */
export function nearest(values: readonly number[], v: number): number {
  let best = values[0];
  for (const a of values) if (Math.abs(a - v) < Math.abs(best - v)) best = a;
  return best;
}
