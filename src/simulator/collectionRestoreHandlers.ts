// Collection-level restore jobs (2025-03-12): list, create, read, and the per-collection states. A job lives on the
// injected clock like a snapshot restore job: INITIALIZING, IN_PROGRESS (restoredDocuments growing), FINALIZING,
// then SUCCESSFUL or FAILED, all derived at read time. The spec declares no way to cancel one, so there is no
// DELETE route (the simulator answers it as any operation it lacks). Choices the spec leaves open are in README.md.
import { createHash } from 'node:crypto';
import { Errors, SimApiError } from './apiError';
import {
  nextId,
  type Cluster,
  type CollectionRestoreJob,
  type CollectionRestoreNamespace,
  type SimState,
} from './model';
import { page, pageParams } from './paging';
import { iso, snapshotStatus } from './render';
import { backupOn, liveSnapshots, restorableWindow, restoreDurationMs, restoreSettings } from './restoreHandlers';
import { findCluster, type RequestContext, type Route } from './routes';
import { contentsAt, contentsOf } from './snapshotContents';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const JOBS = '/groups/{groupId}/clusters/{clusterName}/collectionRestoreJobs';
const V2025 = ['2025-03-12'];
const HEX24 = /^([a-f0-9]{24})$/;
const CLUSTER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9-]*$/;
const INT32_MAX = 2 ** 31 - 1;
const WRITE_STRATEGIES = ['CREATE_NEW', 'OVERWRITE_EXISTING'] as const;
const INDEX_STRATEGIES = ['ALL', 'NONE', 'ALL_EXCEPT_TTL'] as const;
const MAX_NAMESPACES = 100;
const COLLECTION_STATES: readonly string[] = [
  'NOT_STARTED',
  'IN_PROGRESS',
  'FINALIZING',
  'NOT_FOUND',
  'UNSUPPORTED',
  'SUCCESSFUL',
  'ROLLBACK',
  'NOT_RESTORED',
  'FAILED',
  'INDEX_BUILD_FAILED',
];
/** What one document weighs for the restore's duration (size ÷ the control plane's bytesPerSecond). */
const BYTES_PER_DOCUMENT = 1024;

const WRITABLE = new Set([
  'collectionSuffix',
  'collections',
  'databaseSuffix',
  'databases',
  'indexStrategy',
  'oplogInc',
  'oplogTs',
  'pointInTimeUtcSeconds',
  'snapshotId',
  'targetClusterName',
  'targetGroupId',
  'writeStrategy',
]);
/** Read-only fields a client may echo back from a GET: ignored. */
const READ_ONLY = new Set([
  'createdAt',
  'errorMessage',
  'finishedAt',
  'id',
  'indexStatus',
  'restoredDocuments',
  'state',
  'totalDocuments',
]);

export type CollectionJobState = 'INITIALIZING' | 'IN_PROGRESS' | 'FINALIZING' | 'SUCCESSFUL' | 'FAILED';

/** The phases, as fractions of the job's duration: initializing until 20 %, finalizing from 80 %. */
const INITIALIZED = 0.2;
const FINALIZING = 0.8;
/** A failing job fails halfway through copying. */
const FAILS_AT = 0.5;

export interface CollectionJobView {
  state: CollectionJobState;
  /** 0 to 1: the share of every collection's documents restored so far. */
  copied: number;
  finishedAtMs?: number;
}

export function collectionJobView(j: CollectionRestoreJob, nowMs: number): CollectionJobView {
  const at = (f: number) => j.createdAtMs + j.durationMs * f;
  const copiedAt = (ms: number) =>
    Math.min(1, Math.max(0, (ms - at(INITIALIZED)) / (at(FINALIZING) - at(INITIALIZED))));
  if (j.fails && nowMs >= at(FAILS_AT))
    return { state: 'FAILED', copied: copiedAt(at(FAILS_AT)), finishedAtMs: at(FAILS_AT) };
  if (nowMs >= at(1)) return { state: 'SUCCESSFUL', copied: 1, finishedAtMs: at(1) };
  if (nowMs >= at(FINALIZING)) return { state: 'FINALIZING', copied: 1 };
  if (nowMs >= at(INITIALIZED)) return { state: 'IN_PROGRESS', copied: copiedAt(nowMs) };
  return { state: 'INITIALIZING', copied: 0 };
}

