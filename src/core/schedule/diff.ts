// What a push will change, as a person reads it: the readable change list between two schedules, the three-way
// compare (base as pulled, Atlas now, the draft) and documents aligned for a JSON diff. Shared by the extension's
// Push, the CLI's diff/push and the fleet's apply-to-many. vscode-free, no Node built-ins (browser-safe).
import type { BackupSchedule, CopyPolicyItem, CopySetting, PolicyItem } from '../atlas/types';
import {
  APPLY_TO_EXISTING,
  describeInterval,
  describeNamedItem,
  describeRetention,
  describeTimeOfDay,
  frequencyTypeName,
  plural,
} from './describeSchedule';
import { asDuration, isShorter, type Duration } from './retention';
import type { JsonPath } from './types';

export type ChangeKind =
  | 'item-added'
  | 'item-removed'
  | 'retention-shortened'
  | 'retention-lengthened'
  | 'interval-changed'
  | 'no-scheduled-snapshots'
  | 'reference-time'
  | 'restore-window'
  | 'export'
  | 'copy-region-added'
  | 'copy-region-removed'
  | 'copy-changed'
  | 'setting';

export interface Change {
  kind: ChangeKind;
  /** JSON path of the field in the *after* document (in *before* for removals). */
  path: JsonPath;
  /** One line: what changes, with the old and the new value. */
  summary: string;
  /** What follows from it, spelled out (existing snapshots, copies, restore points); absent when nothing does. */
  consequence?: string;
  /** Loses something: a removed item, a shorter retention or restore window, a removed copy region. */
  caution?: boolean;
  /** For `copy-region-removed`: the region, and whether the draft asks Atlas to delete the copies there. */
  region?: {
    zoneId?: string;
    cloudProvider?: CopySetting['cloudProvider'];
    regionName?: string;
    deleteCopies: boolean;
  };
}

// ---- describing items ----
// The words themselves (intervals, retentions, item names) come from describeSchedule.ts, like everywhere else.

function retention(value: number | undefined, unit: string | undefined): Duration | undefined {
  return asDuration(value, unit);
}

// ---- matching ----

/**
 * Pairs the items of two lists: first by id (same id and same frequency type — Atlas never changes an item's type),
 * then the rest by frequency type and interval, then by frequency type alone (in list order).
 */
export function matchItems<T extends { id?: string; frequencyType?: string; frequencyInterval?: number }>(
  before: readonly T[],
  after: readonly T[],
): { pairs: [number, number][]; removed: number[]; added: number[] } {
  const usedB = new Set<number>(),
    usedA = new Set<number>();
  const pairs: [number, number][] = [];
  const pass = (same: (b: T, a: T) => boolean): void => {
    before.forEach((b, i) => {
      if (usedB.has(i)) return;
      const j = after.findIndex((a, k) => !usedA.has(k) && same(b, a));
      if (j >= 0) {
        usedB.add(i);
        usedA.add(j);
        pairs.push([i, j]);
      }
    });
  };
  pass((b, a) => !!b.id && b.id === a.id && b.frequencyType === a.frequencyType);
  // An item whose id is in the other list under another type is not re-matched by frequency: it was replaced.
  // An id the other side does not know (stale, or made up) does not stop a match by frequency.
  const idsB = new Set(before.map((b) => b.id).filter(Boolean)),
    idsA = new Set(after.map((a) => a.id).filter(Boolean));
  const free = (b: T, a: T): boolean => !(a.id && idsB.has(a.id)) && !(b.id && idsA.has(b.id));
  pass((b, a) => b.frequencyType === a.frequencyType && b.frequencyInterval === a.frequencyInterval && free(b, a));
  pass((b, a) => b.frequencyType === a.frequencyType && free(b, a));
  return {
    pairs: pairs.sort((x, y) => x[1] - y[1]),
    removed: before.map((_, i) => i).filter((i) => !usedB.has(i)),
    added: after.map((_, j) => j).filter((j) => !usedA.has(j)),
  };
}

const itemsOf = (s: BackupSchedule): PolicyItem[] =>
  Array.isArray(s.policies?.[0]?.policyItems) ? s.policies[0].policyItems : [];
const copiesOf = (s: BackupSchedule): CopySetting[] => (Array.isArray(s.copySettings) ? s.copySettings : []);

