// Collections and databases restored to a point in time: Atlas lists names only for a snapshot, so the names offered
// come from the newest completed snapshot taken at or before that time (what existed then, as near as Atlas can say).
// A namespace created after that snapshot is not listed; the person can still type it. Pure.
import { namespaceProblem, type NamespaceKind } from './collectionRestorePlan';
import type { RestoreSnapshotFacts } from './restorePlan';

/** The newest completed snapshot (with an id) taken at or before `atMs`; undefined when there is none. */
export function snapshotAtOrBefore<T extends RestoreSnapshotFacts>(
  snapshots: Iterable<T>,
  atMs: number,
): T | undefined {
  let best: T | undefined;
  let bestMs = -Infinity;
  for (const s of snapshots) {
    const t = Date.parse(s.createdAt ?? '');
    if (s.status !== 'completed' || !s.id || !Number.isFinite(t) || t > atMs) continue;
    if (t > bestMs) [best, bestMs] = [s, t];
  }
  return best;
}

export type TypedNamespaces = { ok: true; names: string[] } | { ok: false; error: string };

/**
 * Names typed in one box, separated by commas or spaces (`shop.orders, shop.carts` or `shop billing`), each checked
 * with MongoDB's naming rules; duplicates kept once. The problem is one line naming the field and the rule.
 */
export function parseTypedNamespaces(kind: NamespaceKind, text: string, field: string): TypedNamespaces {
  const names = [...new Set(text.split(/[\s,]+/).filter(Boolean))];
  if (!names.length)
    return {
      ok: false,
      error: `${field} is empty: name at least one ${kind === 'collection' ? 'DB.COLLECTION' : 'database'}.`,
    };
  for (const n of names) {
    const p = namespaceProblem(kind, n);
    if (p)
      return {
        ok: false,
        error: `${field}: ${p} (the form is ${kind === 'collection' ? 'DB.COLLECTION' : 'DATABASE'}).`,
      };
  }
  return { ok: true, names };
}
