// Set Up / Edit Compliance Policy: a webview form over src/core/compliance/policyForm.ts. The person types the policy,
// sees the dry run both ways and chooses what happens to schedules that fall short; then types the project's name,
// and the PUT is sent once (never retried), the policy watched until ACTIVE and the project's rows refreshed.
// Loaded on first use from dist/compliance.js (esbuild.js), so the dry run's code stays out of dist/extension.js.
import * as vscode from 'vscode';
import type { AtlasClient } from '../../core/atlas';
import type { describeWriteFailure } from '../../core/atlas/errors';
import type { CompliancePolicy } from '../../core/atlas/types';
import { loadProjectBackupState, type ProjectBackupState } from '../../core/compliance/loadProject';
import {
  confirmationPrompt,
  formValuesFrom,
  policyFormView,
  policyFromForm,
  typedNameProblem,
  type PolicyFormValues,
} from '../../core/compliance/policyForm';
import { watchPolicy } from '../../core/compliance/watchPolicy';
import { escapeIcons } from '../../core/common/markdown';
import { parseComplianceMessage, type ToComplianceWebview } from '../../webview/compliancePolicy/protocol';
import { signalOf } from '../common/cancellation';
import { Disposable } from '../common/disposable';
import type { Logger } from '../common/logger';
import { webviewHtml } from '../common/webviewHtml';

/** A policy state as the tree's Backup Compliance Policy row writes it ("enabling", "active"), not Atlas's ENABLING. */
const stateWords = (state: string | undefined): string => (state ?? 'unknown').toLowerCase();

export const COMPLIANCE_VIEW_TYPE = 'atlasBackup.compliancePolicy';

export interface ComplianceDeps {
  extensionUri: vscode.Uri;
  getClient: (accountId?: string) => AtlasClient | undefined;
  logger: Logger;
  /** Refreshes the project's rows in the tree (its policy row and lock, its clusters). */
  refreshProject: (groupId: string, accountId?: string) => void;
  /**
   * describeWriteFailure from the bundle that holds the Atlas client (dist/extension.js): it tells the client's errors
   * apart with instanceof, and this file is bundled apart with its own copies of those classes.
   */
  describeWriteFailure: typeof describeWriteFailure;
  /** How often and how long the policy's state is watched after the PUT (Atlas settles it within minutes). */
  watch?: { intervalMs: number; maxPolls: number };
}

export interface ComplianceTarget {
  groupId: string;
  projectName: string;
  accountId?: string;
}

const WATCH = { intervalMs: 5_000, maxPolls: 120 };

/** Waits `ms`, or less when the signal aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });
}

/** The project a tree row names (a project row, or its policy row), or undefined. */
export function targetOf(arg: unknown): ComplianceTarget | undefined {
  if (!arg || typeof arg !== 'object') return undefined;
  const a = arg as Record<string, unknown>;
  if (typeof a.groupId !== 'string') return undefined;
  const project = a.project as { name?: unknown } | undefined;
  const name =
    typeof a.projectName === 'string' ? a.projectName : typeof project?.name === 'string' ? project.name : a.groupId;
  return {
    groupId: a.groupId,
    projectName: name,
    ...(typeof a.accountId === 'string' ? { accountId: a.accountId } : {}),
  };
}

/** The palette's way in: one project picked from the signed-in account's. */
async function pickProject(client: AtlasClient): Promise<ComplianceTarget | undefined> {
  const items = (async () => {
    const out: (vscode.QuickPickItem & { target: ComplianceTarget })[] = [];
    for await (const g of client.listProjects())
      if (g.id)
        out.push({ label: escapeIcons(g.name), description: g.id, target: { groupId: g.id, projectName: g.name } });
    return out;
  })();
  const pick = await vscode.window.showQuickPick(items, { title: 'Backup Compliance Policy of which project?' });
  return pick?.target;
}

/** Opens the form for a project: `setUp` for a new policy, else edit; the policy in force decides in the end. */
export async function openCompliancePolicy(
  deps: ComplianceDeps,
  arg: unknown,
  mode: 'setUp' | 'edit',
): Promise<CompliancePanel | undefined> {
  const client0 = deps.getClient(targetOf(arg)?.accountId);
  if (!client0) {
    const pick = await vscode.window.showWarningMessage(
      'The Backup Compliance Policy needs a signed-in Atlas account.',
      'Sign In',
    );
    if (pick) await vscode.commands.executeCommand('atlasBackup.signIn');
    return undefined;
  }
  const target = targetOf(arg) ?? (await pickProject(client0));
  if (!target) return undefined;
  const state = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `Reading ${target.projectName}'s clusters and policy…`,
      cancellable: true,
    },
    async (_p, token) => {
      const s = signalOf(token);
      try {
        return await loadProjectBackupState(client0, target.groupId, s.signal);
      } finally {
        s.dispose();
      }
    },
  );
  if (mode === 'setUp' && state.current)
    void vscode.window.showInformationMessage(
      `${target.projectName} already has a Backup Compliance Policy (${state.current.state ?? 'state unknown'}); it opens for editing, where it may only be tightened.`,
    );
  if (mode === 'edit' && !state.current)
    void vscode.window.showInformationMessage(
      `${target.projectName} has no Backup Compliance Policy yet; the form sets one up.`,
    );
  return CompliancePanel.show(deps, client0, target, state);
}