/** Copy settings are identified by where they copy to. */
export function regionKey(c: { zoneId?: string; cloudProvider?: string; regionName?: string }): string {
  return `${c.zoneId ?? ''}/${c.cloudProvider ?? ''}/${c.regionName ?? ''}`;
}
const regionName = (c: { zoneId?: string; cloudProvider?: string; regionName?: string }): string =>
  `${c.cloudProvider ?? '?'} ${c.regionName ?? '?'}${c.zoneId ? ` (zone ${c.zoneId})` : ''}`;

const same = (a: unknown, b: unknown): boolean => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}
const show = (v: unknown): string =>
  v === undefined ? 'not set' : typeof v === 'boolean' ? (v ? 'on' : 'off') : JSON.stringify(v);
// ---- the readable diff ----

/**
 * The changes from `before` (Atlas's schedule) to `after` (the draft), in reading order: policy items, the
 * reference time, the restore window, export, copy regions, other settings. Empty when a push would change nothing.
 * Read-only, write-only and file-only fields are not changes; write-only flags only colour the consequences.
 */
export function diffSchedules(before: BackupSchedule, after: BackupSchedule): Change[] {
  const out: Change[] = [];
  const applyExisting = after.updateSnapshots === true;
  const bItems = itemsOf(before),
    aItems = itemsOf(after);
  const m = matchItems(bItems, aItems);

  for (const i of m.removed) {
    const it = bItems[i];
    out.push({
      kind: 'item-removed',
      path: ['policies', 0, 'policyItems', i],
      caution: true,
      summary: `${describeNamedItem(it)} removed`,
      consequence:
        `No new ${it.frequencyType ?? ''} snapshots are taken; the ones already taken stay until they expire (${describeRetention(it.retentionValue, it.retentionUnit)} after each was taken).`.replace(
          '  ',
          ' ',
        ),
    });
  }
  for (const [i, j] of m.pairs) {
    const b = bItems[i],
      a = aItems[j];
    const path: JsonPath = ['policies', 0, 'policyItems', j];
    if (b.frequencyInterval !== a.frequencyInterval) {
      out.push({
        kind: 'interval-changed',
        path: [...path, 'frequencyInterval'],
        summary: `${frequencyTypeName(a.frequencyType)} snapshot moves from ${describeInterval(b.frequencyType, b.frequencyInterval)} to ${describeInterval(a.frequencyType, a.frequencyInterval)}`,
        consequence:
          a.frequencyType === 'hourly' && (a.frequencyInterval ?? 0) > (b.frequencyInterval ?? 0)
            ? 'Fewer hourly snapshots: the points you can restore from without continuous backup are further apart.'
            : undefined,
      });
    }
    if (b.retentionValue !== a.retentionValue || b.retentionUnit !== a.retentionUnit) {
      const db = retention(b.retentionValue, b.retentionUnit),
        da = retention(a.retentionValue, a.retentionUnit);
      const shorter = !!db && !!da && isShorter(da, db);
      const longer = !!db && !!da && isShorter(db, da);
      const what = `${frequencyTypeName(a.frequencyType)} snapshot (${describeInterval(a.frequencyType, a.frequencyInterval)}) kept ${describeRetention(b.retentionValue, b.retentionUnit)} → ${describeRetention(a.retentionValue, a.retentionUnit)}`;
      const existing = applyExisting
        ? `"${APPLY_TO_EXISTING}" (updateSnapshots) is on: the expiry of every existing ${a.frequencyType} snapshot is rewritten to the new retention${shorter ? ', so older ones expire, and are deleted, sooner' : ''}.`
        : `Only new snapshots get the new retention; existing ones keep their expiry (to change theirs too, tick "${APPLY_TO_EXISTING}": "updateSnapshots": true in the file).`;
      out.push({
        kind: shorter ? 'retention-shortened' : 'retention-lengthened',
        path: [...path, 'retentionValue'],
        caution: shorter,
        summary: `${what} (${shorter ? 'shorter' : longer ? 'longer' : 'changed'})`,
        consequence: existing,
      });
    }
  }
  for (const j of m.added) {
    out.push({
      kind: 'item-added',
      path: ['policies', 0, 'policyItems', j],
      summary: `${describeNamedItem(aItems[j])} added`,
    });
  }
  if (bItems.length > 0 && aItems.length === 0 && Array.isArray(after.policies?.[0]?.policyItems)) {
    out.push({
      kind: 'no-scheduled-snapshots',
      path: ['policies', 0, 'policyItems'],
      caution: true,
      summary: 'The cluster will take no scheduled snapshots',
      consequence: 'Existing snapshots stay until they expire; on-demand snapshots still work.',
    });
  }

  if (
    before.referenceHourOfDay !== after.referenceHourOfDay ||
    before.referenceMinuteOfHour !== after.referenceMinuteOfHour
  ) {
    if (after.referenceHourOfDay !== undefined || after.referenceMinuteOfHour !== undefined) {
      out.push({
        kind: 'reference-time',
        path: ['referenceHourOfDay'],
        summary: `Snapshot time of day ${describeTimeOfDay(before.referenceHourOfDay, before.referenceMinuteOfHour)} → ${describeTimeOfDay(after.referenceHourOfDay, after.referenceMinuteOfHour)}`,
        consequence:
          'Scheduled snapshots move to the new time from the next one on; the next snapshot may come sooner or later than usual.',
      });
    }
  }

  if (before.restoreWindowDays !== after.restoreWindowDays && after.restoreWindowDays !== undefined) {
    const shorter = before.restoreWindowDays !== undefined && after.restoreWindowDays < before.restoreWindowDays;
    out.push({
      kind: 'restore-window',
      path: ['restoreWindowDays'],
      caution: shorter,
      summary: `Restore window (continuous backup) ${before.restoreWindowDays === undefined ? 'not set' : plural(before.restoreWindowDays, 'day')} → ${plural(after.restoreWindowDays, 'day')}`,
      consequence: shorter
        ? `Points in time older than ${plural(after.restoreWindowDays, 'day')} can no longer be restored.`
        : undefined,
    });
  }

  const exportBefore = { enabled: before.autoExportEnabled, ...before.export },
    exportAfter = { enabled: after.autoExportEnabled, ...after.export };
  if ((after.autoExportEnabled !== undefined || after.export !== undefined) && !same(exportBefore, exportAfter)) {
    const desc = (e: typeof exportBefore): string =>
      e.enabled
        ? `on${e.frequencyType ? `, ${e.frequencyType}` : ''}${e.exportBucketId ? ` to bucket ${e.exportBucketId}` : ''}`
        : 'off';
    const off = before.autoExportEnabled === true && after.autoExportEnabled === false;
    out.push({
      kind: 'export',
      path: after.autoExportEnabled !== before.autoExportEnabled ? ['autoExportEnabled'] : ['export'],
      caution: off,
      summary: `Automatic export ${desc(exportBefore)} → ${desc(exportAfter)}`,
      consequence: off ? 'No more snapshots are exported; what was exported stays in the bucket.' : undefined,
    });
  }

  if (after.copySettings !== undefined) {
    const bCopies = copiesOf(before),
      aCopies = copiesOf(after);
    const deleting = new Set((after.deleteCopiedBackups ?? []).map(regionKey));
    aCopies.forEach((a, j) => {
      const b = bCopies.find((x) => regionKey(x) === regionKey(a));
      if (!b) {
        out.push({
          kind: 'copy-region-added',
          path: ['copySettings', j],
          summary: `Snapshots copied to ${regionName(a)}: ${describeCopy(a)}`,
        });
        return;
      }
      const parts = copyDifferences(b, a);
      if (parts.length)
        out.push({
          kind: 'copy-changed',
          path: ['copySettings', j],
          summary: `Copies to ${regionName(a)}: ${parts.join('; ')}`,
        });
    });
    bCopies.forEach((b, i) => {
      if (aCopies.some((a) => regionKey(a) === regionKey(b))) return;
      const del = deleting.has(regionKey(b));
      out.push({
        kind: 'copy-region-removed',
        path: ['copySettings', i],
        caution: true,
        summary: `Snapshots no longer copied to ${regionName(b)}`,
        consequence: del
          ? 'The copies already in that region are deleted (deleteCopiedBackups names it).'
          : 'The copies already in that region are kept until they expire; to delete them, add the region to "deleteCopiedBackups".',
        region: { zoneId: b.zoneId, cloudProvider: b.cloudProvider, regionName: b.regionName, deleteCopies: del },
      });
    });
  }

  for (const key of [
    'autoCopySettingsEnabled',
    'copyPolicyItemsEnabled',
    'useOrgAndGroupNamesInExportPrefix',
    'extraRetentionSettings',
  ] as const) {
    if (after[key] === undefined || same(before[key], after[key])) continue;
    out.push({ kind: 'setting', path: [key], summary: `${key} ${show(before[key])} → ${show(after[key])}` });
  }
  return out;
}

