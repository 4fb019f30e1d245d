import { bool, missingRange, prop, show } from '../scheduleDocument';
import type { Rule } from '../rule';

// `autoExportEnabled` exports snapshots "to the Export Bucket": Atlas needs `export.exportBucketId` and
// `export.frequencyType` to do that.
export const exportSettings: Rule = {
  id: 'export-settings',
  severity: 'error',
  summary: '`autoExportEnabled: true` needs an `export` object with `exportBucketId` and `frequencyType`.',
  check(doc, _ctx, report) {
    const root = doc.object;
    const enabled = prop(root, 'autoExportEnabled');
    if (bool(enabled) !== true) return;
    const exp = prop(root, 'export');
    if (!exp) {
      report({
        path: ['autoExportEnabled'],
        at: enabled!,
        message:
          'autoExportEnabled is true but there is no export object; add "export": { "exportBucketId": "<24-hex id>", "frequencyType": "monthly" }',
        fixes: [{ title: 'Turn autoExportEnabled off', edits: doc.edit(['autoExportEnabled'], false) }],
      });
      return;
    }
    if (exp.type !== 'object') {
      report({
        path: ['export'],
        at: exp,
        message: `export is ${show(exp)}, but autoExportEnabled needs an object with exportBucketId and frequencyType`,
      });
      return;
    }
    const missing = ['exportBucketId', 'frequencyType'].filter((k) => !prop(exp, k));
    if (missing.length)
      report({
        path: ['export'],
        at: missingRange(exp),
        message: `autoExportEnabled is true but export has no ${missing.join(' and no ')}; Atlas needs the export bucket id and the export frequency (monthly or yearly)`,
      });
  },
};
