// The Backup Posture report: a webview panel fed by the vscode-free loader (src/core/fleet/loader.ts), with a
// cancellable progress notification, rows sent as they are ready, and rows that open the cluster in the tree or its
// schedule in the editor. Exports are written where the person chooses (Markdown or CSV).
import { webviewHtml } from '../common/webviewHtml';
import * as vscode from 'vscode';
import type { AtlasClient } from '../../core/atlas';
import { isCancelled } from '../../core/atlas/errors';
import { toCsv, toMarkdown } from '../../core/fleet/exports';
import { loadPosture, type PostureReport } from '../../core/fleet/loader';
import type { ClusterPosture } from '../../core/fleet/posture';
import { signalOf } from '../common/cancellation';
import { Disposable } from '../common/disposable';
import { Commands, Settings } from '../../core/ids';
import type { Logger } from '../common/logger';
import { writeUri } from '../common/writeUri';
import { parsePostureMessage, type ToPostureWebview } from '../../webview/posture/postureProtocol';
import { recoveryOptionsFrom } from '../../core/recovery/recoveryFindings';
import type { KnownRestore } from '../../core/recovery/recoveryPosture';

export const POSTURE_VIEW_TYPE = 'atlasBackup.posture';

/**
 * Run Restore Drill…, a command of the restore feature taking `{ groupId, clusterName, accountId? }`. Named here, not in
 * ids.ts, until that command is registered in package.json (a unit test keeps the two in step).
 */
export const RUN_RESTORE_DRILL = Commands.runRestoreDrill;

export interface PostureDeps {
  extensionUri: vscode.Uri;
  /** The client for an account (the active one without an id): extension.ts's getClient. */
  getClient: (accountId?: string) => AtlasClient | undefined;
  logger: Logger;
  /** Shows a cluster's row in the Projects tree. */
  revealCluster: (groupId: string, clusterName: string, accountId?: string) => Promise<boolean>;
  /** What the restore history knows of its jobs (start time, drill), by job id: the last restore's duration and drill. */
  knownRestores?: () => Promise<ReadonlyMap<string, KnownRestore>>;
}

interface Scope {
  projectIds?: string[];
  label: string;
  accountId?: string;
}

/** A project named by a tree row (a project node, or anything carrying groupId) or by nothing (all projects). */
function scopeOf(arg: unknown): Scope {
  if (arg && typeof arg === 'object') {
    const a = arg as Record<string, unknown>;
    const groupId = typeof a.groupId === 'string' ? a.groupId : undefined;
    const project = a.project as { id?: string; name?: string } | undefined;
    const id = groupId ?? project?.id;
    if (id)
      return {
        projectIds: [id],
        label: `project ${project?.name ?? id}`,
        ...(typeof a.accountId === 'string' ? { accountId: a.accountId } : {}),
      };
  }
  return { label: 'all projects' };
}

export class PosturePanel extends Disposable {
  private static current: PosturePanel | undefined;
  private rows: ClusterPosture[] = [];
  private report: PostureReport | undefined;
  private abort: AbortController | undefined;
  private ready: Promise<void>;
  private markReady!: () => void;
  /** The last run (for tests): resolves when it has ended, however it ended. */
  lastRun: Promise<void> = Promise.resolve();

  static show(deps: PostureDeps, arg?: unknown): PosturePanel {
    const scope = scopeOf(arg);
    const existing = PosturePanel.current;
    if (existing) {
      existing.panel.reveal();
      existing.run(scope);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(POSTURE_VIEW_TYPE, 'Backup Posture', vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: [vscode.Uri.joinPath(deps.extensionUri, 'dist', 'webview')],
    });
    const p = new PosturePanel(panel, deps);
    PosturePanel.current = p;
    p.run(scope);
    return p;
  }

  static get active(): PosturePanel | undefined {
    return PosturePanel.current;
  }

