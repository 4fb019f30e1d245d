// The Atlas Administration API documents this client reads and writes, written from the Atlas Admin API v2 OpenAPI spec.
// Everything is optional unless the spec marks it required, because Atlas omits fields freely and new API versions
// add fields; code reading these must tolerate absence. `/** RO */` marks fields the spec declares readOnly (Atlas
// returns them, never accepts them); `/** WO */` marks writeOnly ones (accepted, never returned).

export interface Link {
  href?: string;
  rel?: string;
}

export interface ResourceTag {
  key: string;
  value: string;
}

/** `Group` (a project), list projects 2023-01-01. */
export interface Group {
  /** RO */ id?: string;
  name: string;
  orgId: string;
  /** RO */ clusterCount: number;
  /** RO */ created: string;
  tags?: ResourceTag[];
  regionUsageRestrictions?: 'COMMERCIAL_FEDRAMP_REGIONS_ONLY' | 'GOV_REGIONS_ONLY';
  withDefaultAlertsSettings?: boolean;
  /** RO */ links?: Link[];
}

/** Paginated envelope shared by every list operation (`results` required since the 2026 spec). */
export interface PaginatedResponse<T> {
  /** RO */ results: T[];
  /** RO; an estimate, omitted when includeCount=false */ totalCount?: number;
  /** RO */ links?: Link[];
}

export type CloudProvider = 'AWS' | 'AZURE' | 'GCP';
export type ProviderName = CloudProvider | 'TENANT' | (string & {});

export interface HardwareSpec {
  instanceSize?: string;
  nodeCount?: number;
  diskSizeGB?: number;
  diskIOPS?: number;
  ebsVolumeType?: 'STANDARD' | 'PROVISIONED' | 'HIGH_PERFORMANCE' | (string & {});
}

export interface RegionConfig {
  providerName?: ProviderName;
  regionName?: string;
  priority?: number;
  electableSpecs?: HardwareSpec;
  readOnlySpecs?: HardwareSpec;
  analyticsSpecs?: HardwareSpec;
  /** RO */ effectiveElectableSpecs?: HardwareSpec;
  /** RO */ effectiveReadOnlySpecs?: HardwareSpec;
  /** RO */ effectiveAnalyticsSpecs?: HardwareSpec;
  backingProviderName?: string;
}

export interface ReplicationSpec {
  /** RO; identifies a shard */ id?: string;
  /** RO; the zone in a Global Cluster, key of 2024-08-05 copy settings */ zoneId?: string;
  zoneName?: string;
  regionConfigs?: RegionConfig[];
}

/** `ClusterDescription20240805`, list clusters 2024-08-05. Only the fields the extension uses are spelled out. */
export interface ClusterDescription {
  /** RO */ id?: string;
  name?: string;
  /** RO */ groupId?: string;
  clusterType?: 'REPLICASET' | 'SHARDED' | 'GEOSHARDED' | (string & {});
  /** RO */ configServerType?: 'DEDICATED' | 'EMBEDDED';
  /** RO */ stateName?: 'IDLE' | 'CREATING' | 'UPDATING' | 'DELETING' | 'REPAIRING' | (string & {});
  paused?: boolean;
  backupEnabled?: boolean;
  pitEnabled?: boolean;
  retainBackups?: boolean;
  mongoDBMajorVersion?: string;
  /** RO */ mongoDBVersion?: string;
  /** Customer key management for encryption at rest; a restore needs the same provider on both sides. */
  encryptionAtRestProvider?: 'NONE' | 'AWS' | 'AZURE' | 'GCP' | (string & {});
  replicationSpecs?: ReplicationSpec[];
  /** RO */ createDate?: string;
  /** RO */ links?: Link[];
}

/** `CloudCluster`: one cluster in a row of `GET /api/atlas/v2/clusters` (2023-01-01); all read-only. */
export interface CloudCluster {
  alertCount?: number;
  authEnabled?: boolean;
  availability?: 'available' | 'dead' | 'unavailable' | 'warning' | (string & {});
  backupEnabled?: boolean;
  clusterId?: string;
  dataSizeBytes?: number;
  name?: string;
  nodeCount?: number;
  sslEnabled?: boolean;
  type?: 'REPLICA_SET' | 'SHARDED_CLUSTER' | (string & {});
  versions?: string[];
}

