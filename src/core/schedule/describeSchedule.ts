// Backup schedules in words: the one place every surface takes them from (the tree, the schedule editor's form and
// retention picture, the push review and diff, the posture report and its exports, the CLI).
// Pure and browser-safe: no vscode, no node: imports, no clock (callers pass the time and the zone to format in).
//
// One vocabulary, the push review's, chosen because it reads as a sentence a DBA can check against the Atlas UI:
// when an item fires always starts from "every" or "on" and names the day in full —
//   "every hour", "every 6 hours", "every day", "every Saturday", "on day 5 of every month",
//   "on the last day of every month", "every year on 1 March";
// how long it keeps, plural-correct ("kept 1 day", "kept 4 weeks"); an item is the two joined:
// "every Saturday, kept 4 weeks", and with its type where the type is the subject (push review, delete):
// "Weekly snapshot (every Saturday, kept 4 weeks)". A reference time is "02:30 UTC"; a next run
// "Tue 1 Dec 2026, 18:00". The one-line summary abbreviates the same words from the same tables:
// "6h·2d  1d·7d  Sat·4w  5th·3m  last·12m  Mar·1y" (5th: on day 5 of every month; Mar: every year on 1 March).

/** The fields of a policy item (schedule or Backup Compliance Policy) the words are built from. */
export interface ItemLike {
  frequencyType?: string;
  frequencyInterval?: number;
  retentionUnit?: string;
  retentionValue?: number;
}

