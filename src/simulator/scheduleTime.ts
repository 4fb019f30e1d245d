// When a backup policy fires. Used to compute `nextSnapshot` and to seed snapshot history that
// actually follows each cluster's schedule.
import { addRetention, type PolicyItem, type Schedule } from './model';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

function dayStart(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

function lastDayOfMonth(ms: number): number {
  const d = new Date(ms);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
}

/** Times (ms) within the UTC day starting at `day` when `item` fires. */
function firesOn(item: PolicyItem, day: number, refHour: number, refMinute: number): number[] {
  const ref = day + refHour * HOUR_MS + refMinute * 60_000;
  const d = new Date(day);
  switch (item.frequencyType) {
    case 'hourly': {
      // Every interval divides 24, so the series anchored at the reference time repeats daily.
      const step = item.frequencyInterval * HOUR_MS;
      const out: number[] = [];
      const first = day + ((((ref - day) % step) + step) % step);
      for (let t = first; t < day + DAY_MS; t += step) out.push(t);
      return out;
    }
    case 'daily':
      return [ref];
    case 'weekly': {
      const iso = d.getUTCDay() === 0 ? 7 : d.getUTCDay();
      return iso === item.frequencyInterval ? [ref] : [];
    }
    case 'monthly': {
      const dom = d.getUTCDate();
      const want = item.frequencyInterval === 40 ? lastDayOfMonth(day) : item.frequencyInterval;
      return dom === want ? [ref] : [];
    }
    case 'yearly':
      return d.getUTCDate() === 1 && d.getUTCMonth() + 1 === item.frequencyInterval ? [ref] : [];
    case 'ondemand':
    default:
      return [];
  }
}

/** The next time after `nowMs` any scheduled item fires; undefined when nothing is scheduled. */
export function nextSnapshotMs(s: Schedule, nowMs: number): number | undefined {
  let best: number | undefined;
  const items = s.items.filter((i) => i.frequencyType !== 'ondemand');
  if (!items.length) return undefined;
  for (let day = dayStart(nowMs); day < nowMs + 400 * DAY_MS && best === undefined; day += DAY_MS) {
    for (const item of items) {
      for (const t of firesOn(item, day, s.referenceHourOfDay, s.referenceMinuteOfHour)) {
        if (t > nowMs && (best === undefined || t < best)) best = t;
      }
    }
  }
  return best;
}

export interface PlannedSnapshot {
  createdAtMs: number;
  expiresAtMs: number;
  label: PolicyItem;
  itemIds: string[];
}

/**
 * Snapshots the schedule would have produced up to `nowMs` that have not expired yet. Where items
 * coincide, one snapshot carries the label of the item with the longest retention (as Atlas's UI does).
 */
export function plannedHistory(s: Schedule, nowMs: number): PlannedSnapshot[] {
  const byTime = new Map<number, PlannedSnapshot>();
  const items = s.items.filter((i) => i.frequencyType !== 'ondemand');
  // Nothing older than the longest retention can still exist.
  const maxDays =
    Math.max(0, ...items.map((i) => (addRetention(nowMs, i.retentionUnit, i.retentionValue) - nowMs) / DAY_MS)) + 2;
  for (let day = dayStart(nowMs); day > nowMs - maxDays * DAY_MS; day -= DAY_MS) {
    for (const item of items) {
      for (const t of firesOn(item, day, s.referenceHourOfDay, s.referenceMinuteOfHour)) {
        if (t > nowMs) continue;
        const expires = addRetention(t, item.retentionUnit, item.retentionValue);
        if (expires <= nowMs) continue;
        const prev = byTime.get(t);
        if (!prev) byTime.set(t, { createdAtMs: t, expiresAtMs: expires, label: item, itemIds: [item.id] });
        else {
          prev.itemIds.push(item.id);
          if (expires > prev.expiresAtMs) {
            prev.expiresAtMs = expires;
            prev.label = item;
          }
        }
      }
    }
  }
  return [...byTime.values()].sort((a, b) => b.createdAtMs - a.createdAtMs);
}