/** `OrgGroup`: one project with its clusters, a row of `GET /api/atlas/v2/clusters`. */
export interface OrgGroupClusters {
  /** RO */ groupId?: string;
  /** RO */ groupName?: string;
  /** RO */ orgId?: string;
  /** RO */ orgName?: string;
  /** RO */ planType?: string;
  /** RO */ tags?: string[];
  /** RO */ clusters?: CloudCluster[];
}

// ---- Cloud Backup schedule (DiskBackupSnapshotSchedule20240805) ----

export type PolicyFrequencyType = 'hourly' | 'daily' | 'weekly' | 'monthly' | 'yearly' | 'ondemand';
export type RetentionUnit = 'days' | 'weeks' | 'months' | 'years';
export type CopyFrequency = 'HOURLY' | 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY' | 'ON_DEMAND';

/** `DiskBackupApiPolicyItem` */
export interface PolicyItem {
  /** RO; identity of an item Atlas already has — echoed back on PATCH so Atlas updates instead of replacing */ id?: string;
  frequencyType: PolicyFrequencyType;
  frequencyInterval: number;
  retentionUnit: RetentionUnit;
  retentionValue: number;
}

/** `AdvancedDiskBackupSnapshotSchedulePolicy` (`id` is not read-only: echo it back). */
export interface SchedulePolicy {
  id?: string;
  policyItems: PolicyItem[];
}

/** `DiskBackupCopyPolicyItem` (time-based or on-demand, discriminated by frequencyType). */
export interface CopyPolicyItem {
  /** RO */ id?: string;
  frequencyType: PolicyFrequencyType;
  retentionUnit?: RetentionUnit;
  retentionValue?: number;
}

/** `DiskBackupCopySetting20240805` */
export interface CopySetting {
  /** required in 2024-08-05 */ zoneId: string;
  cloudProvider?: CloudProvider;
  regionName?: string;
  shouldCopyOplogs?: boolean;
  /** deprecated; only when copyPolicyItemsEnabled is false/omitted */ frequencies?: CopyFrequency[];
  /** only when copyPolicyItemsEnabled is true */ copyPolicyItems?: CopyPolicyItem[];
  /** 1..500; exclusive with frequencies/copyPolicyItems */ lastNumberOfSnapshots?: number;
}

/** `DeleteCopiedBackups20240805` (every field write-only). */
export interface DeleteCopiedBackups {
  cloudProvider?: CloudProvider;
  regionName?: string;
  zoneId?: string;
}

export interface AutoExportPolicy {
  exportBucketId?: string;
  frequencyType?: 'monthly' | 'yearly';
}

export interface ExtraRetentionSetting {
  frequencyType?: CopyFrequency;
  retentionDays?: number;
}

/** `DiskBackupSnapshotSchedule20240805` — GET/PATCH/DELETE …/backup/schedule. */
export interface BackupSchedule {
  /** RO */ clusterId?: string;
  /** RO */ clusterName?: string;
  /** RO */ links?: Link[];
  /** RO */ nextSnapshot?: string;
  /** required, maxItems 1 */ policies?: SchedulePolicy[];
  referenceHourOfDay?: number;
  referenceMinuteOfHour?: number;
  restoreWindowDays?: number;
  autoExportEnabled?: boolean;
  export?: AutoExportPolicy;
  useOrgAndGroupNamesInExportPrefix?: boolean;
  autoCopySettingsEnabled?: boolean;
  copyPolicyItemsEnabled?: boolean;
  copySettings?: CopySetting[];
  extraRetentionSettings?: ExtraRetentionSetting[];
  /** WO */ updateSnapshots?: boolean;
  /** WO */ updateCopySnapshots?: boolean;
  /** WO */ deleteSnapshots?: boolean;
  /** WO */ deleteCopySnapshots?: boolean;
  /** WO */ deleteCopiedBackups?: DeleteCopiedBackups[];
}

/** What `updateBackupSchedule` actually sends: the schedule without the read-only top-level fields. */
export type BackupScheduleUpdate = Omit<BackupSchedule, 'clusterId' | 'clusterName' | 'links' | 'nextSnapshot'>;

// ---- Cloud Backup snapshots (2023-01-01) ----

export type SnapshotStatus = 'queued' | 'inProgress' | 'completed' | 'failed';
export type SnapshotType = 'onDemand' | 'scheduled' | 'fallback';
export type SnapshotFrequencyType = 'hourly' | 'daily' | 'weekly' | 'monthly' | 'yearly';

