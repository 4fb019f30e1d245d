// The schedule editor: a CustomTextEditorProvider whose model is the *.schedule.json TextDocument. The webview sends
// intents; each becomes a minimal jsonc edit applied through a WorkspaceEdit, so undo/redo, dirty state and hot exit
// are VS Code's own, and the form and the text editor are two views of one document. After every change the
// extension sends the document's view-model (src/core/schedule/formModel.ts) back.
import * as vscode from 'vscode';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { webviewHtml } from '../common/webviewHtml';
import { checkSchedule } from '../../core/schedule/checkSchedule';
import type { Problem, ScheduleContext } from '../../core/schedule';
import { formModel, intentEdits, type FormModel, type Intent } from '../../core/schedule/formModel';
import { findNodeAtOffset, getNodePath, parseTree } from '../../core/schedule/jsonc';
import { parseToExtension, type ToExtension, type ToWebview } from '../../webview/scheduleEditor/protocol';
import { signalOf } from '../common/cancellation';
import { CustomEditors } from '../../core/ids';
import type { Logger } from '../common/logger';
import type { ContextResolver } from '../scheduleFiles/scheduleDiagnostics';

export const SCHEDULE_EDITOR_VIEW_TYPE = CustomEditors.schedule;

/** Form edits that change values only: every path into the document stays where it was. */
const PATH_STABLE = new Set<Intent['kind']>(['set', 'setItemType', 'setCopyItemType']);

interface Session {
  doc: vscode.TextDocument;
  panel: vscode.WebviewPanel;
  ready: boolean;
  timeZone: string;
  ctx: ScheduleContext;
  /** Problems of the version last sent, so a fix names the problem the person saw. */
  sent?: { version: number; problems: Problem[]; model: FormModel };
  /** The text of the last few versions sent, by version: an edit counts when the form it was made on showed this text. */
  shown: Map<number, string>;
  /**
   * The newest document version from which the form's paths may point elsewhere: a change the form did not make
   * (typing in the JSON, undo, a reload from disk) or a form edit that adds, removes or rearranges (policyItems[2]
   * is another item after item 1 is removed).
   */
  pathsMovedAt: number;
  /** A form edit is being applied (one at a time, see queue): the document changes it causes are the form's own. */
  applying: boolean;
  /** Edits are applied one after another, each on the text the one before left. */
  queue: Promise<void>;
  /** Aborted when the editor closes. */
  closed: AbortSignal;
  /** Loads of the cluster's context: only the newest one's answer is kept. */
  contextLoads: number;
  openedAt: number;
  /** When the webview's script said `ready` (the webview's own start-up ends here). */
  scriptAt?: number;
  readyMs?: number;
  /** The state the page carried, the time zone it was built for, and whether anything changed since. */
  initial?: { timeZone: string; stale: boolean };
  /** Building the first state and the page (ours, before VS Code starts the webview). */
  hostMs?: number;
  /** Atlas's refusals in the state last built (`refusalKey`): the form is redrawn only when they change. */
  refusals?: string;
  receive(raw: unknown): Promise<void>;
}

export interface EditorRender {
  uri: vscode.Uri;
  version: number;
  model: FormModel;
  readyMs?: number;
}

export class ScheduleEditorProvider implements vscode.CustomTextEditorProvider, vscode.Disposable {
  private readonly sessions = new Set<Session>();
  private readonly rendered = new vscode.EventEmitter<EditorRender>();
  /** Fires when a webview has drawn a state (tests and the bench wait on it). */
  readonly onDidRender = this.rendered.event;

