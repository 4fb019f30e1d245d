import { keyRange, pathText, prop, type ItemView } from '../scheduleDocument';
import type { Rule } from '../rule';
import { asDuration, formatDuration, isShorter, smallestNotShorter } from '../retention';
import { activePolicy, defaultInterval, requirements } from './compliance';

// Backup Compliance Policy: Atlas rejects a schedule below the policy's scheduled items
// (BACKUP_POLICY_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS, CANNOT_DECREASE_SNAPSHOT_RETENTION_WITH_BACKUP_COMPLIANCE_POLICY).
export const complianceItem: Rule = {
  id: 'compliance-item',
  severity: 'error',
  summary:
    'Every scheduled item of the Backup Compliance Policy is in the schedule (same frequency type; for hourly, at least as often, except on NVMe where only 12 hours is possible) with at least its retention.',
  check(doc, ctx, report) {
    const policy = activePolicy(ctx);
    const arr = doc.itemsNode;
    if (!policy || !arr) return;
    // Items grouped by type, and each (type, interval) answered once: a policy file repeating a requirement many
    // times must not make the check its count times the number of items.
    const byType = new Map<string | undefined, ItemView[]>();
    for (const i of doc.items) {
      const list = byType.get(i.frequencyType);
      if (list) list.push(i);
      else byType.set(i.frequencyType, [i]);
    }
    const answered = new Map<string, { matched: boolean; longest: ItemView | undefined }>();
    for (const req of requirements(policy)) {
      // An hourly item that snapshots at least as often as the policy's satisfies it; an NVMe cluster can
      // only take hourly snapshots every 12 hours, so there the interval cannot be held against it.
      const often = (i: ItemView): boolean =>
        req.interval === undefined ||
        !!ctx.nvme ||
        (typeof i.frequencyInterval === 'number' && i.frequencyInterval <= req.interval);
      const key = `${req.type}|${req.interval}`;
      let answer = answered.get(key);
      if (!answer) {
        const matches = (byType.get(req.type) ?? []).filter(often);
        const longest = matches.reduce<ItemView | undefined>((best, i) => {
          const d = asDuration(i.retentionValue, i.retentionUnit);
          const b = best && asDuration(best.retentionValue, best.retentionUnit);
          return d && (!b || isShorter(b, d)) ? i : best;
        }, undefined);
        answered.set(key, (answer = { matched: matches.length > 0, longest }));
      }
      if (!answer.matched) {
        const item = {
          frequencyType: req.type,
          frequencyInterval: defaultInterval(req.type, req.interval, !!ctx.nvme),
          retentionUnit: req.retention.unit,
          retentionValue: req.retention.value,
        };
        report({
          path: ['policies', 0, 'policyItems'],
          at: keyRange(arr),
          message: `The Backup Compliance Policy requires ${req.text}, and policies[0].policyItems has no such item; Atlas will reject this schedule`,
          fixes: [
            {
              title: `Add ${req.text}`,
              edits: doc.edit(['policies', 0, 'policyItems', (arr.children ?? []).length], item, true),
              isPreferred: true,
            },
          ],
        });
        continue;
      }
      const longest = answer.longest;
      const d = longest && asDuration(longest.retentionValue, longest.retentionUnit);
      if (!longest || !d || !isShorter(d, req.retention)) continue;
      const path = [...longest.path, 'retentionValue'];
      const to = smallestNotShorter(d.unit, req.retention);
      report({
        path,
        at: prop(longest.node, 'retentionValue')!,
        message: `${pathText(path)} is ${formatDuration(d)}, but the Backup Compliance Policy requires ${req.text}; Atlas will reject a lower retention`,
        fixes: [
          {
            title: `Raise retention to ${formatDuration({ value: to, unit: d.unit })} (compliance minimum)`,
            edits: doc.edit(path, to),
            isPreferred: true,
          },
        ],
      });
    }
  },
};
