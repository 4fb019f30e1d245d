// The restore core: plans and their checks, the restorable window, job states and projections, point-in-time
// parsing. No `vscode`, no network: the CLI and the extension gather the facts and show the results.
export {
  buildRestorePlan,
  compareMongoVersions,
  restoreClusterFacts,
  topologyWords,
  type RestoreCheck,
  type RestoreCheckId,
  type RestoreClusterFacts,
  type RestorePlan,
  type RestorePlanInput,
  type RestoreSnapshotFacts,
  type RestoreTopology,
} from './restorePlan';
export {
  DEFAULT_RESTORE_WINDOW_DAYS,
  completedSpan,
  describeWindow,
  restorableWindow,
  utcWords,
  type RestorableWindow,
  type RestorableWindowInput,
  type SnapshotSpan,
} from './restorableWindow';
export {
  collectionRestoreJobState,
  flexRestoreJobState,
  isRestoreJobDone,
  isoUtc,
  projectCollectionRestoreJob,
  projectFlexRestoreJob,
  projectSnapshotRestoreJob,
  restoreJobState,
  type CollectionRestoreJobLike,
  type FlexRestoreJobLike,
  type RestoreJobProjection,
  type RestoreJobState,
} from './restoreJob';
export {
  EARLIEST_EPOCH_SECONDS,
  epochSecondsOf,
  parsePointInTime,
  type PointInTime,
  type PointInTimeResult,
} from './pointInTime';
export {
  buildDrillReport,
  drillDurationWords,
  drillExitCode,
  drillOutcome,
  drillReportJson,
  drillReportMarkdown,
  drillReportText,
  renderDrillReport,
  type DrillReport,
  type DrillReportInput,
  type DrillState,
} from './drillReport';
