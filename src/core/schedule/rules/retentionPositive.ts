import { pathText, prop } from '../scheduleDocument';
import type { Rule } from '../rule';

export const retentionPositive: Rule = {
  id: 'retention-positive',
  severity: 'error',
  summary: '`retentionValue` is at least 1.',
  check(doc, _ctx, report) {
    for (const item of doc.items) {
      if (item.retentionValue === undefined || item.retentionValue >= 1) continue;
      const path = [...item.path, 'retentionValue'];
      report({
        path,
        at: prop(item.node, 'retentionValue')!,
        message: `${pathText(path)} is ${item.retentionValue}, but a retention must be at least 1`,
        fixes: [{ title: 'Set retentionValue to 1', edits: doc.edit(path, 1), isPreferred: true }],
      });
    }
  },
};