/** Fields shared by replica-set and sharded snapshots (`DiskBackupSnapshot`); all read-only. */
export interface SnapshotBase {
  id?: string;
  createdAt?: string;
  expiresAt?: string;
  description?: string;
  frequencyType?: SnapshotFrequencyType;
  snapshotType?: SnapshotType;
  status?: SnapshotStatus;
  storageSizeBytes?: number;
  mongodVersion?: string;
  masterKeyUUID?: string;
  policyItems?: string[];
  type?: 'replicaSet' | 'shardedCluster';
  links?: Link[];
}

/** `DiskBackupReplicaSet` (all RO). */
export interface ReplicaSetSnapshot extends SnapshotBase {
  cloudProvider?: CloudProvider;
  copyRegions?: string[];
  replicaSetName?: string;
}

export interface ShardedSnapshotMember {
  cloudProvider: CloudProvider;
  id: string;
  replicaSetName: string;
}

/** `DiskBackupShardedClusterSnapshot` (all RO). */
export interface ShardedClusterSnapshot extends SnapshotBase {
  configServerType?: 'EMBEDDED' | 'DEDICATED';
  members?: ShardedSnapshotMember[];
  snapshotIds?: string[];
}

/** Response of take-snapshot: `DiskBackupSnapshot`, discriminated by `type`. */
export type Snapshot = ReplicaSetSnapshot | ShardedClusterSnapshot;

/** `DiskBackupOnDemandSnapshotRequest` */
export interface TakeSnapshotRequest {
  /** minimum 1 */ retentionInDays: number;
  description?: string;
}

/** `BackupSnapshotRetention` (note the upper-case units, unlike policy items). */
export interface SnapshotRetention {
  retentionUnit: 'DAYS' | 'WEEKS' | 'MONTHS' | 'YEARS';
  retentionValue: number;
}

// ---- Legacy backup snapshots (deprecated `/clusters/{name}/snapshots`) ----

/** `ApiBSONTimestampView` (RO) */
export interface BsonTimestamp {
  date?: string;
  increment?: number;
}

/** `BackupSnapshotPart` (RO) */
export interface LegacySnapshotPart {
  clusterId?: string;
  completedTime?: string;
  compressionSetting?: 'NONE' | 'GZIP';
  dataSizeBytes?: number;
  encryptionEnabled?: boolean;
  fcv?: string;
  fileSizeBytes?: number;
  machineId?: string;
  masterKeyUUID?: string;
  mongodVersion?: string;
  replicaSetName?: string;
  replicaState?: string;
  storageSizeBytes?: number;
  typeName?: 'REPLICA_SET' | 'CONFIG_SERVER' | 'CONFIG_SERVER_REPLICA_SET' | 'CONFIG_SHARD_REPLICA_SET';
}

/** `BackupSnapshot` (legacy). */
export interface LegacySnapshot {
  /** RO */ id?: string;
  /** RO */ clusterId?: string;
  /** RO */ clusterName?: string | null;
  /** RO */ groupId?: string;
  /** RO */ complete?: boolean;
  created?: BsonTimestamp;
  /** cannot be true together with an `expires` timestamp in one request */ doNotDelete?: boolean;
  expires?: string;
  /** RO */ incremental?: boolean;
  lastOplogAppliedTimestamp?: BsonTimestamp;
  /** RO */ parts?: LegacySnapshotPart[];
  /** RO */ links?: Link[];
}

// ---- Backup Compliance Policy (DataProtectionSettings20231001) ----

export interface CompliancePolicyItem {
  /** RO */ id?: string;
  frequencyType: PolicyFrequencyType;
  frequencyInterval: number;
  retentionUnit: RetentionUnit;
  retentionValue: number;
}

export interface CompliancePolicy {
  authorizedEmail: string;
  authorizedUserFirstName: string;
  authorizedUserLastName: string;
  copyProtectionEnabled?: boolean;
  encryptionAtRestEnabled?: boolean;
  pitEnabled?: boolean;
  projectId?: string;
  restoreWindowDays?: number;
  /** frequencyType never `ondemand` here */ scheduledPolicyItems?: CompliancePolicyItem[];
  /** frequencyType `ondemand` only */ onDemandPolicyItem?: CompliancePolicyItem;
  /** RO */ deletable?: boolean;
  /** RO */ state?: 'ACTIVE' | 'ENABLING' | 'UPDATING' | 'DISABLING';
  /** RO */ updatedDate?: string;
  /** RO */ updatedUser?: string;
}

// ---- Errors ----

export interface FieldViolation {
  field: string;
  description: string;
}