const restored = (ns: CollectionRestoreNamespace, v: CollectionJobView) => Math.floor(ns.totalDocuments * v.copied);

/** Per collection: its own state and index status, following the job's phase. */
function renderCollection(j: CollectionRestoreJob, ns: CollectionRestoreNamespace, v: CollectionJobView): Obj {
  const noIndexes = j.indexStrategy === 'NONE';
  const state =
    v.state === 'SUCCESSFUL'
      ? 'SUCCESSFUL'
      : v.state === 'FAILED'
        ? 'FAILED'
        : v.state === 'FINALIZING'
          ? 'FINALIZING'
          : v.state === 'IN_PROGRESS'
            ? 'IN_PROGRESS'
            : 'NOT_STARTED';
  const indexState = noIndexes
    ? 'NOT_RESTORED'
    : v.state === 'SUCCESSFUL'
      ? 'SUCCESSFUL'
      : v.state === 'FINALIZING'
        ? 'IN_PROGRESS'
        : v.state === 'FAILED'
          ? 'FAILED'
          : 'NOT_STARTED';
  return {
    effectiveTargetNamespace: ns.effective,
    indexStatus: { state: indexState },
    restoredDocuments: restored(ns, v),
    sourceNamespace: ns.source,
    state,
    targetNamespace: ns.target,
    totalDocuments: ns.totalDocuments,
  };
}

const asRequested = (xs: { sourceNamespace: string; targetNamespace?: string }[]) =>
  xs.map((x) => ({ sourceNamespace: x.sourceNamespace, targetNamespace: x.targetNamespace ?? x.sourceNamespace }));

/** `ApiAtlasCollectionRestoreJobResponse` (it declares no `links`). */
export function renderCollectionRestoreJob(c: Cluster, j: CollectionRestoreJob, nowMs: number): Obj {
  const v = collectionJobView(j, nowMs);
  const out: Obj = {
    collectionSuffix: j.collectionSuffix ?? '',
    collections: asRequested(j.collections),
    createdAt: iso(j.createdAtMs),
    databaseSuffix: j.databaseSuffix ?? '',
    databases: asRequested(j.databases),
    id: j.id,
    indexStatus: {
      failedCollectionCount: v.state === 'FAILED' && j.indexStrategy !== 'NONE' ? j.namespaces.length : 0,
      state:
        j.indexStrategy === 'NONE'
          ? 'NOT_RESTORED'
          : v.state === 'SUCCESSFUL'
            ? 'SUCCESSFUL'
            : v.state === 'FAILED'
              ? 'FAILED'
              : v.state === 'FINALIZING'
                ? 'IN_PROGRESS'
                : 'NOT_STARTED',
    },
    indexStrategy: j.indexStrategy,
    restoredDocuments: j.namespaces.reduce((n, ns) => n + restored(ns, v), 0),
    state: v.state,
    targetClusterName: j.targetClusterName,
    targetGroupId: j.targetGroupId,
    totalDocuments: j.namespaces.reduce((n, ns) => n + ns.totalDocuments, 0),
    writeStrategy: j.writeStrategy,
  };
  if (j.snapshotId !== undefined) out.snapshotId = j.snapshotId;
  if (j.pointInTimeUtcSeconds !== undefined) out.pointInTimeUtcSeconds = j.pointInTimeUtcSeconds;
  if (j.oplogTs !== undefined) out.oplogTs = j.oplogTs;
  if (j.oplogInc !== undefined) out.oplogInc = j.oplogInc;
  if (v.finishedAtMs !== undefined) out.finishedAt = iso(v.finishedAtMs);
  if (v.state === 'FAILED') {
    out.errorMessage = `The restore of ${j.namespaces.length} collection(s) from ${c.name} onto ${j.targetClusterName} failed while copying documents; nothing was finalized.`;
  }
  return out;
}

