// Snapshot exports to object storage: the project's cloud provider access roles, its export buckets (2023-01-01 in
// the AWS-only shape, 2024-05-30 for every provider) and each cluster's export jobs (2023-01-01). Jobs live on the
// injected clock like restore jobs: Queued, then InProgress one collection at a time, then Successful or Failed;
// everything they say is derived at read time. Choices the spec and docs leave open are in README.md.
import { createHash } from 'node:crypto';
import { Errors, SimApiError } from './apiError';
import {
  DEFAULT_EXPORT_SETTINGS,
  nextId,
  type AccessRole,
  type Cluster,
  type ExportBucket,
  type ExportJob,
  type ExportSettings,
  type Project,
  type SimState,
} from './model';
import { page, pageParams } from './paging';
import { ORG_NAME } from './projectHandlers';
import { iso, snapshotStatus } from './render';
import { contentsOf } from './snapshotContents';
import { findCluster, findProject, type RequestContext, type Route } from './routes';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const BUCKETS = '/groups/{groupId}/backup/exportBuckets';
const EXPORTS = '/groups/{groupId}/clusters/{clusterName}/backup/exports';
const HEX24 = /^([a-f0-9]{24})$/;
const V2023 = ['2023-01-01'];
const BUCKET_VERSIONS = ['2023-01-01', '2024-05-30'];
const PROVIDERS = ['AWS', 'AZURE', 'GCP'] as const;

export function exportSettings(state: SimState): ExportSettings {
  return state.exportSettings ?? { ...DEFAULT_EXPORT_SETTINGS };
}

