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

interface ProblemsHolder {
  problems: unknown[];
}
type MergeMethod = (this: ProblemsHolder, other: ProblemsHolder) => void;

/**
 * The language service gathers an array's problems with `problems = problems.concat(itemProblems)` for every item,
 * which copies everything found so far each time: a file of 100,000 items with a schema problem in each took
 * minutes. Each merge is wrapped so that it runs on an empty list and what it added is appended in place; the rest of
 * the method (its match counts) is the library's own. Safe because no result shares its `problems` array.
 */
export function appendProblemsInPlace(proto: Record<string, unknown>): void {
  for (const name of ['merge', 'mergePropertyMatch']) {
    const original = proto[name] as MergeMethod | undefined;
    if (typeof original !== 'function' || (original as { inPlace?: boolean }).inPlace) continue;
    const wrapped: MergeMethod = function (this: ProblemsHolder, other: ProblemsHolder) {
      const mine = this.problems;
      this.problems = [];
      try {
        original.call(this, other);
      } finally {
        const added = this.problems;
        this.problems = mine;
        for (const p of added) mine.push(p);
      }
    };
    proto[name] = Object.assign(wrapped, { inPlace: true });
  }
}

function languageService(): Promise<{ mod: LanguageServiceModule; ls: JsonLanguageService }> {
  service ??= (async () => {
    const [mod, parser] = await Promise.all([
      import('vscode-json-languageservice/lib/esm/jsonLanguageService.js'),
      import(
        // @ts-expect-error -- the package ships no declarations for this internal module; only one prototype is used
        'vscode-json-languageservice/lib/esm/parser/jsonParser.js'
      ) as Promise<{ ValidationResult: { prototype: Record<string, unknown> } }>,
    ]);
    appendProblemsInPlace(parser.ValidationResult.prototype);
    const ls = mod.getLanguageService({});
    ls.configure({
      validate: true,
      allowComments: true,
      schemas: [{ uri: SCHEMA_URI, fileMatch: ['*.schedule.json'], schema: scheduleSchema }],
    });
    return { mod, ls };
  })();
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

/**
 * The JSON path of the innermost node at `offset`. Walks down from the root with a binary search among each node's
 * children (they are in document order), so the path of every problem in a file of 100,000 items costs a few steps
 * each; the language service's getNodeFromOffset scans siblings one by one, and finding an item's index with indexOf
 * did too, which made a file with a schema problem in every item quadratic.
 */
function pathAt(json: { root?: unknown }, offset: number): (string | number)[] {
  interface AstNode {
    type: string;
    offset: number;
    length: number;
    children?: AstNode[];
    keyNode?: { value: string };
  }
  const inside = (n: AstNode) => offset >= n.offset && offset < n.offset + n.length;
  const path: (string | number)[] = [];
  const root = json.root as AstNode | undefined;
  if (!root || !inside(root)) return path;
  for (let node: AstNode = root; ;) {
    const children: AstNode[] = node.children ?? [];
    let lo = 0,
      hi = children.length - 1,
      found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (children[mid].offset <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const child: AstNode | undefined = found >= 0 ? children[found] : undefined;
    if (!child || !inside(child)) return path;
    if (node.type === 'property' && node.keyNode) path.push(node.keyNode.value);
    else if (node.type === 'array') path.push(found);
    node = child;
  }
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
