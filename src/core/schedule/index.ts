// Public API of the schedule rule engine (vscode-free). See README.md.
export type {
  Severity,
  TextEdit,
  Fix,
  Problem,
  ScheduleContext,
  CompliancePolicy,
  CompliancePolicyItem,
  RuleInfo,
  JsonPath,
} from './types';
export { checkSchedule, rules } from './checkSchedule';
export { lintSchedule } from './lintSchedule';
export { scheduleSchema } from './schema';
export { applyEdits } from './jsonc';
// What a push changes (the readable diff, the three-way compare, aligned JSON documents): shared by Push, the CLI
// and apply-to-many.
export { diffSchedules, formatChanges, threeWay, alignedDocuments, matchItems } from './diff';
// A schedule in words, the one vocabulary of every surface.
export { describeItem, describeNamedItem, describeInterval, summarizeSchedule } from './describeSchedule';
export type { Change, ChangeKind, Base, ThreeWay, Conflict } from './diff';