  static register(
    context: vscode.ExtensionContext,
    logger: Logger,
    resolveContext: ContextResolver,
    title: (doc: vscode.TextDocument) => string,
  ): ScheduleEditorProvider {
    const provider = new ScheduleEditorProvider(context.extensionUri, logger, resolveContext, title);
    context.subscriptions.push(
      provider,
      vscode.window.registerCustomEditorProvider(SCHEDULE_EDITOR_VIEW_TYPE, provider, {
        webviewOptions: { retainContextWhenHidden: true },
        supportsMultipleEditorsPerDocument: true,
      }),
    );
    return provider;
  }

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly logger: Logger,
    private readonly resolveContext: ContextResolver,
    private readonly title: (doc: vscode.TextDocument) => string,
  ) {}

  /** The last state sent for `uri` (tests read it; the webview shows exactly this). */
  stateFor(uri: vscode.Uri): { version: number; model: FormModel } | undefined {
    for (const s of this.sessions)
      if (s.doc.uri.toString() === uri.toString() && s.sent) return { version: s.sent.version, model: s.sent.model };
    return undefined;
  }

  /** Delivers a message as if the webview of `uri` had posted it (integration tests drive the form this way). */
  async receive(uri: vscode.Uri, message: unknown): Promise<void> {
    for (const s of this.sessions)
      if (s.doc.uri.toString() === uri.toString()) {
        await s.receive(message);
        return;
      }
    throw new Error(`no schedule editor is open on ${uri.toString()}`);
  }

  resolveCustomTextEditor(doc: vscode.TextDocument, panel: vscode.WebviewPanel, token: vscode.CancellationToken): void {
    const openedAt = performance.now();
    const webviewRoot = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    panel.webview.options = {
      enableScripts: true,
      localResourceRoots: [webviewRoot, vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
    const abort = new AbortController();
    const opening = signalOf(token, abort);
    const session: Session = {
      doc,
      panel,
      ready: false,
      timeZone: 'UTC',
      ctx: {},
      openedAt,
      shown: new Map(),
      pathsMovedAt: doc.version,
      applying: false,
      queue: Promise.resolve(),
      closed: abort.signal,
      contextLoads: 0,
      receive: async (raw) => this.onMessage(session, raw),
    };
    this.sessions.add(session);
    // The first state travels in the page: the form draws as soon as its script runs, without the `ready` round trip.
    // Built for the extension host's time zone; the webview's own (in `ready`) redraws it only when it differs.
    session.timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    session.initial = { timeZone: session.timeZone, stale: false };
    const built = performance.now();
    panel.webview.html = this.html(panel.webview, webviewRoot, this.state(session));
    session.hostMs = performance.now() - built;
    const subs: vscode.Disposable[] = [
      panel.webview.onDidReceiveMessage((raw) => session.receive(raw)),
      // Every new version, even one without content changes (a reload from disk, a save): the form's version must
      // follow the document's, or the next edit would look out of date. (A hidden form keeps its webview and gets
      // these too, so showing it again needs nothing; a webview started again says `ready` and is sent the state.)
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document !== doc) return;
        if (!session.applying) session.pathsMovedAt = doc.version;
        if (e.contentChanges.length || session.sent?.version !== doc.version) this.send(session);
      }),
      // Atlas's refusal of a push comes and goes as a diagnostic: the form shows it and counts it, as the tab does.
      vscode.languages.onDidChangeDiagnostics((e) => {
        if (e.uris.some((u) => u.toString() === doc.uri.toString()) && refusalKey(doc) !== session.refusals)
          this.send(session);
      }),
    ];
    panel.onDidDispose(() => {
      opening.dispose();
      abort.abort();
      this.sessions.delete(session);
      for (const d of subs) d.dispose();
    });

    this.loadContext(session);
  }

  /**
   * The cluster's context (NVMe, continuous backup, zones, compliance policy) arrives after the form, which is usable
   * without it and redraws when it comes. Loaded again when the sign-ins change: an editor restored by a window reload
   * opens before the accounts are back, and signing in (or out) changes what can be known.
   */
  private loadContext(s: Session): void {
    const n = ++s.contextLoads;
    const settle = (ctx: ScheduleContext): void => {
      if (s.closed.aborted || n !== s.contextLoads) return;
      s.ctx = ctx;
      this.send(s);
    };
    void this.resolveContext(s.doc, s.closed).then(
      (ctx) => settle(ctx ?? {}),
      (e) => {
        // Signed out, untrusted, or Atlas did not answer: the form says the cluster is unknown (the Problems panel says why).
        this.logger.debug(`No cluster context for the schedule editor: ${e instanceof Error ? e.message : String(e)}`);
        settle({});
      },
    );
  }

  /** Every open editor loads its cluster's context again (after a sign-in or sign-out, or workspace trust). */
  reloadContexts(): void {
    for (const s of this.sessions) this.loadContext(s);
  }

  private async onMessage(s: Session, raw: unknown): Promise<void> {
    const msg = parseToExtension(raw);
    if (typeof msg === 'string') {
      this.logger.warn(`Schedule editor: ignored a message from the webview (${msg})`);
      return;
    }
    if (msg.type !== 'edit') {
      await this.handle(s, msg);
      return;
    }
    const turn = s.queue.then(() => this.handle(s, msg));
    s.queue = turn.catch(() => undefined);
    await turn;
  }

  private async handle(s: Session, msg: ToExtension): Promise<void> {
    switch (msg.type) {
      case 'ready': {
        s.ready = true;
        s.scriptAt ??= performance.now();
        // The page's state is still what the document, the context and the time zone give: nothing to send. (A
        // webview started again later, or one whose state went stale meanwhile, is sent the state now.)
        const current = msg.drawn === true && s.initial && !s.initial.stale && s.initial.timeZone === msg.timeZone;
        s.timeZone = msg.timeZone;
        if (s.initial) s.initial.stale = true;
        if (!current) this.send(s);
        return;
      }
      case 'rendered': {
        if (s.readyMs === undefined) {
          s.readyMs = performance.now() - s.openedAt;
          // Ours: the state and page built here, then the webview's own measure (our script requested → state
          // drawn); the rest is VS Code's webview start-up. (Without the webview's figure: from `ready` to drawn.)
          const drawn = msg.ownMs ?? s.readyMs - ((s.scriptAt ?? s.openedAt) - s.openedAt);
          const own = (s.hostMs ?? 0) + drawn;
          this.logger.info(
            `Schedule editor ready for input in ${s.readyMs.toFixed(0)} ms: webview start-up ${(s.readyMs - own).toFixed(0)} ms, then ours (state and page ${(s.hostMs ?? 0).toFixed(0)} ms + script to drawn ${drawn.toFixed(0)} ms) ${own.toFixed(0)} ms (${vscode.workspace.asRelativePath(s.doc.uri)})`,
          );
        }
        if (s.sent && s.sent.version === msg.version)
          this.rendered.fire({ uri: s.doc.uri, version: msg.version, model: s.sent.model, readyMs: s.readyMs });
        return;
      }
      case 'edit': {
        // The edit counts when the form it was made on showed what the document holds now (compared by text: VS Code
        // bumps the version without changing a character on a reload from disk), or when only the form's own value
        // edits came since, which leave every path where it was: two quick edits (a choice, then a number typed) are
        // both the person's, though the second was made before the form showed the first. A fix names a problem of
        // one text, so it needs that text.
        const sameText = s.shown.get(msg.version) === s.doc.getText();
        const onlyOurs = msg.intent.kind !== 'fix' && msg.version >= s.pathsMovedAt && msg.version <= s.doc.version;
        if (!s.sent || (!sameText && !onlyOurs)) {
          // Made against a form that no longer matches the document (someone typed in the JSON meanwhile).
          this.logger.info(
            `Schedule editor: an edit (${msg.intent.kind}) from an out-of-date form was dropped (form v${msg.version}, document v${s.doc.version}); the form was redrawn`,
          );
          this.send(s);
          return;
        }
        const edits = intentEdits(s.doc.getText(), msg.intent, s.ctx, s.sent.problems);
        if (!edits.length) {
          this.logger.info(`Schedule editor: ${msg.intent.kind} changes nothing`);
          return;
        }
        const we = new vscode.WorkspaceEdit();
        for (const e of edits)
          we.replace(
            s.doc.uri,
            new vscode.Range(s.doc.positionAt(e.offset), s.doc.positionAt(e.offset + e.length)),
            e.content,
          );
        s.applying = true;
        try {
          if (!(await vscode.workspace.applyEdit(we))) this.logger.warn('Schedule editor: VS Code refused the edit');
        } finally {
          s.applying = false;
        }
        if (!PATH_STABLE.has(msg.intent.kind)) s.pathsMovedAt = s.doc.version;
        return;
      }
      case 'openJson':
        await vscode.commands.executeCommand('vscode.openWith', s.doc.uri, 'default', s.panel.viewColumn);
        return;
      case 'openDocs':
        await openRuleDocs(this.extensionUri, msg.ruleId);
        return;
    }
  }

  private send(s: Session): void {
    if (!s.ready) {
      if (s.initial) s.initial.stale = true;
      return;
    }
    void s.panel.webview.postMessage(this.state(s));
  }

  /** The state message of the document now (and records it as sent: the form's edits are checked against it). */
  private state(s: Session): ToWebview {
    const text = s.doc.getText();
    const version = s.doc.version;
    let problems: Problem[];
    try {
      problems = checkSchedule(text, s.ctx);
    } catch (e) {
      this.logger.error('Checking the schedule failed', e);
      problems = [];
    }
    // Atlas's refusal of the last push (a diagnostic on the field it names) is a problem of the form too: counted in
    // the header and shown beside its field, as the tab and the Problems panel count it.
    const refusals = outsideProblems(s.doc, text);
    s.refusals = refusalKey(s.doc);
    const model = formModel(text, s.ctx, {
      now: Date.now(),
      timeZone: s.timeZone,
      problems: [...problems, ...refusals],
    });
    s.sent = { version, problems, model };
    s.shown.set(version, text);
    for (const v of s.shown.keys()) if (s.shown.size > 4 && v !== version) s.shown.delete(v);
    return { type: 'state', version, title: this.title(s.doc), model };
  }

  private html(webview: vscode.Webview, root: vscode.Uri, initial: ToWebview): string {
    return webviewHtml(webview, {
      root,
      entry: 'scheduleEditor',
      title: 'Backup schedule',
      loading: 'Loading the schedule…',
      rootAttributes: 'aria-live="off"',
      initial,
      ...(this.inlined(root) ? { inline: this.inlined(root) } : {}),
    });
  }

  private assets?: { script: string; style: string } | null;
  /** The webview's script and stylesheet, read once, to travel in the page (undefined when they cannot be read). */
  private inlined(root: vscode.Uri): { script: string; style: string } | undefined {
    if (this.assets === undefined) {
      try {
        this.assets = {
          script: readFileSync(vscode.Uri.joinPath(root, 'scheduleEditor.js').fsPath, 'utf8'),
          style: readFileSync(vscode.Uri.joinPath(root, 'scheduleEditor.css').fsPath, 'utf8'),
        };
      } catch (e) {
        this.logger.debug(
          `The schedule editor loads its script instead: ${e instanceof Error ? e.message : String(e)}`,
        );
        this.assets = null;
      }
    }
    return this.assets ?? undefined;
  }

  dispose(): void {
    this.rendered.dispose();
  }
}

