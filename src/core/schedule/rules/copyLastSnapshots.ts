import { int, pathText, prop, show } from '../scheduleDocument';
import type { Rule } from '../rule';

// `lastNumberOfSnapshots`: int32, minimum 1, maximum 500.
export const copyLastSnapshots: Rule = {
  id: 'copy-last-snapshots',
  severity: 'error',
  summary: '`lastNumberOfSnapshots` is a whole number from 1 to 500.',
  check(doc, _ctx, report) {
    for (const cs of doc.elements('copySettings')) {
      const n = prop(cs.node, 'lastNumberOfSnapshots');
      if (!n || n.type === 'null') continue;
      const v = int(n);
      if (v !== undefined && v >= 1 && v <= 500) continue;
      const path = [...cs.path, 'lastNumberOfSnapshots'];
      const to = v === undefined ? undefined : v < 1 ? 1 : 500;
      report({
        path,
        at: n,
        message: `${pathText(path)} is ${show(n)}, but it must be a whole number from 1 to 500`,
        fixes:
          to === undefined
            ? []
            : [{ title: `Set lastNumberOfSnapshots to ${to}`, edits: doc.edit(path, to), isPreferred: true }],
      });
    }
  },
};
