import { pathText, prop, type ItemView } from '../scheduleDocument';
import type { Rule } from '../rule';
import {
  asDuration,
  formatDuration,
  frequencyRank,
  isShorter,
  smallestNotShorter,
  SCHEDULED_TYPES,
  type Duration,
} from '../retention';

interface Kept {
  item: ItemView;
  d: Duration;
}

// `retentionValue`: "For less frequent policy items, MongoDB Cloud requires that you specify a value greater than or
// equal to the value specified for more frequent policy items." Linear: per frequency rank we keep the longest
// retention in each unit group (days/weeks vs months/years), which is all `isShorter` can be decided against.
export const retentionOrder: Rule = {
  id: 'retention-order',
  severity: 'error',
  summary:
    'A less frequent item keeps snapshots at least as long as every more frequent one (hourly ≤ daily ≤ weekly ≤ monthly ≤ yearly), across units.',
  check(doc, _ctx, report) {
    const byRank: Kept[][] = SCHEDULED_TYPES.map(() => []);
    for (const item of doc.items) {
      const rank = frequencyRank(item.frequencyType);
      const d = asDuration(item.retentionValue, item.retentionUnit);
      if (rank !== undefined && d && d.value > 0) byRank[rank].push({ item, d });
    }
    // Longest retention seen among strictly more frequent ranks, per unit group.
    let dayBest: Kept | undefined;
    let monthBest: Kept | undefined;
    const longer = (a: Kept | undefined, b: Kept) => (!a || isShorter(a.d, b.d) ? b : a);
    for (const kept of byRank) {
      for (const k of kept) {
        const blockers = [dayBest, monthBest].filter((b): b is Kept => !!b && isShorter(k.d, b.d));
        if (!blockers.length) continue;
        const worst = blockers.reduce((a, b) => (isShorter(a.d, b.d) ? b : a));
        const to = Math.max(...blockers.map((b) => smallestNotShorter(k.d.unit, b.d)));
        const path = [...k.item.path, 'retentionValue'];
        report({
          path,
          at: prop(k.item.node, 'retentionValue')!,
          message: `${pathText(path)} is ${formatDuration(k.d)} (${k.item.frequencyType}), shorter than the ${formatDuration(worst.d)} of the ${worst.item.frequencyType} item ${pathText(worst.item.path)}; a less frequent item must keep snapshots at least as long as every more frequent one`,
          fixes: [
            {
              title: `Raise retention to ${formatDuration({ value: to, unit: k.d.unit })}`,
              edits: doc.edit(path, to),
              isPreferred: true,
            },
          ],
        });
      }
      for (const k of kept) {
        if (k.d.unit === 'days' || k.d.unit === 'weeks') dayBest = longer(dayBest, k);
        else monthBest = longer(monthBest, k);
      }
    }
  },
};
