import { prop } from '../scheduleDocument';
import type { Rule } from '../rule';

// `restoreWindowDays`: "This parameter applies to continuous Cloud Backups only."
export const restoreWindowWithoutPit: Rule = {
  id: 'restore-window-without-pit',
  severity: 'info',
  summary: '`restoreWindowDays` has an effect only on a cluster with continuous backup.',
  check(doc, ctx, report) {
    const n = prop(doc.object, 'restoreWindowDays');
    if (!n || ctx.pitEnabled !== false) return;
    report({
      path: ['restoreWindowDays'],
      at: n,
      onKey: true,
      message:
        'restoreWindowDays applies only to continuous cloud backup, which this cluster does not use; Atlas ignores it',
    });
  },
};
