import { bool, pathText, prop } from '../scheduleDocument';
import type { Rule } from '../rule';

// `shouldCopyOplogs`: "You can use the oplogs to perform point-in-time restores"; the UI offers oplog distribution
// only when Continuous Backup is on.
export const copyOplogsPit: Rule = {
  id: 'copy-oplogs-pit',
  severity: 'error',
  summary: '`shouldCopyOplogs: true` only on a cluster with continuous backup.',
  check(doc, ctx, report) {
    if (ctx.pitEnabled !== false) return;
    for (const cs of doc.elements('copySettings')) {
      const n = prop(cs.node, 'shouldCopyOplogs');
      if (bool(n) !== true) continue;
      const path = [...cs.path, 'shouldCopyOplogs'];
      report({
        path,
        at: n!,
        message: `${pathText(path)} is true, but this cluster does not use continuous backup, so there are no oplogs to copy`,
        fixes: [{ title: 'Set shouldCopyOplogs to false', edits: doc.edit(path, false), isPreferred: true }],
      });
    }
  },
};
