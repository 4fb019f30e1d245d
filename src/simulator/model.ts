// The simulator's internal state. Wire shapes are produced from these by render.ts, so one
// internal model can be served in several API versions.
import { createHash } from 'node:crypto';

/** A stable 24-hex id derived from a name, so seeded ids are identical on every run. */
export function idFor(kind: string, name: string): string {
  return createHash('sha1').update(`atlas-sim/${kind}/${name}`).digest('hex').slice(0, 24);
}

export type Role = 'owner' | 'readOnly' | 'backupManager';
export type FrequencyType = 'hourly' | 'daily' | 'weekly' | 'monthly' | 'yearly' | 'ondemand';
export type RetentionUnit = 'days' | 'weeks' | 'months' | 'years';
export type Provider = 'AWS' | 'GCP' | 'AZURE';

export interface PolicyItem {
  id: string;
  frequencyType: FrequencyType;
  frequencyInterval: number;
  retentionUnit: RetentionUnit;
  retentionValue: number;
}

/** Copy setting keyed by zone internally; the 2023-01-01 view maps zoneId ↔ zone-level replicationSpecId. */
export interface CopySetting {
  zoneId: string;
  cloudProvider?: Provider;
  regionName?: string;
  shouldCopyOplogs?: boolean;
  frequencies?: string[];
  copyPolicyItems?: {
    id: string;
    frequencyType: FrequencyType;
    retentionUnit?: RetentionUnit;
    retentionValue?: number;
  }[];
  lastNumberOfSnapshots?: number;
}

export interface Schedule {
  policyId: string;
  items: PolicyItem[];
  referenceHourOfDay: number;
  referenceMinuteOfHour: number;
  restoreWindowDays?: number;
  autoExportEnabled: boolean;
  export?: { exportBucketId?: string; frequencyType?: string };
  useOrgAndGroupNamesInExportPrefix: boolean;
  copySettings: CopySetting[];
  extraRetentionSettings: { frequencyType: string; retentionDays: number }[];
  autoCopySettingsEnabled: boolean;
  copyPolicyItemsEnabled: boolean;
}

export interface RegionConfig {
  providerName: Provider;
  regionName: string;
  priority: number;
  instanceSize: string;
  nodeCount: number;
  diskSizeGB: number;
}

export interface Zone {
  zoneId: string;
  zoneName: string;
  /** Zone-level replication spec id (what 2023-01-01 schedules call `replicationSpecId`). */
  legacySpecId: string;
  /** One entry per shard: the 2024-08-05 `replicationSpecs[].id`. */
  shardSpecIds: string[];
  regionConfigs: RegionConfig[];
}

export interface Snapshot {
  id: string;
  createdAtMs: number;
  expiresAtMs: number;
  snapshotType: 'scheduled' | 'onDemand';
  frequencyType?: Exclude<FrequencyType, 'ondemand'>;
  policyItems: string[];
  description?: string;
  storageSizeBytes: number;
  mongodVersion: string;
  /** Sharded clusters: per-member snapshot ids (shards then config). */
  memberIds?: string[];
}

export interface LegacySnapshot {
  id: string;
  complete: boolean;
  createdMs: number;
  increment: number;
  doNotDelete: boolean;
  expiresMs?: number;
  incremental: boolean;
  lastOplogMs: number;
  dataSizeBytes: number;
  storageSizeBytes: number;
  fileSizeBytes: number;
}

export interface Cluster {
  id: string;
  name: string;
  groupId: string;
  clusterType: 'REPLICASET' | 'SHARDED' | 'GEOSHARDED';
  stateName: 'IDLE' | 'CREATING' | 'UPDATING' | 'DELETING' | 'REPAIRING';
  paused: boolean;
  backupEnabled: boolean;
  pitEnabled: boolean;
  mongoDBVersion: string;
  createDateMs: number;
  zones: Zone[];
  schedule?: Schedule;
  snapshots: Snapshot[];
  legacySnapshots: LegacySnapshot[];
  /** The clock at seed time, for contents that are "N days old" (snapshotContents.ts); absent for added clusters. */
  seededAtMs?: number;
  /** Cloud Backup restore jobs whose source is this cluster, newest first (restoreHandlers.ts). */
  restoreJobs?: RestoreJob[];
  /** Collection-level restore jobs whose source is this cluster, newest first (collectionRestoreHandlers.ts). */
  collectionRestoreJobs?: CollectionRestoreJob[];
  /** Snapshot exports of this cluster, newest first (exportHandlers.ts). */
  exportJobs?: ExportJob[];
}

