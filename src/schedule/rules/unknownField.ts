import type { Node } from '../jsonc';
import { pathText, prop } from '../scheduleDocument';
import type { Report, Rule } from '../rule';
import type { Fix, JsonPath } from '../types';
import { FIELD_NAMES } from '../fieldNames';

const KNOWN = FIELD_NAMES;

function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(
        d[i - 1][j] + 1,
        d[i][j - 1] + 1,
        d[i - 1][j - 1] + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1),
      );
    }
  return d[a.length][b.length];
}

function checkObject(obj: Node | undefined, path: JsonPath, known: string[], report: (r: Report) => void): void {
  if (obj?.type !== 'object') return;
  for (const p of obj.children ?? []) {
    const keyNode = p.children?.[0];
    const key: unknown = keyNode?.value;
    if (!keyNode || typeof key !== 'string' || known.includes(key)) continue;
    const close =
      key.length <= 40
        ? known
            .filter((k) => distance(key, k) <= Math.max(1, Math.floor(k.length / 5)))
            .sort((a, b) => distance(key, a) - distance(key, b))[0]
        : undefined;
    const fixes: Fix[] = [];
    if (close && !prop(obj, close))
      fixes.push({
        title: `Rename to "${close}"`,
        isPreferred: true,
        edits: [{ offset: keyNode.offset, length: keyNode.length, content: JSON.stringify(close) }],
      });
    report({
      path: [...path, key],
      at: keyNode,
      message: `${pathText([...path, key])} is not a field of a 2024-08-05 backup schedule${close ? `; did you mean "${close}"?` : ' (Atlas ignores or rejects it)'}`,
      fixes,
    });
  }
}

// Atlas versions its API by date, so a field the 2024-08-05 schedule does not have is usually a typo.
export const unknownField: Rule = {
  id: 'unknown-field',
  severity: 'warning',
  summary:
    "Every field is one the 2024-08-05 schedule (or this project's `$schema`/`atlas`) defines; near-misses get a rename fix.",
  check(doc, _ctx, report) {
    const root = doc.object;
    if (!root) return;
    checkObject(root, [], KNOWN.root, report);
    checkObject(prop(root, 'atlas'), ['atlas'], KNOWN.atlas, report);
    checkObject(prop(root, 'export'), ['export'], KNOWN.export, report);
    checkObject(doc.policy, ['policies', 0], KNOWN.policy, report);
    for (const item of doc.items) checkObject(item.node, item.path, KNOWN.item, report);
    for (const cs of doc.elements('copySettings')) {
      checkObject(cs.node, cs.path, KNOWN.copySetting, report);
      const items = prop(cs.node, 'copyPolicyItems');
      (items?.type === 'array' ? (items.children ?? []) : []).forEach((it, i) =>
        checkObject(it, [...cs.path, 'copyPolicyItems', i], KNOWN.copyItem, report),
      );
    }
    for (const e of doc.elements('extraRetentionSettings')) checkObject(e.node, e.path, KNOWN.extraRetention, report);
    for (const e of doc.elements('deleteCopiedBackups')) checkObject(e.node, e.path, KNOWN.deleteCopied, report);
  },
};
