// The restore plan: what a restore will do and every check Atlas documents, worked out before anything is sent.
// Pure: the caller gathers the facts (clusters, snapshot, the span of completed snapshots) and shows the plan; a
// failed check refuses the restore before any request.
import type { ClusterDescription } from '../atlas/types';
import { epochSecondsOf, type PointInTime } from './pointInTime';
import {
  describeWindow,
  restorableWindow,
  utcWords,
  type RestorableWindow,
  type SnapshotSpan,
} from './restorableWindow';

export type RestoreTopology =
  | { kind: 'replicaSet' }
  | {
      kind: 'sharded';
      shards: number;
      /** `DEDICATED` or `EMBEDDED`; undefined when Atlas did not say. */ configServerType?: string;
    };

/** What the plan needs to know of a cluster, source or target. */
export interface RestoreClusterFacts {
  groupId: string;
  projectName?: string;
  name: string;
  /** The electable instance size, e.g. `M30`. */
  tier?: string;
  mongoDBVersion?: string;
  topology: RestoreTopology;
  /** `NONE` when absent. */
  encryptionAtRestProvider?: string;
  /** Continuous Cloud Backup (`pitEnabled`). */
  continuousBackup: boolean;
  /** From the backup schedule; used for the restorable window. */
  restoreWindowDays?: number;
}

/** The snapshot's fields the plan reads (a `ReplicaSetSnapshot` or `ShardedClusterSnapshot` fits). */
export interface RestoreSnapshotFacts {
  id?: string;
  createdAt?: string;
  status?: string;
  snapshotType?: string;
  frequencyType?: string;
  storageSizeBytes?: number;
  mongodVersion?: string;
}

interface PlanCommon {
  source: RestoreClusterFacts;
  nowMs: number;
}

export type RestorePlanInput =
  | (PlanCommon & {
      kind: 'automated';
      snapshot: RestoreSnapshotFacts;
      target: RestoreClusterFacts;
      /** Restoring onto the source itself replaces its own data: only when the person said so explicitly. */
      allowSourceAsTarget?: boolean;
    })
  | (PlanCommon & { kind: 'download'; snapshot: RestoreSnapshotFacts })
  | (PlanCommon & {
      kind: 'pointInTime';
      pointInTime: PointInTime;
      target: RestoreClusterFacts;
      /** The source's completed snapshots (oldest, newest, count): the restorable window starts at the oldest. */
      sourceSnapshots: SnapshotSpan | undefined;
      allowSourceAsTarget?: boolean;
    });

export type RestoreCheckId =
  | 'snapshot-completed'
  | 'mongodb-version'
  | 'topology'
  | 'encryption-at-rest'
  | 'continuous-backup'
  | 'restorable-window'
  | 'target-not-source';

export interface RestoreCheck {
  id: RestoreCheckId;
  passed: boolean;
  reason: string;
}

export interface RestorePlan {
  kind: RestorePlanInput['kind'];
  source: {
    groupId: string;
    projectName: string | null;
    clusterName: string;
    snapshot: { id: string | null; createdAt: string | null; type: string | null; sizeBytes: number | null } | null;
    pointInTime: { utc: string; epochSeconds: number; oplog: { ts: number; inc: number } | null } | null;
  };
  target: {
    groupId: string;
    projectName: string | null;
    clusterName: string;
    tier: string | null;
    mongoDBVersion: string | null;
    topology: string;
  } | null;
  /** The restorable window of the source (point-in-time restores). */
  window: { from: string; to: string; restorePoints: number | null } | null;
  /** What happens, in words. */
  effects: string[];
  checks: RestoreCheck[];
  /** Every check passed: the restore may be sent (after confirmation). */
  ok: boolean;
}

/** MongoDB versions compared number by number (10.0 > 8.0 > 7.0.14); NaN when either is missing or unreadable. */
export function compareMongoVersions(a: string | undefined, b: string | undefined): number {
  const parse = (v: string | undefined) => {
    const m = /^\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(v ?? '');
    return m ? [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)] : undefined;
  };
  const pa = parse(a);
  const pb = parse(b);
  if (!pa || !pb) return NaN;
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
}

export function topologyWords(t: RestoreTopology): string {
  if (t.kind === 'replicaSet') return 'replica set';
  const config = t.configServerType ? `, ${t.configServerType.toLowerCase()} config server` : '';
  return `sharded cluster, ${t.shards} shard${t.shards === 1 ? '' : 's'}${config}`;
}

/**
 * A cluster's restore facts from its 2024-08-05 description (one replication spec per shard) and, for the window,
 * its schedule's `restoreWindowDays`.
 */
