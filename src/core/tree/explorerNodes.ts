// The explorer's rows as plain data. No vscode import. Every node carries its account, and every node at or below a
// cluster its groupId and clusterName, so a command acting on a row needs nothing else to find its client and target.
import type {
  BackupSchedule,
  ClusterDescription,
  CompliancePolicy,
  CompliancePolicyItem,
  CloudProviderAccessRoles,
  CopySetting,
  ExportBucket,
  ExportJob,
  FlexCluster,
  FlexSnapshot,
  Group,
  LegacySnapshot,
  LegacySnapshotPart,
  Page,
  PolicyItem,
  ReplicaSetSnapshot,
  ShardedClusterSnapshot,
  ShardedSnapshotMember,
  SnapshotFrequencyType,
  SnapshotNamespace,
} from '../atlas';
import type { ClusterFacts } from '../atlas';
import type { DetailRole } from '../ids';
import type { Cell, PagedList } from './loadStates';
import type {
  ListRestoreJobsPage,
  OtherRestoreJobLists,
  RestoreJobNode,
  RestoreLinkNode,
  RestoresNode,
} from './restoreRows';
import type { ClusterRecoveryCells } from './clusterRecovery';

/** What the explorer needs from the Atlas client (AtlasClient satisfies it). */
export interface ExplorerSource {
  /** The API base URL; the Atlas UI links are built from it. */
  readonly baseUrl?: string;
  listProjects(opts?: { signal?: AbortSignal; itemsPerPage?: number }): AsyncIterable<Group>;
  listClusters(
    groupId: string,
    opts?: { signal?: AbortSignal; itemsPerPage?: number },
  ): AsyncIterable<ClusterDescription>;
  getCompliancePolicy(groupId: string, opts?: { signal?: AbortSignal }): Promise<CompliancePolicy | undefined>;
  getBackupSchedule(groupId: string, clusterName: string, opts?: { signal?: AbortSignal }): Promise<BackupSchedule>;
  listSnapshotsPage(
    groupId: string,
    clusterName: string,
    opts?: { pageNum?: number; itemsPerPage?: number; signal?: AbortSignal },
  ): Promise<Page<ReplicaSetSnapshot>>;
  listShardedSnapshots(
    groupId: string,
    clusterName: string,
    opts?: { signal?: AbortSignal },
  ): Promise<Page<ShardedClusterSnapshot>>;
  listLegacySnapshotsPage(
    groupId: string,
    clusterName: string,
    opts?: { pageNum?: number; itemsPerPage?: number; completed?: 'all' | 'true' | 'false'; signal?: AbortSignal },
  ): Promise<Page<LegacySnapshot>>;
  listExportBuckets(groupId: string, opts?: { signal?: AbortSignal }): AsyncIterable<ExportBucket>;
  listCloudProviderAccessRoles(groupId: string, opts?: { signal?: AbortSignal }): Promise<CloudProviderAccessRoles>;
  listExportJobs(groupId: string, clusterName: string, opts?: { signal?: AbortSignal }): AsyncIterable<ExportJob>;
  /** A cluster's snapshot restore jobs (the Restores row); without it the row is not shown. */
  listRestoreJobsPage?: ListRestoreJobsPage;
  // Optional: a source without them shows no Databases row under snapshots and no Flex clusters (contentsRows.ts).
  listSnapshotDatabases?(
    groupId: string,
    clusterName: string,
    snapshotId: string,
    opts?: { signal?: AbortSignal; itemsPerPage?: number },
  ): AsyncIterable<SnapshotNamespace>;
  listSnapshotCollections?(
    groupId: string,
    clusterName: string,
    snapshotId: string,
    databaseName: string,
    opts?: { signal?: AbortSignal; itemsPerPage?: number },
  ): AsyncIterable<SnapshotNamespace>;
  listFlexClusters?(
    groupId: string,
    opts?: { signal?: AbortSignal; itemsPerPage?: number },
  ): AsyncIterable<FlexCluster>;
  listFlexSnapshots?(
    groupId: string,
    name: string,
    opts?: { signal?: AbortSignal; itemsPerPage?: number },
  ): AsyncIterable<FlexSnapshot>;
  /** A cluster's collection restore jobs and a Flex cluster's restore jobs (the Restores rows). */
  listCollectionRestoreJobs?: OtherRestoreJobLists['listCollectionRestoreJobs'];
  listFlexRestoreJobs?: OtherRestoreJobLists['listFlexRestoreJobs'];
}

