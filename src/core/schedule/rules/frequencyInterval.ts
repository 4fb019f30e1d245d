import { pathText, prop } from '../scheduleDocument';
import type { Rule } from '../rule';
import { allowedIntervals, listAllowed, nearest } from '../retention';

const MEANING: Record<string, string> = {
  hourly: 'an hourly item allows {} hours',
  daily: 'a daily item allows only 1 (every day)',
  weekly: 'a weekly item allows {} (1 = Monday … 7 = Sunday)',
  monthly: 'a monthly item allows {} (day of the month; 40 = the last day)',
  yearly: 'a yearly item allows {} (the first day of month N; 1 = January … 12 = December)',
};

// Spec prose on `frequencyInterval` (hourly 1/2/4/6/8/12, weekly 1–7, monthly 1–28 or 40, yearly 1–12, NVMe hourly
// only 12); daily 1 comes from the older API reference ("The only supported value for daily policies is 1 day").
export const frequencyInterval: Rule = {
  id: 'frequency-interval',
  severity: 'error',
  summary:
    '`frequencyInterval` is allowed for its `frequencyType` (hourly 1, 2, 4, 6, 8, 12 — only 12 on NVMe; daily 1; weekly 1–7; monthly 1–28 or 40; yearly 1–12).',
  check(doc, ctx, report) {
    for (const item of doc.items) {
      const v = item.frequencyInterval;
      const type = item.frequencyType;
      if (v === undefined || !type) continue;
      const nvme = ctx.nvme === true;
      const allowed = allowedIntervals(type, nvme);
      if (!allowed || allowed.includes(v)) continue;
      const path = [...item.path, 'frequencyInterval'];
      const node = prop(item.node, 'frequencyInterval')!;
      const to = nvme && type === 'hourly' ? 12 : nearest(allowed, v);
      const why =
        nvme && type === 'hourly'
          ? 'on an NVMe cluster an hourly item allows only 12 hours'
          : MEANING[type].replace('{}', listAllowed(allowed));
      report({
        path,
        at: node,
        message: `${pathText(path)} is ${v}, but ${why}`,
        fixes: [{ title: `Set frequencyInterval to ${to}`, edits: doc.edit(path, to), isPreferred: true }],
      });
    }
  },
};