/**
 * `ApiError` — the body of every Atlas error response, as the Admin API v2 spec's schema has it: `error` (the HTTP
 * status) and `errorCode` required, `detail` and `reason` possibly null, `badRequestDetail` (null or its `fields`)
 * on a 400. The spec types `parameters` as objects, but Atlas sends strings there (ids, names), so: unknown.
 * The simulator (src/simulator/apiError.ts) answers with this same type.
 */
export interface ApiErrorBody {
  error: number;
  errorCode: string;
  detail?: string | null;
  reason?: string | null;
  parameters?: unknown[];
  badRequestDetail?: { fields?: FieldViolation[] } | null;
}

// ---- Cloud Backup snapshot restore jobs (2023-01-01) ----

export type RestoreDeliveryType = 'automated' | 'download' | 'pointInTime';

/** `DiskBackupRestoreMember` (RO): one replica set of a sharded cluster's restore. */
export interface RestoreJobComponent {
  replicaSetName?: string;
  /** With `deliveryType: download`, once the files are ready. */
  downloadUrl?: string;
  privateDownloadDeliveryUrls?: { deliveryUrl?: string; endpointId?: string }[];
}

/**
 * `DiskBackupSnapshotRestoreJob` as Atlas answers it. It has no state field (derive one from `cancelled`, `failed`,
 * `expired`, `finishedAt`) and no creation time: `timestamp` is the snapshot's.
 */
export interface RestoreJob {
  /** RO */ id?: string;
  deliveryType: RestoreDeliveryType;
  snapshotId?: string;
  targetClusterName?: string;
  targetGroupId?: string;
  pointInTimeUTCSeconds?: number;
  oplogTs?: number;
  oplogInc?: number;
  /** RO */ cancelled?: boolean;
  /** RO */ failed?: boolean;
  /** RO */ expired?: boolean;
  /** RO */ expiresAt?: string;
  /** RO */ finishedAt?: string;
  /** RO */ timestamp?: string;
  /** RO */ deliveryUrl?: string[];
  /** RO */ components?: RestoreJobComponent[];
  /** RO */ privateDownloadDeliveryUrls?: { deliveryUrl?: string; endpointId?: string }[];
  /** RO */ desiredTimestamp?: BsonTimestamp;
  /** RO */ links?: Link[];
}

/**
 * What to restore, as sent. `automated`: `snapshotId` onto the target; `download`: `snapshotId`, no target;
 * `pointInTime`: the target and either `pointInTimeUTCSeconds` or `oplogTs` with `oplogInc`, never both.
 */
export type CreateRestoreJobRequest =
  | { deliveryType: 'automated'; snapshotId: string; targetGroupId: string; targetClusterName: string }
  | { deliveryType: 'download'; snapshotId: string }
  | {
      deliveryType: 'pointInTime';
      targetGroupId: string;
      targetClusterName: string;
      pointInTimeUTCSeconds?: number;
      oplogTs?: number;
      oplogInc?: number;
    };

// ---- What a snapshot holds (2025-03-12): names only ----

/** `DiskBackupDatabaseResponse` / `DiskBackupCollectionResponse` (RO): a name and links, no sizes or counts. */
export interface SnapshotNamespace {
  name: string;
  links?: Link[];
}

// ---- Collection-level restore jobs (2025-03-12) ----

export type CollectionRestoreWriteStrategy = 'CREATE_NEW' | 'OVERWRITE_EXISTING';
export type CollectionRestoreIndexStrategy = 'ALL' | 'NONE' | 'ALL_EXCEPT_TTL';
export type CollectionRestoreJobState =
  'INITIALIZING' | 'IN_PROGRESS' | 'FINALIZING' | 'SUCCESSFUL' | 'CANCELED' | 'FAILED';

/** `ApiAtlasRestoreNamespaceView`: `db.coll` for a collection, `db` for a database; no target means the source's. */
export interface RestoreNamespace {
  sourceNamespace: string;
  targetNamespace?: string;
}

/** `ApiAtlasCollectionRestoreJobIndexStatus` / `ApiAtlasCollectionRestoreIndexStatus` (RO). */
export interface CollectionRestoreIndexStatus {
  state?: 'NOT_STARTED' | 'IN_PROGRESS' | 'SUCCESSFUL' | 'FAILED' | 'NOT_RESTORED' | (string & {});
  failedCollectionCount?: number;
  errorMessage?: string;
}

/**
 * `ApiAtlasCollectionRestoreJobResponse` as Atlas answers it. Unlike a snapshot restore job it has a `state` and a
 * `createdAt`; note the spelling `pointInTimeUtcSeconds` (snapshot restore jobs say `UTC`).
 */
