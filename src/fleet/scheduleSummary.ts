// A schedule in one short line, item by item from the most to the least frequent: `6h·2d  1d·7d  Sat·4w  last·12m`
// (every 6 hours kept 2 days, daily kept 7 days, Saturdays kept 4 weeks, the last day of the month kept 12 months).
// Used in the posture report and its exports, where a row has room for one line. vscode-free.
import type { BackupSchedule, PolicyItem } from '../atlas/types';

const ORDER = ['hourly', 'daily', 'weekly', 'monthly', 'yearly'];
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const UNIT: Record<string, string> = { days: 'd', weeks: 'w', months: 'm', years: 'y' };

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${s}`;
}

function when(item: PolicyItem): string {
  const n = item.frequencyInterval;
  switch (item.frequencyType) {
    case 'hourly':
      return `${n}h`;
    case 'daily':
      return `${n}d`;
    case 'weekly':
      return WEEKDAYS[n - 1] ?? `weekly ${n}`;
    case 'monthly':
      return n === 40 ? 'last' : ordinal(n);
    case 'yearly':
      return MONTHS[n - 1] ?? `yearly ${n}`;
    case 'ondemand':
    default:
      return String(item.frequencyType);
  }
}

export function scheduleItems(schedule: BackupSchedule | undefined): PolicyItem[] {
  return (schedule?.policies ?? [])
    .flatMap((p) => p?.policyItems ?? [])
    .filter((i): i is PolicyItem => !!i && typeof i === 'object')
    .slice()
    .sort(
      (a, b) =>
        ORDER.indexOf(a.frequencyType) - ORDER.indexOf(b.frequencyType) || a.frequencyInterval - b.frequencyInterval,
    );
}

/** `6h·2d  1d·7d  Sat·4w  last·12m`; `no items` for a schedule without any. */
export function summarizeSchedule(schedule: BackupSchedule | undefined): string {
  const items = scheduleItems(schedule);
  if (!items.length) return 'no items';
  return items.map((i) => `${when(i)}·${i.retentionValue}${UNIT[i.retentionUnit] ?? ` ${i.retentionUnit}`}`).join('  ');
}
