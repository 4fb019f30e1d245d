// The only code in the extension that talks to Atlas. The tree, the editor, the push command and the CLI call these
// methods; none of them builds a URL, picks a version or handles a status code. Imports no `vscode`.

import { AtlasApiError, AtlasAuthError, AtlasCancelledError } from './errors';
import { DigestAuth, ServiceAccountAuth, type AuthStrategy, type TokenResponse } from './auth';
import { secretsOf, type Credentials } from './credentials';
import { HostLimiter } from './hostLimiter';
import { OPERATIONS, mediaType, type OperationId } from './operations';
import {
  clusterNameSegment,
  collectionNameSegment,
  databaseNameSegment,
  exportBucketIdSegment,
  exportIdSegment,
  groupIdSegment,
  InvalidPathParameterError,
  normalizeBaseUrl,
  restoreJobIdSegment,
  snapshotIdSegment,
} from './paths';
import type { RetryOptions } from './retryPolicy';
import { toScheduleUpdate } from './toScheduleUpdate';
import { MAX_TIMER_MS, Transport, defaultFetch, type FetchLike, type RequestLogEntry } from './transport';
import type {
  BackupSchedule,
  CloudProviderAccessRoles,
  ClusterDescription,
  CollectionRestoreCollectionState,
  CollectionRestoreJob,
  CollectionStateFilter,
  CreateCollectionRestoreJobRequest,
  CreateFlexRestoreJobRequest,
  CreateExportBucketRequest,
  CreateExportJobRequest,
  CreateRestoreJobRequest,
  FlexCluster,
  FlexRestoreJob,
  FlexSnapshot,
  ExportBucket,
  ExportJob,
  OrgGroupClusters,
  CompliancePolicy,
  Group,
  LegacySnapshot,
  Link,
  ReplicaSetSnapshot,
  RestoreJob,
  ShardedClusterSnapshot,
  Snapshot,
  SnapshotNamespace,
  SnapshotRetention,
  TakeSnapshotRequest,
} from './types';

export interface AtlasClientOptions {
  /** e.g. 'https://cloud.mongodb.com' (trailing slash tolerated); http/https only. */
  baseUrl: string;
  credentials: Credentials;
  /** e.g. 'atlas-backup-vscode/0.1.0 (vscode 1.100.3; node 20.20.2; linux)' */
  userAgent: string;
  /** Default: Node's http/https (which VS Code's proxy support patches), see httpFetch.ts. */
  fetch?: FetchLike;
  /** Per attempt: the answer starts and ends within it. Default 30 000; at most 2^31 - 1 (what a timer can hold). */
  timeoutMs?: number;
  /** The largest answer read. Default 32 MiB (DEFAULT_MAX_RESPONSE_BYTES). */
  maxResponseBytes?: number;
  /** The longest silence in the middle of an answer. Default 10 000 (DEFAULT_IDLE_TIMEOUT_MS). */
  idleTimeoutMs?: number;
  /** Default 4: a big tree never floods Atlas. */
  maxInFlightPerHost?: number;
  retry?: RetryOptions;
  onRequest?: (e: RequestLogEntry) => void;
  /** Clock for token expiry and rate-limit pauses; injectable. */
  now?: () => number;
}

export interface PageOptions {
  pageNum?: number;
  /** 1..500; Atlas's default is 100. */
  itemsPerPage?: number;
  signal?: AbortSignal;
}

export interface Page<T> {
  results: T[];
  /** Atlas's estimate of the total; absent when Atlas omits it. */
  totalCount?: number;
  pageNum: number;
  itemsPerPage: number;
  /** Whether another page should be asked for ("Load more"). */
  hasNext: boolean;
}

export interface ListOptions {
  itemsPerPage?: number;
  signal?: AbortSignal;
}

export interface SignalOptions {
  signal?: AbortSignal;
}

/** Extra filters of the cloud snapshot list (2026 spec). `pointInTimeUtcSeconds` excludes the oplog pair. */
export interface SnapshotListFilter {
  pointInTimeUtcSeconds?: number;
  oplogTs?: number;
  oplogInc?: number;
}

export interface LegacySnapshotListFilter {
  /** Atlas defaults to 'true' (only completed snapshots). */
  completed?: 'all' | 'true' | 'false';
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_IN_FLIGHT = 4;
export const DEFAULT_ITEMS_PER_PAGE = 100;
export const MAX_ITEMS_PER_PAGE = 500;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Whether to ask for another page: not after a short or empty page, not once totalCount is reached, and not when
 * Atlas sent links without a `next` one. Any one of these stops, so a server that omits one signal still ends.
 */
export function hasNextPage(
  resultCount: number,
  pageNum: number,
  itemsPerPage: number,
  totalCount: number | undefined,
  links: Link[] | undefined,
): boolean {
  if (resultCount === 0 || resultCount < itemsPerPage) return false;
  if (totalCount !== undefined && pageNum * itemsPerPage >= totalCount) return false;
  if (links && links.length > 0 && !links.some((l) => l.rel === 'next')) return false;
  return true;
}

function checkPageOptions(o: PageOptions): { pageNum: number; itemsPerPage: number } {
  const pageNum = o.pageNum ?? 1;
  const itemsPerPage = o.itemsPerPage ?? DEFAULT_ITEMS_PER_PAGE;
  if (!Number.isInteger(pageNum) || pageNum < 1)
    throw new RangeError(`pageNum must be an integer of at least 1, not ${pageNum}.`);
  if (!Number.isInteger(itemsPerPage) || itemsPerPage < 1 || itemsPerPage > MAX_ITEMS_PER_PAGE) {
    throw new RangeError(`itemsPerPage must be an integer from 1 to ${MAX_ITEMS_PER_PAGE}, not ${itemsPerPage}.`);
  }
  return { pageNum, itemsPerPage };
}

const HEX24 = /^[a-f0-9]{24}$/;
const CLUSTER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9-]*$/;
/** The spec's minimum for `pointInTimeUTCSeconds` and `oplogTs` (2008-01-01T00:00:00Z). */
const EPOCH_MINIMUM = 1199145600;

function checkField(field: string, value: unknown, ok: boolean, rule: string): void {
  if (!ok) throw new RangeError(`${field} ${JSON.stringify(value)} is not valid: it must ${rule}. Nothing was sent.`);
}

