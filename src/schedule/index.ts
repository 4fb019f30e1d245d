// Public API of the schedule rule engine (vscode-free). See README.md.
export type { Severity, TextEdit, Fix, Problem, ScheduleContext, CompliancePolicy, CompliancePolicyItem, RuleInfo, JsonPath } from './types';
export { checkSchedule, rules } from './checkSchedule';
export { lintSchedule } from './lintSchedule';
export { scheduleSchema } from './schema';
export { applyEdits } from './jsonc';