export function restoreClusterFacts(
  c: ClusterDescription,
  o: { groupId?: string; projectName?: string; restoreWindowDays?: number } = {},
): RestoreClusterFacts {
  const specs = c.replicationSpecs ?? [];
  const regionConfigs = specs.flatMap((s) => s.regionConfigs ?? []);
  const tier =
    regionConfigs.map((r) => r.electableSpecs?.instanceSize).find((s) => !!s) ??
    regionConfigs.map((r) => r.effectiveElectableSpecs?.instanceSize).find((s) => !!s);
  const sharded = c.clusterType === 'SHARDED' || c.clusterType === 'GEOSHARDED';
  return {
    groupId: o.groupId ?? c.groupId ?? '',
    projectName: o.projectName,
    name: c.name ?? '',
    tier,
    mongoDBVersion: c.mongoDBVersion,
    topology: sharded
      ? { kind: 'sharded', shards: Math.max(1, specs.length), configServerType: c.configServerType }
      : { kind: 'replicaSet' },
    encryptionAtRestProvider: c.encryptionAtRestProvider,
    continuousBackup: c.pitEnabled === true,
    restoreWindowDays: o.restoreWindowDays,
  };
}

function snapshotTypeWords(s: RestoreSnapshotFacts): string | null {
  if (s.snapshotType === 'onDemand') return 'on-demand';
  if (s.snapshotType === 'scheduled') return s.frequencyType ? `scheduled (${s.frequencyType})` : 'scheduled';
  return s.snapshotType ?? null;
}

const provider = (c: RestoreClusterFacts) => (c.encryptionAtRestProvider || 'NONE').toUpperCase();
const providerWords = (p: string) => (p === 'NONE' ? 'no customer-managed keys' : `${p} keys`);

export function versionCheck(
  sourceVersion: string | undefined,
  what: string,
  target: RestoreClusterFacts,
): RestoreCheck {
  const d = compareMongoVersions(target.mongoDBVersion, sourceVersion);
  if (Number.isNaN(d)) {
    const missing = target.mongoDBVersion ? `${what}'s MongoDB version` : `${target.name}'s MongoDB version`;
    return {
      id: 'mongodb-version',
      passed: false,
      reason: `Atlas did not report ${missing}, so the versions cannot be compared.`,
    };
  }
  return d >= 0
    ? {
        id: 'mongodb-version',
        passed: true,
        reason: `${target.name} runs MongoDB ${target.mongoDBVersion}, the same as or newer than ${what}'s ${sourceVersion}.`,
      }
    : {
        id: 'mongodb-version',
        passed: false,
        reason: `${target.name} runs MongoDB ${target.mongoDBVersion}, older than ${what}'s ${sourceVersion}: the target must run the same or a newer version.`,
      };
}

export function topologyCheck(source: RestoreClusterFacts, target: RestoreClusterFacts): RestoreCheck {
  const s = source.topology;
  const t = target.topology;
  const fail = (why: string): RestoreCheck => ({ id: 'topology', passed: false, reason: why });
  if (s.kind !== t.kind) {
    return fail(
      `${source.name} is a ${topologyWords(s)} and ${target.name} a ${topologyWords(t)}: a replica-set backup restores only onto a replica set, a sharded one only onto a sharded cluster.`,
    );
  }
  if (s.kind === 'sharded' && t.kind === 'sharded') {
    if (s.shards !== t.shards)
      return fail(
        `${source.name} has ${s.shards} shards and ${target.name} ${t.shards}: the number of shards must be the same.`,
      );
    if (s.configServerType && t.configServerType && s.configServerType !== t.configServerType) {
      return fail(
        `${source.name}'s config server is ${s.configServerType.toLowerCase()} and ${target.name}'s ${t.configServerType.toLowerCase()}: the config-server type must be the same.`,
      );
    }
    const unknown =
      !s.configServerType || !t.configServerType ? ' (Atlas did not report the config-server type of both)' : '';
    return { id: 'topology', passed: true, reason: `Both are sharded clusters with ${s.shards} shards${unknown}.` };
  }
  return { id: 'topology', passed: true, reason: 'Both are replica sets.' };
}

function encryptionCheck(source: RestoreClusterFacts, target: RestoreClusterFacts): RestoreCheck {
  const a = provider(source);
  const b = provider(target);
  return a === b
    ? { id: 'encryption-at-rest', passed: true, reason: `Both use ${providerWords(a)} for encryption at rest.` }
    : {
        id: 'encryption-at-rest',
        passed: false,
        reason: `${source.name} uses ${providerWords(a)} for encryption at rest and ${target.name} ${providerWords(b)}: the provider must be the same.`,
      };
}

export function notSourceCheck(
  source: RestoreClusterFacts,
  target: RestoreClusterFacts,
  allowed: boolean,
): RestoreCheck {
  const same = source.groupId === target.groupId && source.name === target.name;
  if (!same) return { id: 'target-not-source', passed: true, reason: `The target ${target.name} is not the source.` };
  return allowed
    ? {
        id: 'target-not-source',
        passed: true,
        reason: `The target is ${source.name} itself, as explicitly allowed: its current data is replaced by its own backup.`,
      }
    : {
        id: 'target-not-source',
        passed: false,
        reason: `The target is ${source.name} itself, which would replace its current data by its own backup; say so explicitly to allow it.`,
      };
}