export interface CollectionRestoreJob {
  /** RO */ id?: string;
  /** RO */ state?: CollectionRestoreJobState | (string & {});
  /** RO */ createdAt?: string;
  /** RO */ finishedAt?: string;
  /** RO */ errorMessage?: string;
  /** RO */ restoredDocuments?: number;
  /** RO, may start as an estimate. */ totalDocuments?: number;
  /** RO */ indexStatus?: CollectionRestoreIndexStatus;
  snapshotId?: string;
  pointInTimeUtcSeconds?: number;
  oplogTs?: number;
  oplogInc?: number;
  targetGroupId?: string;
  targetClusterName?: string;
  writeStrategy?: CollectionRestoreWriteStrategy | (string & {});
  indexStrategy?: CollectionRestoreIndexStrategy | (string & {});
  collectionSuffix?: string;
  databaseSuffix?: string;
  collections?: RestoreNamespace[];
  databases?: RestoreNamespace[];
}

/** `ApiAtlasCollectionRestoreCollectionStateResponse` (RO): one collection of a job. */
export interface CollectionRestoreCollectionState {
  sourceNamespace?: string;
  targetNamespace?: string;
  /** Where it was written (after a rename, e.g. a CREATE_NEW onto an existing collection). */
  effectiveTargetNamespace?: string;
  state?: string;
  restoredDocuments?: number;
  totalDocuments?: number;
  indexStatus?: CollectionRestoreIndexStatus & { failedIndexes?: Record<string, unknown>[] };
}

/**
 * What to restore, as sent (`ApiAtlasCollectionRestoreJobRequest`): from a snapshot (`snapshotId`) or a point in
 * time (`pointInTimeUtcSeconds`, or `oplogTs` with `oplogInc`), exactly one; `collections` or `databases`, exactly
 * one list, 1 to 100 namespaces.
 */
export interface CreateCollectionRestoreJobRequest {
  snapshotId?: string;
  pointInTimeUtcSeconds?: number;
  oplogTs?: number;
  oplogInc?: number;
  targetGroupId: string;
  targetClusterName: string;
  writeStrategy: CollectionRestoreWriteStrategy;
  indexStrategy: CollectionRestoreIndexStrategy;
  collections?: RestoreNamespace[];
  databases?: RestoreNamespace[];
  collectionSuffix?: string;
  databaseSuffix?: string;
}

/** Filters of a job's collection list. */
export interface CollectionStateFilter {
  state?: string;
  sourceNamespace?: string;
  targetNamespace?: string;
}

// ---- Flex clusters and their backups (2024-11-13) ----

/** `FlexClusterDescription20241113` (RO), the fields the product reads. */
export interface FlexCluster {
  id?: string;
  name?: string;
  groupId?: string;
  clusterType?: 'REPLICASET' | (string & {});
  mongoDBVersion?: string;
  stateName?: string;
  createDate?: string;
  backupSettings?: { enabled?: boolean };
  providerSettings?: {
    backingProviderName?: string;
    providerName?: 'FLEX' | (string & {});
    regionName?: string;
    diskSizeGB?: number;
  };
  connectionStrings?: { standard?: string; standardSrv?: string };
  terminationProtectionEnabled?: boolean;
  tags?: { key: string; value: string }[];
  links?: Link[];
}

export type FlexStatus = 'PENDING' | 'QUEUED' | 'RUNNING' | 'FAILED' | 'COMPLETED';

/** `FlexBackupSnapshot20241113` (RO). */
export interface FlexSnapshot {
  id?: string;
  status?: FlexStatus | (string & {});
  mongoDBVersion?: string;
  scheduledTime?: string;
  startTime?: string;
  finishTime?: string;
  expiration?: string;
  links?: Link[];
}

/**
 * `FlexBackupRestoreJob20241113` (RO): a RESTORE onto a cluster or a DOWNLOAD (`snapshotUrl`, working until
 * `expirationDate`, four hours after the request).
 */
export interface FlexRestoreJob {
  id?: string;
  deliveryType?: 'RESTORE' | 'DOWNLOAD' | (string & {});
  status?: FlexStatus | (string & {});
  snapshotId?: string;
  instanceName?: string;
  projectId?: string;
  targetDeploymentItemName?: string;
  targetProjectId?: string;
  restoreScheduledDate?: string;
  restoreFinishedDate?: string;
  snapshotFinishedDate?: string;
  expirationDate?: string;
  snapshotUrl?: string;
  links?: Link[];
}

