import { keyRange, prop } from '../scheduleDocument';
import { describeItem } from '../describeSchedule';
import type { Rule } from '../rule';

// An empty `policyItems` is a state, not a mistake: it is what Atlas itself answers to DELETE …/backup/schedule
// (on a cluster with continuous backup the one policy stays, with no items, and `restoreWindowDays` is kept).
// Such a cluster takes no scheduled snapshots, which a person should know, so it is a warning; pit-hourly-item
// stays silent on it (the hourly item it would ask for is offered here as a fix instead).
export const emptyPolicy: Rule = {
  id: 'empty-policy',
  severity: 'warning',
  summary: 'An empty `policyItems` means the cluster takes no scheduled snapshots.',
  check(doc, ctx, report) {
    const arr = doc.itemsNode;
    if (!arr || arr.type !== 'array' || (arr.children ?? []).length > 0) return;
    const pit = ctx.pitEnabled === true;
    const restore = prop(doc.object, 'restoreWindowDays');
    const days =
      typeof restore?.value === 'number' && Number.isInteger(restore.value) && restore.value > 2 ? restore.value : 2;
    const hourly = {
      frequencyType: 'hourly',
      frequencyInterval: ctx.nvme ? 12 : 6,
      retentionUnit: 'days',
      retentionValue: days,
    };
    report({
      path: ['policies', 0, 'policyItems'],
      at: keyRange(arr),
      message: `policies[0].policyItems is empty: this cluster takes no scheduled snapshots${
        pit
          ? '; continuous backup needs an hourly item to restore from, and Atlas may refuse to save this schedule until one is added'
          : ' (existing snapshots stay until they expire); add a policy item to resume them'
      }`,
      fixes: [
        {
          title: `Add an hourly item (${describeItem(hourly)})`,
          edits: doc.edit(['policies', 0, 'policyItems', 0], hourly, true),
          isPreferred: pit,
        },
      ],
    });
  },
};
