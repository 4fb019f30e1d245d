// Manifest as code: every id the extension shares with package.json lives here, and
// test/unit/manifest.test.ts keeps the two in step. No vscode import, so plain Node can check it.
export const EXTENSION_ID = 'atlas-backup.atlas-backup';

export const Commands = {
  signIn: 'atlasBackup.signIn',
  signOut: 'atlasBackup.signOut',
  switchAccount: 'atlasBackup.switchAccount',
  importAtlasCli: 'atlasBackup.importAtlasCliProfiles',
  refresh: 'atlasBackup.refresh',
  retry: 'atlasBackup.retry',
  showLog: 'atlasBackup.showLog',
  refreshNode: 'atlasBackup.refreshNode',
  copyId: 'atlasBackup.copyId',
  openInAtlas: 'atlasBackup.openInAtlas',
  showJson: 'atlasBackup.showJson',
  openSchedule: 'atlasBackup.openSchedule',
  takeSnapshot: 'atlasBackup.takeSnapshot',
  changeSnapshotExpiry: 'atlasBackup.changeSnapshotExpiry',
  deleteSnapshot: 'atlasBackup.deleteSnapshot',
  loadMoreSnapshots: 'atlasBackup.loadMoreSnapshots',
  filterSnapshots: 'atlasBackup.filterSnapshots',
  /** The same command, shown (filled icon) on a snapshots row whose filter is on. */
  filterSnapshotsActive: 'atlasBackup.filterSnapshotsActive',
  editSchedule: 'atlasBackup.editSchedule',
  discardDraft: 'atlasBackup.discardDraft',
  pullSchedule: 'atlasBackup.pullSchedule',
  openScheduleAsJson: 'atlasBackup.openScheduleAsJson',
  openScheduleEditor: 'atlasBackup.openScheduleEditor',
  showPosture: 'atlasBackup.showPosture',
  applyToClusters: 'atlasBackup.applyToClusters',
  exportScheduleAsCode: 'atlasBackup.exportScheduleAsCode',
  pushSchedule: 'atlasBackup.pushSchedule',
  deleteSchedules: 'atlasBackup.deleteSchedules',
  showScheduleHistory: 'atlasBackup.showScheduleHistory',
  addExportBucket: 'atlasBackup.addExportBucket',
  removeExportBucket: 'atlasBackup.removeExportBucket',
  exportSnapshot: 'atlasBackup.exportSnapshot',
  restoreSnapshot: 'atlasBackup.restoreSnapshot',
  downloadSnapshot: 'atlasBackup.downloadSnapshot',
  restorePointInTime: 'atlasBackup.restorePointInTime',
  cancelRestore: 'atlasBackup.cancelRestore',
  copyRestoreLink: 'atlasBackup.copyRestoreLink',
  showRestoreHistory: 'atlasBackup.showRestoreHistory',
  runRestoreDrill: 'atlasBackup.runRestoreDrill',
  restoreCollection: 'atlasBackup.restoreCollection',
  restoreDatabase: 'atlasBackup.restoreDatabase',
  setUpCompliancePolicy: 'atlasBackup.setUpCompliancePolicy',
  editCompliancePolicy: 'atlasBackup.editCompliancePolicy',
} as const;
export type CommandId = (typeof Commands)[keyof typeof Commands];

/** Commands that act on a tree row; hidden from the command palette. */
export const TreeOnlyCommands: readonly CommandId[] = [
  Commands.retry,
  Commands.refreshNode,
  Commands.copyId,
  Commands.openInAtlas,
  Commands.showJson,
  Commands.openSchedule,
  Commands.takeSnapshot,
  Commands.changeSnapshotExpiry,
  Commands.deleteSnapshot,
  Commands.loadMoreSnapshots,
  Commands.filterSnapshots,
  Commands.addExportBucket,
  Commands.removeExportBucket,
  Commands.exportSnapshot,
  Commands.cancelRestore,
  Commands.copyRestoreLink,
  Commands.filterSnapshotsActive,
  Commands.restoreCollection,
  Commands.restoreDatabase,
];

/** The schedule editor (a custom text editor on *.schedule.json, offered through Open With). */
export const CustomEditors = { schedule: 'atlasBackup.scheduleEditor' } as const;

export const Views = {
  container: 'atlasBackup',
  projects: 'atlasBackup.projects',
} as const;