export class CompliancePanel extends Disposable {
  private static readonly panels = new Map<string, CompliancePanel>();
  private ready: Promise<void>;
  private markReady!: () => void;
  private applying = false;
  /** The last apply (for tests): resolves when it has ended, however it ended. */
  lastApply: Promise<void> = Promise.resolve();

  static show(
    deps: ComplianceDeps,
    client: AtlasClient,
    target: ComplianceTarget,
    state: ProjectBackupState,
  ): CompliancePanel {
    const existing = CompliancePanel.panels.get(target.groupId);
    if (existing) {
      existing.panel.reveal();
      existing.state = state;
      void existing.init();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      COMPLIANCE_VIEW_TYPE,
      `${state.current ? 'Edit' : 'Set Up'} Compliance Policy: ${target.projectName}`,
      vscode.ViewColumn.Active,
      {
        enableScripts: true,
        retainContextWhenHidden: true,
        localResourceRoots: [vscode.Uri.joinPath(deps.extensionUri, 'dist', 'webview')],
      },
    );
    const p = new CompliancePanel(panel, deps, client, target, state);
    CompliancePanel.panels.set(target.groupId, p);
    void p.init();
    return p;
  }

  /** The open form of a project (for tests). */
  static of(groupId: string): CompliancePanel | undefined {
    return CompliancePanel.panels.get(groupId);
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly deps: ComplianceDeps,
    private readonly client: AtlasClient,
    readonly target: ComplianceTarget,
    private state: ProjectBackupState,
  ) {
    super();
    this.ready = new Promise((r) => {
      this.markReady = r;
    });
    panel.webview.html = webviewHtml(panel.webview, {
      root: vscode.Uri.joinPath(deps.extensionUri, 'dist', 'webview'),
      entry: 'compliancePolicy',
      title: 'Backup Compliance Policy',
      loading: 'Loading the Backup Compliance Policy…',
    });
    this._register(panel.onDidDispose(() => this.dispose()));
    this._register(panel.webview.onDidReceiveMessage((raw) => this.handleMessage(raw)));
  }

  get editing(): boolean {
    return !!this.state.current;
  }

  private post(m: ToComplianceWebview): void {
    void this.panel.webview.postMessage(m);
  }

  private async init(): Promise<void> {
    await this.ready;
    this.panel.title = `${this.editing ? 'Edit' : 'Set Up'} Compliance Policy: ${this.target.projectName}`;
    this.post({
      type: 'init',
      projectName: this.target.projectName,
      editing: this.editing,
      values: formValuesFrom(this.state.current),
      ...(this.state.current?.state ? { state: this.state.current.state } : {}),
    });
  }

  private viewOf(values: PolicyFormValues) {
    return policyFormView(values, { clusters: this.state.clusters, current: this.state.current, now: Date.now() });
  }

  /** A message from the webview (public so integration tests can play the form). */
  async handleMessage(raw: unknown): Promise<void> {
    const m = parseComplianceMessage(raw);
    if (typeof m === 'string') {
      this.deps.logger.warn(`Compliance policy form: ignored a message from the webview (${m})`);
      return;
    }
    switch (m.type) {
      case 'ready':
        this.markReady();
        return;
      case 'change':
        this.post({ type: 'view', version: m.version, view: this.viewOf(m.values) });
        return;
      case 'apply':
        if (this.applying) return;
        this.applying = true;
        this.lastApply = this.apply(m.values, m.overwrite).finally(() => {
          this.applying = false;
        });
        return this.lastApply;
    }
  }

  private refuse(message: string): void {
    this.deps.logger.info(`Compliance policy of ${this.target.projectName}: ${message}`);
    this.post({ type: 'status', phase: 'cancelled', message });
    void vscode.window.showWarningMessage(message);
  }

