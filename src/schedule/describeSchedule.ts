// Backup schedules and policy items in words, for the tree, the schedule editor and the fleet report.
// Pure and browser-safe: no vscode, no node: imports, no clock (callers pass the time zone to format in).

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

const WEEKDAYS = ['Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays', 'Sundays'];
const WEEKDAY_SHORT = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
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
const MONTH_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ORDER = ['hourly', 'daily', 'weekly', 'monthly', 'yearly', 'ondemand'];
const UNIT_SHORT: Record<string, string> = { days: 'd', weeks: 'w', months: 'm', years: 'y' };

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${s}`;
}

function plural(n: number, word: string): string {
  return `${n} ${n === 1 ? word : `${word}s`}`;
}

/** "2 days", "1 week", "12 months"; "an unknown time" when the item has no usable retention. */
export function describeRetention(value: number | undefined, unit: string | undefined): string {
  if (value === undefined || !unit) return 'an unknown time';
  const singular = unit.endsWith('s') ? unit.slice(0, -1) : unit;
  return plural(value, singular);
}

/** When an item fires, in words: "every 6 hours", "every day", "Saturdays", "last day of the month", "every 1st of March". */
export function describeFrequency(type: string | undefined, interval: number | undefined): string {
  const i = interval ?? 0;
  switch (type) {
    case 'hourly':
      return i === 1 ? 'every hour' : `every ${i} hours`;
    case 'daily':
      return i <= 1 ? 'every day' : `every ${i} days`;
    case 'weekly':
      return WEEKDAYS[i - 1] ?? `weekly (day ${i})`;
    case 'monthly':
      return i === 40
        ? 'last day of the month'
        : i >= 1 && i <= 28
          ? `${ordinal(i)} of the month`
          : `monthly (day ${i})`;
    case 'yearly':
      return MONTHS[i - 1] ? `every 1st of ${MONTHS[i - 1]}` : `yearly (month ${i})`;
    case 'ondemand':
      return 'on demand';
    case undefined:
    default:
      return type ?? 'unknown frequency';
  }
}

/** "every 6 hours, kept 2 days", "Saturdays, kept 4 weeks", "last day of the month, kept 12 months". */
export function describeItem(item: ItemLike): string {
  return `${describeFrequency(item.frequencyType, item.frequencyInterval)}, kept ${describeRetention(item.retentionValue, item.retentionUnit)}`;
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
      when = WEEKDAY_SHORT[i - 1] ?? `w${i}`;
      break;
    case 'monthly':
      when = i === 40 ? 'last' : ordinal(i);
      break;
    case 'yearly':
      when = MONTH_SHORT[i - 1] ?? `y${i}`;
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

/** Items in Atlas's order (hourly → yearly, on-demand last); stable for equal types. */
export function sortItems<T extends ItemLike>(items: readonly T[]): T[] {
  const rank = (t: string | undefined) => {
    const r = ORDER.indexOf(t ?? '');
    return r < 0 ? ORDER.length : r;
  };
  return items
    .map((x, i) => [x, i] as const)
    .sort((a, b) => rank(a[0].frequencyType) - rank(b[0].frequencyType) || a[1] - b[1])
    .map(([x]) => x);
}

export function scheduleItems(s: ScheduleLike): ItemLike[] {
  return sortItems((s.policies ?? []).flatMap((p) => p.policyItems ?? []));
}

/** The one-line summary of a schedule: `6h·2d  1d·7d  Sat·4w  last·12m`, or "no policy items". */
export function summarizeSchedule(s: ScheduleLike): string {
  const items = scheduleItems(s);
  return items.length ? items.map(summarizeItem).join('  ') : 'no policy items';
}

/** "02:30 UTC" for the reference time, when the schedule has one. */
export function describeReferenceTime(s: ScheduleLike): string | undefined {
  if (s.referenceHourOfDay === undefined) return undefined;
  const hh = String(s.referenceHourOfDay).padStart(2, '0');
  const mm = String(s.referenceMinuteOfHour ?? 0).padStart(2, '0');
  return `${hh}:${mm} UTC`;
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
        return `${describeFrequency('hourly', i.frequencyInterval)} or more often, kept at least ${keep}`;
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
