import { keyRange, prop } from '../scheduleDocument';
import { describeItem } from '../describeSchedule';
import type { Rule } from '../rule';

// "Continuous Cloud Backup cannot be on without an hourly policy item": Atlas refuses it (docs/rules.md,
// pit-hourly-item; also reported in mongodb/terraform-provider-mongodbatlas#2029).
export const pitHourlyItem: Rule = {
  id: 'pit-hourly-item',
  severity: 'error',
  summary: 'With continuous backup (point-in-time restore) the policy has an hourly item.',
  check(doc, ctx, report) {
    const arr = doc.itemsNode;
    if (ctx.pitEnabled !== true || !arr) return;
    // An empty list is the "no scheduled snapshots" state (Atlas's own answer to DELETE): empty-policy warns about it.
    if (arr.type === 'array' && !(arr.children ?? []).length) return;
    if (doc.items.some((i) => i.frequencyType === 'hourly')) return;
    const restore = prop(doc.object, 'restoreWindowDays');
    const days =
      typeof restore?.value === 'number' && Number.isInteger(restore.value) && restore.value > 2 ? restore.value : 2;
    const item = {
      frequencyType: 'hourly',
      frequencyInterval: ctx.nvme ? 12 : 6,
      retentionUnit: 'days',
      retentionValue: days,
    };
    report({
      path: ['policies', 0, 'policyItems'],
      at: keyRange(arr),
      message:
        'policies[0].policyItems has no hourly item, but this cluster uses continuous backup, which needs one (its restore window cannot exceed the hourly retention)',
      fixes: [
        {
          title: `Add an hourly item (${describeItem(item)})`,
          edits: doc.edit(['policies', 0, 'policyItems', (arr.children ?? []).length], item, true),
          isPreferred: true,
        },
      ],
    });
  },
};