export function snapshotCheck(s: RestoreSnapshotFacts): RestoreCheck {
  const id = s.id ?? '(no id)';
  return s.status === 'completed'
    ? { id: 'snapshot-completed', passed: true, reason: `Snapshot ${id} is completed.` }
    : {
        id: 'snapshot-completed',
        passed: false,
        reason: `Snapshot ${id} is ${s.status ?? 'of unknown status'}, not completed: only a completed snapshot can be restored.`,
      };
}

export function windowChecks(
  source: RestoreClusterFacts,
  at: number,
  w: RestorableWindow | undefined,
  nowMs: number,
): RestoreCheck[] {
  const continuous: RestoreCheck = source.continuousBackup
    ? { id: 'continuous-backup', passed: true, reason: `${source.name} has continuous backup.` }
    : {
        id: 'continuous-backup',
        passed: false,
        reason: `${source.name} has no continuous backup: a point in time can be restored only with it (restore a snapshot instead).`,
      };
  const atMs = at * 1000;
  let window: RestoreCheck;
  if (!source.continuousBackup) {
    window = {
      id: 'restorable-window',
      passed: false,
      reason: `Without continuous backup ${source.name} has no point-in-time window.`,
    };
  } else if (!w) {
    window = {
      id: 'restorable-window',
      passed: false,
      reason: `${source.name} has no completed snapshot yet, so no point in time can be restored.`,
    };
  } else if (atMs > nowMs) {
    window = {
      id: 'restorable-window',
      passed: false,
      reason: `${utcWords(atMs)} is in the future; ${source.name} can be restored ${describeWindow(w)}.`,
    };
  } else if (atMs < w.fromMs || atMs > w.toMs) {
    window = {
      id: 'restorable-window',
      passed: false,
      reason: `${utcWords(atMs)} is outside the restorable window of ${source.name}: ${describeWindow(w)}.`,
    };
  } else {
    window = {
      id: 'restorable-window',
      passed: true,
      reason: `${utcWords(atMs)} lies in the restorable window, ${describeWindow(w)}.`,
    };
  }
  return [continuous, window];
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Builds the plan: what happens and every check, each passed or failed with its reason. Never throws. */
export function buildRestorePlan(input: RestorePlanInput): RestorePlan {
  const { source } = input;
  const snapshot = input.kind === 'pointInTime' ? undefined : input.snapshot;
  const pit = input.kind === 'pointInTime' ? input.pointInTime : undefined;
  const target = input.kind === 'download' ? undefined : input.target;
  const checks: RestoreCheck[] = [];
  let window: RestorableWindow | undefined;

  if (snapshot) checks.push(snapshotCheck(snapshot));
  if (input.kind === 'pointInTime') {
    // Without continuous backup there is no point-in-time window at all (only snapshot times), so none is shown.
    window = !source.continuousBackup
      ? undefined
      : restorableWindow({
          continuous: true,
          restoreWindowDays: source.restoreWindowDays,
          completed: input.sourceSnapshots,
          nowMs: input.nowMs,
        });
    checks.push(...windowChecks(source, epochSecondsOf(input.pointInTime), window, input.nowMs));
  }
  if (target && input.kind !== 'download') {
    const sourceVersion = snapshot ? (snapshot.mongodVersion ?? source.mongoDBVersion) : source.mongoDBVersion;
    checks.push(versionCheck(sourceVersion, snapshot ? 'the snapshot' : source.name, target));
    checks.push(topologyCheck(source, target));
    checks.push(encryptionCheck(source, target));
    checks.push(notSourceCheck(source, target, input.allowSourceAsTarget === true));
  }

  const effects = target
    ? [
        `Every database on ${target.name} is deleted and replaced by the restored data.`,
        `${target.name} is unavailable until the restore ends; stop client traffic to it first.`,
        `Atlas Search indexes on ${target.name} are rebuilt after the restore, which can take long.`,
      ]
    : [
        `Atlas prepares ${source.name}'s snapshot as data files to download (not a mongorestore archive); the links work for an hour once they appear.`,
        'Nothing changes on any cluster.',
      ];

  return {
    kind: input.kind,
    source: {
      groupId: source.groupId,
      projectName: source.projectName ?? null,
      clusterName: source.name,
      snapshot: snapshot
        ? {
            id: snapshot.id ?? null,
            createdAt: snapshot.createdAt ?? null,
            type: snapshotTypeWords(snapshot),
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
    target: target
      ? {
          groupId: target.groupId,
          projectName: target.projectName ?? null,
          clusterName: target.name,
          tier: target.tier ?? null,
          mongoDBVersion: target.mongoDBVersion ?? null,
          topology: topologyWords(target.topology),
        }
      : null,
    window: window ? { from: iso(window.fromMs), to: iso(window.toMs), restorePoints: window.restorePoints } : null,
    effects,
    checks,
    ok: checks.every((c) => c.passed),
  };
}
