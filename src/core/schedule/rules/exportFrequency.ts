import { prop, show } from '../scheduleDocument';
import type { Rule } from '../rule';

// `AutoExportPolicyView.frequencyType` is `monthly` or `yearly` in the current spec; the older reference lists
// weekly and daily ("requires reaching out to Customer Support"), and the Atlas CLI offers daily/weekly/monthly.
export const exportFrequency: Rule = {
  id: 'export-frequency',
  severity: 'warning',
  summary:
    '`export.frequencyType` is `monthly` or `yearly` (the current API); `daily`/`weekly` from older documentation are flagged.',
  check(doc, _ctx, report) {
    const exp = prop(doc.object, 'export');
    const n = prop(exp, 'frequencyType');
    if (!n) return;
    if (n.type !== 'string') {
      report({
        path: ['export', 'frequencyType'],
        at: n,
        message: `export.frequencyType is ${show(n)}, but it must be "monthly" or "yearly"`,
      });
      return;
    }
    const v = String(n.value);
    if (v === 'monthly' || v === 'yearly') return;
    const older = v === 'daily' || v === 'weekly';
    report({
      path: ['export', 'frequencyType'],
      at: n,
      message: older
        ? `export.frequencyType is "${v}", which older Atlas documentation lists, but the current API (2024-08-05) accepts only "monthly" or "yearly"`
        : `export.frequencyType is ${show(n)}, but the current API accepts "monthly" or "yearly"`,
      fixes: [
        { title: 'Export monthly', edits: doc.edit(['export', 'frequencyType'], 'monthly'), isPreferred: true },
        { title: 'Export yearly', edits: doc.edit(['export', 'frequencyType'], 'yearly') },
      ],
    });
  },
};
