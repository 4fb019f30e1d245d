import type { Node } from '../jsonc';
import { pathText, prop } from '../scheduleDocument';
import type { Report, Rule } from '../rule';
import type { Fix, JsonPath } from '../types';
import { FIELD_NAMES } from '../fieldNames';

const KNOWN = FIELD_NAMES;

/** Edit distance, ignoring case; two rows, since every unknown key of a large file is measured against each name. */
function distance(a: string, b: string): number {
  const x = a.split('').map((c) => c.toLowerCase()),
    y = b.split('').map((c) => c.toLowerCase());
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  let cur = new Array<number>(y.length + 1);
  for (let i = 1; i <= x.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= y.length; j++)
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    [prev, cur] = [cur, prev];
  }
  return prev[y.length];
}

function checkObject(obj: Node | undefined, path: JsonPath, known: string[], report: (r: Report) => void): void {
  if (obj?.type !== 'object') return;
  // The object's keys, gathered once: looking each suggestion up with prop() made an object of many unknown keys
  // quadratic. Only members with a value count, as in prop().
  let keys: Set<unknown> | undefined;
  const hasKey = (k: string) =>
    (keys ??= new Set(
      (obj.children ?? []).filter((p) => p.children?.[1]).map((p): unknown => p.children?.[0]?.value),
    )).has(k);
  for (const p of obj.children ?? []) {
    const keyNode = p.children?.[0];
    const key: unknown = keyNode?.value;
    if (!keyNode || typeof key !== 'string' || known.includes(key)) continue;
    let close: string | undefined;
    if (key.length <= 40) {
      let best = Infinity;
      for (const k of known) {
        const limit = Math.max(1, Math.floor(k.length / 5));
        if (Math.abs(key.length - k.length) > limit) continue; // the distance is at least the difference in length
        const d = distance(key, k);
        if (d <= limit && d < best) [close, best] = [k, d];
      }
    }
    const fixes: Fix[] = [];
    if (close && !hasKey(close))
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
