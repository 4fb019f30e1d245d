import { allRules } from './rules/index';
import { docsLink, info, toProblem } from './rule';
import { excessiveNesting, MAX_NESTING, ScheduleDocument } from './scheduleDocument';
import type { Problem, RuleInfo, ScheduleContext, Severity } from './types';

/** Problems from the schema check (vscode-json-languageservice); see lintSchedule. */
export const SCHEMA_RULE: RuleInfo = {
  id: 'schema',
  severity: 'error',
  summary:
    'The document matches the JSON schema of the 2024-08-05 schedule (types, required fields, ranges, patterns).',
  docs: docsLink('schema'),
};
/** A rule (or the schema check) failed unexpectedly; the other rules still ran. */
export const INTERNAL_RULE: RuleInfo = {
  id: 'internal',
  severity: 'error',
  summary: 'A check crashed; this is a bug in the extension, please report it with the document.',
  docs: docsLink('internal'),
};

/** The rule catalogue, for docs, tests and the VS Code layer (diagnostic codes link to `docs`). */
export const rules: RuleInfo[] = [...allRules.map(info), SCHEMA_RULE, INTERNAL_RULE];

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Code-point order: the same on every machine, whatever its locale, and without `localeCompare`, whose first call
 * loads ICU's collator (about 10 ms, a good part of the CLI's start-up).
 */
export function codePointOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareProblems(a: Problem, b: Problem): number {
  return (
    a.offset - b.offset ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    codePointOrder(a.ruleId, b.ruleId) ||
    a.length - b.length ||
    codePointOrder(a.message, b.message)
  );
}

export function internalProblem(what: string, err: unknown): Problem {
  const detail = err instanceof Error ? err.message : String(err);
  return {
    ruleId: INTERNAL_RULE.id,
    severity: 'error',
    message: `${what} crashed: ${detail}`,
    path: [],
    offset: 0,
    length: 0,
    docs: INTERNAL_RULE.docs,
  };
}

export function nestingProblem(offset: number): Problem {
  return {
    ruleId: 'json-syntax',
    severity: 'error',
    message: `JSON nested deeper than ${MAX_NESTING} levels; a schedule is only a few levels deep, so this file is not checked further`,
    path: [],
    offset,
    length: 1,
    docs: docsLink('json-syntax'),
  };
}

/** Parses `text` and runs every rule; synchronous, never throws. Problems are sorted by position. */
export function checkSchedule(text: string, ctx: ScheduleContext = {}): Problem[] {
  const problems: Problem[] = [];
  const tooDeep = typeof text === 'string' ? excessiveNesting(text) : undefined;
  if (tooDeep !== undefined) return [nestingProblem(tooDeep)];
  let doc: ScheduleDocument;
  try {
    doc = new ScheduleDocument(typeof text === 'string' ? text : String(text));
  } catch (e) {
    return [internalProblem('Parsing', e)];
  }
  const context: ScheduleContext = ctx && typeof ctx === 'object' ? ctx : {};
  for (const rule of allRules) {
    try {
      rule.check(doc, context, (r) => problems.push(toProblem(rule, r)));
    } catch (e) {
      problems.push(internalProblem(`Rule ${rule.id}`, e));
    }
  }
  return problems.sort(compareProblems);
}
