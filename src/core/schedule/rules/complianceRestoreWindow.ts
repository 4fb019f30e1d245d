import { int, prop } from '../scheduleDocument';
import { plural } from '../describeSchedule';
import type { Rule } from '../rule';
import { activePolicy } from './compliance';

// CANNOT_DECREASE_PIT_WINDOW_WITH_BACKUP_COMPLIANCE_POLICY: the restore window cannot go below the policy's.
// The policy's restore window binds only clusters with continuous backup: when the cluster is not known to have it
// and the policy does not require it (`pitEnabled` false), Atlas ignores the comparison and so does this rule.
export const complianceRestoreWindow: Rule = {
  id: 'compliance-restore-window',
  severity: 'error',
  summary: "`restoreWindowDays` is not below the Backup Compliance Policy's restore window.",
  check(doc, ctx, report) {
    const policy = activePolicy(ctx);
    const min = policy?.restoreWindowDays;
    const n = prop(doc.object, 'restoreWindowDays');
    const v = int(n);
    if (typeof min !== 'number' || v === undefined || v >= min) return;
    if (ctx.pitEnabled !== true && policy?.pitEnabled !== true) return;
    report({
      path: ['restoreWindowDays'],
      at: n!,
      message: `restoreWindowDays is ${v}, but the Backup Compliance Policy requires a restore window of at least ${plural(min, 'day')} (CANNOT_DECREASE_PIT_WINDOW_WITH_BACKUP_COMPLIANCE_POLICY)`,
      fixes: [
        {
          title: `Raise restoreWindowDays to ${min} (compliance minimum)`,
          edits: doc.edit(['restoreWindowDays'], min),
          isPreferred: true,
        },
      ],
    });
  },
};