export interface ScheduleLike {
  policies?: { policyItems?: ItemLike[] }[];
  nextSnapshot?: string;
  referenceHourOfDay?: number;
  referenceMinuteOfHour?: number;
  restoreWindowDays?: number;
  autoExportEnabled?: boolean;
  export?: { exportBucketId?: string; frequencyType?: string };
  copySettings?: {
    cloudProvider?: string;
    regionName?: string;
    zoneId?: string;
    shouldCopyOplogs?: boolean;
    frequencies?: string[];
    copyPolicyItems?: ItemLike[];
    lastNumberOfSnapshots?: number;
  }[];
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
/** Atlas's order of frequency types, most frequent first, on-demand last. */
const ORDER = ['hourly', 'daily', 'weekly', 'monthly', 'yearly', 'ondemand'];
const UNIT_SHORT: Record<string, string> = { days: 'd', weeks: 'w', months: 'm', years: 'y' };
const TYPE_NAME: Record<string, string> = {
  hourly: 'Hourly',
  daily: 'Daily',
  weekly: 'Weekly',
  monthly: 'Monthly',
  yearly: 'Yearly',
  ondemand: 'On-demand',
};
const LAST_DAY = 40;

/** 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, … */
/**
 * The form's checkbox for `updateSnapshots`, named the same wherever a change list or a message speaks of it (the
 * push review, the CLI), so the words match what the person sees in the form.
 */
export const APPLY_TO_EXISTING = 'Apply retention changes to existing snapshots';

export function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${s}`;
}

/** "1 day", "2 days", "0.5 days": the singular only for exactly one. */
export function plural(n: number, singular: string): string {
  return `${n} ${n === 1 ? singular : `${singular}s`}`;
}

const isInt = (n: number | undefined, lo: number, hi: number): n is number =>
  n !== undefined && Number.isInteger(n) && n >= lo && n <= hi;

/**
 * When an item fires, for an interval Atlas gives a meaning to (hourly 1–24, daily 1, weekly 1–7 = Monday–Sunday,
 * monthly 1–31 or 40 = the last day, yearly 1–12 = the first of that month); undefined otherwise.
 */
export function intervalInWords(type: string | undefined, interval: number | undefined): string | undefined {
  switch (type) {
    case 'hourly':
      return isInt(interval, 1, 24) ? (interval === 1 ? 'every hour' : `every ${interval} hours`) : undefined;
    case 'daily':
      return interval === 1 ? 'every day' : undefined;
    case 'weekly':
      return isInt(interval, 1, 7) ? `every ${WEEKDAYS[interval - 1]}` : undefined;
    case 'monthly':
      return interval === LAST_DAY
        ? 'on the last day of every month'
        : isInt(interval, 1, 31)
          ? `on day ${interval} of every month`
          : undefined;
    case 'yearly':
      return isInt(interval, 1, 12) ? `every year on 1 ${MONTHS[interval - 1]}` : undefined;
    case undefined:
    default:
      return undefined;
  }
}

/** When an item fires, always in words: intervalInWords, or what the document says when it means nothing. */
export function describeInterval(type: string | undefined, interval: number | undefined): string {
  const words = intervalInWords(type, interval);
  if (words) return words;
  const n = interval ?? '?';
  switch (type) {
    case 'hourly':
      return `every ${n} hours`;
    case 'daily':
      return interval === undefined ? 'every day' : `daily (interval ${n})`;
    case 'weekly':
      return `weekly (day ${n})`;
    case 'monthly':
      return `monthly (day ${n})`;
    case 'yearly':
      return `yearly (month ${n})`;
    case 'ondemand':
      return 'on demand';
    case undefined:
    default:
      return `${type ?? 'unknown frequency'} ${interval ?? ''}`.trim();
  }
}

/** "2 days", "1 week", "12 months"; "an unknown time" when the item has no usable retention. */
export function describeRetention(value: number | undefined, unit: string | undefined): string {
  if (value === undefined || !Number.isFinite(value) || !unit) return 'an unknown time';
  return plural(value, unit.endsWith('s') ? unit.slice(0, -1) : unit);
}

/** "Daily", "On-demand"; an unknown type quoted as written. */
export function frequencyTypeName(type: string | undefined): string {
  return TYPE_NAME[type ?? ''] ?? `"${type ?? '?'}"`;
}

/** "every 6 hours, kept 2 days", "every Saturday, kept 4 weeks", "on the last day of every month, kept 12 months". */
export function describeItem(item: ItemLike): string {
  return `${describeInterval(item.frequencyType, item.frequencyInterval)}, kept ${describeRetention(item.retentionValue, item.retentionUnit)}`;
}

/** "Daily snapshot (every day, kept 7 days)": the item as the subject of a sentence (push review, delete). */
export function describeNamedItem(item: ItemLike): string {
  return `${frequencyTypeName(item.frequencyType)} snapshot (${describeItem(item)})`;
}

/** One token of the summary: "6h·2d", "1d·7d", "Sat·4w", "last·12m", "1st·12m", "Jan·1y". */
export function summarizeItem(item: ItemLike): string {
  const i = item.frequencyInterval ?? 0;
  let when: string;
  switch (item.frequencyType) {
    case 'hourly':
      when = `${i}h`;
      break;
    case 'daily':
      when = `${Math.max(1, i)}d`;
      break;
    case 'weekly':
      when = WEEKDAYS[i - 1]?.slice(0, 3) ?? `w${i}`;
      break;
    case 'monthly':
      when = i === LAST_DAY ? 'last' : ordinal(i);
      break;
    case 'yearly':
      when = MONTHS[i - 1]?.slice(0, 3) ?? `y${i}`;
      break;
    case 'ondemand':
      when = 'demand';
      break;
    case undefined:
    default:
      when = item.frequencyType ?? '?';
  }
  const keep =
    item.retentionValue === undefined
      ? '?'
      : `${item.retentionValue}${UNIT_SHORT[item.retentionUnit ?? ''] ?? item.retentionUnit ?? ''}`;
  return `${when}·${keep}`;
}

/** Items in Atlas's order (hourly → yearly, on-demand and unknown types last), then by interval; stable otherwise. */
export function sortItems<T extends ItemLike>(items: readonly T[]): T[] {
  const rank = (t: string | undefined) => {
    const r = ORDER.indexOf(t ?? '');
    return r < 0 ? ORDER.length : r;
  };
  return items
    .map((x, i) => [x, i] as const)
    .sort(
      (a, b) =>
        rank(a[0].frequencyType) - rank(b[0].frequencyType) ||
        (a[0].frequencyInterval ?? 0) - (b[0].frequencyInterval ?? 0) ||
        a[1] - b[1],
    )
    .map(([x]) => x);
}

/** Every policy's items, sorted; what is not an object (a malformed answer) is left out. */
export function scheduleItems<T extends ItemLike>(
  s: { policies?: readonly ({ policyItems?: readonly (T | null | undefined)[] } | null | undefined)[] } | undefined,
): T[] {
  return sortItems(
    (s?.policies ?? []).flatMap((p) => p?.policyItems ?? []).filter((i): i is T => !!i && typeof i === 'object'),
  );
}

/** The one-line summary of a schedule: `6h·2d  1d·7d  Sat·4w  last·12m`, or "no policy items". */
export function summarizeSchedule(s: ScheduleLike | undefined): string {
  const items = scheduleItems(s);
  return items.length ? items.map(summarizeItem).join('  ') : 'no policy items';
}

/** "02:30 UTC"; a missing part shows as "??". */
export function describeTimeOfDay(hour: number | undefined, minute: number | undefined): string {
  const pad = (n: number | undefined): string => (n === undefined ? '??' : String(n).padStart(2, '0'));
  return `${pad(hour)}:${pad(minute)} UTC`;
}

/** "02:30 UTC" for the reference time, when the schedule has one. */
export function describeReferenceTime(s: ScheduleLike): string | undefined {
  if (s.referenceHourOfDay === undefined) return undefined;
  return describeTimeOfDay(s.referenceHourOfDay, s.referenceMinuteOfHour ?? 0);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone: building one costs far more than using it, and a tree shows thousands of times. */
function formatterFor(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    formatters.set(key, f);
  }
  return f;
}

/**
 * An ISO time in UTC and in a given time zone: "2026-12-01 18:00 UTC (19:00 Europe/Paris)".
 * `timeZone` undefined uses the runtime's zone; an invalid one falls back to UTC only.
 */
export function describeInstant(iso: string | undefined, timeZone?: string): string | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const utc = `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)} UTC`;
  try {
    const fmt = formatterFor(timeZone);
    const parts = Object.fromEntries(fmt.formatToParts(d).map((p) => [p.type, p.value]));
    const zone = fmt.resolvedOptions().timeZone;
    if (zone === 'UTC' || zone === 'Etc/UTC') return utc;
    const sameDay = `${parts.year}-${parts.month}-${parts.day}` === d.toISOString().slice(0, 10);
    const local = `${sameDay ? '' : `${parts.year}-${parts.month}-${parts.day} `}${parts.hour}:${parts.minute} ${parts.timeZoneName ?? zone}`;
    return `${utc} (${local} local)`;
  } catch {
    return utc;
  }
}

/** Copy settings in words: "AWS EU_CENTRAL_1: hourly, daily snapshots (with oplogs)". */
export function describeCopySetting(c: NonNullable<ScheduleLike['copySettings']>[number]): string {
  const where = [c.cloudProvider, c.regionName].filter(Boolean).join(' ') || 'unknown region';
  let what: string;
  if (c.lastNumberOfSnapshots !== undefined) what = `the last ${plural(c.lastNumberOfSnapshots, 'snapshot')}`;
  else if (c.copyPolicyItems?.length)
    what =
      sortItems(c.copyPolicyItems)
        .map((i) => (i.frequencyType === 'ondemand' ? 'on-demand' : (i.frequencyType ?? '?')))
        .join(', ') + ' snapshots';
  else if (c.frequencies?.length)
    what = c.frequencies.map((f) => (f === 'ON_DEMAND' ? 'on-demand' : f.toLowerCase())).join(', ') + ' snapshots';
  else what = 'no snapshots';
  return `${where}: ${what}${c.shouldCopyOplogs ? ' (with oplogs)' : ''}`;
}

/** Export in words, or undefined when export is off. */
export function describeExport(s: ScheduleLike): string | undefined {
  if (!s.autoExportEnabled) return undefined;
  const f = s.export?.frequencyType;
  return `${f ? `${f} ` : ''}export to bucket ${s.export?.exportBucketId ?? '(unknown)'}`;
}

/** A Backup Compliance Policy's items in words, scheduled first, then the on-demand minimum. */
export function describeComplianceItems(p: {
  scheduledPolicyItems?: ItemLike[];
  onDemandPolicyItem?: ItemLike;
}): string[] {
  // The policy ignores the interval of non-hourly items, so only hourly ones name theirs.
  const out = sortItems(p.scheduledPolicyItems ?? []).map((i) => {
    const keep = describeRetention(i.retentionValue, i.retentionUnit);
    switch (i.frequencyType) {
      case 'hourly':
        return `${describeInterval('hourly', i.frequencyInterval)} or more often, kept at least ${keep}`;
      case 'daily':
        return `daily, kept at least ${keep}`;
      case undefined:
      default:
        return `${i.frequencyType ?? '?'}, kept at least ${keep}`;
    }
  });
  if (p.onDemandPolicyItem)
    out.push(
      `on-demand snapshots kept at least ${describeRetention(p.onDemandPolicyItem.retentionValue, p.onDemandPolicyItem.retentionUnit)}`,
    );
  return out;
}

// ---- next runs ----

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** `timeZone` if the runtime knows it (the webview reports the user's), else UTC. */
export function validTimeZone(timeZone: string | undefined): string {
  if (!timeZone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/** "Tue 1 Dec 2026, 18:00" in the given time zone. */
export function formatTime(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: validTimeZone(timeZone),
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(ms);
  const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('weekday')} ${get('day')} ${get('month')} ${get('year')}, ${get('hour')}:${get('minute')}`;
}

/** "18:00" for a reference time, and the same moment in `timeZone` ("19:00") on the day `on`. */
export function referenceTimeLabels(
  ref: { hour: number; minute: number },
  timeZone: string,
  on: number,
): { utc: string; local: string } {
  const at = Math.floor(on / DAY) * DAY + ref.hour * HOUR + ref.minute * 60_000;
  const hm = (tz: string): string =>
    new Intl.DateTimeFormat('en-GB', {
      timeZone: validTimeZone(tz),
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(at);
  return { utc: hm('UTC'), local: hm(timeZone) };
}