/** A stable UUID-shaped value derived from a name (external ids, tenant ids). */
function uuidFor(name: string): string {
  const h = createHash('sha1').update(`atlas-sim/uuid/${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const slug = (s: string, n: number) =>
  createHash('sha1')
    .update(s)
    .digest('hex')
    .replace(/[^0-9a-z]/g, '')
    .padEnd(n, '0')
    .slice(0, n);

function validation(field: string, detail: string, code = 'VALIDATION_ERROR'): SimApiError {
  return new SimApiError(400, code, detail, { parameters: [field], fields: [{ field, description: detail }] });
}

// ---- cloud provider access roles ----

function bucketsUsing(p: Project, roleId: string): ExportBucket[] {
  return (p.exportBuckets ?? []).filter((b) => b.roleId === roleId);
}

function renderRole(p: Project, r: AccessRole): Obj {
  const featureUsages = bucketsUsing(p, r.id).map((b) => ({
    featureType: 'EXPORT_SNAPSHOT',
    featureId: { exportBucketId: b.id, groupId: p.id },
  }));
  const created = iso(r.createdAtMs);
  switch (r.providerName) {
    case 'AWS':
      return {
        providerName: 'AWS',
        roleId: r.id,
        atlasAWSAccountArn: 'arn:aws:iam::536727724300:root',
        atlasAssumedRoleExternalId: uuidFor(r.id),
        createdDate: created,
        featureUsages,
        ...(r.authorizedAtMs !== undefined
          ? { authorizedDate: iso(r.authorizedAtMs), iamAssumedRoleArn: `arn:aws:iam::123456789012:role/${r.name}` }
          : {}),
      };
    case 'AZURE':
      return {
        providerName: 'AZURE',
        _id: r.id,
        atlasAzureAppId: uuidFor(`app/${r.id}`),
        createdDate: created,
        featureUsages,
        lastUpdatedDate: iso(r.authorizedAtMs ?? r.createdAtMs),
        servicePrincipalId: uuidFor(`sp/${r.id}`),
        tenantId: uuidFor(`tenant/${p.id}`),
      };
    case 'GCP':
      return {
        providerName: 'GCP',
        roleId: r.id,
        createdDate: created,
        featureUsages,
        gcpServiceAccountForAtlas: `mongodb-atlas-${slug(`sa/${r.id}`, 16)}@p-${slug(`p/${p.id}`, 24)}.iam.gserviceaccount.com`,
        status: r.authorizedAtMs !== undefined ? 'COMPLETE' : 'IN_PROGRESS',
      };
  }
}

function listRoles(ctx: RequestContext) {
  const p = findProject(ctx);
  const of = (provider: string) => (p.accessRoles ?? []).filter((r) => r.providerName === provider);
  return {
    status: 200,
    body: {
      awsIamRoles: of('AWS').map((r) => renderRole(p, r)),
      azureServicePrincipals: of('AZURE').map((r) => renderRole(p, r)),
      gcpServiceAccounts: of('GCP').map((r) => renderRole(p, r)),
    },
  };
}

// ---- export buckets ----

function bucketLinks(ctx: RequestContext, b: ExportBucket): Obj[] {
  return [{ href: `${ctx.base}/api/atlas/v2/groups/${ctx.params.groupId}/backup/exportBuckets/${b.id}`, rel: 'self' }];
}

/** The 2023-01-01 shape is AWS's only; the simulator leaves other providers' buckets out of it (see README.md). */
function renderBucket(ctx: RequestContext, p: Project, b: ExportBucket): Obj {
  const common = { _id: b.id, bucketName: b.bucketName, cloudProvider: b.cloudProvider, links: bucketLinks(ctx, b) };
  switch (b.cloudProvider) {
    case 'AWS':
      return {
        ...common,
        iamRoleId: b.roleId,
        region: 'us-east-1',
        requirePrivateNetworking: b.requirePrivateNetworking ?? false,
      };
    case 'AZURE':
      return { ...common, roleId: b.roleId, serviceUrl: b.serviceUrl, tenantId: uuidFor(`tenant/${p.id}`) };
    case 'GCP':
      return { ...common, roleId: b.roleId };
  }
}

function visibleBuckets(ctx: RequestContext, p: Project): ExportBucket[] {
  const all = p.exportBuckets ?? [];
  return ctx.version === '2023-01-01' ? all.filter((b) => b.cloudProvider === 'AWS') : all;
}

/** The DELETE (2023-01-01 only, no body) removes a bucket of any provider; reads see what their version shows. */
function findBucket(ctx: RequestContext, p: Project, anyProvider = false): ExportBucket {
  const b = (anyProvider ? (p.exportBuckets ?? []) : visibleBuckets(ctx, p)).find(
    (x) => x.id === ctx.params.exportBucketId,
  );
  if (!b)
    throw new SimApiError(
      404,
      'EXPORT_BUCKET_NOT_FOUND', // GUESS: code
      `No export bucket with ID ${ctx.params.exportBucketId} exists in group ${p.id}.`,
      { parameters: [ctx.params.exportBucketId] },
    );
  return b;
}

const BUCKET_FIELDS: Record<string, readonly string[]> = {
  AWS: ['cloudProvider', 'bucketName', 'iamRoleId', 'requirePrivateNetworking'],
  AZURE: ['cloudProvider', 'bucketName', 'roleId', 'serviceUrl', 'tenantId'],
  GCP: ['cloudProvider', 'bucketName', 'roleId'],
};

function stringIn(b: Obj, field: string, min: number, max: number): string {
  const v = b[field];
  if (v === undefined) throw Errors.missingAttribute(field);
  if (typeof v !== 'string' || v.length < min || v.length > max)
    throw validation(field, `${field} must be a string of ${min} to ${max} characters.`);
  return v;
}

function createBucket(ctx: RequestContext) {
  const p = findProject(ctx);
  const b = ctx.body();
  if (!isObj(b)) throw new SimApiError(400, 'INVALID_JSON', 'Received JSON does not match expected format.');
  if (b.cloudProvider === undefined) throw Errors.missingAttribute('cloudProvider');
  const allowed = ctx.version === '2023-01-01' ? (['AWS'] as const) : PROVIDERS;
  if (!(allowed as readonly unknown[]).includes(b.cloudProvider))
    throw Errors.invalidEnum('cloudProvider', b.cloudProvider, allowed);
  const provider = b.cloudProvider as ExportBucket['cloudProvider'];
  for (const k of Object.keys(b)) {
    if (!BUCKET_FIELDS[provider].includes(k) && k !== 'links' && k !== '_id' && k !== 'region')
      throw new SimApiError(400, 'INVALID_ATTRIBUTE', `Invalid attribute ${k} specified.`, { parameters: [k] });
  }
  const roleField = provider === 'AWS' ? 'iamRoleId' : 'roleId';
  let serviceUrl: string | undefined;
  let bucketName: string;
  if (provider === 'AZURE') {
    serviceUrl = stringIn(b, 'serviceUrl', 33, 2048);
    let url: URL | undefined;
    try {
      url = new URL(serviceUrl);
    } catch {
      url = undefined;
    }
    if (!url || url.protocol !== 'https:' || !url.hostname.endsWith('.blob.core.windows.net'))
      throw validation(
        'serviceUrl',
        'Only standard Azure storage endpoints (https://…blob.core.windows.net) are supported.',
      );
    const container = url.pathname.split('/').filter(Boolean)[0];
    bucketName = b.bucketName !== undefined ? stringIn(b, 'bucketName', 3, 63) : (container ?? '');
    if (!bucketName)
      throw validation('bucketName', 'bucketName is required when serviceUrl names no storage container.');
  } else {
    bucketName = stringIn(b, 'bucketName', 3, 63);
  }
  if (b.requirePrivateNetworking !== undefined && typeof b.requirePrivateNetworking !== 'boolean')
    throw validation('requirePrivateNetworking', 'requirePrivateNetworking must be true or false.');
  const roleId = b[roleField];
  if (roleId === undefined) throw Errors.missingAttribute(roleField);
  if (typeof roleId !== 'string' || !HEX24.test(roleId))
    throw validation(roleField, `${roleField} ${JSON.stringify(roleId)} does not match the pattern ${HEX24.source}.`);
  const role = (p.accessRoles ?? []).find((r) => r.id === roleId);
  // GUESS: codes; the docs say the role must be a cloud provider access role of the project, authorised, for the
  // bucket's provider.
  if (!role || role.providerName !== provider)
    throw validation(
      roleField,
      `No ${provider} cloud provider access role with ID ${roleId} exists in group ${p.id}.`,
      'CLOUD_PROVIDER_ACCESS_ROLE_NOT_FOUND',
    );
  if (role.authorizedAtMs === undefined)
    throw validation(
      roleField,
      `Cloud provider access role ${roleId} is not authorized; authorize it before using it for snapshot export.`,
      'CLOUD_PROVIDER_ACCESS_ROLE_NOT_AUTHORIZED',
    );
  const bucket: ExportBucket = { id: nextId(ctx.state, 'exportBucket'), cloudProvider: provider, bucketName, roleId };
  if (serviceUrl !== undefined) bucket.serviceUrl = serviceUrl;
  if (provider === 'AWS' && b.requirePrivateNetworking !== undefined)
    bucket.requirePrivateNetworking = b.requirePrivateNetworking;
  p.exportBuckets = [...(p.exportBuckets ?? []), bucket];
  return { status: 200, body: renderBucket(ctx, p, bucket) };
}

/** Clusters of the project whose schedule auto-exports to the bucket. */
export function autoExportersOf(state: SimState, groupId: string, bucketId: string): string[] {
  return [...state.clusters.values()]
    .filter(
      (c) => c.groupId === groupId && c.schedule?.autoExportEnabled && c.schedule.export?.exportBucketId === bucketId,
    )
    .map((c) => c.name);
}

function deleteBucket(ctx: RequestContext) {
  const p = findProject(ctx);
  const b = findBucket(ctx, p, true);
  const users = autoExportersOf(ctx.state, p.id, b.id);
  if (users.length)
    throw validation(
      'exportBucketId',
      `Export bucket ${b.id} is used by the automatic export of ${users.join(', ')}; disable auto export on those clusters before deleting it.`,
      'EXPORT_BUCKET_IN_USE', // GUESS: code; the spec says auto export must be disabled first.
    );
  p.exportBuckets = (p.exportBuckets ?? []).filter((x) => x !== b);
  return { status: 204 };
}

// ---- export jobs ----

export interface ExportJobView {
  state: 'Queued' | 'InProgress' | 'Successful' | 'Failed';
  exportedCollections: number;
  finishedAtMs?: number;
}

/** Failing jobs stop halfway through their collections. */
function endOf(j: ExportJob): number {
  const n = j.fails ? Math.ceil(j.totalCollections / 2) : j.totalCollections;
  return j.startMs + Math.max(1, n) * j.msPerCollection;
}

export function exportViewOf(j: ExportJob, nowMs: number): ExportJobView {
  if (nowMs < j.startMs) return { state: 'Queued', exportedCollections: 0 };
  const end = endOf(j);
  const done = Math.min(j.totalCollections, Math.floor((Math.min(nowMs, end) - j.startMs) / j.msPerCollection));
  if (nowMs < end) return { state: 'InProgress', exportedCollections: done };
  return { state: j.fails ? 'Failed' : 'Successful', exportedCollections: done, finishedAtMs: end };
}

/** `/exported_snapshots/{ORG-NAME}/{PROJECT-NAME}/{CLUSTER-NAME}/{SNAPSHOT-INITIATION-DATE}/{TIMESTAMP}`. */
function prefixOf(p: Project, c: Cluster, j: ExportJob): string {
  const date = iso(j.snapshotCreatedAtMs).slice(0, 16).replace(':', '');
  return `/exported_snapshots/${ORG_NAME}/${p.name}/${c.name}/${date}/${Math.floor(j.startMs / 1000)}`;
}

export function renderExportJob(ctx: RequestContext, p: Project, c: Cluster, j: ExportJob): Obj {
  const v = exportViewOf(j, ctx.nowMs);
  const out: Obj = {
    id: j.id,
    snapshotId: j.snapshotId,
    exportBucketId: j.exportBucketId,
    customData: j.customData.map((l) => ({ ...l })),
    createdAt: iso(j.createdAtMs),
    state: v.state,
    exportStatus: { exportedCollections: v.exportedCollections, totalCollections: j.totalCollections },
  };
  if (v.state !== 'Queued') out.prefix = prefixOf(p, c, j);
  if (v.finishedAtMs !== undefined) out.finishedAt = iso(v.finishedAtMs);
  if (v.state === 'Failed')
    out.stateReason = {
      errorCode: 'EXPORT_FAILED', // GUESS: code
      message: `The export of snapshot ${j.snapshotId} failed after ${v.exportedCollections} of ${j.totalCollections} collections.`,
    };
  if (j.components.length)
    out.components = j.components.map((rs) => ({ exportId: nextIdFor(j.id, rs), replicaSetName: rs }));
  out.links = [
    { href: `${ctx.base}/api/atlas/v2/groups/${c.groupId}/clusters/${c.name}/backup/exports/${j.id}`, rel: 'self' },
  ];
  return out;
}

function nextIdFor(jobId: string, rs: string): string {
  return createHash('sha1').update(`atlas-sim/exportMember/${jobId}/${rs}`).digest('hex').slice(0, 24);
}

function componentsOf(c: Cluster): string[] {
  if (c.clusterType === 'REPLICASET') return [];
  const shards = c.zones.reduce((n, z) => n + z.shardSpecIds.length, 0);
  return [...Array.from({ length: shards }, (_, i) => `${c.name}-shard-${i}`), `${c.name}-config-0`];
}

const JOB_FIELDS = new Set(['snapshotId', 'exportBucketId', 'customData']);
const JOB_READ_ONLY = new Set([
  'id',
  'components',
  'createdAt',
  'exportStatus',
  'finishedAt',
  'links',
  'prefix',
  'state',
  'stateReason',
]);

function roleUsable(p: Project, b: ExportBucket): boolean {
  const r = (p.accessRoles ?? []).find((x) => x.id === b.roleId);
  return !!r && r.authorizedAtMs !== undefined;
}

function createExport(ctx: RequestContext) {
  const p = findProject(ctx);
  const c = findCluster(ctx);
  if (!c.backupEnabled || !c.schedule)
    throw new SimApiError(400, 'BACKUP_JOB_NOT_FOUND', 'Backups are not enabled for this cluster.');
  const b = ctx.body();
  if (!isObj(b)) throw new SimApiError(400, 'INVALID_JSON', 'Received JSON does not match expected format.');
  for (const k of Object.keys(b)) {
    if (!JOB_FIELDS.has(k) && !JOB_READ_ONLY.has(k))
      throw new SimApiError(400, 'INVALID_ATTRIBUTE', `Invalid attribute ${k} specified.`, { parameters: [k] });
  }
  for (const f of ['snapshotId', 'exportBucketId'] as const) {
    if (b[f] === undefined) throw Errors.missingAttribute(f);
    if (typeof b[f] !== 'string' || !HEX24.test(b[f]))
      throw validation(f, `${f} ${JSON.stringify(b[f])} does not match the pattern ${HEX24.source}.`);
  }
  const customData: ExportJob['customData'] = [];
  if (b.customData !== undefined) {
    if (!Array.isArray(b.customData)) throw validation('customData', 'customData must be a list of { key, value }.');
    for (const l of b.customData as unknown[]) {
      if (!isObj(l) || typeof l.key !== 'string' || typeof l.value !== 'string' || !l.key)
        throw validation('customData', 'Each customData entry needs a string key and a string value.');
      customData.push({ key: l.key, value: l.value });
    }
  }
  const snapshotId = b.snapshotId as string;
  const bucketId = b.exportBucketId as string;
  const snap = c.snapshots.find((s) => s.id === snapshotId && s.expiresAtMs > ctx.nowMs);
  if (!snap) throw Errors.snapshotNotFound(snapshotId, c.name);
  if (snapshotStatus(snap, ctx.nowMs) !== 'completed')
    throw validation(
      'snapshotId',
      `Snapshot ${snapshotId} is not completed yet; only a completed snapshot can be exported.`,
    );
  const bucket = (p.exportBuckets ?? []).find((x) => x.id === bucketId);
  if (!bucket)
    throw new SimApiError(
      404,
      'EXPORT_BUCKET_NOT_FOUND',
      `No export bucket with ID ${bucketId} exists in group ${p.id}.`,
      {
        parameters: [bucketId],
      },
    );
  if (!roleUsable(p, bucket))
    throw validation(
      'exportBucketId',
      `The cloud provider access role ${bucket.roleId} of export bucket ${bucketId} is not authorized; authorize it before exporting.`,
      'CLOUD_PROVIDER_ACCESS_ROLE_NOT_AUTHORIZED',
    );
  const busy = (c.exportJobs ?? []).find(
    (j) =>
      j.snapshotId === snapshotId &&
      j.exportBucketId === bucketId &&
      exportViewOf(j, ctx.nowMs).finishedAtMs === undefined,
  );
  if (busy)
    throw new SimApiError(
      409,
      'EXPORT_ALREADY_IN_PROGRESS', // GUESS: code; the spec declares a 409 for this operation.
      `Snapshot ${snapshotId} is already being exported to bucket ${bucketId} (export ${busy.id}).`,
      { parameters: [snapshotId] },
    );
  const settings = exportSettings(ctx.state);
  const fails = settings.failNext > 0;
  if (fails) ctx.state.exportSettings = { ...settings, failNext: settings.failNext - 1 };
  // Jobs of one cluster run one after another: a new one waits for the ones still unfinished.
  const previousEnd = Math.max(0, ...(c.exportJobs ?? []).map(endOf));
  const job: ExportJob = {
    id: nextId(ctx.state, 'exportJob'),
    snapshotId,
    snapshotCreatedAtMs: snap.createdAtMs,
    exportBucketId: bucketId,
    customData,
    createdAtMs: ctx.nowMs,
    startMs: Math.max(ctx.nowMs + settings.queueSeconds * 1000, previousEnd),
    msPerCollection: Math.max(1, settings.secondsPerCollection * 1000),
    totalCollections: [...contentsOf(c, snap).values()].reduce((n, cols) => n + cols.length, 0),
    fails,
    components: componentsOf(c),
  };
  c.exportJobs = [job, ...(c.exportJobs ?? [])];
  return { status: 200, body: renderExportJob(ctx, p, c, job) };
}

function findExport(c: Cluster, ctx: RequestContext): ExportJob {
  const j = (c.exportJobs ?? []).find((x) => x.id === ctx.params.exportId);
  if (!j) throw Errors.resourceNotFound(ctx.url.pathname);
  return j;
}

export const exportRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/groups/{groupId}/cloudProviderAccess',
    versions: V2023,
    permission: 'read',
    handler: listRoles,
  },
  {
    method: 'GET',
    pattern: BUCKETS,
    versions: BUCKET_VERSIONS,
    permission: 'read',
    handler: (ctx) => {
      const p = findProject(ctx);
      return {
        status: 200,
        body: page(visibleBuckets(ctx, p), pageParams(ctx.query), ctx.url, (b) => renderBucket(ctx, p, b)),
      };
    },
  },
  { method: 'POST', pattern: BUCKETS, versions: BUCKET_VERSIONS, permission: 'bucketWrite', handler: createBucket },
  {
    method: 'GET',
    pattern: `${BUCKETS}/{exportBucketId}`,
    versions: BUCKET_VERSIONS,
    permission: 'read',
    handler: (ctx) => {
      const p = findProject(ctx);
      return { status: 200, body: renderBucket(ctx, p, findBucket(ctx, p)) };
    },
  },
  {
    method: 'DELETE',
    pattern: `${BUCKETS}/{exportBucketId}`,
    versions: V2023,
    permission: 'bucketWrite',
    handler: deleteBucket,
  },
  {
    method: 'GET',
    pattern: EXPORTS,
    versions: V2023,
    permission: 'exportRead',
    handler: (ctx) => {
      const p = findProject(ctx);
      const c = findCluster(ctx);
      return {
        status: 200,
        body: page(c.exportJobs ?? [], pageParams(ctx.query), ctx.url, (j) => renderExportJob(ctx, p, c, j)),
      };
    },
  },
  { method: 'POST', pattern: EXPORTS, versions: V2023, permission: 'exportWrite', handler: createExport },
  {
    method: 'GET',
    pattern: `${EXPORTS}/{exportId}`,
    versions: V2023,
    permission: 'exportRead',
    handler: (ctx) => {
      const p = findProject(ctx);
      const c = findCluster(ctx);
      return { status: 200, body: renderExportJob(ctx, p, c, findExport(c, ctx)) };
    },
  },
];
