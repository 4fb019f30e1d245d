// The one place that pins each operation to its Atlas API version and records the role it needs.
// Atlas versions per operation (not per client): a newer version of one resource can change its shape
// (e.g. schedule copy settings keyed by zoneId in 2024-08-05 vs replicationSpecId in 2023-01-01), so a
// global version would silently change documents we never meant to upgrade.

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface OperationSpec {
  method: HttpMethod;
  /** `application/vnd.atlas.<version>+json`, sent as Accept and, with a body, as Content-Type. */
  version: string;
  /** The least role the spec requires, used to make 403 messages actionable. */
  role: string;
  /** What the operation does, in words for error messages ("changing the backup schedule"). */
  action: string;
}

export const OPERATIONS = {
  listProjects: { method: 'GET', version: '2023-01-01', role: 'Organization Read Only', action: 'listing projects' },
  // GET /api/atlas/v2/clusters (listClusterDetails, formerly listClustersForAllProjects): one answer lists every
  // cluster in every project the caller can see; the only version Atlas declares is 2023-01-01. Its `CloudCluster`
  // rows carry names and backupEnabled, not instance sizes or replication specs.
  listAllClusters: {
    method: 'GET',
    version: '2023-01-01',
    role: 'any cluster-level role',
    action: 'listing the clusters of all projects',
  },
  listClusters: { method: 'GET', version: '2024-08-05', role: 'Project Read Only', action: 'listing clusters' },
  getCluster: { method: 'GET', version: '2024-08-05', role: 'Project Read Only', action: 'reading the cluster' },
  getBackupSchedule: {
    method: 'GET',
    version: '2024-08-05',
    role: 'Project Read Only',
    action: 'reading the backup schedule',
  },
  updateBackupSchedule: {
    method: 'PATCH',
    version: '2024-08-05',
    role: 'Project Backup Manager',
    action: 'changing the backup schedule',
  },
  deleteBackupSchedules: {
    method: 'DELETE',
    version: '2024-08-05',
    role: 'Project Backup Manager',
    action: 'removing the backup schedule',
  },
  listSnapshots: { method: 'GET', version: '2023-01-01', role: 'Project Read Only', action: 'listing snapshots' },
  getSnapshot: { method: 'GET', version: '2023-01-01', role: 'Project Read Only', action: 'reading a snapshot' },
  takeSnapshot: { method: 'POST', version: '2023-01-01', role: 'Project Backup Creator', action: 'taking a snapshot' },
  updateSnapshotRetention: {
    method: 'PATCH',
    version: '2023-01-01',
    role: 'Project Backup Manager',
    action: "changing a snapshot's retention",
  },
  deleteSnapshot: {
    method: 'DELETE',
    version: '2023-01-01',
    role: 'Project Backup Manager',
    action: 'deleting a snapshot',
  },
  listShardedSnapshots: {
    method: 'GET',
    version: '2023-01-01',
    role: 'Project Read Only',
    action: 'listing sharded-cluster snapshots',
  },
  getShardedSnapshot: {
    method: 'GET',
    version: '2023-01-01',
    role: 'Project Read Only',
    action: 'reading a sharded-cluster snapshot',
  },
  deleteShardedSnapshot: {
    method: 'DELETE',
    version: '2023-01-01',
    role: 'Project Backup Manager',
    action: 'deleting a sharded-cluster snapshot',
  },
  listLegacySnapshots: {
    method: 'GET',
    version: '2023-01-01',
    role: 'Project Read Only',
    action: 'listing legacy snapshots',
  },
  getLegacySnapshot: {
    method: 'GET',
    version: '2023-01-01',
    role: 'Project Read Only',
    action: 'reading a legacy snapshot',
  },
  // Restore jobs: reading them needs Backup Manager; starting or cancelling one needs either operator role (Recovery
  // Operator for a restore onto a cluster, Export Operator for a download).
  listRestoreJobs: {
    method: 'GET',
    version: '2023-01-01',
    role: 'Project Backup Manager',
    action: "listing the cluster's restore jobs",
  },
  getRestoreJob: {
    method: 'GET',
    version: '2023-01-01',
    role: 'Project Backup Manager',
    action: 'reading a restore job',
  },
  createRestoreJob: {
    method: 'POST',
    version: '2023-01-01',
    role: 'Project Backup Recovery Operator or Project Backup Export Operator',
    action: 'starting a restore',
  },
  cancelRestoreJob: {
    method: 'DELETE',
    version: '2023-01-01',
    role: 'Project Backup Recovery Operator or Project Backup Export Operator',
    action: 'cancelling a restore job',
  },
  // What a snapshot holds, names only (2025-03-12, the resource's only version): Backup Manager.
  listSnapshotDatabases: {
    method: 'GET',
    version: '2025-03-12',
    role: 'Project Backup Manager',
    action: "listing a snapshot's databases",
  },
  getSnapshotDatabase: {
    method: 'GET',
    version: '2025-03-12',
    role: 'Project Backup Manager',
    action: 'reading a database in a snapshot',
  },
  listSnapshotCollections: {
    method: 'GET',
    version: '2025-03-12',
    role: 'Project Backup Manager',
    action: "listing a snapshot's collections",
  },
  getSnapshotCollection: {
    method: 'GET',
    version: '2025-03-12',
    role: 'Project Backup Manager',
    action: 'reading a collection in a snapshot',
  },
  // Collection-level restore (2025-03-12, the resource's only version): reading needs Backup Manager, starting one
  // Backup Recovery Operator. The spec declares no way to cancel a collection restore job.
  listCollectionRestoreJobs: {
    method: 'GET',
    version: '2025-03-12',
    role: 'Project Backup Manager',
    action: "listing the cluster's collection restore jobs",
  },
  getCollectionRestoreJob: {
    method: 'GET',
    version: '2025-03-12',
    role: 'Project Backup Manager',
    action: 'reading a collection restore job',
  },
  createCollectionRestoreJob: {
    method: 'POST',
    version: '2025-03-12',
    role: 'Project Backup Recovery Operator',
    action: 'starting a collection restore',
  },
  listCollectionRestoreJobCollections: {
    method: 'GET',
    version: '2025-03-12',
    role: 'Project Backup Manager',
    action: "listing a collection restore job's collections",
  },
  getCollectionRestoreJobCollection: {
    method: 'GET',
    version: '2025-03-12',
    role: 'Project Backup Manager',
    action: 'reading one collection of a collection restore job',
  },
  // Flex clusters and their backups (2024-11-13): reading needs only Project Read Only; a download needs Backup
  // Export Operator and a restore Backup Recovery Operator. No Flex restore job can be cancelled.
  listFlexClusters: {
    method: 'GET',
    version: '2024-11-13',
    role: 'Project Read Only',
    action: 'listing Flex clusters',
  },
  getFlexCluster: { method: 'GET', version: '2024-11-13', role: 'Project Read Only', action: 'reading a Flex cluster' },
  listFlexSnapshots: {
    method: 'GET',
    version: '2024-11-13',
    role: 'Project Read Only',
    action: "listing a Flex cluster's snapshots",
  },
  getFlexSnapshot: {
    method: 'GET',
    version: '2024-11-13',
    role: 'Project Read Only',
    action: 'reading a Flex cluster snapshot',
  },
  downloadFlexSnapshot: {
    method: 'POST',
    version: '2024-11-13',
    role: 'Project Backup Export Operator',
    action: 'requesting a Flex snapshot download',
  },
  listFlexRestoreJobs: {
    method: 'GET',
    version: '2024-11-13',
    role: 'Project Read Only',
    action: "listing a Flex cluster's restore jobs",
  },
  getFlexRestoreJob: {
    method: 'GET',
    version: '2024-11-13',
    role: 'Project Read Only',
    action: 'reading a Flex restore job',
  },
  createFlexRestoreJob: {
    method: 'POST',
    version: '2024-11-13',
    role: 'Project Backup Recovery Operator',
    action: 'starting a Flex restore',
  },
  // Export buckets: 2024-05-30, not 2023-01-01, because 2023-01-01's request and answer are the AWS shape only
  // (`DiskBackupSnapshotAWSExportBucketRequest`/`Response`): an Azure or GCP bucket can neither be created nor fully
  // described in it. The DELETE declares only 2023-01-01 (its 204 carries no body, so nothing differs).
  listExportBuckets: {
    method: 'GET',
    version: '2024-05-30',
    role: 'Project Read Only',
    action: "listing the project's export buckets",
  },
  getExportBucket: {
    method: 'GET',
    version: '2024-05-30',
    role: 'Project Read Only',
    action: 'reading an export bucket',
  },
  createExportBucket: {
    method: 'POST',
    version: '2024-05-30',
    role: 'Project Backup Manager',
    action: 'adding an export bucket',
  },
  deleteExportBucket: {
    method: 'DELETE',
    version: '2023-01-01',
    role: 'Project Backup Manager',
    action: 'removing an export bucket',
  },
  listCloudProviderAccessRoles: {
    method: 'GET',
    version: '2023-01-01',
    role: 'Project Read Only',
    action: "listing the project's cloud provider access roles",
  },
  // Export jobs (2023-01-01, the only version): reading needs Backup Manager, starting one Backup Export Operator.
  listExportJobs: {
    method: 'GET',
    version: '2023-01-01',
    role: 'Project Backup Manager',
    action: "listing the cluster's snapshot exports",
  },
  getExportJob: {
    method: 'GET',
    version: '2023-01-01',
    role: 'Project Backup Manager',
    action: 'reading a snapshot export',
  },
  createExportJob: {
    method: 'POST',
    version: '2023-01-01',
    role: 'Project Backup Export Operator',
    action: 'exporting a snapshot to a bucket',
  },
  getCompliancePolicy: {
    method: 'GET',
    version: '2023-10-01',
    role: 'Project Owner',
    action: 'reading the Backup Compliance Policy',
  },
  putCompliancePolicy: {
    method: 'PUT',
    version: '2023-10-01',
    role: 'Project Owner',
    action: 'changing the Backup Compliance Policy',
  },
  deleteCompliancePolicy: {
    method: 'DELETE',
    version: '2024-11-13',
    role: 'Project Owner',
    action: 'disabling the Backup Compliance Policy',
  },
} as const satisfies Record<string, OperationSpec>;

export type OperationId = keyof typeof OPERATIONS;

export function mediaType(version: string): string {
  return `application/vnd.atlas.${version}+json`;
}