function describeCopy(c: CopySetting): string {
  const parts: string[] = [];
  if (c.copyPolicyItems?.length) parts.push(c.copyPolicyItems.map(describeCopyItem).join(', '));
  if (c.frequencies?.length)
    parts.push(`${c.frequencies.map((f) => f.toLowerCase().replace('_', '-')).join(', ')} snapshots`);
  if (c.lastNumberOfSnapshots !== undefined) parts.push(`the last ${plural(c.lastNumberOfSnapshots, 'snapshot')}`);
  if (c.shouldCopyOplogs) parts.push('with oplogs');
  return parts.join(', ') || 'nothing selected';
}
const describeCopyItem = (it: CopyPolicyItem): string =>
  `${it.frequencyType}${it.retentionValue !== undefined ? ` kept ${describeRetention(it.retentionValue, it.retentionUnit)}` : ''}`;

function copyDifferences(b: CopySetting, a: CopySetting): string[] {
  const parts: string[] = [];
  if (!same(b.frequencies, a.frequencies)) parts.push(`frequencies ${show(b.frequencies)} → ${show(a.frequencies)}`);
  if (b.lastNumberOfSnapshots !== a.lastNumberOfSnapshots)
    parts.push(`last number of snapshots ${show(b.lastNumberOfSnapshots)} → ${show(a.lastNumberOfSnapshots)}`);
  if ((b.shouldCopyOplogs ?? false) !== (a.shouldCopyOplogs ?? false))
    parts.push(`oplogs ${show(b.shouldCopyOplogs ?? false)} → ${show(a.shouldCopyOplogs ?? false)}`);
  const bi = b.copyPolicyItems ?? [],
    ai = a.copyPolicyItems ?? [];
  const m = matchItems(bi, ai);
  for (const i of m.removed) parts.push(`${describeCopyItem(bi[i])} no longer copied`);
  for (const [i, j] of m.pairs)
    if (bi[i].retentionValue !== ai[j].retentionValue || bi[i].retentionUnit !== ai[j].retentionUnit)
      parts.push(
        `${ai[j].frequencyType} copies kept ${describeRetention(bi[i].retentionValue, bi[i].retentionUnit)} → ${describeRetention(ai[j].retentionValue, ai[j].retentionUnit)}`,
      );
  for (const j of m.added) parts.push(`${describeCopyItem(ai[j])} copied`);
  return parts;
}

