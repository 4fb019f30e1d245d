import { bool, missingRange, pathText, prop, str } from '../scheduleDocument';
import type { Rule } from '../rule';
import { convertFrequenciesFix } from './copyFrequencies';

// `copyPolicyItemsEnabled`: "When true, requests must supply `copyPolicyItems` … When false or omitted, requests must
// supply `frequencies`." `copyPolicyItems`: maxItems 6, items discriminated by frequencyType; time-based items need
// `retentionUnit` and `retentionValue`.
export const copyPolicyItems: Rule = {
  id: 'copy-policy-items',
  severity: 'error',
  summary:
    '`copyPolicyItems` only with `copyPolicyItemsEnabled: true`, `frequencies` only without it; at most 6 copy policy items, time-based ones with a retention.',
  check(doc, _ctx, report) {
    const enabled = bool(prop(doc.object, 'copyPolicyItemsEnabled')) === true;
    for (const cs of doc.elements('copySettings')) {
      const items = prop(cs.node, 'copyPolicyItems');
      const freqs = prop(cs.node, 'frequencies');
      if (items && items.type !== 'null' && !enabled) {
        report({
          path: [...cs.path, 'copyPolicyItems'],
          at: items,
          onKey: true,
          message: `${pathText(cs.path)}.copyPolicyItems is set but copyPolicyItemsEnabled is not true; Atlas accepts copyPolicyItems only when copyPolicyItemsEnabled is true`,
          fixes: [
            {
              title: 'Set copyPolicyItemsEnabled to true',
              edits: doc.edit(['copyPolicyItemsEnabled'], true),
              isPreferred: !freqs,
            },
          ],
        });
      }
      if (freqs && freqs.type !== 'null' && enabled) {
        report({
          path: [...cs.path, 'frequencies'],
          at: freqs,
          onKey: true,
          message: `${pathText(cs.path)}.frequencies is set but copyPolicyItemsEnabled is true; with copyPolicyItemsEnabled Atlas expects copyPolicyItems (frequencies is deprecated)`,
          fixes: items ? [] : [convertFrequenciesFix(doc, freqs)].filter((f) => f !== undefined),
        });
      }
      if (items?.type !== 'array') continue;
      const list = items.children ?? [];
      if (list.length > 6)
        report({
          path: [...cs.path, 'copyPolicyItems'],
          at: items,
          onKey: true,
          message: `${pathText(cs.path)}.copyPolicyItems has ${list.length} items, but Atlas allows at most 6`,
        });
      list.forEach((it, i) => {
        if (it.type !== 'object') return;
        const type = str(prop(it, 'frequencyType'));
        const need = type === 'ondemand' ? [] : ['retentionUnit', 'retentionValue'];
        const missing = [...(prop(it, 'frequencyType') ? [] : ['frequencyType']), ...need.filter((k) => !prop(it, k))];
        if (missing.length)
          report({
            path: [...cs.path, 'copyPolicyItems', i],
            at: missingRange(it),
            message: `${pathText([...cs.path, 'copyPolicyItems', i])} is missing ${missing.join(', ')}; ${type === 'ondemand' ? 'an on-demand copy item needs frequencyType' : 'a time-based copy item needs frequencyType, retentionUnit and retentionValue'}`,
          });
      });
    }
  },
};