/** One signed-in account: a root row of the tree when more than one is signed in (extension.ts wires it). */
export interface ExplorerAccount {
  id: string;
  label: string;
  description?: string;
  source: ExplorerSource;
  active?: boolean;
}

/** Marks the tree shows on clusters, supplied by other features (the draft store: extension.ts wires it). */
export interface ClusterMarks {
  hasDraft(groupId: string, clusterName: string): boolean;
}

export type ClusterInfo = ClusterFacts;

// A fetch whose result several rows show (the schedule summary and its items; the policy badge and its node) is a
// Cell; a cluster's snapshots a PagedList. Their states and the one rule they follow live in loadStates.ts.
export type { Cell, CellState } from './loadStates';

export type SnapshotFilter = 'all' | 'onDemand' | SnapshotFrequencyType;
export const SNAPSHOT_FILTERS: readonly SnapshotFilter[] = [
  'all',
  'onDemand',
  'hourly',
  'daily',
  'weekly',
  'monthly',
  'yearly',
];

export type AnySnapshot = ReplicaSetSnapshot | ShardedClusterSnapshot;

/** A cluster's snapshots as paged so far (newest first). Stable per key like a Cell. */
export interface SnapshotList extends PagedList<AnySnapshot> {
  sharded: boolean;
  filter: SnapshotFilter;
}

interface Row {
  id: string;
  /** The id of the parent row; '' for a root row. */
  parentId: string;
  accountId: string;
}

interface InProject extends Row {
  groupId: string;
}
interface InCluster extends InProject {
  clusterName: string;
}

export interface AccountNode extends Row {
  kind: 'account';
  account: ExplorerAccount;
}
export interface ProjectNode extends InProject {
  kind: 'project';
  project: Group;
  policy: Cell<CompliancePolicy | undefined>;
}
export interface ComplianceNode extends InProject {
  kind: 'compliance';
  projectName: string;
  policy: Cell<CompliancePolicy | undefined>;
}
export interface ClusterNode extends InCluster {
  kind: 'cluster';
  cluster: ClusterDescription;
  info: ClusterInfo;
  /** Whether a draft of this cluster's schedule exists (ClusterMarks). */
  draft: boolean;
  /** The loads of its recovery posture (clusterRecovery.ts), once the cluster has been opened with backup on. */
  recovery?: ClusterRecoveryCells;
}
export interface ScheduleNode extends InCluster {
  kind: 'schedule';
  schedule: Cell<BackupSchedule>;
  timeZone?: string;
  /** Whether a draft of this schedule exists (ClusterMarks), as on its cluster's row. */
  draft?: boolean;
}
export interface SnapshotsNode extends InCluster {
  kind: 'snapshots';
  list: SnapshotList;
}
export interface SnapshotNode extends InCluster {
  kind: 'snapshot';
  snapshot: AnySnapshot;
  sharded: boolean;
  timeZone?: string;
}
export interface LoadMoreNode extends InCluster {
  kind: 'loadMore';
  list: SnapshotList;
}
export interface LegacySnapshotsNode extends InCluster {
  kind: 'legacySnapshots';
  count?: number;
}
export interface LegacySnapshotNode extends InCluster {
  kind: 'legacySnapshot';
  snapshot: LegacySnapshot;
  timeZone?: string;
}
/** A project's Export Buckets row (`buckets`) or a cluster's Exports row (`jobs`): rows built in exportRows.ts. */
export interface ExportListNode extends InProject {
  kind: 'exportList';
  list: 'buckets' | 'jobs';
  clusterName?: string;
}
/** Under a completed snapshot: what it holds, by name (contentsRows.ts). */
export interface SnapshotDatabasesNode extends InCluster {
  kind: 'snapshotDatabases';
  snapshotId: string;
}
export interface SnapshotDatabaseNode extends InCluster {
  kind: 'snapshotDatabase';
  snapshotId: string;
  databaseName: string;
}
export interface SnapshotCollectionNode extends InCluster {
  kind: 'snapshotCollection';
  snapshotId: string;
  databaseName: string;
  collectionName: string;
}
/** A Flex cluster under its project (after the dedicated clusters); `clusterName` is its name. */
export interface FlexClusterNode extends InCluster {
  kind: 'flexCluster';
  flex: FlexCluster;
}
export interface FlexSnapshotNode extends InCluster {
  kind: 'flexSnapshot';
  snapshot: FlexSnapshot;
  timeZone?: string;
}
/**
 * What a row of words shows, as data: explorerPresent.ts puts it into words, an icon and a tooltip. The model only
 * decides which rows exist.
 */
