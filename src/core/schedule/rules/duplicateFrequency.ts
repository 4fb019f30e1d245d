import { pathText, prop } from '../scheduleDocument';
import type { Rule } from '../rule';

// Atlas UI docs: "You cannot specify multiple Hourly and Daily backup policy items."
export const duplicateFrequency: Rule = {
  id: 'duplicate-frequency',
  severity: 'error',
  summary: 'At most one hourly and one daily policy item.',
  check(doc, _ctx, report) {
    const first = new Map<string, number>();
    for (const item of doc.items) {
      const t = item.frequencyType;
      if (t !== 'hourly' && t !== 'daily') continue;
      const seen = first.get(t);
      if (seen === undefined) {
        first.set(t, item.index);
        continue;
      }
      report({
        path: [...item.path, 'frequencyType'],
        at: prop(item.node, 'frequencyType')!,
        message: `${pathText(item.path)} is a second ${t} item (the first is policies[0].policyItems[${seen}]); Atlas allows only one ${t} item — use weekly, monthly or yearly items for more`,
      });
    }
  },
};
