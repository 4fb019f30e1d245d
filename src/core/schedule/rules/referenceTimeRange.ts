import { int, prop, show } from '../scheduleDocument';
import type { Rule } from '../rule';

// The spec gives no bounds; the older API reference: hour "between 0 and 23, inclusive", minute "between 0 and 59".
const FIELDS: [key: string, max: number, what: string][] = [
  ['referenceHourOfDay', 23, 'an hour of the day in UTC, 0–23'],
  ['referenceMinuteOfHour', 59, 'a minute of the hour, 0–59'],
];

export const referenceTimeRange: Rule = {
  id: 'reference-time-range',
  severity: 'error',
  summary: '`referenceHourOfDay` is 0–23 and `referenceMinuteOfHour` is 0–59 (whole numbers; the time is UTC).',
  check(doc, _ctx, report) {
    for (const [key, max, what] of FIELDS) {
      const n = prop(doc.object, key);
      if (!n) continue;
      const v = int(n);
      if (v !== undefined && v >= 0 && v <= max) continue;
      const fixes =
        v !== undefined
          ? [{ title: `Set ${key} to ${v < 0 ? 0 : max}`, edits: doc.edit([key], v < 0 ? 0 : max), isPreferred: true }]
          : [];
      report({ path: [key], at: n, message: `${key} is ${show(n)}, but it must be ${what}`, fixes });
    }
  },
};
