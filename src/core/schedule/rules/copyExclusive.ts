import { pathText, prop } from '../scheduleDocument';
import type { Rule } from '../rule';

const MODES = ['frequencies', 'copyPolicyItems', 'lastNumberOfSnapshots'];

// `lastNumberOfSnapshots`: "This field is mutually exclusive with `frequencies` and `copyPolicyItems`"; and
// `frequencies` / `copyPolicyItems` are each allowed only in one state of `copyPolicyItemsEnabled`.
export const copyExclusive: Rule = {
  id: 'copy-exclusive',
  severity: 'error',
  summary: 'A copy setting uses one of `frequencies`, `copyPolicyItems` or `lastNumberOfSnapshots`, not several.',
  check(doc, _ctx, report) {
    for (const cs of doc.elements('copySettings')) {
      const present = MODES.filter((k) => {
        const n = prop(cs.node, k);
        return n && n.type !== 'null';
      });
      for (const k of present.slice(1)) {
        report({
          path: [...cs.path, k],
          at: prop(cs.node, k)!,
          onKey: true,
          message: `${pathText(cs.path)} sets both ${present[0]} and ${k}; frequencies, copyPolicyItems and lastNumberOfSnapshots are mutually exclusive`,
          fixes: [{ title: `Remove ${k}`, edits: doc.edit([...cs.path, k], undefined) }],
        });
      }
    }
  },
};