/** One namespace of a collection restore job, resolved at creation: a database request expands to its collections. */
export interface CollectionRestoreNamespace {
  /** `db.collection` in the snapshot. */
  source: string;
  /** Requested target (`targetNamespace`, or the source), before suffixes. */
  target: string;
  /** Where it is written, suffixes and conflict renames applied (`effectiveTargetNamespace`). */
  effective: string;
  totalDocuments: number;
}

/**
 * A collection-level restore job (2025-03-12). Its `state` is derived at read time from `createdAtMs`,
 * `durationMs` and `fails` on the injected clock: INITIALIZING, IN_PROGRESS (documents growing), FINALIZING, then
 * SUCCESSFUL or FAILED. Atlas offers no way to cancel one, so CANCELED never happens here.
 */
export interface CollectionRestoreJob {
  id: string;
  createdAtMs: number;
  durationMs: number;
  fails: boolean;
  snapshotId?: string;
  pointInTimeUtcSeconds?: number;
  oplogTs?: number;
  oplogInc?: number;
  targetGroupId: string;
  targetClusterName: string;
  writeStrategy: 'CREATE_NEW' | 'OVERWRITE_EXISTING';
  indexStrategy: 'ALL' | 'NONE' | 'ALL_EXCEPT_TTL';
  collectionSuffix?: string;
  databaseSuffix?: string;
  /** As requested (`sourceNamespace`, `targetNamespace`). */
  collections: { sourceNamespace: string; targetNamespace?: string }[];
  databases: { sourceNamespace: string; targetNamespace?: string }[];
  namespaces: CollectionRestoreNamespace[];
}

/** A Flex cluster (2024-11-13): a replica set with its own snapshots and restore jobs, listed apart from clusters. */
export interface FlexCluster {
  id: string;
  name: string;
  groupId: string;
  mongoDBVersion: string;
  createDateMs: number;
  backingProviderName: Provider;
  regionName: string;
  diskSizeGB: number;
  /** Newest first; Atlas takes them daily and keeps eight. */
  snapshots: FlexSnapshot[];
  restoreJobs: FlexRestoreJob[];
}

export interface FlexSnapshot {
  id: string;
  /** When it was scheduled and started; it finishes `durationMs` later. */
  startMs: number;
  finishMs: number;
  expiresAtMs: number;
  mongoDBVersion: string;
}

/**
 * A Flex restore job: RESTORE (onto a cluster) or DOWNLOAD (a `snapshotUrl` valid for four hours). Its `status`
 * is derived at read time: PENDING, QUEUED, RUNNING, then COMPLETED or FAILED.
 */
export interface FlexRestoreJob {
  id: string;
  deliveryType: 'RESTORE' | 'DOWNLOAD';
  snapshotId: string;
  snapshotFinishMs: number;
  createdAtMs: number;
  durationMs: number;
  fails: boolean;
  targetProjectId?: string;
  targetDeploymentItemName?: string;
}

/**
 * A cloud provider access role of a project: an AWS IAM role, an Azure service principal or a GCP service account.
 * `authorizedAtMs` absent means registered but not authorised yet (AWS: no `authorizedDate`; GCP: not COMPLETE), so
 * no bucket may use it.
 */
export interface AccessRole {
  id: string;
  providerName: Provider;
  createdAtMs: number;
  authorizedAtMs?: number;
  /** AWS: the role Atlas assumes; Azure: the service principal; GCP: unused. */
  name: string;
}

export interface ExportBucket {
  id: string;
  cloudProvider: Provider;
  bucketName: string;
  roleId: string;
  /** Azure only. */
  serviceUrl?: string;
  /** AWS only. */
  requirePrivateNetworking?: boolean;
}

/**
 * A snapshot export. Like restore jobs, its state is derived at read time on the injected clock: queued until
 * `startMs`, then one collection after another every `msPerCollection`, then Successful (or Failed halfway when `fails`).
 */
export interface ExportJob {
  id: string;
  snapshotId: string;
  snapshotCreatedAtMs: number;
  exportBucketId: string;
  customData: { key: string; value: string }[];
  createdAtMs: number;
  startMs: number;
  msPerCollection: number;
  totalCollections: number;
  fails: boolean;
  /** Replica-set names of a sharded cluster (one export each). */
  components: string[];
}

/** How exports behave; settable through `POST /__sim/export-speed`. */
export interface ExportSettings {
  /** Time a new job stays Queued at least. */
  queueSeconds: number;
  secondsPerCollection: number;
  /** The next this many created jobs fail. */
  failNext: number;
}

export const DEFAULT_EXPORT_SETTINGS: Readonly<ExportSettings> = {
  queueSeconds: 5,
  secondsPerCollection: 10,
  failNext: 0,
};

