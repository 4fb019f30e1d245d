export {
  dryRun,
  forbiddenUnder,
  raiseSchedule,
  type ClusterPlan,
  type ClusterState,
  type DryRun,
  type DryRunInput,
} from './dryRun';
export { formatDryRun } from './formatDryRun';
export { loadProjectBackupState, type ProjectBackupState } from './loadProject';
export { looseningProblems } from './loosening';
export { validatePolicy, type PolicyProblem } from './validatePolicy';