/** The change list as plain text, one change a line, consequences indented beneath (CLI, notifications). */
export function formatChanges(changes: readonly Change[], indent = '  '): string {
  return changes
    .map(
      (c) => `${indent}${c.caution ? '!' : '•'} ${c.summary}${c.consequence ? `\n${indent}    ${c.consequence}` : ''}`,
    )
    .join('\n');
}

// ---- documents for a JSON diff ----

const STRIP_TOP = new Set(['links', 'nextSnapshot', 'clusterId', 'clusterName', '$schema', 'atlas']);

function display(s: BackupSchedule): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s as Record<string, unknown>))
    if (!STRIP_TOP.has(k) && v !== undefined) out[k] = JSON.parse(JSON.stringify(v));
  return out;
}

function stripItemIds<T extends { id?: string }>(items: T[]): Omit<T, 'id'>[] {
  return items.map(({ id: _id, ...rest }) => rest);
}

/**
 * Two JSON texts for a side-by-side diff: read-only and file-only fields stripped, keys sorted, and the items of
 * `after` put in the order of the `before` items they match (by id, then frequency) so that a changed item sits
 * beside its old self; item ids (read-only) are left out once matched. Added items come last.
 */
export function alignedDocuments(before: BackupSchedule, after: BackupSchedule): { before: string; after: string } {
  const b = display(before),
    a = display(after);
  const bItems = itemsOf(before),
    aItems = itemsOf(after);
  const { pairs, removed, added } = matchItems(bItems, aItems);
  // before: matched items first (in before order), then removed ones; after: their partners, then the added ones.
  const bOrder = [...pairs.map(([i]) => i).sort((x, y) => x - y), ...removed];
  const partner = new Map(pairs);
  const aOrder = [...bOrder.filter((i) => partner.has(i)).map((i) => partner.get(i)!), ...added];
  if (Array.isArray(b.policies) && b.policies[0])
    (b.policies as Record<string, unknown>[])[0].policyItems = stripItemIds(bOrder.map((i) => bItems[i]));
  if (Array.isArray(a.policies) && a.policies[0])
    (a.policies as Record<string, unknown>[])[0].policyItems = stripItemIds(aOrder.map((j) => aItems[j]));
  const sortCopies = (x: Record<string, unknown>): void => {
    if (Array.isArray(x.copySettings)) {
      x.copySettings = (x.copySettings as CopySetting[])
        .map((c) => (c.copyPolicyItems ? { ...c, copyPolicyItems: stripItemIds(c.copyPolicyItems) } : c))
        .sort((p, q) => regionKey(p).localeCompare(regionKey(q)));
    }
  };
  sortCopies(b);
  sortCopies(a);
  return { before: `${JSON.stringify(canonical(b), null, 2)}\n`, after: `${JSON.stringify(canonical(a), null, 2)}\n` };
}