/**
 * A snapshot restore job. Atlas keeps no state field: what the answer says is derived at read time from
 * `createdAtMs + durationMs`, `cancelledAtMs` and `fails` on the injected clock, like on-demand snapshots.
 */
export interface RestoreJob {
  id: string;
  deliveryType: 'automated' | 'download' | 'pointInTime';
  snapshotId: string;
  /** The snapshot's own time (the answer's `timestamp`). */
  snapshotCreatedAtMs: number;
  createdAtMs: number;
  durationMs: number;
  /** Ends as failed instead of completed (set through the control plane's `failNext`). */
  fails: boolean;
  cancelledAtMs?: number;
  targetGroupId?: string;
  targetClusterName?: string;
  pointInTimeUTCSeconds?: number;
  oplogTs?: number;
  oplogInc?: number;
  /** Replica-set names of a sharded source (shards, then the config server): one download link each. */
  components: string[];
}

/** How long restores take in the simulator; settable through `POST /__sim/restore-speed`. */
export interface RestoreSettings {
  bytesPerSecond: number;
  minSeconds: number;
  /** The next this many created jobs fail. */
  failNext: number;
}

export const DEFAULT_RESTORE_SETTINGS: Readonly<RestoreSettings> = {
  bytesPerSecond: 8 * 1024 ** 3,
  minSeconds: 3,
  failNext: 0,
};

export interface CompliancePolicy {
  authorizedEmail: string;
  authorizedUserFirstName: string;
  authorizedUserLastName: string;
  copyProtectionEnabled: boolean;
  deletable: boolean;
  encryptionAtRestEnabled: boolean;
  onDemandPolicyItem?: PolicyItem;
  pitEnabled: boolean;
  restoreWindowDays?: number;
  scheduledPolicyItems: PolicyItem[];
  state: 'ACTIVE' | 'ENABLING' | 'UPDATING' | 'DISABLING';
  /** When ENABLING or UPDATING reads as ACTIVE (the simulator's clock). */
  activeAtMs?: number;
  updatedDateMs: number;
  updatedUser: string;
}

export interface Project {
  id: string;
  name: string;
  orgId: string;
  createdMs: number;
  compliance?: CompliancePolicy;
  /** Cloud provider access roles (exportHandlers.ts). */
  accessRoles?: AccessRole[];
  exportBuckets?: ExportBucket[];
}

export interface SimState {
  projects: Project[];
  /** key: `${groupId}/${clusterName}` */
  clusters: Map<string, Cluster>;
  /** Monotonic counter so ids of things created at run time are deterministic too. */
  seq: number;
  /** Absent means DEFAULT_RESTORE_SETTINGS; a reset goes back to them. */
  restoreSettings?: RestoreSettings;
  /** Flex clusters, listed apart from clusters (`…/flexClusters`), in seed order. */
  flexClusters: FlexCluster[];
  /** Absent means DEFAULT_EXPORT_SETTINGS. */
  exportSettings?: ExportSettings;
}

export function clusterKey(groupId: string, name: string): string {
  return `${groupId}/${name}`;
}

export function isNvme(c: Cluster): boolean {
  return c.zones.some((z) => z.regionConfigs.some((r) => r.instanceSize.includes('_NVME')));
}

export function nextId(state: SimState, kind: string): string {
  state.seq += 1;
  return idFor(kind, `runtime-${state.seq}`);
}

const DAY_MS = 86_400_000;

/**
 * Retention as a comparable number of days. Months count 31 days and years 12 months (372 days)
 * so that "12 months" ≤ "1 year" and "1 month" ≥ "31 days" both hold; see README.md.
 */
export function retentionDays(unit: string, value: number): number {
  switch (unit.toLowerCase()) {
    case 'days':
      return value;
    case 'weeks':
      return value * 7;
    case 'months':
      return value * 31;
    case 'years':
      return value * 372;
    default:
      return NaN;
  }
}

/** Wall-clock expiry: calendar months/years, not the comparison approximation above. */
export function addRetention(fromMs: number, unit: string, value: number): number {
  const d = new Date(fromMs);
  switch (unit.toLowerCase()) {
    case 'days':
      return fromMs + value * DAY_MS;
    case 'weeks':
      return fromMs + value * 7 * DAY_MS;
    case 'months':
      d.setUTCMonth(d.getUTCMonth() + value);
      return d.getTime();
    case 'years':
      d.setUTCFullYear(d.getUTCFullYear() + value);
      return d.getTime();
    default:
      return fromMs;
  }
}

export const FREQUENCY_RANK: Record<string, number> = { hourly: 0, daily: 1, weekly: 2, monthly: 3, yearly: 4 };
