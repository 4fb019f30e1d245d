// The export core: picking a bucket, custom data, export job states in words, and which schedules auto-export to a
// bucket. No `vscode`: the CLI uses it now, the extension's bucket and export views will.
export {
  FINAL_EXPORT_STATES,
  autoExportersOf,
  bucketRemovalRefusal,
  describeBucket,
  describeProgress,
  describeUnfinishedExport,
  exportStateWords,
  isExportFinished,
  parseCustomData,
  pickBucket,
  type BucketPick,
  type CustomDataResult,
  type ScheduleOfCluster,
} from './exportJobs';
export { checkBucketRemoval, schedulesOfProject } from './bucketRemoval';
