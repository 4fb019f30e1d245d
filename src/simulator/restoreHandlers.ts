// Cloud Backup snapshot restore jobs (2023-01-01): list, create, read, cancel. Jobs live on the injected clock:
// created, running for a time that grows with the snapshot's size, then finished (or failed); download links
// expire an hour after the job finishes. Everything a job says is derived at read time, so a test that moves
// the clock sees the job finish without sleeping. Choices the spec and docs leave open are in README.md.
import { Errors, SimApiError } from './apiError';
import {
  DEFAULT_RESTORE_SETTINGS,
  nextId,
  type Cluster,
  type RestoreJob,
  type RestoreSettings,
  type SimState,
  type Snapshot,
} from './model';
import { page, pageParams } from './paging';
import { hostSlug, iso, snapshotStatus } from './render';
import { findCluster, type RequestContext, type Route } from './routes';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const RESTORE_JOBS = '/groups/{groupId}/clusters/{clusterName}/backup/restoreJobs';
const V2023 = ['2023-01-01'];
const DELIVERY_TYPES = ['automated', 'download', 'pointInTime'] as const;
type DeliveryType = (typeof DELIVERY_TYPES)[number];
const HEX24 = /^([a-f0-9]{24})$/;
const CLUSTER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9-]*$/;
/** The spec's `minimum` for `pointInTimeUTCSeconds` and `oplogTs` (2008-01-01). */
const EPOCH_MINIMUM = 1199145600;
const INT32_MAX = 2 ** 31 - 1;
/** Download links stay valid for an hour after the job finishes. */
export const DOWNLOAD_LINK_TTL_MS = 3_600_000;
const DAY_MS = 86_400_000;

const WRITABLE = new Set([
  'deliveryType',
  'snapshotId',
  'targetClusterName',
  'targetGroupId',
  'pointInTimeUTCSeconds',
  'oplogTs',
  'oplogInc',
]);
/** Read-only fields a client may echo back from a GET: ignored, as the schedule handler ignores its own. */
const READ_ONLY = new Set([
  'id',
  'cancelled',
  'components',
  'deliveryUrl',
  'desiredTimestamp',
  'expired',
  'expiresAt',
  'failed',
  'finishedAt',
  'links',
  'privateDownloadDeliveryUrls',
  'timestamp',
]);

export function restoreSettings(state: SimState): RestoreSettings {
  return state.restoreSettings ?? { ...DEFAULT_RESTORE_SETTINGS };
}

/** How long restoring `sizeBytes` takes: proportional to the size, never under `minSeconds`. */
export function restoreDurationMs(sizeBytes: number, s: RestoreSettings): number {
  return Math.max(s.minSeconds * 1000, Math.ceil((sizeBytes / s.bytesPerSecond) * 1000));
}

export interface RestoreJobView {
  finishedAtMs?: number;
  failed: boolean;
  cancelled: boolean;
  expired: boolean;
  expiresAtMs?: number;
  /** Download links exist (the download finished); they may have expired since. */
  links: boolean;
}

/** What a job is at `nowMs`. A cancel of a finished download invalidates its links at once. */
export function viewOf(j: RestoreJob, nowMs: number): RestoreJobView {
  const endMs = j.createdAtMs + j.durationMs;
  const cancelled = j.cancelledAtMs !== undefined && j.cancelledAtMs <= nowMs;
  const ended = endMs <= nowMs && !(cancelled && (j.cancelledAtMs ?? 0) < endMs);
  const failed = ended && j.fails;
  const finishedAtMs = ended && !failed ? endMs : undefined;
  const download = j.deliveryType === 'download';
  let expiresAtMs: number | undefined;
  if (download && finishedAtMs !== undefined) {
    expiresAtMs = cancelled
      ? Math.min(j.cancelledAtMs ?? endMs, endMs + DOWNLOAD_LINK_TTL_MS)
      : endMs + DOWNLOAD_LINK_TTL_MS;
  }
  return {
    finishedAtMs,
    failed,
    cancelled,
    expired: expiresAtMs !== undefined && expiresAtMs <= nowMs,
    expiresAtMs,
    links: download && finishedAtMs !== undefined,
  };
}

function downloadUrl(c: Cluster, j: RestoreJob, part: string): string {
  return `https://restore-${j.id}.${hostSlug(c)}.mongodb.net:27017/${j.id}/${part}-${j.snapshotId}.tar.gz`;
}

