// Flex clusters and their backups (2024-11-13): the clusters of a project, their daily snapshots, a download (a
// `snapshotUrl` valid for four hours) and restore jobs onto a Flex or dedicated cluster. A restore job's `status`
// is derived at read time on the injected clock: PENDING, QUEUED, RUNNING, then COMPLETED or FAILED. The spec
// declares no way to cancel a Flex restore job. Choices the spec leaves open are in README.md.
import { Errors, SimApiError } from './apiError';
import { nextId, type FlexCluster, type FlexRestoreJob, type FlexSnapshot } from './model';
import { page, pageParams } from './paging';
import { iso } from './render';
import { compareVersions, restoreDurationMs, restoreSettings } from './restoreHandlers';
import { findProject, type RequestContext, type Route } from './routes';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const V2024 = ['2024-11-13'];
const FLEX = '/groups/{groupId}/flexClusters';
const HEX24 = /^([a-f0-9]{24})$/;
const DEPLOYMENT_NAME = /^[\p{L}\p{N}\-_.(),:&@+']{1,64}$/u;
/** A download link works for four hours after the request. */
export const FLEX_DOWNLOAD_TTL_MS = 4 * 3_600_000;
/** What a Flex snapshot weighs for a restore's duration (Flex clusters hold at most 5 GB). */
const FLEX_SNAPSHOT_BYTES = 2 * 1024 ** 3;
/** A restore job's phases as fractions of its duration: pending, then queued, then running. */
const QUEUED_AT = 0.1;
const RUNNING_AT = 0.25;

export type FlexStatus = 'PENDING' | 'QUEUED' | 'RUNNING' | 'FAILED' | 'COMPLETED';

export function flexJobStatus(j: FlexRestoreJob, nowMs: number): FlexStatus {
  const elapsed = nowMs - j.createdAtMs;
  if (elapsed >= j.durationMs) return j.fails ? 'FAILED' : 'COMPLETED';
  if (elapsed >= j.durationMs * RUNNING_AT) return 'RUNNING';
  if (elapsed >= j.durationMs * QUEUED_AT) return 'QUEUED';
  return 'PENDING';
}

const selfLink = (ctx: RequestContext, path: string) => [
  { href: `${ctx.base}/api/atlas/v2/groups/${ctx.params.groupId}/flexClusters/${path}`, rel: 'self' },
];

function renderFlexCluster(f: FlexCluster, ctx: RequestContext): Obj {
  const host = `${f.name.toLowerCase()}.${f.groupId.slice(-5)}.mongodb.net`;
  return {
    backupSettings: { enabled: true },
    clusterType: 'REPLICASET',
    connectionStrings: { standardSrv: `mongodb+srv://${host}` },
    createDate: iso(f.createDateMs),
    groupId: f.groupId,
    id: f.id,
    links: selfLink(ctx, f.name),
    mongoDBVersion: f.mongoDBVersion,
    name: f.name,
    providerSettings: {
      backingProviderName: f.backingProviderName,
      diskSizeGB: f.diskSizeGB,
      providerName: 'FLEX',
      regionName: f.regionName,
    },
    stateName: 'IDLE',
    tags: [],
    terminationProtectionEnabled: false,
    versionReleaseSystem: 'LTS',
  };
}

function renderFlexSnapshot(f: FlexCluster, s: FlexSnapshot, ctx: RequestContext): Obj {
  return {
    expiration: iso(s.expiresAtMs),
    finishTime: iso(s.finishMs),
    id: s.id,
    links: selfLink(ctx, `${f.name}/backup/snapshots/${s.id}`),
    mongoDBVersion: s.mongoDBVersion,
    scheduledTime: iso(s.startMs),
    startTime: iso(s.startMs),
    status: 'COMPLETED',
  };
}

function downloadUrl(f: FlexCluster, j: FlexRestoreJob): string {
  return `https://flex-backups-${f.groupId.slice(-5)}.s3.amazonaws.com/${f.name}/${j.snapshotId}.tar.gz?job=${j.id}`;
}

export function renderFlexRestoreJob(f: FlexCluster, j: FlexRestoreJob, nowMs: number, base: string): Obj {
  const status = flexJobStatus(j, nowMs);
  const out: Obj = {
    deliveryType: j.deliveryType,
    id: j.id,
    instanceName: f.name,
    links: [
      {
        href: `${base}/api/atlas/v2/groups/${f.groupId}/flexClusters/${f.name}/backup/restoreJobs/${j.id}`,
        rel: 'self',
      },
    ],
    projectId: f.groupId,
    restoreScheduledDate: iso(j.createdAtMs),
    snapshotFinishedDate: iso(j.snapshotFinishMs),
    snapshotId: j.snapshotId,
    status,
  };
  if (status === 'COMPLETED') out.restoreFinishedDate = iso(j.createdAtMs + j.durationMs);
  if (j.deliveryType === 'DOWNLOAD') {
    // The link is given with the answer to the request and works for four hours from it.
    out.expirationDate = iso(j.createdAtMs + FLEX_DOWNLOAD_TTL_MS);
    if (status !== 'FAILED') out.snapshotUrl = downloadUrl(f, j);
  } else {
    out.targetDeploymentItemName = j.targetDeploymentItemName;
    out.targetProjectId = j.targetProjectId;
  }
  return out;
}

function flexNotFound(name: string, groupId: string): SimApiError {
  // GUESS: code and wording, after CLUSTER_NOT_FOUND.
  return new SimApiError(404, 'FLEX_CLUSTER_NOT_FOUND', `No Flex cluster named ${name} exists in group ${groupId}.`, {
    parameters: [name, groupId],
  });
}

function findFlex(ctx: RequestContext): FlexCluster {
  const g = findProject(ctx);
  const f = ctx.state.flexClusters.find((x) => x.groupId === g.id && x.name === ctx.params.name);
  if (!f) throw flexNotFound(ctx.params.name, g.id);
  return f;
}

function validation(field: string, detail: string): SimApiError {
  return new SimApiError(400, 'VALIDATION_ERROR', detail, {
    parameters: [field],
    fields: [{ field, description: detail }],
  });
}

/** The body's fields: writable ones checked, read-only ones (echoed from a GET) ignored, others refused. */
function bodyOf(ctx: RequestContext, writable: string[], readOnly: string[]): Obj {
  const b = ctx.body();
  if (!isObj(b)) throw new SimApiError(400, 'INVALID_JSON', 'Received JSON does not match expected format.');
  for (const k of Object.keys(b)) {
    if (!writable.includes(k) && !readOnly.includes(k))
      throw new SimApiError(400, 'INVALID_ATTRIBUTE', `Invalid attribute ${k} specified.`, { parameters: [k] });
  }
  return b;
}

function snapshotFrom(f: FlexCluster, b: Obj, nowMs: number): FlexSnapshot {
  if (b.snapshotId === undefined) throw Errors.missingAttribute('snapshotId');
  if (typeof b.snapshotId !== 'string' || !HEX24.test(b.snapshotId))
    throw validation('snapshotId', `snapshotId ${JSON.stringify(b.snapshotId)} does not match ${HEX24.source}.`);
  const s = f.snapshots.find((x) => x.id === b.snapshotId && x.expiresAtMs > nowMs);
  if (!s) throw Errors.snapshotNotFound(b.snapshotId, f.name);
  return s;
}

function newJob(ctx: RequestContext, s: FlexSnapshot, deliveryType: FlexRestoreJob['deliveryType']) {
  const settings = restoreSettings(ctx.state);
  const fails = settings.failNext > 0;
  if (fails) ctx.state.restoreSettings = { ...settings, failNext: settings.failNext - 1 };
  const job: FlexRestoreJob = {
    id: nextId(ctx.state, 'flexRestoreJob'),
    deliveryType,
    snapshotId: s.id,
    snapshotFinishMs: s.finishMs,
    createdAtMs: ctx.nowMs,
    // A download is an archive Atlas already keeps: ready with the answer. A restore takes time.
    durationMs: deliveryType === 'DOWNLOAD' ? 0 : restoreDurationMs(FLEX_SNAPSHOT_BYTES, settings),
    fails,
  };
  return job;
}

function download(ctx: RequestContext) {
  const f = findFlex(ctx);
  const b = bodyOf(ctx, ['snapshotId'], ['links']);
  const s = snapshotFrom(f, b, ctx.nowMs);
  const job = newJob(ctx, s, 'DOWNLOAD');
  f.restoreJobs = [job, ...f.restoreJobs];
  return { status: 200, body: renderFlexRestoreJob(f, job, ctx.nowMs, ctx.base) };
}

function restore(ctx: RequestContext) {
  const f = findFlex(ctx);
  const b = bodyOf(
    ctx,
    ['snapshotId', 'targetDeploymentItemName', 'targetProjectId'],
    [
      'deliveryType',
      'expirationDate',
      'id',
      'instanceName',
      'links',
      'projectId',
      'restoreFinishedDate',
      'restoreScheduledDate',
      'snapshotFinishedDate',
      'snapshotUrl',
      'status',
    ],
  );
  const s = snapshotFrom(f, b, ctx.nowMs);
  const name = b.targetDeploymentItemName;
  if (name === undefined) throw Errors.missingAttribute('targetDeploymentItemName');
  if (typeof name !== 'string' || !DEPLOYMENT_NAME.test(name))
    throw validation(
      'targetDeploymentItemName',
      `targetDeploymentItemName ${JSON.stringify(name)} is not a valid name.`,
    );
  // Without targetProjectId the target is looked for in the source's own project.
  const projectId = b.targetProjectId === undefined ? f.groupId : b.targetProjectId;
  if (typeof projectId !== 'string' || !HEX24.test(projectId))
    throw validation('targetProjectId', `targetProjectId ${JSON.stringify(projectId)} does not match ${HEX24.source}.`);
  if (!ctx.state.projects.some((p) => p.id === projectId)) throw Errors.groupNotFound(projectId);
  const flexTarget = ctx.state.flexClusters.find((x) => x.groupId === projectId && x.name === name);
  const target = flexTarget ?? ctx.state.clusters.get(`${projectId}/${name}`);
  if (!target) throw Errors.clusterNotFound(name, projectId);
  if (compareVersions(target.mongoDBVersion, s.mongoDBVersion) < 0) {
    throw validation(
      'targetDeploymentItemName',
      `Cannot restore a snapshot taken with MongoDB ${s.mongoDBVersion} onto ${name}, which runs the older MongoDB ${target.mongoDBVersion}; the target must run the same or a newer version.`,
    );
  }
  const job = newJob(ctx, s, 'RESTORE');
  job.targetProjectId = projectId;
  job.targetDeploymentItemName = name;
  f.restoreJobs = [job, ...f.restoreJobs];
  return { status: 200, body: renderFlexRestoreJob(f, job, ctx.nowMs, ctx.base) };
}

export const flexRoutes: Route[] = [
  {
    method: 'GET',
    pattern: FLEX,
    versions: V2024,
    permission: 'read',
    handler: (ctx) => {
      const g = findProject(ctx);
      const mine = ctx.state.flexClusters.filter((f) => f.groupId === g.id);
      return { status: 200, body: page(mine, pageParams(ctx.query), ctx.url, (f) => renderFlexCluster(f, ctx)) };
    },
  },
  {
    method: 'GET',
    pattern: `${FLEX}/{name}`,
    versions: V2024,
    permission: 'read',
    handler: (ctx) => ({ status: 200, body: renderFlexCluster(findFlex(ctx), ctx) }),
  },
  {
    method: 'GET',
    pattern: `${FLEX}/{name}/backup/snapshots`,
    versions: V2024,
    permission: 'read',
    handler: (ctx) => {
      const f = findFlex(ctx);
      const live = f.snapshots.filter((s) => s.expiresAtMs > ctx.nowMs);
      return { status: 200, body: page(live, pageParams(ctx.query), ctx.url, (s) => renderFlexSnapshot(f, s, ctx)) };
    },
  },
  {
    method: 'GET',
    pattern: `${FLEX}/{name}/backup/snapshots/{snapshotId}`,
    versions: V2024,
    permission: 'read',
    handler: (ctx) => {
      const f = findFlex(ctx);
      const s = f.snapshots.find((x) => x.id === ctx.params.snapshotId && x.expiresAtMs > ctx.nowMs);
      if (!s) throw Errors.snapshotNotFound(ctx.params.snapshotId, f.name);
      return { status: 200, body: renderFlexSnapshot(f, s, ctx) };
    },
  },
  {
    method: 'POST',
    pattern: `${FLEX}/{name}/backup/download`,
    versions: V2024,
    permission: 'restoreWrite',
    handler: download,
  },
  {
    method: 'GET',
    pattern: `${FLEX}/{name}/backup/restoreJobs`,
    versions: V2024,
    permission: 'read',
    handler: (ctx) => {
      const f = findFlex(ctx);
      const body = page(f.restoreJobs, pageParams(ctx.query), ctx.url, (j) =>
        renderFlexRestoreJob(f, j, ctx.nowMs, ctx.base),
      );
      return { status: 200, body };
    },
  },
  {
    method: 'POST',
    pattern: `${FLEX}/{name}/backup/restoreJobs`,
    versions: V2024,
    permission: 'restoreWrite',
    handler: restore,
  },
  {
    method: 'GET',
    pattern: `${FLEX}/{name}/backup/restoreJobs/{restoreJobId}`,
    versions: V2024,
    permission: 'read',
    handler: (ctx) => {
      const f = findFlex(ctx);
      const j = f.restoreJobs.find((x) => x.id === ctx.params.restoreJobId);
      if (!j) throw Errors.resourceNotFound(ctx.url.pathname);
      return { status: 200, body: renderFlexRestoreJob(f, j, ctx.nowMs, ctx.base) };
    },
  },
];