const atlasDiagnostics = (doc: vscode.TextDocument): vscode.Diagnostic[] =>
  vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'Atlas');
const refusalKey = (doc: vscode.TextDocument): string =>
  atlasDiagnostics(doc)
    .map((d) => `${d.range.start.line}:${d.range.start.character} ${d.message}`)
    .join('\n');

/** Diagnostics of the document that are Atlas's (its refusal of a push), as problems placed on the field they name. */
function outsideProblems(doc: vscode.TextDocument, text: string): Problem[] {
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  return atlasDiagnostics(doc).map((d): Problem => {
    const offset = doc.offsetAt(d.range.start);
    const node = root ? findNodeAtOffset(root, offset) : undefined;
    return {
      ruleId: typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? 'atlas'),
      severity:
        d.severity === vscode.DiagnosticSeverity.Error
          ? 'error'
          : d.severity === vscode.DiagnosticSeverity.Warning
            ? 'warning'
            : 'info',
      message: `Atlas refused the last push: ${d.message}`,
      path: node ? getNodePath(node) : [],
      offset,
      length: doc.offsetAt(d.range.end) - offset,
      docs: 'docs/rules.md#push-refused',
    };
  });
}

/** Opens docs/rules.md at the rule's section. */
export async function openRuleDocs(extensionUri: vscode.Uri, ruleId: string): Promise<void> {
  const uri = vscode.Uri.joinPath(extensionUri, 'docs', 'rules.md');
  const doc = await vscode.workspace.openTextDocument(uri);
  const at = doc.getText().indexOf(`<a id="${ruleId}">`);
  const pos = doc.positionAt(Math.max(0, at));
  await vscode.window.showTextDocument(doc, {
    selection: new vscode.Range(pos, pos),
    viewColumn: vscode.ViewColumn.Beside,
    preview: true,
  });
}