export function renderRestoreJob(c: Cluster, j: RestoreJob, nowMs: number, base: string): Obj {
  const v = viewOf(j, nowMs);
  const out: Obj = {
    cancelled: v.cancelled,
    deliveryType: j.deliveryType,
    expired: v.expired,
    failed: v.failed,
    id: j.id,
    snapshotId: j.snapshotId,
    timestamp: iso(j.snapshotCreatedAtMs),
  };
  if (v.finishedAtMs !== undefined) out.finishedAt = iso(v.finishedAtMs);
  if (v.expiresAtMs !== undefined) out.expiresAt = iso(v.expiresAtMs);
  if (v.links) {
    // The job keeps its links after they expire (`expired` says they no longer work), as a record of what was given.
    out.deliveryUrl = j.components.length
      ? j.components.map((rs) => downloadUrl(c, j, rs))
      : [downloadUrl(c, j, c.name)];
  }
  if (j.components.length) {
    out.components = j.components.map((rs) => ({
      replicaSetName: rs,
      ...(v.links ? { downloadUrl: downloadUrl(c, j, rs) } : {}),
    }));
  }
  if (j.targetGroupId !== undefined) out.targetGroupId = j.targetGroupId;
  if (j.targetClusterName !== undefined) out.targetClusterName = j.targetClusterName;
  if (j.pointInTimeUTCSeconds !== undefined) out.pointInTimeUTCSeconds = j.pointInTimeUTCSeconds;
  if (j.oplogTs !== undefined) out.oplogTs = j.oplogTs;
  if (j.oplogInc !== undefined) out.oplogInc = j.oplogInc;
  out.links = [
    { href: `${base}/api/atlas/v2/groups/${c.groupId}/clusters/${c.name}/backup/restoreJobs/${j.id}`, rel: 'self' },
  ];
  return out;
}

const shardedType = (c: Cluster) => c.clusterType !== 'REPLICASET';
const shardCount = (c: Cluster) => c.zones.reduce((n, z) => n + z.shardSpecIds.length, 0);

/** Replica-set names of a sharded cluster's parts, as its snapshots name them: shards, then the config server. */
function componentsOf(c: Cluster): string[] {
  if (!shardedType(c)) return [];
  return [...Array.from({ length: shardCount(c) }, (_, i) => `${c.name}-shard-${i}`), `${c.name}-config-0`];
}

export function backupOn(ctx: RequestContext): Cluster {
  const c = findCluster(ctx);
  if (!c.backupEnabled || !c.schedule)
    throw new SimApiError(400, 'BACKUP_JOB_NOT_FOUND', 'Backups are not enabled for this cluster.');
  return c;
}

export function liveSnapshots(c: Cluster, nowMs: number): Snapshot[] {
  return c.snapshots.filter((s) => s.expiresAtMs > nowMs);
}

function validation(field: string, detail: string): SimApiError {
  return new SimApiError(400, 'VALIDATION_ERROR', detail, {
    parameters: [field],
    fields: [{ field, description: detail }],
  });
}

function stringField(b: Obj, field: string, pattern: RegExp): string | undefined {
  const v = b[field];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !pattern.test(v))
    throw validation(field, `${field} ${JSON.stringify(v)} does not match the pattern ${pattern.source}.`);
  return v;
}

function intField(b: Obj, field: string, min: number): number | undefined {
  const v = b[field];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > INT32_MAX)
    throw validation(field, `${field} must be a whole number from ${min} to ${INT32_MAX}, not ${JSON.stringify(v)}.`);
  return v;
}

/** Numbers of a version string compared one by one, so 10.0 is newer than 8.0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((x) => parseInt(x, 10) || 0);
  const pb = b.split('.').map((x) => parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The server's own restorable window for a point-in-time restore: from the later of now − restoreWindowDays and
 * the oldest completed snapshot, to now. (The product computes its own in src/core/restore; the simulator stays
 * independent of the product's rules.)
 */
export function restorableWindow(c: Cluster, nowMs: number): { fromMs: number; toMs: number } | undefined {
  const done = liveSnapshots(c, nowMs).filter((s) => snapshotStatus(s, nowMs) === 'completed');
  if (!done.length) return undefined;
  const oldest = Math.min(...done.map((s) => s.createdAtMs));
  const days = c.schedule?.restoreWindowDays ?? 7;
  return { fromMs: Math.max(nowMs - days * DAY_MS, oldest), toMs: nowMs };
}

