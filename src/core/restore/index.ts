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
export {
  WATCH_FIRST_DELAY_MS,
  WATCH_MAX_DELAY_MS,
  durationWords,
  nextWatchDelay,
  restoreSucceeded,
  watchEnds,
  watchJobUntilEnd,
  watchRestore,
  type JobWatchOptions,
  type JobWatchResult,
  type RestoreWatchOptions,
  type RestoreWatchResult,
} from './restoreWatch';
export {
  listSourceSnapshots,
  newestCompletedSnapshot,
  rankRestoreTargets,
  restoreRequestFor,
  type RestoreTargetChoice,
  type SourceSnapshotLister,
} from './restoreTargets';
export {
  RestoreHistory,
  restoreDurationSeconds,
  restoreHistoryKey,
  type RestoreHistoryEntry,
  type RestoreHistoryOutcome,
} from './restoreHistory';
export { parsePointInTimeInput, type PointInTimeInput } from './pointInTimeInput';
export { parseTypedNamespaces, snapshotAtOrBefore, type TypedNamespaces } from './pointInTimeNames';
export { restoreHistoryMarkdown, restorePlanMarkdown } from './restoreMarkdown';
export {
  ATLAS_INDEX_STRATEGY,
  ATLAS_WRITE_STRATEGY,
  INDEX_STRATEGIES,
  WRITE_STRATEGIES,
  buildCollectionRestorePlan,
  effectiveTarget,
  namespaceProblem,
  parseNamespaceFlag,
  splitNamespace,
  suffixProblem,
  type CollectionRestoreCheck,
  type CollectionRestoreCheckId,
  type CollectionRestorePlan,
  type CollectionRestorePlanInput,
  type IndexStrategy,
  type NamespaceKind,
  type NamespaceMapping,
  type WriteStrategy,
} from './collectionRestorePlan';
export {
  FLEX_DOWNLOAD_HOURS,
  buildFlexRestorePlan,
  flexClusterFacts,
  flexSnapshotFacts,
  type FlexRestorePlanInput,
} from './flexRestorePlan';
export {
  collectionDocumentsWords,
  collectionRestorePlanMarkdown,
  collectionRestoreRequestFor,
  collectionTargetInputProblem,
  type CollectionRestoreChoices,
} from './collectionRestoreRequest';
export { readSnapshotHoldings, type SnapshotContentsLister } from './snapshotHoldings';
