// The plan of a collection-level restore (collections or whole databases from a snapshot or a point in time, onto a
// cluster): which namespaces go where, how they are written, and the checks that apply. Pure, like restorePlan.ts,
// whose checks it shares; a collection restore is a logical copy, so no version, topology or encryption check.
import type { CollectionRestoreIndexStrategy, CollectionRestoreWriteStrategy } from '../atlas/types';
import type { PointInTime } from './pointInTime';
import { epochSecondsOf } from './pointInTime';
import { restorableWindow, type SnapshotSpan } from './restorableWindow';
import {
  notSourceCheck,
  snapshotCheck,
  windowChecks,
  type RestoreCheckId,
  type RestoreClusterFacts,
  type RestorePlan,
  type RestoreSnapshotFacts,
} from './restorePlan';

export type NamespaceKind = 'collection' | 'database';
export type WriteStrategy = 'create-new' | 'overwrite';
export type IndexStrategy = 'all' | 'none' | 'all-except-ttl';

export const WRITE_STRATEGIES: readonly WriteStrategy[] = ['create-new', 'overwrite'];
export const INDEX_STRATEGIES: readonly IndexStrategy[] = ['all', 'none', 'all-except-ttl'];

/** The API's words for the CLI's. */
export const ATLAS_WRITE_STRATEGY: Record<WriteStrategy, CollectionRestoreWriteStrategy> = {
  'create-new': 'CREATE_NEW',
  overwrite: 'OVERWRITE_EXISTING',
};
export const ATLAS_INDEX_STRATEGY: Record<IndexStrategy, CollectionRestoreIndexStrategy> = {
  all: 'ALL',
  none: 'NONE',
  'all-except-ttl': 'ALL_EXCEPT_TTL',
};

/** One namespace to restore: `db.coll` (or `db`), and where it goes; `target` null keeps the source's name. */
export interface NamespaceMapping {
  source: string;
  target: string | null;
}

export type NamespaceResult = { ok: true; value: NamespaceMapping } | { ok: false; error: string };