function checkTarget(ctx: RequestContext, source: Cluster, snap: Snapshot, b: Obj): Cluster {
  const targetGroupId = b.targetGroupId as string | undefined;
  const targetClusterName = b.targetClusterName as string | undefined;
  if (targetClusterName === undefined) throw Errors.missingAttribute('targetClusterName');
  if (targetGroupId === undefined) throw Errors.missingAttribute('targetGroupId');
  if (!ctx.state.projects.some((p) => p.id === targetGroupId)) throw Errors.groupNotFound(targetGroupId);
  const target = ctx.state.clusters.get(`${targetGroupId}/${targetClusterName}`);
  if (!target) throw Errors.clusterNotFound(targetClusterName, targetGroupId);
  if (compareVersions(target.mongoDBVersion, snap.mongodVersion) < 0) {
    throw validation(
      'targetClusterName',
      `Cannot restore a snapshot taken with MongoDB ${snap.mongodVersion} onto ${target.name}, which runs the older MongoDB ${target.mongoDBVersion}; the target must run the same or a newer version.`,
    );
  }
  if (shardedType(source) !== shardedType(target)) {
    const what = (c: Cluster) => (shardedType(c) ? 'a sharded cluster' : 'a replica set');
    throw validation(
      'targetClusterName',
      `Cannot restore a snapshot of ${what(source)} (${source.name}) onto ${what(target)} (${target.name}); the topologies must match.`,
    );
  }
  if (shardedType(source) && shardCount(source) !== shardCount(target)) {
    throw validation(
      'targetClusterName',
      `Cannot restore a snapshot of ${source.name} (${shardCount(source)} shards) onto ${target.name} (${shardCount(target)} shards); the number of shards must match.`,
    );
  }
  return target;
}

function createJob(ctx: RequestContext) {
  const source = backupOn(ctx);
  const b = ctx.body();
  if (!isObj(b)) throw new SimApiError(400, 'INVALID_JSON', 'Received JSON does not match expected format.');
  for (const k of Object.keys(b)) {
    if (!WRITABLE.has(k) && !READ_ONLY.has(k))
      throw new SimApiError(400, 'INVALID_ATTRIBUTE', `Invalid attribute ${k} specified.`, { parameters: [k] });
  }
  if (b.deliveryType === undefined) throw Errors.missingAttribute('deliveryType');
  if (!DELIVERY_TYPES.includes(b.deliveryType as DeliveryType))
    throw Errors.invalidEnum('deliveryType', b.deliveryType, DELIVERY_TYPES);
  const deliveryType = b.deliveryType as DeliveryType;
  const snapshotId = stringField(b, 'snapshotId', HEX24);
  stringField(b, 'targetGroupId', HEX24);
  stringField(b, 'targetClusterName', CLUSTER_NAME);
  const pit = intField(b, 'pointInTimeUTCSeconds', EPOCH_MINIMUM);
  const oplogTs = intField(b, 'oplogTs', EPOCH_MINIMUM);
  const oplogInc = intField(b, 'oplogInc', 1);
  const nowMs = ctx.nowMs;

  if (deliveryType === 'download') {
    for (const f of ['targetGroupId', 'targetClusterName'] as const) {
      if (b[f] !== undefined)
        throw validation(f, `${f} is for automated and pointInTime restores, not for a download.`);
    }
  }
  if (deliveryType !== 'pointInTime') {
    for (const f of ['pointInTimeUTCSeconds', 'oplogTs', 'oplogInc'] as const) {
      if (b[f] !== undefined) throw validation(f, `${f} is only for a pointInTime restore.`);
    }
    if (snapshotId === undefined) throw Errors.missingAttribute('snapshotId');
  }

  let snap: Snapshot | undefined;
  let atSeconds: number | undefined;
  if (deliveryType === 'pointInTime') {
    if (pit !== undefined && (oplogTs !== undefined || oplogInc !== undefined)) {
      throw validation(
        'pointInTimeUTCSeconds',
        'Specify either pointInTimeUTCSeconds or oplogTs with oplogInc for a point-in-time restore, not both.',
      );
    }
    if (pit === undefined && oplogTs === undefined && oplogInc === undefined)
      throw Errors.missingAttribute('pointInTimeUTCSeconds');
    if (pit === undefined && (oplogTs === undefined) !== (oplogInc === undefined))
      throw Errors.missingAttribute(oplogTs === undefined ? 'oplogTs' : 'oplogInc');
    if (!source.pitEnabled) {
      throw validation(
        'deliveryType',
        `Continuous Cloud Backup is not enabled for cluster ${source.name}; a point-in-time restore needs it.`,
      );
    }
    atSeconds = pit ?? oplogTs ?? 0;
    const field = pit !== undefined ? 'pointInTimeUTCSeconds' : 'oplogTs';
    const w = restorableWindow(source, nowMs);
    if (!w || atSeconds * 1000 < w.fromMs || atSeconds * 1000 > w.toMs) {
      throw validation(
        field,
        w
          ? `${field} ${atSeconds} (${iso(atSeconds * 1000)}) is outside the restorable window of ${source.name}, from ${iso(w.fromMs)} to ${iso(w.toMs)}.`
          : `${source.name} has no completed snapshot yet, so there is no point in time to restore.`,
      );
    }
  }
  const live = liveSnapshots(source, nowMs);
  if (snapshotId !== undefined) {
    snap = live.find((s) => s.id === snapshotId);
    if (!snap) throw Errors.snapshotNotFound(snapshotId, source.name);
    if (snapshotStatus(snap, nowMs) !== 'completed') {
      throw validation(
        'snapshotId',
        `Snapshot ${snapshotId} is not completed yet; only a completed snapshot can be restored.`,
      );
    }
  } else {
    // A point in time is replayed on top of the newest completed snapshot taken at or before it.
    const at = (atSeconds ?? 0) * 1000;
    snap = live.find((s) => s.createdAtMs <= at && snapshotStatus(s, nowMs) === 'completed');
    if (!snap)
      throw validation('pointInTimeUTCSeconds', `No completed snapshot of ${source.name} precedes that point in time.`);
  }

  if (deliveryType !== 'download') checkTarget(ctx, source, snap, b);

  const settings = restoreSettings(ctx.state);
  const fails = settings.failNext > 0;
  if (fails) ctx.state.restoreSettings = { ...settings, failNext: settings.failNext - 1 };
  const job: RestoreJob = {
    id: nextId(ctx.state, 'restoreJob'),
    deliveryType,
    snapshotId: snap.id,
    snapshotCreatedAtMs: snap.createdAtMs,
    createdAtMs: nowMs,
    durationMs: restoreDurationMs(snap.storageSizeBytes, settings),
    fails,
    components: componentsOf(source),
  };
  if (deliveryType !== 'download') {
    job.targetGroupId = b.targetGroupId as string;
    job.targetClusterName = b.targetClusterName as string;
  }
  if (pit !== undefined) job.pointInTimeUTCSeconds = pit;
  if (oplogTs !== undefined) job.oplogTs = oplogTs;
  if (oplogInc !== undefined) job.oplogInc = oplogInc;
  source.restoreJobs = [job, ...(source.restoreJobs ?? [])];
  return { status: 200, body: renderRestoreJob(source, job, nowMs, ctx.base) };
}

