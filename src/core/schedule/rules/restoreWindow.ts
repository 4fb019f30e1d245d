import { int, pathText, prop, show } from '../scheduleDocument';
import type { Rule } from '../rule';
import { asDuration, formatDuration, maxDays, minDays } from '../retention';

// `restoreWindowDays`: "You must specify a positive, non-zero integer" (INVALID_RESTORE_WINDOW); the Atlas UI:
// "You can't configure a restore window that is longer than the Hourly Snapshot Retention Time."
export const restoreWindow: Rule = {
  id: 'restore-window',
  severity: 'error',
  summary:
    '`restoreWindowDays` is a positive whole number and, with continuous backup, not longer than the hourly retention.',
  check(doc, ctx, report) {
    const n = prop(doc.object, 'restoreWindowDays');
    if (!n) return;
    const v = int(n);
    if (v === undefined || v < 1) {
      report({
        path: ['restoreWindowDays'],
        at: n,
        message: `restoreWindowDays is ${show(n)}, but it must be a positive whole number of days (INVALID_RESTORE_WINDOW)`,
        fixes:
          v !== undefined
            ? [{ title: 'Set restoreWindowDays to 1', edits: doc.edit(['restoreWindowDays'], 1), isPreferred: true }]
            : [],
      });
      return;
    }
    if (ctx.pitEnabled !== true) return;
    const hourly = doc.items.find((i) => i.frequencyType === 'hourly');
    const d = hourly && asDuration(hourly.retentionValue, hourly.retentionUnit);
    if (!hourly || !d || d.value < 1 || v <= maxDays(d)) return;
    const to = Math.max(1, minDays(d));
    report({
      path: ['restoreWindowDays'],
      at: n,
      message: `restoreWindowDays is ${v}, longer than the hourly retention (${formatDuration(d)}, ${pathText(hourly.path)}); continuous backup can only restore as far back as hourly snapshots are kept`,
      fixes: [
        { title: `Clamp restoreWindowDays to ${to}`, edits: doc.edit(['restoreWindowDays'], to), isPreferred: true },
      ],
    });
  },
};