/** The request body with only the fields Atlas reads for this kind of restore, each checked against the spec. */
export function restoreJobBody(r: CreateRestoreJobRequest): Record<string, unknown> {
  const id = (field: string, v: unknown, what: string) =>
    checkField(field, v, typeof v === 'string' && HEX24.test(v), `be a 24-character lower-case hexadecimal ${what}`);
  const target = (t: { targetGroupId: string; targetClusterName: string }) => {
    id('targetGroupId', t.targetGroupId, 'project id');
    checkField(
      'targetClusterName',
      t.targetClusterName,
      typeof t.targetClusterName === 'string' && CLUSTER_NAME.test(t.targetClusterName),
      'be a cluster name (ASCII letters, digits and hyphens)',
    );
    return { targetGroupId: t.targetGroupId, targetClusterName: t.targetClusterName };
  };
  const int = (field: string, v: unknown, min: number) =>
    checkField(
      field,
      v,
      typeof v === 'number' && Number.isInteger(v) && v >= min && v <= 2 ** 31 - 1,
      `be a whole number from ${min}`,
    );
  switch (r.deliveryType) {
    case 'automated':
      id('snapshotId', r.snapshotId, 'snapshot id');
      return { deliveryType: 'automated', snapshotId: r.snapshotId, ...target(r) };
    case 'download':
      id('snapshotId', r.snapshotId, 'snapshot id');
      return { deliveryType: 'download', snapshotId: r.snapshotId };
    case 'pointInTime': {
      const hasPit = r.pointInTimeUTCSeconds !== undefined;
      const hasOplog = r.oplogTs !== undefined || r.oplogInc !== undefined;
      if (hasPit === hasOplog) {
        throw new RangeError(
          hasPit
            ? 'A point-in-time restore takes pointInTimeUTCSeconds or oplogTs with oplogInc, not both. Nothing was sent.'
            : 'A point-in-time restore needs pointInTimeUTCSeconds, or oplogTs with oplogInc. Nothing was sent.',
        );
      }
      if (hasPit) {
        int('pointInTimeUTCSeconds', r.pointInTimeUTCSeconds, EPOCH_MINIMUM);
        return { deliveryType: 'pointInTime', ...target(r), pointInTimeUTCSeconds: r.pointInTimeUTCSeconds };
      }
      if (r.oplogTs === undefined || r.oplogInc === undefined) {
        throw new RangeError(
          `A point-in-time restore by oplog position needs both oplogTs and oplogInc; ${r.oplogTs === undefined ? 'oplogTs' : 'oplogInc'} is missing. Nothing was sent.`,
        );
      }
      int('oplogTs', r.oplogTs, EPOCH_MINIMUM);
      int('oplogInc', r.oplogInc, 1);
      return { deliveryType: 'pointInTime', ...target(r), oplogTs: r.oplogTs, oplogInc: r.oplogInc };
    }
    default: {
      const unknownType = (r as { deliveryType: unknown }).deliveryType;
      throw new RangeError(
        `deliveryType ${JSON.stringify(unknownType)} is not valid: it must be automated, download or pointInTime. Nothing was sent.`,
      );
    }
  }
}

