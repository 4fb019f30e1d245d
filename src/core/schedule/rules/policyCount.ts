import { missingRange, prop, show } from '../scheduleDocument';
import type { Rule } from '../rule';

// Atlas: `policies` maxItems 1 and required (2024-08-05); INVALID_NUM_OF_POLICIES "Must have exactly one policy".
export const policyCount: Rule = {
  id: 'policy-count',
  severity: 'error',
  summary: '`policies` is an array with exactly one policy object.',
  check(doc, _ctx, report) {
    const root = doc.object;
    if (!root) return;
    const p = prop(root, 'policies');
    if (!p) {
      report({
        path: ['policies'],
        at: missingRange(root),
        message: 'policies is missing; a schedule needs exactly one policy (`"policies": [{ "policyItems": [...] }]`)',
      });
    } else if (p.type !== 'array') {
      report({
        path: ['policies'],
        at: p,
        message: `policies is ${show(p)}, but it must be an array with exactly one policy`,
      });
    } else if ((p.children ?? []).length !== 1) {
      const n = (p.children ?? []).length;
      report({
        path: ['policies'],
        at: p,
        onKey: n > 1,
        message: `policies has ${n} policies, but Atlas allows exactly one (INVALID_NUM_OF_POLICIES)`,
      });
    } else if (p.children?.[0]?.type !== 'object') {
      report({
        path: ['policies', 0],
        at: p.children![0],
        message: `policies[0] is ${show(p.children![0])}, but it must be an object with "policyItems"`,
      });
    }
  },
};
