import { prop } from '../scheduleDocument';
import { plural } from '../describeSchedule';
import type { Rule } from '../rule';
import { activePolicy } from './compliance';

// A compliance policy with `pitEnabled` requires continuous backup on the project's clusters.
export const compliancePit: Rule = {
  id: 'compliance-pit',
  severity: 'error',
  summary: 'When the Backup Compliance Policy requires continuous backup, the cluster has it.',
  check(doc, ctx, report) {
    const policy = activePolicy(ctx);
    if (policy?.pitEnabled !== true || ctx.pitEnabled !== false || !doc.object) return;
    const restore = prop(doc.object, 'restoreWindowDays');
    report({
      path: restore ? ['restoreWindowDays'] : [],
      at: restore ? restore : { offset: doc.object.offset, length: 1 },
      onKey: !!restore,
      message: `The Backup Compliance Policy requires continuous backup (point-in-time restore${typeof policy.restoreWindowDays === 'number' ? `, ${plural(policy.restoreWindowDays, 'day')}` : ''}), but this cluster does not use it; turn on continuous backup for the cluster`,
    });
  },
};