const WRITE_STRATEGIES = ['CREATE_NEW', 'OVERWRITE_EXISTING'] as const;
const INDEX_STRATEGIES = ['ALL', 'NONE', 'ALL_EXCEPT_TTL'] as const;
/** The spec's `maxItems` for a collection restore's `collections` and `databases`. */
const MAX_RESTORE_NAMESPACES = 100;
/** The spec's pattern for a Flex restore's `targetDeploymentItemName`. */
const DEPLOYMENT_NAME = /^[\p{L}\p{N}\-_.(),:&@+']{1,64}$/u;
/** MongoDB's database-name rule on Atlas (no `/ \\ . " $`, space or NUL). */
const DATABASE_NAME = /^[^/\\. "$\0]{1,64}$/;

/** `db.coll` split at the first dot, or undefined when either part is empty or the database name breaks the rule. */
function splitNamespace(ns: unknown): [string, string] | undefined {
  if (typeof ns !== 'string') return undefined;
  const i = ns.indexOf('.');
  if (i <= 0 || i === ns.length - 1) return undefined;
  const db = ns.slice(0, i);
  return DATABASE_NAME.test(db) && !ns.includes('\0') ? [db, ns.slice(i + 1)] : undefined;
}

/**
 * A collection restore's body with only the fields Atlas reads, each checked against the spec and the rules it
 * states: exactly one of `snapshotId`, `pointInTimeUtcSeconds`, or `oplogTs` with `oplogInc`; exactly one of
 * `collections` (`db.coll`) and `databases` (`db`), 1 to 100 each. A bad field throws one line naming it.
 */
export function collectionRestoreJobBody(r: CreateCollectionRestoreJobRequest): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const oneOf = (field: string, v: unknown, allowed: readonly string[]) =>
    checkField(field, v, allowed.includes(v as string), `be one of ${allowed.join(', ')}`);
  oneOf('writeStrategy', r.writeStrategy, WRITE_STRATEGIES);
  oneOf('indexStrategy', r.indexStrategy, INDEX_STRATEGIES);
  checkField(
    'targetGroupId',
    r.targetGroupId,
    typeof r.targetGroupId === 'string' && HEX24.test(r.targetGroupId),
    'be a 24-character lower-case hexadecimal project id',
  );
  checkField(
    'targetClusterName',
    r.targetClusterName,
    typeof r.targetClusterName === 'string' && CLUSTER_NAME.test(r.targetClusterName),
    'be a cluster name (ASCII letters, digits and hyphens)',
  );
  const hasSnapshot = r.snapshotId !== undefined;
  const hasPit = r.pointInTimeUtcSeconds !== undefined;
  const hasOplog = r.oplogTs !== undefined || r.oplogInc !== undefined;
  if ([hasSnapshot, hasPit, hasOplog].filter(Boolean).length !== 1) {
    throw new RangeError(
      'A collection restore takes exactly one of snapshotId, pointInTimeUtcSeconds, or oplogTs with oplogInc. Nothing was sent.',
    );
  }
  const int = (field: string, v: unknown, min: number) =>
    checkField(
      field,
      v,
      typeof v === 'number' && Number.isInteger(v) && v >= min && v <= 2 ** 31 - 1,
      `be a whole number from ${min}`,
    );
  if (hasSnapshot) {
    checkField(
      'snapshotId',
      r.snapshotId,
      typeof r.snapshotId === 'string' && HEX24.test(r.snapshotId),
      'be a 24-character lower-case hexadecimal snapshot id',
    );
    body.snapshotId = r.snapshotId;
  } else if (hasPit) {
    int('pointInTimeUtcSeconds', r.pointInTimeUtcSeconds, EPOCH_MINIMUM);
    body.pointInTimeUtcSeconds = r.pointInTimeUtcSeconds;
  } else {
    if (r.oplogTs === undefined || r.oplogInc === undefined) {
      throw new RangeError(
        `A collection restore by oplog position needs both oplogTs and oplogInc; ${r.oplogTs === undefined ? 'oplogTs' : 'oplogInc'} is missing. Nothing was sent.`,
      );
    }
    int('oplogTs', r.oplogTs, EPOCH_MINIMUM);
    int('oplogInc', r.oplogInc, 1);
    body.oplogTs = r.oplogTs;
    body.oplogInc = r.oplogInc;
  }
  const collections = r.collections ?? [];
  const databases = r.databases ?? [];
  if (collections.length && databases.length)
    throw new RangeError('A collection restore takes collections or databases, not both. Nothing was sent.');
  if (!collections.length && !databases.length)
    throw new RangeError('A collection restore needs at least one collection or database. Nothing was sent.');
  const list = collections.length ? collections : databases;
  const field = collections.length ? 'collections' : 'databases';
  if (list.length > MAX_RESTORE_NAMESPACES)
    throw new RangeError(
      `${field} holds ${list.length} namespaces: a collection restore takes at most ${MAX_RESTORE_NAMESPACES}. Nothing was sent.`,
    );
  const isCollection = (ns: unknown) => splitNamespace(ns) !== undefined;
  const isDatabase = (ns: unknown) => typeof ns === 'string' && DATABASE_NAME.test(ns);
  const valid = collections.length ? isCollection : isDatabase;
  const rule = collections.length
    ? 'be database.collection (split at the first dot)'
    : 'be a database name (1 to 64 characters without / \\ . " $, spaces or NUL)';
  const out = list.map((n, i) => {
    checkField(`${field}[${i}].sourceNamespace`, n.sourceNamespace, valid(n.sourceNamespace), rule);
    if (n.targetNamespace === undefined || n.targetNamespace === '') return { sourceNamespace: n.sourceNamespace };
    checkField(`${field}[${i}].targetNamespace`, n.targetNamespace, valid(n.targetNamespace), rule);
    return { sourceNamespace: n.sourceNamespace, targetNamespace: n.targetNamespace };
  });
  body[field] = out;
  body.targetGroupId = r.targetGroupId;
  body.targetClusterName = r.targetClusterName;
  body.writeStrategy = r.writeStrategy;
  body.indexStrategy = r.indexStrategy;
  // A suffix becomes part of a name: a database suffix follows the database-name rule, a collection suffix may hold
  // dots (collection names may) but not `$` or NUL.
  const suffixRules = {
    databaseSuffix: [
      /^[^/\\. "$\0]+$/,
      'be text without / \\ . " $, spaces or NUL (it becomes part of a database name)',
    ],
    collectionSuffix: [/^[^$\0]+$/, 'be text without $ or NUL (it becomes part of a collection name)'],
  } as const;
  for (const f of ['collectionSuffix', 'databaseSuffix'] as const) {
    const v = r[f];
    if (v === undefined || v === '') continue;
    const [re, rule] = suffixRules[f];
    checkField(f, v, typeof v === 'string' && re.test(v), rule);
    body[f] = v;
  }
  return body;
}

/** A Flex restore's body: the snapshot and the target, checked against the spec's patterns. */
export function flexRestoreJobBody(r: CreateFlexRestoreJobRequest): Record<string, unknown> {
  checkField(
    'snapshotId',
    r.snapshotId,
    typeof r.snapshotId === 'string' && HEX24.test(r.snapshotId),
    'be a 24-character lower-case hexadecimal snapshot id',
  );
  checkField(
    'targetDeploymentItemName',
    r.targetDeploymentItemName,
    typeof r.targetDeploymentItemName === 'string' && DEPLOYMENT_NAME.test(r.targetDeploymentItemName),
    "be a cluster name of 1 to 64 letters, digits or - _ . ( ) , : & @ + '",
  );
  const body: Record<string, unknown> = {
    snapshotId: r.snapshotId,
    targetDeploymentItemName: r.targetDeploymentItemName,
  };
  if (r.targetProjectId !== undefined) {
    checkField(
      'targetProjectId',
      r.targetProjectId,
      typeof r.targetProjectId === 'string' && HEX24.test(r.targetProjectId),
      'be a 24-character lower-case hexadecimal project id',
    );
    body.targetProjectId = r.targetProjectId;
  }
  return body;
}

/** The spec's length rule for a bucket or container name. */
function checkBucketName(v: unknown): void {
  checkField('bucketName', v, typeof v === 'string' && v.length >= 3 && v.length <= 63, 'be 3 to 63 characters');
}

/** The container an Azure service URL names in its path (`https://acct.blob.core.windows.net/container`), if any. */
export function azureContainerOf(serviceUrl: string): string | undefined {
  try {
    const first = new URL(serviceUrl).pathname.split('/').filter(Boolean)[0];
    return first ? decodeURIComponent(first) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The request body of a new export bucket with only the fields its provider takes, each checked against the spec
 * (AWS `bucketName` + `iamRoleId`; Azure `serviceUrl` on a standard `blob.core.windows.net` endpoint + `roleId`, with
 * `bucketName` only when the URL names no container; GCP `bucketName` + `roleId`).
 */
export function exportBucketBody(r: CreateExportBucketRequest): Record<string, unknown> {
  const role = (field: string, v: unknown) =>
    checkField(field, v, typeof v === 'string' && HEX24.test(v), 'be a 24-character lower-case hexadecimal role id');
  switch (r.cloudProvider) {
    case 'AWS': {
      checkBucketName(r.bucketName);
      role('iamRoleId', r.iamRoleId);
      if (r.requirePrivateNetworking !== undefined)
        checkField(
          'requirePrivateNetworking',
          r.requirePrivateNetworking,
          typeof r.requirePrivateNetworking === 'boolean',
          'be true or false',
        );
      return {
        cloudProvider: 'AWS',
        bucketName: r.bucketName,
        iamRoleId: r.iamRoleId,
        ...(r.requirePrivateNetworking !== undefined ? { requirePrivateNetworking: r.requirePrivateNetworking } : {}),
      };
    }
    case 'AZURE': {
      const u = r.serviceUrl;
      let standard: boolean;
      try {
        const url = new URL(u);
        standard = url.protocol === 'https:' && url.hostname.endsWith('.blob.core.windows.net');
      } catch {
        standard = false;
      }
      checkField(
        'serviceUrl',
        u,
        typeof u === 'string' && u.length >= 33 && u.length <= 2048 && standard,
        'be an https URL of a standard Azure storage endpoint (…blob.core.windows.net), 33 to 2048 characters',
      );
      role('roleId', r.roleId);
      if (r.bucketName !== undefined) checkBucketName(r.bucketName);
      else if (!azureContainerOf(u))
        throw new RangeError(
          'serviceUrl names no storage container (…blob.core.windows.net/<container>): give bucketName. Nothing was sent.',
        );
      return {
        cloudProvider: 'AZURE',
        serviceUrl: u,
        roleId: r.roleId,
        ...(r.bucketName !== undefined ? { bucketName: r.bucketName } : {}),
      };
    }
    case 'GCP':
      checkBucketName(r.bucketName);
      role('roleId', r.roleId);
      return { cloudProvider: 'GCP', bucketName: r.bucketName, roleId: r.roleId };
    default: {
      const p = (r as { cloudProvider: unknown }).cloudProvider;
      throw new RangeError(
        `cloudProvider ${JSON.stringify(p)} is not valid: it must be AWS, AZURE or GCP. Nothing was sent.`,
      );
    }
  }
}

/** The request body of a snapshot export: the snapshot, the bucket and optional custom data, checked. */
export function exportJobBody(r: CreateExportJobRequest): Record<string, unknown> {
  const id = (field: string, v: unknown, what: string) =>
    checkField(field, v, typeof v === 'string' && HEX24.test(v), `be a 24-character lower-case hexadecimal ${what}`);
  id('snapshotId', r.snapshotId, 'snapshot id');
  id('exportBucketId', r.exportBucketId, 'export bucket id');
  const body: Record<string, unknown> = { snapshotId: r.snapshotId, exportBucketId: r.exportBucketId };
  if (r.customData !== undefined) {
    checkField('customData', r.customData, Array.isArray(r.customData), 'be a list of { key, value } pairs');
    const keys = new Set<string>();
    for (const [i, l] of r.customData.entries()) {
      checkField(`customData[${i}].key`, l?.key, typeof l?.key === 'string' && l.key !== '', 'be a non-empty string');
      checkField(`customData[${i}].value`, l.value, typeof l.value === 'string', 'be a string');
      checkField(`customData[${i}].key`, l.key, !keys.has(l.key), 'be given once (each key once in the metadata file)');
      keys.add(l.key);
    }
    body.customData = r.customData.map((l) => ({ key: l.key, value: l.value }));
  }
  return body;
}

const COMPLIANCE_READ_ONLY = ['deletable', 'state', 'updatedDate', 'updatedUser'] as const;

export class AtlasClient {
  readonly baseUrl: string;
  readonly authKind: Credentials['kind'];
  private readonly transport: Transport;
  private readonly auth: AuthStrategy;
  private readonly revokeWith: ((signal?: AbortSignal) => Promise<void>) | undefined;
  private readonly limiter: HostLimiter;

  constructor(opts: AtlasClientOptions) {
    this.baseUrl = normalizeBaseUrl(opts.baseUrl);
    const c = opts.credentials;
    const pair = c.kind === 'serviceAccount' ? [c.clientId, c.clientSecret] : [c.publicKey, c.privateKey];
    if (pair.some((v) => typeof v !== 'string' || !v.trim())) {
      throw new Error(
        c.kind === 'serviceAccount'
          ? 'Both the service account client ID and client secret are needed.'
          : 'Both the API public key and private key are needed.',
      );
    }
    if (!opts.userAgent || /[\r\n]/.test(opts.userAgent)) throw new Error('userAgent must be a non-empty single line.');
    const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    // A timer cannot wait longer than 2^31 - 1 ms; Node runs a longer (or infinite) one after 1 ms.
    if (!(timeoutMs > 0 && timeoutMs <= MAX_TIMER_MS))
      throw new RangeError(`timeoutMs must be a positive number of milliseconds up to ${MAX_TIMER_MS}.`);
    for (const [name, v] of [
      ['maxResponseBytes', opts.maxResponseBytes],
      ['idleTimeoutMs', opts.idleTimeoutMs],
    ] as const)
      if (v !== undefined && !(v > 0 && v <= MAX_TIMER_MS)) throw new RangeError(`${name} must be a positive number.`);
    this.authKind = c.kind;
    const now = opts.now ?? Date.now;
    this.limiter = new HostLimiter(opts.maxInFlightPerHost ?? DEFAULT_MAX_IN_FLIGHT);
    this.transport = new Transport({
      baseUrl: this.baseUrl,
      userAgent: opts.userAgent,
      fetch: opts.fetch ?? defaultFetch,
      timeoutMs,
      maxResponseBytes: opts.maxResponseBytes,
      idleTimeoutMs: opts.idleTimeoutMs,
      limiter: this.limiter,
      retry: opts.retry ?? {},
      onRequest: opts.onRequest,
      now,
      secrets: secretsOf(c),
    });
    if (c.kind === 'serviceAccount') {
      const sa = new ServiceAccountAuth(() => this.requestToken(c.clientId, c.clientSecret), now);
      this.auth = sa;
      this.revokeWith = async (signal) => {
        const token = await sa.takeToken();
        if (token !== undefined) await this.postRevoke(c.clientId, c.clientSecret, token, signal);
      };
    } else {
      this.auth = new DigestAuth(c.publicKey, c.privateKey);
    }
  }

  /**
   * Sign-out: revokes the service account's access token at Atlas (`POST /api/oauth/revoke`, RFC 7009) so it stops
   * working at once instead of living out its hour. The client forgets the token first, so nothing uses it
   * afterwards whatever the answer. Sent once, never retried. No-op for API keys (nothing to revoke) and when no
   * live token is held. Rejects with the Atlas error when Atlas refused or could not be reached.
   */
  async revokeToken(opts: SignalOptions = {}): Promise<void> {
    if (opts.signal?.aborted) throw new AtlasCancelledError();
    await this.revokeWith?.(opts.signal);
  }

  /** Highest number of requests this client had in flight at once. */
  get peakInFlight(): number {
    return this.limiter.peak;
  }

  /** Requests waiting for a slot under maxInFlightPerHost (for tests and the bench, like peakInFlight). */
  get queuedRequests(): number {
    return this.limiter.waiting;
  }

  // ---- foundation ----

  async listProjectsPage(opts: PageOptions = {}): Promise<Page<Group>> {
    return this.page<Group>('listProjects', '/api/atlas/v2/groups', opts);
  }

  listProjects(opts: ListOptions = {}): AsyncIterable<Group> {
    return this.iterate((pageNum) => this.listProjectsPage({ ...opts, pageNum }));
  }

  /**
   * Every cluster in every project the caller can see, one row per project (`GET /api/atlas/v2/clusters`,
   * 2023-01-01). A 404 means this Atlas (or a proxy in front of it) does not offer the listing: walk the
   * projects instead. The rows name clusters and their backup flag only; sizes need `listClusters`.
   */
  async listAllClustersPage(opts: PageOptions = {}): Promise<Page<OrgGroupClusters>> {
    return this.page<OrgGroupClusters>('listAllClusters', '/api/atlas/v2/clusters', opts);
  }

  listAllClusters(opts: ListOptions = {}): AsyncIterable<OrgGroupClusters> {
    return this.iterate((pageNum) => this.listAllClustersPage({ ...opts, pageNum }));
  }

  async listClustersPage(groupId: string, opts: PageOptions = {}): Promise<Page<ClusterDescription>> {
    return this.page<ClusterDescription>('listClusters', `${this.group(groupId)}/clusters`, opts);
  }

  listClusters(groupId: string, opts: ListOptions = {}): AsyncIterable<ClusterDescription> {
    this.group(groupId); // fail before the first iteration step, not inside it
    return this.iterate((pageNum) => this.listClustersPage(groupId, { ...opts, pageNum }));
  }

  /** One cluster (2024-08-05), for callers that know the name: cheaper than walking listClusters. */
  async getCluster(groupId: string, clusterName: string, opts: SignalOptions = {}): Promise<ClusterDescription> {
    return (await this.call('getCluster', this.cluster(groupId, clusterName), opts)) as ClusterDescription;
  }

  // ---- backup schedule (2024-08-05) ----

  async getBackupSchedule(groupId: string, clusterName: string, opts: SignalOptions = {}): Promise<BackupSchedule> {
    return (await this.call('getBackupSchedule', this.schedulePath(groupId, clusterName), opts)) as BackupSchedule;
  }

  /**
   * PATCHes the schedule. The body goes through `toScheduleUpdate(schedule, current)`, so read-only fields are
   * never sent and item ids are kept only for items Atlas has; pass `current` (the schedule as last fetched) for that.
   */
  async updateBackupSchedule(
    groupId: string,
    clusterName: string,
    schedule: BackupSchedule,
    opts: SignalOptions & { current?: BackupSchedule } = {},
  ): Promise<BackupSchedule> {
    const path = this.schedulePath(groupId, clusterName);
    const body = toScheduleUpdate(schedule, opts.current);
    return (await this.call('updateBackupSchedule', path, { signal: opts.signal, body })) as BackupSchedule;
  }

  /** Removes all schedules of the cluster; Atlas answers with the (now default/empty) schedule. */
  async deleteBackupSchedules(groupId: string, clusterName: string, opts: SignalOptions = {}): Promise<BackupSchedule> {
    return (await this.call('deleteBackupSchedules', this.schedulePath(groupId, clusterName), opts)) as BackupSchedule;
  }

  // ---- cloud backup snapshots (2023-01-01) ----

  async listSnapshotsPage(
    groupId: string,
    clusterName: string,
    opts: PageOptions & SnapshotListFilter = {},
  ): Promise<Page<ReplicaSetSnapshot>> {
    if (opts.pointInTimeUtcSeconds !== undefined && (opts.oplogTs !== undefined || opts.oplogInc !== undefined)) {
      throw new RangeError('pointInTimeUtcSeconds cannot be combined with oplogTs/oplogInc.');
    }
    if ((opts.oplogTs === undefined) !== (opts.oplogInc === undefined)) {
      throw new RangeError('oplogTs and oplogInc must be given together.');
    }
    const extra: Record<string, string> = {};
    if (opts.pointInTimeUtcSeconds !== undefined) extra['pointInTimeUtcSeconds'] = String(opts.pointInTimeUtcSeconds);
    if (opts.oplogTs !== undefined) extra['oplogTs'] = String(opts.oplogTs);
    if (opts.oplogInc !== undefined) extra['oplogInc'] = String(opts.oplogInc);
    return this.page<ReplicaSetSnapshot>('listSnapshots', this.snapshotsPath(groupId, clusterName), opts, extra);
  }

  listSnapshots(
    groupId: string,
    clusterName: string,
    opts: ListOptions & SnapshotListFilter = {},
  ): AsyncIterable<ReplicaSetSnapshot> {
    this.snapshotsPath(groupId, clusterName);
    return this.iterate((pageNum) => this.listSnapshotsPage(groupId, clusterName, { ...opts, pageNum }));
  }

  async getSnapshot(
    groupId: string,
    clusterName: string,
    snapshotId: string,
    opts: SignalOptions = {},
  ): Promise<ReplicaSetSnapshot> {
    const path = `${this.snapshotsPath(groupId, clusterName)}/${snapshotIdSegment(snapshotId)}`;
    return (await this.call('getSnapshot', path, opts)) as ReplicaSetSnapshot;
  }

  /** Takes an on-demand snapshot. Never retried after it may have reached Atlas (a second snapshot would be taken). */
  async takeSnapshot(
    groupId: string,
    clusterName: string,
    request: TakeSnapshotRequest,
    opts: SignalOptions = {},
  ): Promise<Snapshot> {
    if (!Number.isInteger(request.retentionInDays) || request.retentionInDays < 1) {
      throw new RangeError(`retentionInDays must be a whole number of at least 1, not ${request.retentionInDays}.`);
    }
    const body: TakeSnapshotRequest = { retentionInDays: request.retentionInDays };
    if (request.description !== undefined) body.description = request.description;
    return (await this.call('takeSnapshot', this.snapshotsPath(groupId, clusterName), {
      signal: opts.signal,
      body,
    })) as Snapshot;
  }

  async updateSnapshotRetention(
    groupId: string,
    clusterName: string,
    snapshotId: string,
    retention: SnapshotRetention,
    opts: SignalOptions = {},
  ): Promise<ReplicaSetSnapshot> {
    const path = `${this.snapshotsPath(groupId, clusterName)}/${snapshotIdSegment(snapshotId)}`;
    const body: SnapshotRetention = {
      retentionUnit: retention.retentionUnit,
      retentionValue: retention.retentionValue,
    };
    return (await this.call('updateSnapshotRetention', path, { signal: opts.signal, body })) as ReplicaSetSnapshot;
  }

  async deleteSnapshot(
    groupId: string,
    clusterName: string,
    snapshotId: string,
    opts: SignalOptions = {},
  ): Promise<void> {
    const path = `${this.snapshotsPath(groupId, clusterName)}/${snapshotIdSegment(snapshotId)}`;
    await this.call('deleteSnapshot', path, opts);
  }

  /** The spec declares no paging parameters for this list; Atlas returns all results in one page. */
  async listShardedSnapshots(
    groupId: string,
    clusterName: string,
    opts: SignalOptions = {},
  ): Promise<Page<ShardedClusterSnapshot>> {
    const data = await this.call(
      'listShardedSnapshots',
      `${this.snapshotsPath(groupId, clusterName)}/shardedClusters`,
      opts,
    );
    const results = this.resultsOf<ShardedClusterSnapshot>(data, 'listShardedSnapshots');
    const totalCount = isRecord(data) && typeof data['totalCount'] === 'number' ? data['totalCount'] : undefined;
    return { results, totalCount, pageNum: 1, itemsPerPage: results.length, hasNext: false };
  }

  async getShardedSnapshot(
    groupId: string,
    clusterName: string,
    snapshotId: string,
    opts: SignalOptions = {},
  ): Promise<ShardedClusterSnapshot> {
    const path = `${this.snapshotsPath(groupId, clusterName)}/shardedCluster/${snapshotIdSegment(snapshotId)}`;
    return (await this.call('getShardedSnapshot', path, opts)) as ShardedClusterSnapshot;
  }

  async deleteShardedSnapshot(
    groupId: string,
    clusterName: string,
    snapshotId: string,
    opts: SignalOptions = {},
  ): Promise<void> {
    const path = `${this.snapshotsPath(groupId, clusterName)}/shardedCluster/${snapshotIdSegment(snapshotId)}`;
    await this.call('deleteShardedSnapshot', path, opts);
  }

  // ---- legacy snapshots (deprecated endpoint, 2023-01-01) ----

  async listLegacySnapshotsPage(
    groupId: string,
    clusterName: string,
    opts: PageOptions & LegacySnapshotListFilter = {},
  ): Promise<Page<LegacySnapshot>> {
    const extra: Record<string, string> = opts.completed ? { completed: opts.completed } : {};
    return this.page<LegacySnapshot>('listLegacySnapshots', this.legacyPath(groupId, clusterName), opts, extra);
  }

  listLegacySnapshots(
    groupId: string,
    clusterName: string,
    opts: ListOptions & LegacySnapshotListFilter = {},
  ): AsyncIterable<LegacySnapshot> {
    this.legacyPath(groupId, clusterName);
    return this.iterate((pageNum) => this.listLegacySnapshotsPage(groupId, clusterName, { ...opts, pageNum }));
  }

  async getLegacySnapshot(
    groupId: string,
    clusterName: string,
    snapshotId: string,
    opts: SignalOptions = {},
  ): Promise<LegacySnapshot> {
    const path = `${this.legacyPath(groupId, clusterName)}/${snapshotIdSegment(snapshotId)}`;
    return (await this.call('getLegacySnapshot', path, opts)) as LegacySnapshot;
  }

  // ---- what a snapshot holds (2025-03-12): database and collection names ----

  async listSnapshotDatabasesPage(
    groupId: string,
    clusterName: string,
    snapshotId: string,
    opts: PageOptions = {},
  ): Promise<Page<SnapshotNamespace>> {
    return this.page<SnapshotNamespace>(
      'listSnapshotDatabases',
      this.snapshotDatabasesPath(groupId, clusterName, snapshotId),
      opts,
    );
  }

  listSnapshotDatabases(
    groupId: string,
    clusterName: string,
    snapshotId: string,
    opts: ListOptions = {},
  ): AsyncIterable<SnapshotNamespace> {
    this.snapshotDatabasesPath(groupId, clusterName, snapshotId);
    return this.iterate((pageNum) =>
      this.listSnapshotDatabasesPage(groupId, clusterName, snapshotId, { ...opts, pageNum }),
    );
  }

  /** Whether the database is in the snapshot: a 404 says it is not. */
  async getSnapshotDatabase(
    groupId: string,
    clusterName: string,
    snapshotId: string,
    databaseName: string,
    opts: SignalOptions = {},
  ): Promise<SnapshotNamespace> {
    const path = `${this.snapshotDatabasesPath(groupId, clusterName, snapshotId)}/${databaseNameSegment(databaseName)}`;
    return (await this.call('getSnapshotDatabase', path, opts)) as SnapshotNamespace;
  }

  async listSnapshotCollectionsPage(
    groupId: string,
    clusterName: string,
    snapshotId: string,
    databaseName: string,
    opts: PageOptions = {},
  ): Promise<Page<SnapshotNamespace>> {
    const path = `${this.snapshotDatabasesPath(groupId, clusterName, snapshotId)}/${databaseNameSegment(databaseName)}/collections`;
    return this.page<SnapshotNamespace>('listSnapshotCollections', path, opts);
  }

  listSnapshotCollections(
    groupId: string,
    clusterName: string,
    snapshotId: string,
    databaseName: string,
    opts: ListOptions = {},
  ): AsyncIterable<SnapshotNamespace> {
    this.snapshotDatabasesPath(groupId, clusterName, snapshotId);
    databaseNameSegment(databaseName);
    return this.iterate((pageNum) =>
      this.listSnapshotCollectionsPage(groupId, clusterName, snapshotId, databaseName, { ...opts, pageNum }),
    );
  }

  /** Whether the collection is in the snapshot: a 404 says it is not. */
  async getSnapshotCollection(
    groupId: string,
    clusterName: string,
    snapshotId: string,
    databaseName: string,
    collectionName: string,
    opts: SignalOptions = {},
  ): Promise<SnapshotNamespace> {
    const path = `${this.snapshotDatabasesPath(groupId, clusterName, snapshotId)}/${databaseNameSegment(databaseName)}/collections/${collectionNameSegment(collectionName)}`;
    return (await this.call('getSnapshotCollection', path, opts)) as SnapshotNamespace;
  }

  // ---- Cloud Backup snapshot restore jobs (2023-01-01) ----

  /** The cluster's snapshot restore jobs (those whose source is this cluster), in Atlas's order. */
  async listRestoreJobsPage(groupId: string, clusterName: string, opts: PageOptions = {}): Promise<Page<RestoreJob>> {
    return this.page<RestoreJob>('listRestoreJobs', this.restoreJobsPath(groupId, clusterName), opts);
  }

  listRestoreJobs(groupId: string, clusterName: string, opts: ListOptions = {}): AsyncIterable<RestoreJob> {
    this.restoreJobsPath(groupId, clusterName);
    return this.iterate((pageNum) => this.listRestoreJobsPage(groupId, clusterName, { ...opts, pageNum }));
  }

  async getRestoreJob(
    groupId: string,
    clusterName: string,
    restoreJobId: string,
    opts: SignalOptions = {},
  ): Promise<RestoreJob> {
    const path = `${this.restoreJobsPath(groupId, clusterName)}/${restoreJobIdSegment(restoreJobId)}`;
    return (await this.call('getRestoreJob', path, opts)) as RestoreJob;
  }

  /**
   * Starts a restore of `clusterName`'s backup: onto a target cluster (automated, pointInTime; the target's data is
   * deleted and replaced) or as a download. One request: a create is never retried once it may have reached Atlas
   * (a second one would start a second restore); see `mayHaveReachedAtlas`. Malformed requests (missing target,
   * both a point in time and an oplog position, ...) are refused before anything is sent.
   */
  async createRestoreJob(
    groupId: string,
    clusterName: string,
    request: CreateRestoreJobRequest,
    opts: SignalOptions = {},
  ): Promise<RestoreJob> {
    const path = this.restoreJobsPath(groupId, clusterName);
    const body = restoreJobBody(request);
    return (await this.call('createRestoreJob', path, { signal: opts.signal, body })) as RestoreJob;
  }

  /**
   * Cancels a snapshot restore job (204). Atlas answers 405 for a job it cannot cancel (a finished restore, a
   * sharded restore under way). Never retried once it may have reached Atlas.
   */
  async cancelRestoreJob(
    groupId: string,
    clusterName: string,
    restoreJobId: string,
    opts: SignalOptions = {},
  ): Promise<void> {
    const path = `${this.restoreJobsPath(groupId, clusterName)}/${restoreJobIdSegment(restoreJobId)}`;
    await this.call('cancelRestoreJob', path, opts);
  }

  // ---- Collection-level restore jobs (2025-03-12) ----

  /** The cluster's collection restore jobs (those whose source is this cluster), in Atlas's order. */
  async listCollectionRestoreJobsPage(
    groupId: string,
    clusterName: string,
    opts: PageOptions = {},
  ): Promise<Page<CollectionRestoreJob>> {
    return this.page<CollectionRestoreJob>(
      'listCollectionRestoreJobs',
      this.collectionRestoreJobsPath(groupId, clusterName),
      opts,
    );
  }

  listCollectionRestoreJobs(
    groupId: string,
    clusterName: string,
    opts: ListOptions = {},
  ): AsyncIterable<CollectionRestoreJob> {
    this.collectionRestoreJobsPath(groupId, clusterName);
    return this.iterate((pageNum) => this.listCollectionRestoreJobsPage(groupId, clusterName, { ...opts, pageNum }));
  }

  async getCollectionRestoreJob(
    groupId: string,
    clusterName: string,
    jobId: string,
    opts: SignalOptions = {},
  ): Promise<CollectionRestoreJob> {
    const path = `${this.collectionRestoreJobsPath(groupId, clusterName)}/${restoreJobIdSegment(jobId)}`;
    return (await this.call('getCollectionRestoreJob', path, opts)) as CollectionRestoreJob;
  }

  /**
   * Starts a collection-level restore from `clusterName`'s backup onto the target cluster. The body is checked
   * first (a bad field throws a RangeError naming it; nothing is sent). Sent once, never retried once it may have
   * reached Atlas: a second request would start a second restore. A collection restore cannot be cancelled.
   */
  async createCollectionRestoreJob(
    groupId: string,
    clusterName: string,
    request: CreateCollectionRestoreJobRequest,
    opts: SignalOptions = {},
  ): Promise<CollectionRestoreJob> {
    const path = this.collectionRestoreJobsPath(groupId, clusterName);
    const body = collectionRestoreJobBody(request);
    return (await this.call('createCollectionRestoreJob', path, { signal: opts.signal, body })) as CollectionRestoreJob;
  }

  /** A job's collections with their own states; empty while the job is INITIALIZING. */
  async listCollectionRestoreJobCollectionsPage(
    groupId: string,
    clusterName: string,
    jobId: string,
    opts: PageOptions & CollectionStateFilter = {},
  ): Promise<Page<CollectionRestoreCollectionState>> {
    const path = `${this.collectionRestoreJobsPath(groupId, clusterName)}/${restoreJobIdSegment(jobId)}/collections`;
    const extra: Record<string, string> = {};
    for (const f of ['state', 'sourceNamespace', 'targetNamespace'] as const) {
      const v = opts[f];
      if (v !== undefined) extra[f] = v;
    }
    return this.page<CollectionRestoreCollectionState>('listCollectionRestoreJobCollections', path, opts, extra);
  }

  listCollectionRestoreJobCollections(
    groupId: string,
    clusterName: string,
    jobId: string,
    opts: ListOptions & CollectionStateFilter = {},
  ): AsyncIterable<CollectionRestoreCollectionState> {
    restoreJobIdSegment(jobId);
    this.collectionRestoreJobsPath(groupId, clusterName);
    return this.iterate((pageNum) =>
      this.listCollectionRestoreJobCollectionsPage(groupId, clusterName, jobId, { ...opts, pageNum }),
    );
  }

  async getCollectionRestoreJobCollection(
    groupId: string,
    clusterName: string,
    jobId: string,
    sourceNamespace: string,
    opts: SignalOptions = {},
  ): Promise<CollectionRestoreCollectionState> {
    if (splitNamespace(sourceNamespace) === undefined)
      throw new InvalidPathParameterError(
        'sourceNamespace',
        sourceNamespace,
        'be database.collection (split at the first dot)',
      );
    const path = `${this.collectionRestoreJobsPath(groupId, clusterName)}/${restoreJobIdSegment(jobId)}/collections/${encodeURIComponent(sourceNamespace)}`;
    return (await this.call('getCollectionRestoreJobCollection', path, opts)) as CollectionRestoreCollectionState;
  }

  // ---- Flex clusters and their backups (2024-11-13) ----

  /** The project's Flex clusters, which the clusters list does not hold. */
  async listFlexClustersPage(groupId: string, opts: PageOptions = {}): Promise<Page<FlexCluster>> {
    return this.page<FlexCluster>('listFlexClusters', `${this.group(groupId)}/flexClusters`, opts);
  }

  listFlexClusters(groupId: string, opts: ListOptions = {}): AsyncIterable<FlexCluster> {
    groupIdSegment(groupId);
    return this.iterate((pageNum) => this.listFlexClustersPage(groupId, { ...opts, pageNum }));
  }

  async getFlexCluster(groupId: string, name: string, opts: SignalOptions = {}): Promise<FlexCluster> {
    return (await this.call('getFlexCluster', this.flexPath(groupId, name), opts)) as FlexCluster;
  }

  async listFlexSnapshotsPage(groupId: string, name: string, opts: PageOptions = {}): Promise<Page<FlexSnapshot>> {
    return this.page<FlexSnapshot>('listFlexSnapshots', `${this.flexPath(groupId, name)}/backup/snapshots`, opts);
  }

  listFlexSnapshots(groupId: string, name: string, opts: ListOptions = {}): AsyncIterable<FlexSnapshot> {
    this.flexPath(groupId, name);
    return this.iterate((pageNum) => this.listFlexSnapshotsPage(groupId, name, { ...opts, pageNum }));
  }

  async getFlexSnapshot(
    groupId: string,
    name: string,
    snapshotId: string,
    opts: SignalOptions = {},
  ): Promise<FlexSnapshot> {
    const path = `${this.flexPath(groupId, name)}/backup/snapshots/${snapshotIdSegment(snapshotId)}`;
    return (await this.call('getFlexSnapshot', path, opts)) as FlexSnapshot;
  }

  /**
   * Asks for a download of one Flex snapshot: the answer is a DOWNLOAD restore job whose `snapshotUrl` works for
   * four hours (`expirationDate`). Sent once, never retried once it may have reached Atlas.
   */
  async downloadFlexSnapshot(
    groupId: string,
    name: string,
    snapshotId: string,
    opts: SignalOptions = {},
  ): Promise<FlexRestoreJob> {
    checkField(
      'snapshotId',
      snapshotId,
      typeof snapshotId === 'string' && HEX24.test(snapshotId),
      'be a 24-character lower-case hexadecimal snapshot id',
    );
    const path = `${this.flexPath(groupId, name)}/backup/download`;
    return (await this.call('downloadFlexSnapshot', path, {
      signal: opts.signal,
      body: { snapshotId },
    })) as FlexRestoreJob;
  }

  async listFlexRestoreJobsPage(groupId: string, name: string, opts: PageOptions = {}): Promise<Page<FlexRestoreJob>> {
    return this.page<FlexRestoreJob>('listFlexRestoreJobs', `${this.flexPath(groupId, name)}/backup/restoreJobs`, opts);
  }

  listFlexRestoreJobs(groupId: string, name: string, opts: ListOptions = {}): AsyncIterable<FlexRestoreJob> {
    this.flexPath(groupId, name);
    return this.iterate((pageNum) => this.listFlexRestoreJobsPage(groupId, name, { ...opts, pageNum }));
  }

  async getFlexRestoreJob(
    groupId: string,
    name: string,
    restoreJobId: string,
    opts: SignalOptions = {},
  ): Promise<FlexRestoreJob> {
    const path = `${this.flexPath(groupId, name)}/backup/restoreJobs/${restoreJobIdSegment(restoreJobId)}`;
    return (await this.call('getFlexRestoreJob', path, opts)) as FlexRestoreJob;
  }

  /**
   * Restores a Flex snapshot onto a Flex or dedicated cluster (the target's data is replaced). The body is checked
   * first; sent once, never retried once it may have reached Atlas. A Flex restore job cannot be cancelled.
   */
  async createFlexRestoreJob(
    groupId: string,
    name: string,
    request: CreateFlexRestoreJobRequest,
    opts: SignalOptions = {},
  ): Promise<FlexRestoreJob> {
    const path = `${this.flexPath(groupId, name)}/backup/restoreJobs`;
    const body = flexRestoreJobBody(request);
    return (await this.call('createFlexRestoreJob', path, { signal: opts.signal, body })) as FlexRestoreJob;
  }

  // ---- Snapshot exports: buckets (2024-05-30), cloud provider access roles, export jobs (2023-01-01) ----

  async listExportBucketsPage(groupId: string, opts: PageOptions = {}): Promise<Page<ExportBucket>> {
    return this.page<ExportBucket>('listExportBuckets', this.exportBucketsPath(groupId), opts);
  }

  listExportBuckets(groupId: string, opts: ListOptions = {}): AsyncIterable<ExportBucket> {
    this.exportBucketsPath(groupId);
    return this.iterate((pageNum) => this.listExportBucketsPage(groupId, { ...opts, pageNum }));
  }

  async getExportBucket(groupId: string, exportBucketId: string, opts: SignalOptions = {}): Promise<ExportBucket> {
    const path = `${this.exportBucketsPath(groupId)}/${exportBucketIdSegment(exportBucketId)}`;
    return (await this.call('getExportBucket', path, opts)) as ExportBucket;
  }

  /**
   * Adds an export bucket. The role must be one of the project's cloud provider access roles, authorised, of the same
   * provider. One request, never retried once it may have reached Atlas (a second one could add a second bucket).
   */
  async createExportBucket(
    groupId: string,
    request: CreateExportBucketRequest,
    opts: SignalOptions = {},
  ): Promise<ExportBucket> {
    const path = this.exportBucketsPath(groupId);
    const body = exportBucketBody(request);
    return (await this.call('createExportBucket', path, { signal: opts.signal, body })) as ExportBucket;
  }

  /** Removes an export bucket (204). Atlas refuses while a cluster's schedule auto-exports to it. */
  async deleteExportBucket(groupId: string, exportBucketId: string, opts: SignalOptions = {}): Promise<void> {
    const path = `${this.exportBucketsPath(groupId)}/${exportBucketIdSegment(exportBucketId)}`;
    await this.call('deleteExportBucket', path, opts);
  }

  /** The project's AWS IAM roles, Azure service principals and GCP service accounts, with what uses them. */
  async listCloudProviderAccessRoles(groupId: string, opts: SignalOptions = {}): Promise<CloudProviderAccessRoles> {
    return (await this.call(
      'listCloudProviderAccessRoles',
      `${this.group(groupId)}/cloudProviderAccess`,
      opts,
    )) as CloudProviderAccessRoles;
  }

  async listExportJobsPage(groupId: string, clusterName: string, opts: PageOptions = {}): Promise<Page<ExportJob>> {
    return this.page<ExportJob>('listExportJobs', this.exportJobsPath(groupId, clusterName), opts);
  }

  listExportJobs(groupId: string, clusterName: string, opts: ListOptions = {}): AsyncIterable<ExportJob> {
    this.exportJobsPath(groupId, clusterName);
    return this.iterate((pageNum) => this.listExportJobsPage(groupId, clusterName, { ...opts, pageNum }));
  }

  async getExportJob(
    groupId: string,
    clusterName: string,
    exportId: string,
    opts: SignalOptions = {},
  ): Promise<ExportJob> {
    const path = `${this.exportJobsPath(groupId, clusterName)}/${exportIdSegment(exportId)}`;
    return (await this.call('getExportJob', path, opts)) as ExportJob;
  }

  /**
   * Exports one snapshot of `clusterName` to an export bucket. One request: never retried once it may have reached
   * Atlas (a second one would export again); see `mayHaveReachedAtlas`. Malformed ids and custom data are refused
   * before anything is sent.
   */
  async createExportJob(
    groupId: string,
    clusterName: string,
    request: CreateExportJobRequest,
    opts: SignalOptions = {},
  ): Promise<ExportJob> {
    const path = this.exportJobsPath(groupId, clusterName);
    const body = exportJobBody(request);
    return (await this.call('createExportJob', path, { signal: opts.signal, body })) as ExportJob;
  }

  // ---- Backup Compliance Policy ----

  /** The project's policy, or undefined when it has none. Needs Project Owner (a 403 says so). */
  async getCompliancePolicy(groupId: string, opts: SignalOptions = {}): Promise<CompliancePolicy | undefined> {
    const path = `${this.group(groupId)}/backupCompliancePolicy`;
    let data: unknown;
    try {
      data = await this.call('getCompliancePolicy', path, opts);
    } catch (e) {
      // "No policy" comes as 200 `{}` (what Atlas answers today; the Kubernetes operator relies on it) or as a 404
      // (what other public clients handle). A 404 that names the project itself is not "no policy".
      if (e instanceof AtlasApiError && e.status === 404 && e.errorCode !== 'GROUP_NOT_FOUND') return undefined;
      throw e;
    }
    if (!isRecord(data) || (data['state'] === undefined && data['authorizedEmail'] === undefined)) return undefined;
    return data as unknown as CompliancePolicy;
  }

  /** Enables or updates the policy. `overwriteBackupPolicies` (Atlas default true) rewrites non-complying schedules. */
  async putCompliancePolicy(
    groupId: string,
    policy: CompliancePolicy,
    opts: SignalOptions & { overwriteBackupPolicies?: boolean } = {},
  ): Promise<CompliancePolicy> {
    let path = `${this.group(groupId)}/backupCompliancePolicy`;
    if (opts.overwriteBackupPolicies !== undefined) path += `?overwriteBackupPolicies=${opts.overwriteBackupPolicies}`;
    const body: Record<string, unknown> = { ...policy };
    for (const k of COMPLIANCE_READ_ONLY) delete body[k];
    return (await this.call('putCompliancePolicy', path, { signal: opts.signal, body })) as CompliancePolicy;
  }

  /** Disables the policy; Atlas allows it only after MongoDB Support approved it (`deletable`). */
  async deleteCompliancePolicy(groupId: string, opts: SignalOptions = {}): Promise<void> {
    await this.call('deleteCompliancePolicy', `${this.group(groupId)}/backupCompliancePolicy`, opts);
  }

  // ---- plumbing ----

  private group(groupId: string): string {
    return `/api/atlas/v2/groups/${groupIdSegment(groupId)}`;
  }

  private cluster(groupId: string, clusterName: string): string {
    return `${this.group(groupId)}/clusters/${clusterNameSegment(clusterName)}`;
  }

  private schedulePath(groupId: string, clusterName: string): string {
    return `${this.cluster(groupId, clusterName)}/backup/schedule`;
  }

  private snapshotsPath(groupId: string, clusterName: string): string {
    return `${this.cluster(groupId, clusterName)}/backup/snapshots`;
  }

  private snapshotDatabasesPath(groupId: string, clusterName: string, snapshotId: string): string {
    return `${this.snapshotsPath(groupId, clusterName)}/${snapshotIdSegment(snapshotId)}/databases`;
  }

  private restoreJobsPath(groupId: string, clusterName: string): string {
    return `${this.cluster(groupId, clusterName)}/backup/restoreJobs`;
  }

  private collectionRestoreJobsPath(groupId: string, clusterName: string): string {
    return `${this.cluster(groupId, clusterName)}/collectionRestoreJobs`;
  }

  private flexPath(groupId: string, name: string): string {
    return `${this.group(groupId)}/flexClusters/${clusterNameSegment(name)}`;
  }

  private exportBucketsPath(groupId: string): string {
    return `${this.group(groupId)}/backup/exportBuckets`;
  }

  private exportJobsPath(groupId: string, clusterName: string): string {
    return `${this.cluster(groupId, clusterName)}/backup/exports`;
  }

  private legacyPath(groupId: string, clusterName: string): string {
    return `${this.cluster(groupId, clusterName)}/snapshots`;
  }

  private async call(
    opId: OperationId,
    path: string,
    opts: { signal?: AbortSignal; body?: unknown },
  ): Promise<unknown> {
    const op = OPERATIONS[opId];
    const headers: Record<string, string> = { Accept: mediaType(op.version) };
    let body: string | undefined;
    if (opts.body !== undefined) {
      headers['Content-Type'] = mediaType(op.version);
      body = JSON.stringify(opts.body);
    }
    const res = await this.transport.request({
      method: op.method,
      path,
      headers,
      body,
      signal: opts.signal,
      auth: this.auth,
      idempotent: op.method === 'GET',
      operation: op,
    });
    if (!res.text.trim()) return undefined;
    try {
      return JSON.parse(res.text) as unknown;
    } catch {
      throw new AtlasApiError(
        `Atlas answered ${op.action} with something that is not JSON (HTTP ${res.status}); a proxy may be interfering.`,
        {
          status: res.status,
          errorCode: 'INVALID_RESPONSE',
          method: op.method,
          path,
        },
      );
    }
  }

  private resultsOf<T>(data: unknown, opId: OperationId): T[] {
    if (!isRecord(data) || !Array.isArray(data['results'])) {
      throw new AtlasApiError(`Atlas answered ${OPERATIONS[opId].action} without a results list.`, {
        status: 200,
        errorCode: 'INVALID_RESPONSE',
        method: OPERATIONS[opId].method,
        path: '',
      });
    }
    return data['results'] as T[];
  }

  private async page<T>(
    opId: OperationId,
    path: string,
    opts: PageOptions,
    extra: Record<string, string> = {},
  ): Promise<Page<T>> {
    const { pageNum, itemsPerPage } = checkPageOptions(opts);
    const query = new URLSearchParams({ ...extra, pageNum: String(pageNum), itemsPerPage: String(itemsPerPage) });
    const data = await this.call(opId, `${path}?${query.toString()}`, { signal: opts.signal });
    const results = this.resultsOf<T>(data, opId);
    const rec = data as Record<string, unknown>;
    const totalCount = typeof rec['totalCount'] === 'number' ? rec['totalCount'] : undefined;
    const links = Array.isArray(rec['links']) ? (rec['links'] as Link[]) : undefined;
    return {
      results,
      totalCount,
      pageNum,
      itemsPerPage,
      hasNext: hasNextPage(results.length, pageNum, itemsPerPage, totalCount, links),
    };
  }

  private iterate<T>(fetchPage: (pageNum: number) => Promise<Page<T>>): AsyncIterable<T> {
    return {
      async *[Symbol.asyncIterator]() {
        for (let pageNum = 1; ; pageNum++) {
          const page = await fetchPage(pageNum);
          yield* page.results;
          if (!page.hasNext) return;
        }
      },
    };
  }

  private async postRevoke(clientId: string, clientSecret: string, token: string, signal?: AbortSignal): Promise<void> {
    const basic = Buffer.from(`${clientId}:${clientSecret}`, 'utf8').toString('base64');
    const path = '/api/oauth/revoke';
    try {
      await this.transport.request({
        method: 'POST',
        path,
        headers: {
          Authorization: `Basic ${basic}`,
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
        },
        body: new URLSearchParams({ token, token_type_hint: 'access_token' }).toString(),
        signal,
        idempotent: false,
        once: true,
      });
    } catch (e) {
      if (e instanceof AtlasApiError && (e.status === 400 || e.status === 401 || e.status === 403)) {
        throw new AtlasAuthError(
          `Atlas refused to revoke the service account's access token (HTTP ${e.status}); it stays valid until it expires within the hour.`,
          {
            status: e.status,
            errorCode: e.errorCode,
            detail: e.detail,
            reason: e.reason,
            method: 'POST',
            path,
            hint: 'Revoke the token or rotate the secret in Atlas if this sign-out must take effect now.',
          },
        );
      }
      throw e;
    }
  }

  private async requestToken(clientId: string, clientSecret: string): Promise<TokenResponse> {
    const basic = Buffer.from(`${clientId}:${clientSecret}`, 'utf8').toString('base64');
    const path = '/api/oauth/token';
    let res;
    try {
      res = await this.transport.request({
        method: 'POST',
        path,
        headers: {
          Authorization: `Basic ${basic}`,
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
        },
        body: 'grant_type=client_credentials',
        idempotent: true, // asking for a token twice is harmless
      });
    } catch (e) {
      if (e instanceof AtlasApiError && (e.status === 400 || e.status === 401 || e.status === 403)) {
        throw new AtlasAuthError(
          `Atlas refused the service account's client ID or secret (HTTP ${e.status}). Check both — the secret may have expired or been revoked — then sign in again.`,
          {
            status: e.status,
            errorCode: e.errorCode,
            detail: e.detail,
            reason: e.reason,
            method: 'POST',
            path,
            hint: 'Sign in again with a valid client ID and secret.',
          },
        );
      }
      throw e;
    }
    let data: unknown;
    try {
      data = JSON.parse(res.text);
    } catch {
      data = undefined;
    }
    if (!isRecord(data) || typeof data['access_token'] !== 'string' || !data['access_token']) {
      throw new AtlasApiError('Atlas answered the token request without an access token; a proxy may be interfering.', {
        status: res.status,
        errorCode: 'INVALID_RESPONSE',
        method: 'POST',
        path,
      });
    }
    const expires = typeof data['expires_in'] === 'number' ? data['expires_in'] : Number(data['expires_in']);
    return { accessToken: data['access_token'], expiresInSeconds: Number.isFinite(expires) ? expires : 0 };
  }
}