function validation(field: string, detail: string): SimApiError {
  return new SimApiError(400, 'VALIDATION_ERROR', detail, {
    parameters: [field],
    fields: [{ field, description: detail }],
  });
}

function int32(b: Obj, field: string, min: number): number | undefined {
  const v = b[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > INT32_MAX)
    throw validation(field, `${field} must be a whole number from ${min} to ${INT32_MAX}, not ${JSON.stringify(v)}.`);
  return v;
}

function optionalString(b: Obj, field: string): string | undefined {
  const v = b[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw validation(field, `${field} must be a string.`);
  return v;
}

/** How many documents a collection holds: stable per cluster and namespace, 1 000 to 50 000. */
function documentsIn(c: Cluster, ns: string): number {
  const h = createHash('sha1').update(`atlas-sim/documents/${c.name}/${ns}`).digest();
  return 1000 + (h.readUInt32BE(0) % 49_001);
}

type NamespaceList = { sourceNamespace: string; targetNamespace?: string }[];

function namespaceList(b: Obj, field: 'collections' | 'databases'): NamespaceList {
  const v = b[field];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw validation(field, `${field} must be an array of {sourceNamespace, targetNamespace}.`);
  if (v.length > MAX_NAMESPACES)
    throw validation(field, `${field} holds ${v.length} items; a collection restore takes at most ${MAX_NAMESPACES}.`);
  return v.map((x, i) => {
    if (!isObj(x) || typeof x.sourceNamespace !== 'string' || x.sourceNamespace === '')
      throw validation(`${field}[${i}].sourceNamespace`, `${field}[${i}].sourceNamespace is required.`);
    if (x.targetNamespace !== undefined && typeof x.targetNamespace !== 'string')
      throw validation(`${field}[${i}].targetNamespace`, `${field}[${i}].targetNamespace must be a string.`);
    const target = x.targetNamespace === '' ? undefined : x.targetNamespace;
    return { sourceNamespace: x.sourceNamespace, ...(target !== undefined ? { targetNamespace: target } : {}) };
  });
}

/** `db.coll` split at the first dot (collection names may hold dots, database names may not). */
function splitNamespace(ns: string): [string, string] | undefined {
  const i = ns.indexOf('.');
  if (i <= 0 || i === ns.length - 1) return undefined;
  return [ns.slice(0, i), ns.slice(i + 1)];
}

/** The namespaces a target cluster holds now: its own data, plus what earlier collection restores wrote there. */
function namespacesOn(state: SimState, target: Cluster, nowMs: number): Set<string> {
  const out = new Set<string>();
  for (const [db, cols] of contentsAt(target, nowMs)) for (const col of cols) out.add(`${db}.${col}`);
  for (const c of state.clusters.values()) {
    for (const j of c.collectionRestoreJobs ?? []) {
      if (j.targetGroupId !== target.groupId || j.targetClusterName !== target.name) continue;
      if (collectionJobView(j, nowMs).state === 'FAILED') continue;
      for (const ns of j.namespaces) out.add(ns.effective);
    }
  }
  return out;
}

function createJob(ctx: RequestContext) {
  const source = backupOn(ctx);
  const b = ctx.body();
  if (!isObj(b)) throw new SimApiError(400, 'INVALID_JSON', 'Received JSON does not match expected format.');
  for (const k of Object.keys(b)) {
    if (!WRITABLE.has(k) && !READ_ONLY.has(k))
      throw new SimApiError(400, 'INVALID_ATTRIBUTE', `Invalid attribute ${k} specified.`, { parameters: [k] });
  }
  for (const f of ['indexStrategy', 'targetClusterName', 'targetGroupId', 'writeStrategy'])
    if (b[f] === undefined || b[f] === null) throw Errors.missingAttribute(f);
  if (!WRITE_STRATEGIES.includes(b.writeStrategy as (typeof WRITE_STRATEGIES)[number]))
    throw Errors.invalidEnum('writeStrategy', b.writeStrategy, WRITE_STRATEGIES);
  if (!INDEX_STRATEGIES.includes(b.indexStrategy as (typeof INDEX_STRATEGIES)[number]))
    throw Errors.invalidEnum('indexStrategy', b.indexStrategy, INDEX_STRATEGIES);
  if (typeof b.targetGroupId !== 'string' || !HEX24.test(b.targetGroupId))
    throw validation(
      'targetGroupId',
      `targetGroupId ${JSON.stringify(b.targetGroupId)} does not match ${HEX24.source}.`,
    );
  if (typeof b.targetClusterName !== 'string' || !CLUSTER_NAME.test(b.targetClusterName))
    throw validation(
      'targetClusterName',
      `targetClusterName ${JSON.stringify(b.targetClusterName)} is not a cluster name.`,
    );
  const snapshotId = optionalString(b, 'snapshotId');
  if (snapshotId !== undefined && !HEX24.test(snapshotId))
    throw validation('snapshotId', `snapshotId ${JSON.stringify(snapshotId)} does not match ${HEX24.source}.`);
  const pit = int32(b, 'pointInTimeUtcSeconds', 1);
  const oplogTs = int32(b, 'oplogTs', 1);
  const oplogInc = int32(b, 'oplogInc', 1);
  const collectionSuffix = optionalString(b, 'collectionSuffix') || undefined;
  const databaseSuffix = optionalString(b, 'databaseSuffix') || undefined;
  const collections = namespaceList(b, 'collections');
  const databases = namespaceList(b, 'databases');
  const nowMs = ctx.nowMs;

  const kinds = [snapshotId !== undefined, pit !== undefined, oplogTs !== undefined || oplogInc !== undefined];
  if (kinds.filter(Boolean).length !== 1) {
    throw validation(
      kinds.some(Boolean) ? 'snapshotId' : 'pointInTimeUtcSeconds',
      'Specify exactly one of snapshotId, pointInTimeUtcSeconds, or oplogTs with oplogInc.',
    );
  }
  if ((oplogTs === undefined) !== (oplogInc === undefined))
    throw Errors.missingAttribute(oplogTs === undefined ? 'oplogTs' : 'oplogInc');
  if (collections.length && databases.length)
    throw validation('databases', 'Specify collections or databases to restore, not both.');
  if (!collections.length && !databases.length)
    throw validation('collections', 'Specify at least one collection or database to restore.');

  // Which snapshot's contents the job restores: the one named, or the newest completed one at or before the time.
  const live = liveSnapshots(source, nowMs);
  let snap = snapshotId !== undefined ? live.find((s) => s.id === snapshotId) : undefined;
  if (snapshotId !== undefined) {
    if (!snap) throw Errors.snapshotNotFound(snapshotId, source.name);
    if (snapshotStatus(snap, nowMs) !== 'completed')
      throw validation(
        'snapshotId',
        `Snapshot ${snapshotId} is not completed yet; only a completed snapshot can be restored.`,
      );
  } else {
    const field = pit !== undefined ? 'pointInTimeUtcSeconds' : 'oplogTs';
    if (!source.pitEnabled)
      throw validation(
        field,
        `Continuous Cloud Backup is not enabled for cluster ${source.name}; a point-in-time restore needs it.`,
      );
    const atMs = (pit ?? oplogTs ?? 0) * 1000;
    const w = restorableWindow(source, nowMs);
    if (!w || atMs < w.fromMs || atMs > w.toMs) {
      throw validation(
        field,
        w
          ? `${field} ${atMs / 1000} (${iso(atMs)}) is outside the restorable window of ${source.name}, from ${iso(w.fromMs)} to ${iso(w.toMs)}.`
          : `${source.name} has no completed snapshot yet, so there is no point in time to restore.`,
      );
    }
    snap = live.find((s) => s.createdAtMs <= atMs && snapshotStatus(s, nowMs) === 'completed');
    if (!snap) throw validation(field, `No completed snapshot of ${source.name} precedes that point in time.`);
  }

  const targetGroupId = b.targetGroupId;
  const targetClusterName = b.targetClusterName;
  if (!ctx.state.projects.some((p) => p.id === targetGroupId)) throw Errors.groupNotFound(targetGroupId);
  const target = ctx.state.clusters.get(`${targetGroupId}/${targetClusterName}`);
  if (!target) throw Errors.clusterNotFound(targetClusterName, targetGroupId);

  // Resolve every requested namespace against what the snapshot held; a database expands to its collections.
  const held = contentsOf(source, snap);
  const atSnapshot = iso(snap.createdAtMs);
  const wanted: { source: string; target: string }[] = [];
  collections.forEach((x, i) => {
    const parts = splitNamespace(x.sourceNamespace);
    if (!parts)
      throw validation(
        `collections[${i}].sourceNamespace`,
        `${x.sourceNamespace} is not a database.collection namespace.`,
      );
    if (!held.get(parts[0])?.includes(parts[1]))
      throw validation(
        `collections[${i}].sourceNamespace`,
        `${x.sourceNamespace} is not in the snapshot of ${source.name} taken ${atSnapshot}.`,
      );
    const t = x.targetNamespace ?? x.sourceNamespace;
    if (!splitNamespace(t))
      throw validation(`collections[${i}].targetNamespace`, `${t} is not a database.collection namespace.`);
    wanted.push({ source: x.sourceNamespace, target: t });
  });
  databases.forEach((x, i) => {
    if (x.sourceNamespace.includes('.'))
      throw validation(`databases[${i}].sourceNamespace`, `${x.sourceNamespace} is not a database name.`);
    const cols = held.get(x.sourceNamespace);
    if (!cols)
      throw validation(
        `databases[${i}].sourceNamespace`,
        `Database ${x.sourceNamespace} is not in the snapshot of ${source.name} taken ${atSnapshot}.`,
      );
    const tdb = x.targetNamespace ?? x.sourceNamespace;
    if (tdb.includes('.')) throw validation(`databases[${i}].targetNamespace`, `${tdb} is not a database name.`);
    for (const col of cols) wanted.push({ source: `${x.sourceNamespace}.${col}`, target: `${tdb}.${col}` });
  });

  // CREATE_NEW never touches an existing namespace: a collection that already exists on the target is written
  // under a new name instead (`effectiveTargetNamespace`). OVERWRITE_EXISTING drops and replaces it.
  const existing = namespacesOn(ctx.state, target, nowMs);
  const namespaces: CollectionRestoreNamespace[] = wanted.map((w) => {
    const [db, col] = splitNamespace(w.target) as [string, string];
    let effective = `${db}${databaseSuffix ?? ''}.${col}${collectionSuffix ?? ''}`;
    if (b.writeStrategy === 'CREATE_NEW' && existing.has(effective)) {
      const stem = effective;
      effective = `${stem}_restored`;
      for (let n = 2; existing.has(effective); n++) effective = `${stem}_restored_${n}`;
    }
    existing.add(effective);
    return { source: w.source, target: w.target, effective, totalDocuments: documentsIn(source, w.source) };
  });

  const settings = restoreSettings(ctx.state);
  const fails = settings.failNext > 0;
  if (fails) ctx.state.restoreSettings = { ...settings, failNext: settings.failNext - 1 };
  const total = namespaces.reduce((n, ns) => n + ns.totalDocuments, 0);
  const job: CollectionRestoreJob = {
    id: nextId(ctx.state, 'collectionRestoreJob'),
    createdAtMs: nowMs,
    durationMs: restoreDurationMs(total * BYTES_PER_DOCUMENT, settings),
    fails,
    targetGroupId,
    targetClusterName,
    writeStrategy: b.writeStrategy as CollectionRestoreJob['writeStrategy'],
    indexStrategy: b.indexStrategy as CollectionRestoreJob['indexStrategy'],
    collections,
    databases,
    namespaces,
  };
  // A point-in-time job names no snapshot of its own: Atlas chooses the base, the answer says only the time.
  if (snapshotId !== undefined) job.snapshotId = snapshotId;
  if (pit !== undefined) job.pointInTimeUtcSeconds = pit;
  if (oplogTs !== undefined) job.oplogTs = oplogTs;
  if (oplogInc !== undefined) job.oplogInc = oplogInc;
  if (collectionSuffix !== undefined) job.collectionSuffix = collectionSuffix;
  if (databaseSuffix !== undefined) job.databaseSuffix = databaseSuffix;
  source.collectionRestoreJobs = [job, ...(source.collectionRestoreJobs ?? [])];
  return { status: 201, body: renderCollectionRestoreJob(source, job, nowMs) };
}

function findJob(ctx: RequestContext): { c: Cluster; j: CollectionRestoreJob } {
  const c = findCluster(ctx);
  const j = (c.collectionRestoreJobs ?? []).find((x) => x.id === ctx.params.jobId);
  if (!j) throw Errors.resourceNotFound(ctx.url.pathname);
  return { c, j };
}

/** The job's collections with their states; empty while it initializes (Atlas has not created them yet). */
function collectionsOf(j: CollectionRestoreJob, nowMs: number): Obj[] {
  const v = collectionJobView(j, nowMs);
  if (v.state === 'INITIALIZING') return [];
  return j.namespaces.map((ns) => renderCollection(j, ns, v));
}

export const collectionRestoreRoutes: Route[] = [
  {
    method: 'GET',
    pattern: JOBS,
    versions: V2025,
    permission: 'restoreRead',
    handler: (ctx) => {
      const c = findCluster(ctx);
      const body = page(c.collectionRestoreJobs ?? [], pageParams(ctx.query), ctx.url, (j) =>
        renderCollectionRestoreJob(c, j, ctx.nowMs),
      );
      return { status: 200, body };
    },
  },
  { method: 'POST', pattern: JOBS, versions: V2025, permission: 'restoreWrite', handler: createJob },
  {
    method: 'GET',
    pattern: `${JOBS}/{jobId}`,
    versions: V2025,
    permission: 'restoreRead',
    handler: (ctx) => {
      const { c, j } = findJob(ctx);
      return { status: 200, body: renderCollectionRestoreJob(c, j, ctx.nowMs) };
    },
  },
  {
    method: 'GET',
    pattern: `${JOBS}/{jobId}/collections`,
    versions: V2025,
    permission: 'restoreRead',
    handler: (ctx) => {
      const { j } = findJob(ctx);
      const state = ctx.query.get('state');
      const src = ctx.query.get('sourceNamespace');
      const tgt = ctx.query.get('targetNamespace');
      if (state !== null && !COLLECTION_STATES.includes(state))
        throw Errors.invalidQueryParameter('state', `must be one of ${COLLECTION_STATES.join(', ')}`);
      const rows = collectionsOf(j, ctx.nowMs).filter(
        (r) =>
          (state === null || r.state === state) &&
          (src === null || r.sourceNamespace === src) &&
          (tgt === null || r.targetNamespace === tgt),
      );
      return { status: 200, body: page(rows, pageParams(ctx.query), ctx.url, (r) => r) };
    },
  },
  {
    method: 'GET',
    pattern: `${JOBS}/{jobId}/collections/{sourceNamespace}`,
    versions: V2025,
    permission: 'restoreRead',
    handler: (ctx) => {
      const { j } = findJob(ctx);
      const row = collectionsOf(j, ctx.nowMs).find((r) => r.sourceNamespace === ctx.params.sourceNamespace);
      if (!row) throw Errors.resourceNotFound(ctx.url.pathname);
      return { status: 200, body: row };
    },
  },
];
