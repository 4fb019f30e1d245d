import * as vscode from 'vscode';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { checkSchedule } from '../../core/schedule/checkSchedule';
import type { Problem, ScheduleContext, Severity } from '../../core/schedule';
import { Disposable } from '../common/disposable';
import type { Logger } from '../common/logger';

export const SCHEDULE_FILE_SUFFIX = '.schedule.json';
const DEBOUNCE_MS = 150;

export function isScheduleDocument(doc: vscode.TextDocument): boolean {
  return doc.uri.path.endsWith(SCHEDULE_FILE_SUFFIX);
}

/**
 * Supplies cluster context (NVMe, continuous backup, zones, compliance policy) for a schedule document: undefined
 * when the document names no cluster; throws ContextUnavailable when it names one whose context cannot be read.
 */
export type ContextResolver = (doc: vscode.TextDocument, signal: AbortSignal) => Promise<ScheduleContext | undefined>;

/** Why the cluster-dependent rules did not run for a document that names a cluster, and what the user can do. */
export class ContextUnavailable extends Error {
  override name = 'ContextUnavailable';
  constructor(
    message: string,
    readonly action?: { title: string; command: string },
  ) {
    super(message);
  }
}

export const CLUSTER_CONTEXT_CODE = 'cluster-context';

/**
 * What VS Code's JSON support already reports for *.schedule.json (syntax errors, a root that is not an object):
 * not reported twice. An empty file and excessive nesting it does not report, so those stay.
 */
function reportedByJsonService(p: Problem): boolean {
  return p.ruleId === 'json-syntax' && /^(JSON syntax error|The document is)/.test(p.message);
}

/**
 * Publishes the rule engine's problems for every open *.schedule.json document to the Problems panel,
 * debounced, dropping results for a document version that is no longer current. Schema problems are
 * left to VS Code's JSON language support (the schema is contributed through jsonValidation), so they
 * are not reported twice.
 */
export class ScheduleDiagnostics extends Disposable {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection('atlasBackup.schedule'));
  private readonly problems = new Map<
    string,
    { version: number; problems: Problem[]; notice?: { range: vscode.Range; unavailable: ContextUnavailable } }
  >();
  private readonly pending = new Map<string, { timer: NodeJS.Timeout; abort: AbortController }>();
  private readonly validated = this._register(new vscode.EventEmitter<vscode.Uri>());
  /** Fires after a document's diagnostics were published (tests wait on it). */
  readonly onDidValidate = this.validated.event;

  /** 1-based line of each rule's heading in docs/rules.md, so a rule link opens at its section. */
  private ruleLines: Map<string, number> = new Map();

  constructor(
    private readonly docsUri: vscode.Uri,
    private readonly logger: Logger,
    private readonly resolveContext?: ContextResolver,
  ) {
    super();
    void Promise.resolve(vscode.workspace.fs.readFile(docsUri)).then(
      (bytes) => {
        this.ruleLines = ruleHeadingLines(new TextDecoder().decode(bytes));
        this.revalidateAll();
      },
      () => {
        /* links then open the file at its top */
      },
    );
    this._register(vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, DEBOUNCE_MS)));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.clear(d.uri)));
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  /** Why the cluster rules did not run for `doc` (and the range of its atlas block), if they did not. */
  noticeFor(doc: vscode.TextDocument): { range: vscode.Range; unavailable: ContextUnavailable } | undefined {
    const p = this.problems.get(doc.uri.toString());
    return p && p.version === doc.version ? p.notice : undefined;
  }

  /** The problems last published for `doc`, with their fixes (for the code-action provider). */
  problemsFor(doc: vscode.TextDocument): Problem[] {
    const p = this.problems.get(doc.uri.toString());
    return p && p.version === doc.version ? p.problems : [];
  }

  /** Re-check every open schedule document (after sign-in or a settings change, when context may differ). */
  revalidateAll(): void {
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  private schedule(doc: vscode.TextDocument, delay: number): void {
    if (!isScheduleDocument(doc)) return;
    const key = doc.uri.toString();
    const prev = this.pending.get(key);
    if (prev) {
      clearTimeout(prev.timer);
      prev.abort.abort();
    }
    const abort = new AbortController();
    const timer = setTimeout(() => void this.validate(doc, abort.signal), delay);
    this.pending.set(key, { timer, abort });
  }

  private async validate(doc: vscode.TextDocument, signal: AbortSignal): Promise<void> {
    const key = doc.uri.toString();
    const version = doc.version;
    try {
      let ctx: ScheduleContext | undefined;
      let unavailable: ContextUnavailable | undefined;
      if (this.resolveContext) {
        try {
          ctx = await this.resolveContext(doc, signal);
        } catch (e) {
          unavailable =
            e instanceof ContextUnavailable
              ? e
              : new ContextUnavailable(
                  `The cluster rules were not checked: ${e instanceof Error ? e.message : String(e)}`,
                );
          this.logger.debug(`No cluster context for ${doc.uri.fsPath}: ${unavailable.message}`);
        }
      }
      // The rules only: schema problems come from VS Code's JSON support (jsonValidation), so the JSON language
      // service is not bundled into the extension a second time.
      const problems = checkSchedule(doc.getText(), ctx).filter((p) => !reportedByJsonService(p));
      if (signal.aborted || doc.isClosed || doc.version !== version) return; // a newer edit is on its way
      const range = unavailable ? atlasBlockRange(doc) : undefined;
      const notice = unavailable && range ? { range, unavailable } : undefined;
      this.problems.set(key, { version, problems, notice });
      const diagnostics = problems.map((p) => this.toDiagnostic(doc, p));
      if (notice) {
        // Said once, on the atlas block, instead of the cluster rules going quiet.
        const d = new vscode.Diagnostic(
          notice.range,
          notice.unavailable.message,
          vscode.DiagnosticSeverity.Information,
        );
        d.source = 'Atlas Backup';
        d.code = CLUSTER_CONTEXT_CODE;
        diagnostics.push(d);
      }
      this.collection.set(doc.uri, diagnostics);
      this.validated.fire(doc.uri);
    } catch (e) {
      this.logger.error(`Checking ${doc.uri.fsPath} failed`, e);
    } finally {
      if (this.pending.get(key)?.abort.signal === signal) this.pending.delete(key);
    }
  }

  private toDiagnostic(doc: vscode.TextDocument, p: Problem): vscode.Diagnostic {
    const range = new vscode.Range(doc.positionAt(p.offset), doc.positionAt(p.offset + p.length));
    const d = new vscode.Diagnostic(range, p.message, toSeverity(p.severity));
    d.source = 'Atlas Backup';
    // A file link opens at the line its fragment names (L<n>); an anchor name would open the file at its top.
    const line = this.ruleLines.get(p.ruleId);
    d.code = { value: p.ruleId, target: this.docsUri.with({ fragment: line ? `L${line}` : p.ruleId }) };
    return d;
  }

  private clear(uri: vscode.Uri): void {
    const key = uri.toString();
    const p = this.pending.get(key);
    if (p) {
      clearTimeout(p.timer);
      p.abort.abort();
      this.pending.delete(key);
    }
    this.problems.delete(key);
    this.collection.delete(uri);
  }

  override dispose(): void {
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.abort.abort();
    }
    this.pending.clear();
    super.dispose();
  }
}

