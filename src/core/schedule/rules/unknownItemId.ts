import { pathText, prop } from '../scheduleDocument';
import type { Rule } from '../rule';

// Atlas error INVALID_POLICY_ITEM_ID: an item `id` names an existing item; to add an item, leave the id out.
export const unknownItemId: Rule = {
  id: 'unknown-item-id',
  severity: 'error',
  summary:
    "A policy item `id` is one the cluster's schedule has (Atlas: INVALID_POLICY_ITEM_ID); new items have no id.",
  check(doc, ctx, report) {
    if (!ctx.serverItemIds && !ctx.serverItems) return;
    const ids = Array.isArray(ctx.serverItemIds) ? ctx.serverItemIds : [];
    const items = Array.isArray(ctx.serverItems) ? ctx.serverItems : [];
    const known = new Set<unknown>([...ids, ...items.map((i) => i?.id)]);
    for (const item of doc.items) {
      if (item.id === undefined || known.has(item.id)) continue;
      const path = [...item.path, 'id'];
      report({
        path,
        at: prop(item.node, 'id')!,
        message: `${pathText(path)} is "${item.id}", which the cluster's schedule does not have (INVALID_POLICY_ITEM_ID); remove the id to add this as a new item`,
        fixes: [
          {
            title: 'Remove the stale id (the item becomes a new item)',
            edits: doc.edit(path, undefined),
            isPreferred: true,
          },
        ],
      });
    }
  },
};