/** A Flex restore onto a Flex or dedicated cluster; without `targetProjectId` Atlas looks in the source's project. */
export interface CreateFlexRestoreJobRequest {
  snapshotId: string;
  targetDeploymentItemName: string;
  targetProjectId?: string;
}

// ---- Snapshot exports to object storage: buckets (2024-05-30), access roles and export jobs (2023-01-01) ----

export type ExportCloudProvider = 'AWS' | 'AZURE' | 'GCP';

/**
 * `DiskBackupSnapshotExportBucketResponse` (2024-05-30), by provider: AWS names its IAM role `iamRoleId`, Azure and
 * GCP name theirs `roleId`; Azure adds the storage account's `serviceUrl` (its container is `bucketName`).
 */
export interface ExportBucket {
  _id: string;
  bucketName: string;
  cloudProvider: ExportCloudProvider;
  /** AWS */ iamRoleId?: string;
  /** AWS, RO: set by Atlas. */ region?: string;
  /** AWS */ requirePrivateNetworking?: boolean;
  /** AZURE, GCP */ roleId?: string;
  /** AZURE */ serviceUrl?: string;
  /** AZURE, RO */ tenantId?: string;
  links?: Link[];
}

/** What a new bucket needs, per provider (the spec's required fields). */
export type CreateExportBucketRequest =
  | { cloudProvider: 'AWS'; bucketName: string; iamRoleId: string; requirePrivateNetworking?: boolean }
  | { cloudProvider: 'AZURE'; serviceUrl: string; roleId: string; bucketName?: string }
  | { cloudProvider: 'GCP'; bucketName: string; roleId: string };

/** `CloudProviderAccessFeatureUsage`: what a role is used for; exports say which bucket. */
export interface CloudProviderAccessFeatureUsage {
  featureType?:
    'ATLAS_DATA_LAKE' | 'ENCRYPTION_AT_REST' | 'EXPORT_SNAPSHOT' | 'PUSH_BASED_LOG_EXPORT' | 'ATLAS_LOG_INTEGRATION';
  featureId?: unknown;
}

/** One role of `CloudProviderAccessRoles`, whichever list it came from. */
export interface CloudProviderAccessRole {
  providerName: ExportCloudProvider;
  /** AWS, GCP */ roleId?: string;
  /** AZURE */ _id?: string;
  createdDate?: string;
  featureUsages?: CloudProviderAccessFeatureUsage[];
  /** AWS: set once the role was authorised; a role without it cannot be used. */ authorizedDate?: string;
  /** AWS */ iamAssumedRoleArn?: string;
  /** AWS */ atlasAWSAccountArn?: string;
  /** AZURE */ servicePrincipalId?: string;
  /** AZURE */ tenantId?: string;
  /** AZURE */ atlasAzureAppId?: string;
  /** GCP */ gcpServiceAccountForAtlas?: string;
  /** GCP: COMPLETE once provisioned. */ status?: 'IN_PROGRESS' | 'COMPLETE' | 'FAILED' | 'NOT_INITIATED';
}

export interface CloudProviderAccessRoles {
  awsIamRoles?: CloudProviderAccessRole[];
  azureServicePrincipals?: CloudProviderAccessRole[];
  gcpServiceAccounts?: CloudProviderAccessRole[];
}

export type ExportJobState = 'Queued' | 'InProgress' | 'Successful' | 'Failed' | 'Cancelled';

/** `BackupLabel`: one key-value pair written into the metadata file Atlas uploads when the export finishes. */
export interface BackupLabel {
  key: string;
  value: string;
}

/** `DiskBackupExportJob` as Atlas answers it. */
export interface ExportJob {
  /** RO */ id?: string;
  exportBucketId: string;
  snapshotId?: string;
  customData?: BackupLabel[];
  /** RO */ state?: ExportJobState;
  /** RO */ exportStatus?: { exportedCollections?: number; totalCollections?: number };
  /** RO: where the export's objects are in the bucket. */ prefix?: string;
  /** RO: set when the job failed. */ stateReason?: { errorCode?: string; message?: string };
  /** RO */ createdAt?: string;
  /** RO */ finishedAt?: string;
  /** RO: sharded clusters, one export per replica set. */ components?: {
    exportId?: string;
    replicaSetName?: string;
  }[];
  /** RO */ links?: Link[];
}

export interface CreateExportJobRequest {
  snapshotId: string;
  exportBucketId: string;
  customData?: BackupLabel[];
}