  /** Checks again on fresh reads, asks for the typed name, then sends the PUT once and watches the policy. */
  private async apply(values: PolicyFormValues, overwrite: boolean): Promise<void> {
    const { projectName, groupId, accountId } = this.target;
    // The schedules may have changed since the form opened: the dry run the person confirms is made on fresh reads.
    try {
      this.state = await loadProjectBackupState(this.client, groupId);
    } catch (e) {
      this.deps.logger.error('Reading the project before the compliance policy PUT failed', e);
      this.refuse(
        `Could not read ${projectName} again before sending; nothing was sent: ${e instanceof Error ? e.message : String(e)}`,
      );
      return;
    }
    const view = this.viewOf(values);
    const run = view.dryRuns && (overwrite ? view.dryRuns.overwrite : view.dryRuns.keep);
    if (!run || !run.accepted) {
      this.refuse(
        `${run?.refusal ?? 'The policy has problems (see the form); Atlas would refuse it.'} Nothing was sent.`,
      );
      return;
    }
    const typed = await vscode.window.showInputBox({
      title: `${this.editing ? 'Update' : 'Set up'} the Backup Compliance Policy`,
      prompt: confirmationPrompt(projectName, overwrite, this.editing),
      placeHolder: projectName,
      ignoreFocusOut: true,
      validateInput: (t) => (t === '' ? undefined : typedNameProblem(t, projectName)),
    });
    if (typed === undefined) {
      this.post({ type: 'status', phase: 'cancelled', message: 'Not confirmed; nothing was sent.' });
      return;
    }
    const wrong = typedNameProblem(typed, projectName);
    if (wrong) {
      this.refuse(`"${typed}" is not the project's name; nothing was sent. ${wrong}`);
      return;
    }
    const policy: CompliancePolicy = policyFromForm(values);
    this.post({ type: 'status', phase: 'sending', message: `Setting the policy on ${projectName}…` });
    this.deps.logger.info(
      `Setting the Backup Compliance Policy of ${projectName} (${groupId}), overwriteBackupPolicies=${overwrite}`,
    );
    let answer: CompliancePolicy;
    try {
      answer = await this.client.putCompliancePolicy(groupId, policy, { overwriteBackupPolicies: overwrite });
    } catch (e) {
      const f = this.deps.describeWriteFailure(e, {
        what: `setting the Backup Compliance Policy of ${projectName} (${groupId})`,
        look: 'refresh the Atlas Backup view and open the project’s Backup Compliance Policy row',
      });
      this.deps.logger.error('Compliance policy PUT failed', e);
      this.post({ type: 'status', phase: 'failed', message: f.message });
      void vscode.window.showErrorMessage(f.message);
      this.deps.refreshProject(groupId, accountId);
      return;
    }
    this.deps.refreshProject(groupId, accountId);
    const final = await this.watch(answer.state);
    this.deps.refreshProject(groupId, accountId);
    const msg =
      final === 'ACTIVE'
        ? `The Backup Compliance Policy is active on ${projectName}.`
        : `The policy was set on ${projectName} and was still ${stateWords(final)} when the watch ended; its row in the tree shows its state.`;
    // The form now edits the policy in force (a second apply is an update, checked for loosening).
    try {
      this.state = await loadProjectBackupState(this.client, groupId);
      await this.init();
    } catch (e) {
      this.deps.logger.warn(`Reading ${projectName} after the policy was set failed: ${String(e)}`);
    }
    this.post({ type: 'status', phase: 'done', message: msg });
    void vscode.window.showInformationMessage(msg);
  }

  /** Reads the policy's state until ACTIVE under a cancellable progress notification; the last state read. */
  private async watch(from: string | undefined): Promise<string | undefined> {
    if (from === 'ACTIVE') return from;
    const name = this.target.projectName;
    this.post({
      type: 'status',
      phase: 'watching',
      message: `The policy is ${from ? stateWords(from) : 'being set'}; waiting until it is active…`,
    });
    return vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Backup Compliance Policy of ${name}`,
        cancellable: true,
      },
      async (progress, token) => {
        const s = signalOf(token);
        progress.report({ message: `${from ? stateWords(from) : 'set'}; waiting until it is active…` });
        try {
          const r = await watchPolicy(this.client, this.target.groupId, from, {
            ...(this.deps.watch ?? WATCH),
            signal: s.signal,
            sleep,
            onState: (state) => {
              progress.report({
                message: `${state ? stateWords(state) : 'not readable'}; waiting until it is active…`,
              });
              this.post({
                type: 'status',
                phase: 'watching',
                message: `The policy is ${state ? stateWords(state) : 'not readable'}…`,
              });
            },
          });
          if (r.ended === 'read-failed')
            this.deps.logger.warn(`Watching the compliance policy of ${name} failed: ${String(r.error)}`);
          return r.state;
        } finally {
          s.dispose();
        }
      },
    );
  }

  override dispose(): void {
    if (this.isDisposed) return;
    if (CompliancePanel.panels.get(this.target.groupId) === this) CompliancePanel.panels.delete(this.target.groupId);
    super.dispose();
    this.panel.dispose();
  }
}
