// The shape every rule file exports, and the helper rules use to report. A rule reads the parsed document and the
// context and reports; it never throws on purpose (the runner still catches, see checkSchedule.ts).
import type { Node } from './jsonc';
import { keyRange, range, type Range, type ScheduleDocument } from './scheduleDocument';
import type { Fix, JsonPath, Problem, RuleInfo, ScheduleContext, Severity } from './types';

export interface Report {
  path: JsonPath;
  /** A node (its value range), or an explicit range. */
  at: Node | Range;
  /** Report on the property key rather than on the value node. */
  onKey?: boolean;
  message: string;
  fixes?: Fix[];
}

export interface Rule {
  id: string;
  severity: Severity;
  summary: string;
  check(doc: ScheduleDocument, ctx: ScheduleContext, report: (r: Report) => void): void;
}

export const docsLink = (id: string): string => `docs/rules.md#${id}`;

export function info(rule: Rule): RuleInfo {
  return { id: rule.id, severity: rule.severity, summary: rule.summary, docs: docsLink(rule.id) };
}

function isNode(x: Node | Range): x is Node {
  return typeof (x as Node).type === 'string';
}

export function toProblem(rule: { id: string; severity: Severity }, r: Report): Problem {
  const at = isNode(r.at) ? (r.onKey ? keyRange(r.at) : range(r.at)) : r.at;
  const p: Problem = {
    ruleId: rule.id,
    severity: rule.severity,
    message: r.message,
    path: r.path,
    offset: at.offset,
    length: at.length,
    docs: docsLink(rule.id),
  };
  const fixes = r.fixes?.filter((f) => f.edits.length > 0);
  if (fixes?.length) p.fixes = fixes;
  return p;
}
