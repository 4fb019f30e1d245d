import { bool, prop } from '../scheduleDocument';
import type { Rule } from '../rule';

// `deleteCopySnapshots`: "This option requires `copyPolicyItemsEnabled` to be true."
export const deleteCopySnapshots: Rule = {
  id: 'delete-copy-snapshots',
  severity: 'error',
  summary: '`deleteCopySnapshots` needs `copyPolicyItemsEnabled: true`.',
  check(doc, _ctx, report) {
    const n = prop(doc.object, 'deleteCopySnapshots');
    if (bool(n) !== true || bool(prop(doc.object, 'copyPolicyItemsEnabled')) === true) return;
    report({
      path: ['deleteCopySnapshots'],
      at: n!,
      onKey: true,
      message:
        'deleteCopySnapshots is true but copyPolicyItemsEnabled is not; Atlas deletes copies of removed copyPolicyItems only when copyPolicyItemsEnabled is true',
      fixes: [{ title: 'Remove deleteCopySnapshots', edits: doc.edit(['deleteCopySnapshots'], undefined) }],
    });
  },
};