  private scope: Scope = { label: 'all projects' };

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly deps: PostureDeps,
  ) {
    super();
    this.ready = new Promise((r) => {
      this.markReady = r;
    });
    panel.webview.html = this.html(panel.webview);
    this._register(panel.onDidDispose(() => this.dispose()));
    this._register(panel.webview.onDidReceiveMessage((raw) => this.handleMessage(raw)));
  }

  get loadedRows(): readonly ClusterPosture[] {
    return this.rows;
  }

  private post(m: ToPostureWebview): void {
    void this.panel.webview.postMessage(m);
  }

  /** Starts a load (cancelling one in flight): rows go to the webview as they come, in batches. */
  run(scope: Scope): void {
    this.scope = scope;
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    const client = this.deps.getClient(scope.accountId);
    this.lastRun = (async () => {
      await this.ready;
      if (abort.signal.aborted) return;
      this.rows = [];
      this.report = undefined;
      this.panel.title = scope.projectIds
        ? `Backup Posture: ${scope.label.replace(/^project /, '')}`
        : 'Backup Posture';
      const cfg = vscode.workspace.getConfiguration(Settings.section);
      const recovery = recoveryOptionsFrom(cfg.get(Settings.restoreAgeDays), cfg.get(Settings.rpoTargetSeconds));
      this.post({
        type: 'start',
        title: 'Backup posture',
        scope: scope.label,
        ...(recovery.rpoTargetSeconds !== undefined ? { rpoTargetSeconds: recovery.rpoTargetSeconds } : {}),
      });
      if (!client) {
        this.post({
          type: 'done',
          cancelled: false,
          problems: [],
          generatedAt: new Date().toISOString(),
          error: 'not signed in to Atlas',
        });
        const pick = await vscode.window.showWarningMessage(
          'Backup Posture needs a signed-in Atlas account.',
          'Sign In',
        );
        if (pick) await vscode.commands.executeCommand(Commands.signIn);
        return;
      }
      let batch: ClusterPosture[] = [];
      let last = { done: 0, total: 1 };
      let timer: ReturnType<typeof setTimeout> | undefined;
      const flush = () => {
        timer = undefined;
        this.post({ type: 'rows', rows: batch, progress: last });
        batch = [];
      };
      await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: `Backup posture of ${scope.label}`,
          cancellable: true,
        },
        async (progress, token) => {
          const cancel = signalOf(token, abort);
          let reported = 0;
          try {
            const knownRestores = await this.deps.knownRestores?.().catch(() => undefined);
            this.report = await loadPosture(client, {
              recovery,
              ...(knownRestores ? { knownRestores } : {}),
              projectIds: scope.projectIds,
              accountId: scope.accountId,
              signal: abort.signal,
              onRow: (r) => {
                this.rows.push(r);
                batch.push(r);
                timer ??= setTimeout(flush, 60);
              },
              onProgress: (p) => {
                last = { done: p.done, total: p.total };
                const pct = Math.floor((p.done / Math.max(1, p.total)) * 100);
                progress.report({
                  message: `${p.clusters} clusters · ${p.message}`,
                  increment: Math.max(0, pct - reported),
                });
                reported = Math.max(reported, pct);
              },
            });
            if (timer) clearTimeout(timer);
            flush();
            this.post({
              type: 'done',
              cancelled: false,
              problems: this.report.problems,
              generatedAt: this.report.generatedAt,
            });
            this.deps.logger.info(
              `Backup posture of ${scope.label}: ${this.rows.length} clusters (${this.report.listing === 'all-clusters' ? 'one all-clusters listing' : 'projects walked one by one'})`,
            );
          } catch (e) {
            if (timer) clearTimeout(timer);
            flush();
            const cancelled = isCancelled(e) || abort.signal.aborted;
            if (!cancelled) this.deps.logger.error('Backup posture failed', e);
            if (this.abort === abort)
              this.post({
                type: 'done',
                cancelled,
                problems: [],
                generatedAt: new Date().toISOString(),
                ...(cancelled ? {} : { error: e instanceof Error ? e.message : String(e) }),
              });
          } finally {
            cancel.dispose();
          }
        },
      );
    })();
  }

  /** A message from the webview (public so integration tests can play the webview's buttons). */
  async handleMessage(raw: unknown): Promise<void> {
    const m = parsePostureMessage(raw);
    if (typeof m === 'string') {
      this.deps.logger.warn(`Backup posture: ignored a message from the webview (${m})`);
      return;
    }
    switch (m.type) {
      case 'ready':
        this.markReady();
        return;
      case 'reload':
        this.run(this.scope);
        return;
      case 'openCluster': {
        const found = await this.deps.revealCluster(m.groupId, m.clusterName, this.scope.accountId);
        if (!found)
          void vscode.window.showInformationMessage(
            `${m.clusterName} is not in the Projects tree (it may have been deleted); refresh the tree.`,
          );
        return;
      }
      case 'editSchedule':
        await vscode.commands.executeCommand(Commands.editSchedule, {
          groupId: m.groupId,
          clusterName: m.clusterName,
          ...(this.scope.accountId ? { accountId: this.scope.accountId } : {}),
        });
        return;
      case 'export':
        await this.export(m.format);
        return;
      case 'runRestoreDrill':
        await this.runRestoreDrill(m.groupId, m.clusterName, m.accountId ?? this.scope.accountId);
        return;
    }
  }

  /**
   * The row's Run Restore Drill…: the restore feature's command (it asks for the scratch cluster and the typed
   * confirmation, and reports its own failures). Where it is not registered, executeCommand rejects: one line says so.
   */
  private async runRestoreDrill(groupId: string, clusterName: string, accountId: string | undefined): Promise<void> {
    try {
      await vscode.commands.executeCommand(RUN_RESTORE_DRILL, {
        groupId,
        clusterName,
        ...(accountId ? { accountId } : {}),
      });
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      this.deps.logger.warn(`Backup posture: Run Restore Drill of ${clusterName} did not start: ${why}`);
      void vscode.window.showWarningMessage(`Run Restore Drill is not available for ${clusterName}: ${why}`);
    }
  }

  /** Writes the report as Markdown or CSV where the person chooses; resolves to the file written. */
  async export(format: 'markdown' | 'csv', target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const generatedAt = this.report?.generatedAt ?? new Date().toISOString();
    const text =
      format === 'markdown'
        ? toMarkdown(this.rows, { generatedAt, problems: this.report?.problems })
        : toCsv(this.rows, { nowMs: Date.parse(generatedAt) });
    const ext = format === 'markdown' ? 'md' : 'csv';
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const uri =
      target ??
      (await vscode.window.showSaveDialog({
        title: `Export the backup posture as ${format === 'markdown' ? 'Markdown' : 'CSV'}`,
        defaultUri: folder ? vscode.Uri.joinPath(folder, `backup-posture.${ext}`) : undefined,
        filters: format === 'markdown' ? { Markdown: ['md'] } : { CSV: ['csv'] },
      }));
    if (!uri) return undefined;
    await writeUri(uri, text);
    this.deps.logger.info(`Backup posture exported to ${uri.fsPath}`);
    void vscode.window.showInformationMessage(`Backup posture exported to ${vscode.workspace.asRelativePath(uri)}.`);
    return uri;
  }

  private html(webview: vscode.Webview): string {
    const root = vscode.Uri.joinPath(this.deps.extensionUri, 'dist', 'webview');
    return webviewHtml(webview, {
      root,
      entry: 'posture',
      title: 'Backup posture',
      loading: 'Loading the backup posture…',
    });
  }

  override dispose(): void {
    if (this.isDisposed) return;
    this.abort?.abort();
    if (PosturePanel.current === this) PosturePanel.current = undefined;
    super.dispose();
    this.panel.dispose();
  }
}