/** The `"atlas"` key of a schedule file (where the cluster-context notice goes). */
function atlasBlockRange(doc: vscode.TextDocument): vscode.Range | undefined {
  const root = parseTree(doc.getText(), [], { allowTrailingComma: true, disallowComments: false });
  const node = root ? findNodeAtLocation(root, ['atlas']) : undefined;
  const key = node?.parent?.children?.[0];
  if (!key) return undefined;
  return new vscode.Range(doc.positionAt(key.offset), doc.positionAt(key.offset + key.length));
}

/** Rule id → 1-based line of its `## <a id="rule-id">` heading. */
export function ruleHeadingLines(markdown: string): Map<string, number> {
  const lines = new Map<string, number>();
  markdown.split(/\r?\n/).forEach((l, i) => {
    const m = /^#+\s*<a id="([a-z0-9-]+)"><\/a>/.exec(l);
    if (m) lines.set(m[1], i + 1);
  });
  return lines;
}

function toSeverity(s: Severity): vscode.DiagnosticSeverity {
  switch (s) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    case 'info':
      return vscode.DiagnosticSeverity.Information;
  }
}

/** Offers each problem's fixes as quick fixes; the edits are the engine's minimal jsonc edits. */
export class ScheduleCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly diagnostics: ScheduleDiagnostics) {}

  provideCodeActions(
    doc: vscode.TextDocument,
    range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    const notice = this.diagnostics.noticeFor(doc);
    if (notice?.unavailable.action && (notice.range.intersection(range) || notice.range.contains(range))) {
      const action = new vscode.CodeAction(notice.unavailable.action.title, vscode.CodeActionKind.QuickFix);
      action.command = { command: notice.unavailable.action.command, title: notice.unavailable.action.title };
      action.diagnostics = context.diagnostics.filter(
        (d) => d.source === 'Atlas Backup' && codeOf(d) === CLUSTER_CONTEXT_CODE,
      );
      action.isPreferred = true;
      actions.push(action);
    }
    for (const p of this.diagnostics.problemsFor(doc)) {
      if (!p.fixes?.length) continue;
      const pRange = new vscode.Range(doc.positionAt(p.offset), doc.positionAt(p.offset + p.length));
      if (!pRange.intersection(range) && !pRange.contains(range)) continue;
      const diagnostic = context.diagnostics.find(
        (d) => d.source === 'Atlas Backup' && codeOf(d) === p.ruleId && d.range.isEqual(pRange),
      );
      for (const fix of p.fixes) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        const edit = new vscode.WorkspaceEdit();
        for (const e of fix.edits)
          edit.replace(
            doc.uri,
            new vscode.Range(doc.positionAt(e.offset), doc.positionAt(e.offset + e.length)),
            e.content,
          );
        action.edit = edit;
        action.isPreferred = fix.isPreferred;
        if (diagnostic) action.diagnostics = [diagnostic];
        actions.push(action);
      }
    }
    return actions;
  }
}

function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}