// ---- three-way compare ----

/** The version a draft started from: the schedule as fetched (when known) or only its fingerprint (a pulled file). */
export interface Base {
  schedule?: BackupSchedule;
  fingerprint?: string;
  fetchedAt?: string;
  origin?: string;
}

export interface Conflict {
  /** What both sides changed, e.g. "Daily snapshot (every day)" or "restoreWindowDays". */
  what: string;
  path: JsonPath;
  base: unknown;
  remote: unknown;
  local: unknown;
}

export interface ThreeWay {
  /** Atlas's schedule is not what the draft started from. */
  remoteChanged: boolean;
  /**
   * What changed in Atlas since the base (base → Atlas now). Known only when the base schedule is; with a fingerprint
   * alone, undefined (the caller can show `pushChanges`: how Atlas now differs from the draft).
   */
  remoteChanges?: Change[];
  /** What the draft changes relative to its base (known with the base schedule). */
  localChanges?: Change[];
  /** What a push would change in Atlas now (Atlas now → draft). */
  pushChanges: Change[];
  /** Parts both sides changed differently (base schedule known). */
  conflicts: Conflict[];
  /** Atlas now with the draft's changes applied, where they do not conflict (base schedule known); draft wins conflicts. */
  merged?: BackupSchedule;
}

/** Says whether Atlas changed since the base and what, and merges the draft's changes onto Atlas's version. */
export function threeWay(
  base: Base,
  remote: BackupSchedule,
  local: BackupSchedule,
  fingerprint?: (s: BackupSchedule) => string,
): ThreeWay {
  const pushChanges = diffSchedules(remote, local);
  if (!base.schedule) {
    const fp = fingerprint?.(remote);
    const remoteChanged = base.fingerprint !== undefined && fp !== undefined ? fp !== base.fingerprint : false;
    return { remoteChanged, pushChanges, conflicts: [] };
  }
  const remoteChanges = diffSchedules(base.schedule, remote);
  const localChanges = diffSchedules(base.schedule, local);
  // The change list covers what people edit; the fingerprint catches anything else Atlas changed.
  const remoteChanged =
    remoteChanges.length > 0 ||
    (fingerprint !== undefined && fingerprint(remote) !== (base.fingerprint ?? fingerprint(base.schedule)));
  const { merged, conflicts } = merge3(base.schedule, remote, local);
  return { remoteChanged, remoteChanges, localChanges, pushChanges, conflicts, merged };
}

const MERGE_FIELDS = [
  'referenceHourOfDay',
  'referenceMinuteOfHour',
  'restoreWindowDays',
  'autoExportEnabled',
  'export',
  'useOrgAndGroupNamesInExportPrefix',
  'autoCopySettingsEnabled',
  'copyPolicyItemsEnabled',
  'extraRetentionSettings',
] as const;