export const ContextValues = {
  account: 'account',
  project: 'project',
  /** A project under a Backup Compliance Policy (read with the project row): Edit, not Set Up. */
  projectPolicy: 'projectPolicy',
  compliance: 'compliance',
  cluster: 'cluster',
  /** A cluster with cloud backup off: no schedule, no Take snapshot. */
  clusterBackupOff: 'clusterBackupOff',
  /** A cluster (backup on) with a draft of its schedule: Discard Draft and Push apply. */
  clusterDraft: 'clusterDraft',
  /** A cluster with continuous backup (the others' menus, and Restore to a Point in Time). */
  clusterPointInTime: 'clusterPointInTime',
  /** The same with a draft of its schedule. */
  clusterPointInTimeDraft: 'clusterPointInTimeDraft',
  schedule: 'schedule',
  /** The schedule row of a cluster with a draft. */
  scheduleDraft: 'scheduleDraft',
  snapshots: 'snapshots',
  /** A snapshots row showing only some snapshots (its filter button shows it). */
  snapshotsFiltered: 'snapshotsFiltered',
  /** A completed snapshot: expiry and delete apply. */
  snapshot: 'snapshot',
  /** Queued, in progress or failed. */
  snapshotPending: 'snapshotPending',
  loadMore: 'loadMore',
  legacySnapshots: 'legacySnapshots',
  legacySnapshot: 'legacySnapshot',
  /** A project's Export Buckets row. */
  exportBuckets: 'exportBuckets',
  /** A cluster's Exports row. */
  exports: 'exports',
  /** A cluster's snapshot restore jobs. */
  restores: 'restores',
  /** A restore job that has ended. */
  restoreJob: 'restoreJob',
  /** A restore job still in progress: Cancel Restore applies. */
  restoreJobRunning: 'restoreJobRunning',
  /** A download link of a download restore job: Copy Link. */
  restoreLink: 'restoreLink',
  /** Under a completed snapshot: its databases, one database, one collection (names only). */
  snapshotDatabases: 'snapshotDatabases',
  snapshotDatabase: 'snapshotDatabase',
  snapshotCollection: 'snapshotCollection',
  /** A Flex cluster under its project, and its snapshots (completed, or not yet). */
  flexCluster: 'flexCluster',
  flexSnapshot: 'flexSnapshot',
  flexSnapshotPending: 'flexSnapshotPending',
  /** Followed by `.role`, one of DETAIL_ROLES. */
  detail: 'detail',
  loading: 'loading',
  error: 'error',
  empty: 'empty',
} as const;

/** Context keys the extension sets for when-clauses. */
export const ContextKeys = {
  signedIn: 'atlasBackup.signedIn',
  multipleAccounts: 'atlasBackup.multipleAccounts',
} as const;

export const Settings = {
  section: 'atlasBackup',
  baseUrl: 'baseUrl',
  requestTimeoutSeconds: 'requestTimeoutSeconds',
  /** Posture: warn after this many days without a successful restore (`audit --restore-age-days`). */
  restoreAgeDays: 'restoreAgeDays',
  /** Posture: warn when the RPO is above this many seconds (`audit --rpo-target`); null = no target. */
  rpoTargetSeconds: 'rpoTargetSeconds',
  /** Push: always ask for the typed cluster name, not only for the projects listed below. */
  alwaysTypeClusterName: 'confirmations.alwaysTypeClusterName',
  /** Push: projects (ids or names) whose pushes need the typed cluster name. Delete always needs it. */
  typeClusterNameForProjects: 'confirmations.typeClusterNameForProjects',
  snapshotsPerPage: 'snapshotsPerPage',
} as const;

/** The read-only documents of Show JSON and Open Schedule. */
export const JSON_DOCUMENT_SCHEME = 'atlas-backup';
/** Tree rows' resourceUri, only so the FileDecorationProvider can badge them. */
export const NODE_DECORATION_SCHEME = 'atlas-backup-node';
/** Read-only documents the push flow opens in vscode.diff (Atlas's version, the draft, a merge), normalised. */
export const PUSH_DOCUMENT_SCHEME = 'atlas-backup-push';
/** Read-only Markdown documents of restore plans, drill reports and the restore history. */
export const RESTORE_DOCUMENT_SCHEME = 'atlas-backup-restore';
/** Read-only documents of Apply to Other Clusters: the review, then the results under it. */
export const APPLY_DOCUMENT_SCHEME = 'atlas-backup-apply';

export const DEFAULT_BASE_URL = 'https://cloud.mongodb.com';

/** The roles of detail rows (contextValue `detail.<role>`): the rows of words that need no fetch of their own. */
export const DETAIL_ROLES = [
  'scheduleItem',
  'copySetting',
  'export',
  'complianceItem',
  'denied',
  'legacyPart',
  'shardMember',
  'info',
  'exportBucket',
  'exportJob',
] as const;
export type DetailRole = (typeof DETAIL_ROLES)[number];
