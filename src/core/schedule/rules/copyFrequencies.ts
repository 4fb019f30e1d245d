import type { Node } from '../jsonc';
import { bool, pathText, prop, str, type ScheduleDocument } from '../scheduleDocument';
import type { Rule } from '../rule';
import type { Fix, JsonPath, TextEdit } from '../types';
import { asDuration, isShorter, type Duration } from '../retention';

const DEFAULT_RETENTION: Record<string, Duration> = {
  hourly: { value: 2, unit: 'days' },
  daily: { value: 7, unit: 'days' },
  weekly: { value: 4, unit: 'weeks' },
  monthly: { value: 12, unit: 'months' },
  yearly: { value: 1, unit: 'years' },
};

// The longest retention of the policy's items of each type, per document: every copy setting's fix asks, and
// filtering all items again for each made many copy settings times many items quadratic.
const longestCache = new WeakMap<ScheduleDocument, Map<string, Duration | undefined>>();

function longestKept(doc: ScheduleDocument, type: string): Duration | undefined {
  let byType = longestCache.get(doc);
  if (!byType) {
    byType = new Map();
    for (const i of doc.items) {
      const d = asDuration(i.retentionValue, i.retentionUnit);
      if (i.frequencyType === undefined || !d || d.value <= 0) continue;
      const a = byType.get(i.frequencyType);
      if (!a || isShorter(a, d)) byType.set(i.frequencyType, d);
    }
    longestCache.set(doc, byType);
  }
  return byType.get(type);
}

/**
 * Fix: replace the deprecated `frequencies` with equivalent `copyPolicyItems` (copies kept as long as the policy keeps
 * the originals; Atlas defaults where the policy has no such item), and turn `copyPolicyItemsEnabled` on. The property
 * is replaced in one edit, so comments elsewhere and the setting's layout are kept.
 */
export function convertFrequenciesFix(doc: ScheduleDocument, freqs: Node): Fix | undefined {
  const member = freqs.parent;
  if (member?.type !== 'property' || freqs.type !== 'array') return undefined;
  const items: Record<string, unknown>[] = [];
  for (const f of freqs.children ?? []) {
    const type = str(f)?.toLowerCase().replace('on_demand', 'ondemand');
    if (!type || items.some((i) => i.frequencyType === type)) continue;
    if (type === 'ondemand') {
      items.push({ frequencyType: type });
      continue;
    }
    const d = longestKept(doc, type) ?? DEFAULT_RETENTION[type];
    if (!d) return undefined; // an unknown frequency: leave the conversion to the user
    items.push({ frequencyType: type, retentionUnit: d.unit, retentionValue: d.value });
  }
  const edits: TextEdit[] = [
    {
      offset: member.offset,
      length: member.length,
      content: `"copyPolicyItems": ${JSON.stringify(items).replace(/,"/g, ', "').replace(/":/g, '": ').replace(/\},\{/g, '}, {')}`,
    },
  ];
  const enabled = prop(doc.object, 'copyPolicyItemsEnabled');
  const copySettings = prop(doc.object, 'copySettings');
  if (enabled && bool(enabled) !== true) edits.push(...doc.edit(['copyPolicyItemsEnabled'], true));
  else if (!enabled && copySettings) edits.push(...doc.insertBefore(copySettings, 'copyPolicyItemsEnabled', true));
  return { title: 'Convert frequencies to copyPolicyItems', edits, isPreferred: true };
}

// `frequencies` is deprecated in favour of `copyPolicyItems`, which also says how long copies are kept.
export const copyFrequencies: Rule = {
  id: 'copy-frequencies-deprecated',
  severity: 'warning',
  summary:
    '`copySettings[].frequencies` is deprecated; `copyPolicyItems` says which snapshots to copy and how long to keep them.',
  check(doc, _ctx, report) {
    if (bool(prop(doc.object, 'copyPolicyItemsEnabled')) === true) return; // copy-policy-items reports that case as an error
    for (const cs of doc.elements('copySettings')) {
      const freqs = prop(cs.node, 'frequencies');
      if (freqs?.type !== 'array' || freqs.parent?.type !== 'property') continue;
      const path: JsonPath = [...cs.path, 'frequencies'];
      const fix = convertFrequenciesFix(doc, freqs);
      report({
        path,
        at: { offset: freqs.parent.offset, length: freqs.parent.length },
        message: `${pathText(path)} is deprecated: use copyPolicyItems (with copyPolicyItemsEnabled: true), which also sets how long the copies are kept`,
        fixes: fix ? [fix] : [],
      });
    }
  },
};
