// Schema validation with positions, by vscode-json-languageservice: it is what VS Code's own JSON support runs on
// (over jsonc-parser), so the CLI, the custom editor and a plain text editor using our schema report the same
// things at the same places. It is async, and loaded on first use so that callers needing only checkSchedule
// (and the CLI's start-up) do not pay for it.
import { checkSchedule, compareProblems, internalProblem, SCHEMA_RULE } from './checkSchedule';
import { scheduleSchema } from './schema';
import { excessiveNesting, withoutBom } from './scheduleDocument';
import type { Problem, ScheduleContext, Severity } from './types';

type LanguageServiceModule = typeof import('vscode-json-languageservice/lib/esm/jsonLanguageService.js');
type JsonLanguageService = ReturnType<LanguageServiceModule['getLanguageService']>;

const SCHEMA_URI = 'atlas-backup://schemas/backup-schedule.schema.json';
const DOC_URI = 'file:///lint/document.schedule.json';

let service: Promise<{ mod: LanguageServiceModule; ls: JsonLanguageService }> | undefined;

function languageService(): Promise<{ mod: LanguageServiceModule; ls: JsonLanguageService }> {
  service ??= import('vscode-json-languageservice/lib/esm/jsonLanguageService.js').then((mod) => {
    const ls = mod.getLanguageService({});
    ls.configure({
      validate: true,
      allowComments: true,
      schemas: [{ uri: SCHEMA_URI, fileMatch: ['*.schedule.json'], schema: scheduleSchema }],
    });
    return { mod, ls };
  });
  service.catch(() => {
    service = undefined;
  });
  return service;
}

// Syntax diagnostics (codes 0x100–0x2ff) duplicate our json-syntax rule, except duplicate keys, which jsonc-parser
// does not report.
function isSyntaxCode(code: unknown): boolean {
  return typeof code === 'number' && code >= 0x100 && code < 0x300 && code !== 520;
}

async function schemaProblems(text: string, signal?: AbortSignal): Promise<Problem[]> {
  const { mod, ls } = await languageService();
  signal?.throwIfAborted();
  const doc = mod.TextDocument.create(DOC_URI, 'json', 1, withoutBom(text));
  const json = ls.parseJSONDocument(doc);
  const diags = await ls.doValidation(doc, json, {
    comments: 'ignore',
    trailingCommas: 'ignore',
    schemaValidation: 'error',
    schemaRequest: 'ignore',
  });
  signal?.throwIfAborted();
  const problems: Problem[] = [];
  for (const d of diags) {
    if (isSyntaxCode(d.code)) continue;
    const offset = doc.offsetAt(d.range.start);
    const length = doc.offsetAt(d.range.end) - offset;
    const severity: Severity =
      d.severity === mod.DiagnosticSeverity.Error
        ? 'error'
        : d.severity === mod.DiagnosticSeverity.Warning
          ? 'warning'
          : 'info';
    problems.push({
      ruleId: SCHEMA_RULE.id,
      severity,
      message: typeof d.message === 'string' ? d.message : d.message.value,
      path: pathAt(json, offset),
      offset,
      length,
      docs: SCHEMA_RULE.docs,
    });
  }
  return problems;
}

/** The JSON path of the innermost node at `offset`. */
function pathAt(
  json: { getNodeFromOffset(offset: number, includeRightBound?: boolean): unknown },
  offset: number,
): (string | number)[] {
  interface AstNode {
    type: string;
    parent?: AstNode;
    keyNode?: { value: string };
    items?: AstNode[];
  }
  const path: (string | number)[] = [];
  let node = json.getNodeFromOffset(offset) as AstNode | undefined;
  while (node?.parent) {
    const parent: AstNode = node.parent;
    if (parent.type === 'property' && parent.keyNode) path.unshift(parent.keyNode.value);
    else if (parent.type === 'array' && parent.items) path.unshift(parent.items.indexOf(node));
    node = parent;
  }
  return path;
}

/**
 * Schema check plus every rule: sorted by position, de-duplicated. A schema problem at exactly the range of a
 * rule's problem is dropped, since the rule says the same thing more precisely (and may offer a fix).
 */
export async function lintSchedule(text: string, ctx: ScheduleContext = {}, signal?: AbortSignal): Promise<Problem[]> {
  const ruled = checkSchedule(text, ctx);
  let schema: Problem[];
  try {
    schema = typeof text === 'string' && excessiveNesting(text) === undefined ? await schemaProblems(text, signal) : [];
  } catch (e) {
    if (signal?.aborted) throw e;
    schema = [internalProblem('The schema check', e)];
  }
  const taken = new Set(ruled.map((p) => `${p.offset}:${p.length}`));
  const seen = new Set<string>();
  const all: Problem[] = [];
  for (const p of [...ruled, ...schema]) {
    if (p.ruleId === SCHEMA_RULE.id && taken.has(`${p.offset}:${p.length}`)) continue;
    const key = `${p.ruleId}|${p.offset}|${p.length}|${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    all.push(p);
  }
  return all.sort(compareProblems);
}
