import { missingRange, prop, show } from '../scheduleDocument';
import type { Rule } from '../rule';

// `AdvancedDiskBackupSnapshotSchedulePolicy.required: [policyItems]`; an empty array is a valid (if unusual) policy.
export const policyItems: Rule = {
  id: 'policy-items',
  severity: 'error',
  summary: '`policies[0].policyItems` is an array (it may be empty, never null) of objects.',
  check(doc, _ctx, report) {
    const policy = doc.policy;
    if (!policy) return;
    const items = prop(policy, 'policyItems');
    if (!items) {
      report({
        path: ['policies', 0, 'policyItems'],
        at: missingRange(policy),
        message: 'policies[0].policyItems is missing; use an array of policy items (it may be empty)',
      });
      return;
    }
    if (items.type !== 'array') {
      report({
        path: ['policies', 0, 'policyItems'],
        at: items,
        message: `policies[0].policyItems is ${show(items)}, but it must be an array of policy items (use [] for none)`,
      });
      return;
    }
    (items.children ?? []).forEach((item, i) => {
      if (item.type !== 'object')
        report({
          path: ['policies', 0, 'policyItems', i],
          at: item,
          message: `policies[0].policyItems[${i}] is ${show(item)}, but each policy item must be an object`,
        });
    });
  },
};