/** Characters MongoDB refuses in a database name (and the dot, which separates it from the collection). */
const BAD_DATABASE_CHARS = /[/\\. "$*<>:|?]/;

function databaseProblem(db: string): string | undefined {
  if (db === '') return 'the database name is empty';
  if (db.length > 64) return `the database name "${db}" is longer than 64 characters`;
  if (BAD_DATABASE_CHARS.test(db)) return `the database name "${db}" holds a character MongoDB refuses (/\\. "$*<>:|?)`;
  return undefined;
}

function collectionProblem(coll: string): string | undefined {
  if (coll === '') return 'the collection name is empty';
  if (coll.includes('$')) return `the collection name "${coll}" holds a $`;
  if (coll.startsWith('system.')) return `"${coll}" is a system collection, which is not restored`;
  return undefined;
}

/** `db.coll` split at the first dot: database names hold no dot, collection names may. */
export function splitNamespace(ns: string): { db: string; coll: string } | undefined {
  const i = ns.indexOf('.');
  if (i < 0) return undefined;
  return { db: ns.slice(0, i), coll: ns.slice(i + 1) };
}

/** What MongoDB refuses in a `db.coll` (or `db`) name, in words; undefined when the name is fine. */
export function namespaceProblem(kind: NamespaceKind, ns: string): string | undefined {
  return checkOne(kind, ns);
}

function checkOne(kind: NamespaceKind, ns: string): string | undefined {
  if (kind === 'database') return databaseProblem(ns);
  const parts = splitNamespace(ns);
  if (!parts) return `"${ns}" is not DB.COLLECTION`;
  return databaseProblem(parts.db) ?? collectionProblem(parts.coll);
}

/**
 * `--collection DB.COLL[=DB2.COLL2]` or `--database DB[=DB2]`: the value split at the first `=`, each side checked.
 * A refusal is one line naming the flag and the rule.
 */
export function parseNamespaceFlag(kind: NamespaceKind, text: string): NamespaceResult {
  const flag = `--${kind}`;
  const eq = text.indexOf('=');
  const source = eq < 0 ? text : text.slice(0, eq);
  const target = eq < 0 ? null : text.slice(eq + 1);
  const form = kind === 'collection' ? 'DB.COLL[=DB2.COLL2]' : 'DB[=DB2]';
  const problem = checkOne(kind, source) ?? (target === null ? undefined : checkOne(kind, target));
  if (problem) return { ok: false, error: `${flag} "${text}": ${problem} (the form is ${form})` };
  return { ok: true, value: { source, target } };
}

/** A suffix Atlas appends to target names: no characters a database name refuses. */
export function suffixProblem(flag: string, suffix: string): string | undefined {
  if (suffix === '') return `${flag} is empty: leave it out for no suffix`;
  if (BAD_DATABASE_CHARS.test(suffix)) return `${flag} "${suffix}" holds a character MongoDB refuses (/\\. "$*<>:|?)`;
  return undefined;
}

export interface CollectionRestorePlanInput {
  source: RestoreClusterFacts;
  target: RestoreClusterFacts;
  /** From a snapshot … */
  snapshot?: RestoreSnapshotFacts;
  /** … or from a point in time, with the source's completed snapshots for the window. */
  pointInTime?: PointInTime;
  sourceSnapshots?: SnapshotSpan;
  namespaceKind: NamespaceKind;
  namespaces: readonly NamespaceMapping[];
  writeStrategy: WriteStrategy;
  indexStrategy: IndexStrategy;
  databaseSuffix?: string;
  collectionSuffix?: string;
  /** What the snapshot holds (database → its collections), when read; a point in time has no list to check. */
  held?: ReadonlyMap<string, readonly string[]>;
  nowMs: number;
  /** The target may be the source itself only when the person said so explicitly. */
  allowSourceAsTarget?: boolean;
}

export type CollectionRestoreCheckId = RestoreCheckId | 'namespaces-in-snapshot';

export interface CollectionRestoreCheck {
  id: CollectionRestoreCheckId;
  passed: boolean;
  reason: string;
}

/** The restore plan's shape, with the namespaces and strategies of a collection restore. */
export interface CollectionRestorePlan extends Omit<RestorePlan, 'kind' | 'checks'> {
  kind: 'collection';
  namespaceKind: NamespaceKind;
  /** Each source namespace and where it is written (after any rename and the suffixes). */
  namespaces: { source: string; target: string }[];
  writeStrategy: WriteStrategy;
  indexStrategy: IndexStrategy;
  checks: CollectionRestoreCheck[];
}

/** Where a namespace is written: its target (or its own name), then the suffixes. */
export function effectiveTarget(
  kind: NamespaceKind,
  m: NamespaceMapping,
  suffixes: { databaseSuffix?: string; collectionSuffix?: string },
): string {
  const to = m.target ?? m.source;
  const dbs = suffixes.databaseSuffix ?? '';
  const cs = suffixes.collectionSuffix ?? '';
  if (kind === 'database') return `${to}${dbs}${cs ? ` (collections + "${cs}")` : ''}`;
  const parts = splitNamespace(to);
  return parts ? `${parts.db}${dbs}.${parts.coll}${cs}` : to;
}

const MAX_NAMED = 5;
const listWords = (xs: readonly string[]) =>
  xs.length <= MAX_NAMED ? xs.join(', ') : `${xs.slice(0, MAX_NAMED).join(', ')} and ${xs.length - MAX_NAMED} more`;

function namespacesCheck(
  kind: NamespaceKind,
  namespaces: readonly NamespaceMapping[],
  held: ReadonlyMap<string, readonly string[]>,
  snapshotId: string,
): CollectionRestoreCheck {
  const missing = namespaces
    .map((m) => m.source)
    .filter((ns) => {
      if (kind === 'database') return !held.has(ns);
      const p = splitNamespace(ns);
      return !p || !(held.get(p.db) ?? []).includes(p.coll);
    });
  if (!missing.length)
    return {
      id: 'namespaces-in-snapshot',
      passed: true,
      reason: `Snapshot ${snapshotId} holds ${kind === 'database' ? 'every database' : 'every collection'} named.`,
    };
  const holds = [...held.keys()];
  return {
    id: 'namespaces-in-snapshot',
    passed: false,
    reason: `Snapshot ${snapshotId} holds no ${listWords(missing)}; it holds the database${holds.length === 1 ? '' : 's'} ${holds.length ? listWords(holds) : '(none)'}.`,
  };
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function effectsOf(input: CollectionRestorePlanInput): string[] {
  const t = input.target.name;
  const what = input.namespaceKind === 'database' ? 'database' : 'collection';
  const n = input.namespaces.length;
  const effects = [
    `${n} ${what}${n === 1 ? '' : 's'} ${n === 1 ? 'is' : 'are'} copied onto ${t}; the rest of ${t} stays online and unchanged.`,
    input.writeStrategy === 'overwrite'
      ? `A collection of the same name already on ${t} is replaced: its documents are deleted first (overwrite).`
      : `Each collection is written as a new one; a collection already on ${t} is not changed (create-new).`,
    input.indexStrategy === 'all'
      ? 'Indexes are rebuilt from the backup after the documents are copied.'
      : input.indexStrategy === 'none'
        ? 'No index is restored but _id: build the indexes you need afterwards.'
        : 'Indexes are rebuilt from the backup, except TTL indexes (so no document expires right after the restore).',
  ];
  if (input.pointInTime)
    effects.push(
      "Atlas restores from the source's snapshot before the point in time and replays its oplog; it checks the names itself.",
    );
  return effects;
}

/** Builds the plan: the namespaces, what happens, and every check, each passed or failed with its reason. */
export function buildCollectionRestorePlan(input: CollectionRestorePlanInput): CollectionRestorePlan {
  const { source, target, snapshot, pointInTime: pit } = input;
  const checks: CollectionRestoreCheck[] = [];
  let window;
  if (snapshot) {
    checks.push(snapshotCheck(snapshot));
    if (input.held)
      checks.push(namespacesCheck(input.namespaceKind, input.namespaces, input.held, snapshot.id ?? '(no id)'));
  }
  if (pit) {
    window = source.continuousBackup
      ? restorableWindow({
          continuous: true,
          restoreWindowDays: source.restoreWindowDays,
          completed: input.sourceSnapshots,
          nowMs: input.nowMs,
        })
      : undefined;
    checks.push(...windowChecks(source, epochSecondsOf(pit), window, input.nowMs));
  }
  checks.push(notSourceCheck(source, target, input.allowSourceAsTarget === true));
  const suffixes = { databaseSuffix: input.databaseSuffix, collectionSuffix: input.collectionSuffix };
  return {
    kind: 'collection',
    namespaceKind: input.namespaceKind,
    namespaces: input.namespaces.map((m) => ({
      source: m.source,
      target: effectiveTarget(input.namespaceKind, m, suffixes),
    })),
    writeStrategy: input.writeStrategy,
    indexStrategy: input.indexStrategy,
    source: {
      groupId: source.groupId,
      projectName: source.projectName ?? null,
      clusterName: source.name,
      snapshot: snapshot
        ? {
            id: snapshot.id ?? null,
            createdAt: snapshot.createdAt ?? null,
            type: snapshot.snapshotType ?? null,
            sizeBytes: snapshot.storageSizeBytes ?? null,
          }
        : null,
      pointInTime: pit
        ? {
            utc: iso(epochSecondsOf(pit) * 1000),
            epochSeconds: epochSecondsOf(pit),
            oplog: pit.kind === 'oplog' ? { ts: pit.ts, inc: pit.inc } : null,
          }
        : null,
    },
    target: {
      groupId: target.groupId,
      projectName: target.projectName ?? null,
      clusterName: target.name,
      tier: target.tier ?? null,
      mongoDBVersion: target.mongoDBVersion ?? null,
      topology: target.topology.kind === 'sharded' ? 'sharded cluster' : 'replica set',
    },
    window: window ? { from: iso(window.fromMs), to: iso(window.toMs), restorePoints: window.restorePoints } : null,
    effects: effectsOf(input),
    checks,
    ok: checks.every((c) => c.passed),
  };
}
