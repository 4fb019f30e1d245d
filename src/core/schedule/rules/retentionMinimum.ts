import { pathText, prop } from '../scheduleDocument';
import type { Rule } from '../rule';
import { asDuration, formatDuration } from '../retention';

// The older API reference (reproduced by the Terraform provider docs): weekly "at least 7 days or 1 week", monthly
// "at least 31 days or 5 weeks or 1 month", yearly "at least 1 year". Not in the current spec, hence a warning.
const MINIMUM: Record<string, Record<string, number>> = {
  weekly: { days: 7, weeks: 1, months: 1, years: 1 },
  monthly: { days: 31, weeks: 5, months: 1, years: 1 },
  yearly: { days: 365, weeks: 53, months: 12, years: 1 },
};

export const retentionMinimum: Rule = {
  id: 'retention-minimum',
  severity: 'warning',
  summary: 'Documented minimum retentions: weekly ≥ 7 days, monthly ≥ 1 month (31 days, 5 weeks), yearly ≥ 1 year.',
  check(doc, _ctx, report) {
    for (const item of doc.items) {
      const min = MINIMUM[item.frequencyType ?? ''];
      const d = asDuration(item.retentionValue, item.retentionUnit);
      if (!min || !d || d.value < 1 || d.value >= min[d.unit]) continue;
      const path = [...item.path, 'retentionValue'];
      const to = min[d.unit];
      report({
        path,
        at: prop(item.node, 'retentionValue')!,
        message: `${pathText(path)} is ${formatDuration(d)}, below the documented minimum for a ${item.frequencyType} item (${formatDuration({ value: to, unit: d.unit })})`,
        fixes: [
          {
            title: `Raise retention to ${formatDuration({ value: to, unit: d.unit })}`,
            edits: doc.edit(path, to),
            isPreferred: true,
          },
        ],
      });
    }
  },
};
