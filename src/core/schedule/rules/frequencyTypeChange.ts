import { pathText, prop } from '../scheduleDocument';
import type { Rule } from '../rule';

// Atlas error INVALID_FREQUENCY_TYPE_CHANGE: an existing item (it has an id) keeps its frequencyType.
export const frequencyTypeChange: Rule = {
  id: 'frequency-type-change',
  severity: 'error',
  summary:
    'An existing policy item (one with an `id`) keeps its `frequencyType` (Atlas: INVALID_FREQUENCY_TYPE_CHANGE).',
  check(doc, ctx, report) {
    if (!Array.isArray(ctx.serverItems)) return;
    const byId = new Map(
      ctx.serverItems.filter((i) => i && typeof i.id === 'string').map((i) => [i.id, i.frequencyType]),
    );
    for (const item of doc.items) {
      const was = item.id === undefined ? undefined : byId.get(item.id);
      if (was === undefined || item.frequencyType === undefined || item.frequencyType === was) continue;
      const path = [...item.path, 'frequencyType'];
      report({
        path,
        at: prop(item.node, 'frequencyType')!,
        message: `${pathText(path)} is "${item.frequencyType}", but item ${item.id} is ${was} on the server and Atlas cannot change an item's frequency type (INVALID_FREQUENCY_TYPE_CHANGE); remove the id to make it a new item`,
        fixes: [
          {
            title: 'Remove the id so it becomes a new item',
            edits: doc.edit([...item.path, 'id'], undefined),
            isPreferred: true,
          },
          { title: `Change frequencyType back to "${was}"`, edits: doc.edit(path, was) },
        ],
      });
    }
  },
};