export type Detail =
  | { fact: 'policyDenied'; error: unknown }
  | { fact: 'policyState'; policy: CompliancePolicy }
  | { fact: 'policyAuthorized'; policy: CompliancePolicy }
  | { fact: 'policyItem'; item: CompliancePolicyItem }
  | { fact: 'policyOnDemand'; item: CompliancePolicyItem }
  | { fact: 'policyRestoreWindow'; days: number }
  | { fact: 'policyFlag'; flag: 'pit' | 'copyProtection' | 'encryption'; on: boolean | undefined }
  | { fact: 'policyDeletable'; deletable: boolean | undefined }
  | { fact: 'backupOff' }
  | { fact: 'scheduleItem'; item: PolicyItem }
  | { fact: 'noItems' }
  | { fact: 'restoreWindow'; days: number }
  | { fact: 'copySetting'; copy: CopySetting }
  | { fact: 'export'; schedule: BackupSchedule }
  | { fact: 'shardMember'; member: ShardedSnapshotMember; index: number }
  | { fact: 'legacyPart'; part: LegacySnapshotPart; index: number }
  | { fact: 'exportBucket'; bucket: ExportBucket; roles?: CloudProviderAccessRoles }
  | { fact: 'exportJob'; job: ExportJob; bucketName?: string; snapshotAt?: string };

/** A row of words that needs no fetch of its own: schedule items, copy regions, export, policy items, legacy parts. */
export interface DetailNode extends Row {
  kind: 'detail';
  groupId?: string;
  clusterName?: string;
  /** contextValue suffix. */
  role: DetailRole;
  detail: Detail;
  json?: unknown;
  copyId?: string;
}
export interface LoadingNode extends Row {
  kind: 'loading';
  groupId?: string;
  clusterName?: string;
}
export interface ErrorNode extends Row {
  kind: 'error';
  groupId?: string;
  clusterName?: string;
  what: string;
  error: unknown;
  /** The load a retry restarts. */
  retryKey: string;
}
export interface EmptyNode extends Row {
  kind: 'empty';
  groupId?: string;
  clusterName?: string;
  message: string;
}

export type ExplorerNode =
  | AccountNode
  | ProjectNode
  | ComplianceNode
  | ClusterNode
  | ScheduleNode
  | SnapshotsNode
  | SnapshotNode
  | LoadMoreNode
  | LegacySnapshotsNode
  | LegacySnapshotNode
  | ExportListNode
  | SnapshotDatabasesNode
  | SnapshotDatabaseNode
  | SnapshotCollectionNode
  | FlexClusterNode
  | FlexSnapshotNode
  | DetailNode
  | LoadingNode
  | ErrorNode
  | EmptyNode
  | RestoresNode
  | RestoreJobNode
  | RestoreLinkNode;

export type ExplorerNodeKind = ExplorerNode['kind'];

/** Everything a row shows, independent of the UI toolkit. */
export interface Presentation {
  label: string;
  description?: string;
  /** Markdown built only from escaped text. */
  tooltip?: string;
  contextValue: string;
  collapsible: boolean;
  /** Start expanded (account roots). */
  expanded?: boolean;
  /** A codicon id. */
  icon: string;
  /** A theme color id for the icon. */
  iconColor?: string;
  /**
   * A FileDecoration-like badge: 'lock' (Backup Compliance Policy active), 'warning' (backup off) or 'error' (backup
   * on and no scheduled snapshots).
   */
  badge?: 'lock' | 'warning' | 'error';
  command?: { id: string; title: string; args: unknown[] };
}
