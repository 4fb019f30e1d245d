import { missingRange, num, pathText, prop, show } from '../scheduleDocument';
import type { Rule } from '../rule';

const REQUIRED: [key: string, kind: 'string' | 'integer'][] = [
  ['frequencyType', 'string'],
  ['frequencyInterval', 'integer'],
  ['retentionUnit', 'string'],
  ['retentionValue', 'integer'],
];

// `DiskBackupApiPolicyItem.required`: frequencyInterval, frequencyType, retentionUnit, retentionValue (int32 / string).
export const itemFields: Rule = {
  id: 'item-fields',
  severity: 'error',
  summary:
    'Each policy item has `frequencyType`, `frequencyInterval`, `retentionUnit` and `retentionValue` of the right types.',
  check(doc, _ctx, report) {
    for (const item of doc.items) {
      const missing = REQUIRED.filter(([k]) => !prop(item.node, k)).map(([k]) => k);
      if (missing.length) {
        report({
          path: item.path,
          at: missingRange(item.node),
          message: `${pathText(item.path)} is missing ${missing.join(', ')}; every policy item needs frequencyType, frequencyInterval, retentionUnit and retentionValue`,
        });
      }
      for (const [key, kind] of REQUIRED) {
        const v = prop(item.node, key);
        if (!v) continue;
        const ok =
          kind === 'string'
            ? v.type === 'string'
            : num(v) !== undefined && Number.isInteger(v.value) && Math.abs(v.value as number) <= 2147483647;
        if (!ok)
          report({
            path: [...item.path, key],
            at: v,
            message: `${pathText([...item.path, key])} is ${show(v)}, but it must be ${kind === 'string' ? 'a string' : 'a whole number (32-bit integer)'}`,
          });
      }
    }
  },
};