function pick<T>(what: string, path: JsonPath, b: T, r: T, l: T, conflicts: Conflict[]): T {
  if (same(l, b)) return r;
  if (same(r, b) || same(r, l)) return l;
  conflicts.push({ what, path, base: b, remote: r, local: l });
  return l;
}

function noId<T extends { id?: string }>(item: T | undefined): T | undefined {
  if (!item) return undefined;
  const { id: _id, ...rest } = item;
  return rest as T;
}

function merge3(
  base: BackupSchedule,
  remote: BackupSchedule,
  local: BackupSchedule,
): { merged: BackupSchedule; conflicts: Conflict[] } {
  const conflicts: Conflict[] = [];
  const merged: BackupSchedule = JSON.parse(JSON.stringify(remote)) as BackupSchedule;
  const m = merged as Record<string, unknown>;
  for (const k of MERGE_FIELDS) {
    const v = pick(k, [k], base[k], remote[k], local[k], conflicts);
    if (v === undefined) delete m[k];
    else m[k] = JSON.parse(JSON.stringify(v));
  }

  // Policy items: each base item is followed to its partner in Atlas and in the draft.
  const bI = itemsOf(base),
    rI = itemsOf(remote),
    lI = itemsOf(local);
  const br = matchItems(bI, rI),
    bl = matchItems(bI, lI);
  const rOf = new Map(br.pairs),
    lOf = new Map(bl.pairs);
  const items: PolicyItem[] = [];
  bI.forEach((b, i) => {
    const r = rOf.has(i) ? rI[rOf.get(i)!] : undefined,
      l = lOf.has(i) ? lI[lOf.get(i)!] : undefined;
    // Compared without ids (identity, not content); the merged item takes Atlas's id so the PATCH updates it.
    const v = pick(
      `${frequencyTypeName(b.frequencyType)} snapshot (${describeInterval(b.frequencyType, b.frequencyInterval)})`,
      ['policies', 0, 'policyItems', i],
      noId(b),
      noId(r),
      noId(l),
      conflicts,
    );
    if (v) items.push(r?.id ? { ...v, id: r.id } : v);
  });
  // Items added on either side; the same frequency added on both is one item (a conflict if they differ).
  const rNew = br.added.map((j) => rI[j]),
    lNew = bl.added.map((j) => lI[j]);
  const both = matchItems(rNew, lNew);
  for (const [x, y] of both.pairs) {
    const v = pick(
      `${frequencyTypeName(lNew[y].frequencyType)} snapshot added on both sides`,
      ['policies', 0, 'policyItems'],
      undefined,
      noId(rNew[x]),
      noId(lNew[y]),
      conflicts,
    );
    items.push(rNew[x].id ? { ...v!, id: rNew[x].id } : v!);
  }
  for (const x of both.removed) items.push(rNew[x]);
  for (const y of both.added) items.push(lNew[y]);
  if (merged.policies?.[0]) merged.policies[0].policyItems = items;
  else if (local.policies?.[0])
    merged.policies = [{ ...(remote.policies?.[0]?.id ? { id: remote.policies[0].id } : {}), policyItems: items }];

  // Copy settings, by region.
  if (base.copySettings !== undefined || remote.copySettings !== undefined || local.copySettings !== undefined) {
    const keys = [...new Set([...copiesOf(remote), ...copiesOf(local), ...copiesOf(base)].map(regionKey))];
    const copies: CopySetting[] = [];
    for (const key of keys) {
      const find = (s: BackupSchedule): CopySetting | undefined => copiesOf(s).find((c) => regionKey(c) === key);
      const v = pick(`copies to ${key}`, ['copySettings'], find(base), find(remote), find(local), conflicts);
      if (v) copies.push(v);
    }
    merged.copySettings = copies;
  }
  for (const k of [
    'updateSnapshots',
    'updateCopySnapshots',
    'deleteSnapshots',
    'deleteCopySnapshots',
    'deleteCopiedBackups',
  ] as const) {
    if (local[k] !== undefined) m[k] = JSON.parse(JSON.stringify(local[k]));
  }
  return { merged, conflicts };
}