function findJob(c: Cluster, ctx: RequestContext): RestoreJob {
  const j = (c.restoreJobs ?? []).find((x) => x.id === ctx.params.restoreJobId);
  if (!j) throw Errors.resourceNotFound(ctx.url.pathname);
  return j;
}

function notCancellable(code: string, detail: string): SimApiError {
  return new SimApiError(405, code, detail, { headers: { Allow: 'GET' } });
}

function cancelJob(ctx: RequestContext) {
  const c = findCluster(ctx);
  const j = findJob(c, ctx);
  const v = viewOf(j, ctx.nowMs);
  const id = j.id;
  if (v.cancelled) throw notCancellable('RESTORE_JOB_NOT_CANCELLABLE', `Restore job ${id} is already cancelled.`);
  if (v.failed)
    throw notCancellable('RESTORE_JOB_NOT_CANCELLABLE', `Restore job ${id} has failed; there is nothing to cancel.`);
  if (v.expired)
    throw notCancellable('RESTORE_JOB_NOT_CANCELLABLE', `Restore job ${id} has expired; there is nothing to cancel.`);
  if (j.deliveryType !== 'download') {
    if (v.finishedAtMs !== undefined)
      throw notCancellable(
        'RESTORE_JOB_NOT_CANCELLABLE',
        `Restore job ${id} has finished; a finished restore cannot be cancelled.`,
      );
    if (shardedType(c))
      throw notCancellable(
        'ATLAS_BACKUP_CANCEL_SHARD_RESTORE_JOB_NOT_ALLOWED',
        `Restore job ${id} restores a sharded cluster; a sharded restore cannot be cancelled once it started.`,
      );
  }
  j.cancelledAtMs = ctx.nowMs;
  return { status: 204 };
}

export const restoreRoutes: Route[] = [
  {
    method: 'GET',
    pattern: RESTORE_JOBS,
    versions: V2023,
    permission: 'restoreRead',
    handler: (ctx) => {
      const c = findCluster(ctx);
      const p = pageParams(ctx.query);
      return {
        status: 200,
        body: page(c.restoreJobs ?? [], p, ctx.url, (j) => renderRestoreJob(c, j, ctx.nowMs, ctx.base)),
      };
    },
  },
  { method: 'POST', pattern: RESTORE_JOBS, versions: V2023, permission: 'restoreWrite', handler: createJob },
  {
    method: 'GET',
    pattern: `${RESTORE_JOBS}/{restoreJobId}`,
    versions: V2023,
    permission: 'restoreRead',
    handler: (ctx) => {
      const c = findCluster(ctx);
      return { status: 200, body: renderRestoreJob(c, findJob(c, ctx), ctx.nowMs, ctx.base) };
    },
  },
  {
    method: 'DELETE',
    pattern: `${RESTORE_JOBS}/{restoreJobId}`,
    versions: V2023,
    permission: 'restoreWrite',
    handler: cancelJob,
  },
];
