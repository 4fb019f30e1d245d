// Composition root: builds the object graph and registers every disposable. Nothing here holds rules.
import * as vscode from 'vscode';
import type { AtlasClient } from '../core/atlas';
import { describeKind, originOf } from '../core/accounts';
import { importAtlasCliProfiles } from './accounts/signInLoader';
import { registerNodeCommands } from './tree/nodeCommands';
import {
  discardDraft,
  editSchedule,
  openAsJson,
  openInScheduleEditor,
  pullSchedule,
} from './scheduleFiles/scheduleEditing';
import type { EditingDeps } from './scheduleFiles/scheduleEditing';
import { registerSnapshotCommands } from './snapshots/registerSnapshots';
import { registerExportCommands } from './exports/registerExports';
import { signIn, signOut, switchAccount } from './accounts/signInLoader';
import { applyToOtherClusters } from './fleet/applyLoader';
import { ApplyDocuments } from './fleet/applyDocuments';
import { exportScheduleAsCode } from './exportCode/exportSchedule';
import { PosturePanel } from './posture/postureLoader';
import { loadCompliance, openCompliancePolicy } from './compliance/complianceCommands';
import type { ComplianceDeps, CompliancePanel } from './compliance/compliancePanel';
import type { PostureDeps, PosturePanel as PosturePanelType } from './posture/posturePanel';
import { deleteSchedules, pulledBase, pushSchedule, restoreFromHistory, showScheduleHistory } from './push/pushLoader';
import type { PushDeps } from './push/pushSchedule';
import { PushDocuments, PushErrors } from './push/pushDocuments';
import { globalStorageHistory } from './history/historyStorage';
import { ScheduleHistory } from '../core/schedule/history';
import { DraftStore } from './scheduleFiles/draftStore';
import { ScheduleEditorProvider } from './scheduleEditor/scheduleEditorProvider';
import { ScheduleContextCache } from './scheduleFiles/scheduleContext';
import { ScheduleCodeActions, ScheduleDiagnostics } from './scheduleFiles/scheduleDiagnostics';
import { readScheduleTarget } from '../core/schedule/scheduleFile';
import { AccountManager } from './accounts/accountManager';
import { AccountStatus } from './accounts/accountStatus';
import { Commands, JSON_DOCUMENT_SCHEME, Settings, Views } from '../core/ids';
import { describeWriteFailure } from '../core/atlas/errors';
import { Logger } from './common/logger';
import { registerCommand } from './common/commands';
import { recoveryOptionsFrom } from '../core/recovery/recoveryFindings';
import { DEFAULT_ACCOUNT_ID, ExplorerModel } from '../core/tree/explorerModel';
import type { ExplorerNode } from '../core/tree/explorerModel';
import { JsonDocuments } from './tree/jsonDocuments';
import { NodeDecorations, ProjectsTreeProvider } from './tree/projectsTreeProvider';
import { registerRestore } from './restore/registerRestore';
import type { RestoreRegistration } from './restore/registerRestore';

/** What activate() returns: used by the in-host integration tests. */
export interface AtlasBackupApi {
  accounts: AccountManager;
  /** The accounts under their old name (one-account shortcuts: client, source, kind, host, onDidChange). */
  session: AccountManager;
  explorer: ExplorerModel;
  logger: Logger;
  diagnostics: ScheduleDiagnostics;
  status: AccountStatus;
  scheduleEditor: ScheduleEditorProvider;
  drafts: DraftStore;
  push: PushDeps & { restoreFromHistory: typeof restoreFromHistory };
  /** The Projects tree view (its selection shows what a posture row revealed). */
  projectsView: vscode.TreeView<ExplorerNode>;
  /** The Backup Posture panel, when open. */
  posture(): PosturePanelType | undefined;
  /** Restores: commands, watcher, history, plan documents. */
  restore: RestoreRegistration;
  /** The open compliance-policy form of a project (loads its bundle). */
  compliancePanel(groupId: string): CompliancePanel | undefined;
}

export async function activate(context: vscode.ExtensionContext): Promise<AtlasBackupApi> {
  const logger = new Logger();
  const accounts = new AccountManager(context, logger);
  /** Every feature gets its client through this one function, so which account answers is decided once. */
  // With one account the tree shows it flat, under the explorer's default id: that is the active account.
  const getClient = (accountId?: string): AtlasClient | undefined =>
    accounts.clientFor(accountId === DEFAULT_ACCOUNT_ID ? undefined : accountId);
  const explorer = new ExplorerModel(undefined);
  const readPageSize = () =>
    explorer.setPageSize(
      vscode.workspace.getConfiguration(Settings.section).get<number>(Settings.snapshotsPerPage) ?? 500,
    );
  readPageSize();
  // The tree's recovery findings use the thresholds the posture report and the audit use.
  const readRecoveryOptions = () => {
    const cfg = vscode.workspace.getConfiguration(Settings.section);
    explorer.setRecoveryOptions(
      recoveryOptionsFrom(cfg.get(Settings.restoreAgeDays), cfg.get(Settings.rpoTargetSeconds)),
    );
  };
  readRecoveryOptions();
  const tree = new ProjectsTreeProvider(explorer);
  const view = vscode.window.createTreeView(Views.projects, { treeDataProvider: tree, showCollapseAll: true });
  const status = new AccountStatus(accounts);
  const documents = new JsonDocuments();

  // A file's atlas block may say which server it was pulled from: that picks among the accounts the user signed
  // in, never a server of its own (and nothing at all in an untrusted workspace).
  const scheduleContext = new ScheduleContextCache((pulledFrom) => {
    const from = pulledFrom ? originOf(pulledFrom) : undefined;
    const account = (from && accounts.accounts.find((a) => a.origin === from)) || accounts.active;
    const client = account && getClient(account.id);
    return account && client ? { client, baseUrl: account.baseUrl } : undefined;
  });
  const diagnostics = new ScheduleDiagnostics(
    vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules.md'),
    logger,
    scheduleContext.resolve,
  );
  const drafts = new DraftStore(
    context.globalStorageUri,
    () => accounts.active?.baseUrl ?? accounts.defaultBaseUrl().baseUrl,
  );
  const scheduleEditor = ScheduleEditorProvider.register(context, logger, scheduleContext.resolve, (doc) => {
    const name = readScheduleTarget(doc.getText())?.clusterName;
    return drafts.isDraft(doc.uri)
      ? `Draft of ${name ?? 'a cluster'}'s backup schedule`
      : `${vscode.workspace.asRelativePath(doc.uri)}${name ? ` (${name})` : ''}`;
  });
  const editing: EditingDeps = { getClient, drafts, logger };
  const pushDocuments = new PushDocuments();
  const pushErrors = new PushErrors();
  const applyDocuments = new ApplyDocuments();
  const push: PushDeps = {
    getClient,
    drafts,
    logger,
    documents: pushDocuments,
    errors: pushErrors,
    history: new ScheduleHistory(globalStorageHistory(context.globalStorageUri), {
      // A history file that could not be parsed is kept, not overwritten; the person is told where.
      onKeptAside: (key, where) => {
        logger.warn(`The schedule history ${key} could not be read; it was kept aside as ${where}.`);
        void vscode.window.showWarningMessage(
          `A schedule history file could not be read (it may have been cut short). It was kept as ${where}, and a new history was started.`,
        );
      },
    }),
    // What a push compares against: a draft's base as the editor kept it (the schedule as fetched); a workspace
    // file's pulled fingerprint.
    baseFor: async (doc) => (await drafts.baseFor(doc.uri)) ?? pulledBase(doc.getText()),
    resolveContext: (doc, signal) => scheduleContext.resolve(doc, signal),
    // Which sign-in: the account's label and kind (public halves only, never a secret).
    signIn: (accountId) => {
      const a = accounts.accounts.find((x) => x.id === accountId) ?? accounts.active;
      return a ? { label: `${a.label} (${describeKind(a.kind)})`, accountId: a.id } : { label: 'unknown sign-in' };
    },
    refresh: () => explorer.refresh(),
    sawSchedule: (at, schedule) => explorer.scheduleSeen(at, schedule),
  };
  const posture: PostureDeps = {
    extensionUri: context.extensionUri,
    getClient,
    logger,
    revealCluster: (g, c, a) => revealCluster(explorer, view, g, c, a),
    knownRestores: () => restore.knownRestores(),
  };
  const restore = registerRestore({
    context,
    explorer,
    view,
    getClient,
    logger,
    accounts: () => accounts.accounts,
    revealCluster: (g, c, a) => revealCluster(explorer, view, g, c, a),
  });
  const compliance: ComplianceDeps = {
    extensionUri: context.extensionUri,
    getClient,
    logger,
    describeWriteFailure,
    refreshProject: (groupId, accountId) => {
      const row = explorer.node(explorer.projectId(accountId ?? DEFAULT_ACCOUNT_ID, groupId));
      if (row) explorer.refreshNode(row);
      else explorer.refresh();
    },
  };
  // The tree marks clusters that have a draft.
  explorer.setClusterMarks({ hasDraft: (groupId, clusterName) => drafts.has(groupId, clusterName) });

  context.subscriptions.push(
    logger,
    accounts,
    status,
    tree,
    view,
    diagnostics,
    { dispose: () => explorer.dispose() },
    view.onDidCollapseElement((e) => explorer.collapsed(e.element)),
    documents,
    vscode.workspace.registerTextDocumentContentProvider(JSON_DOCUMENT_SCHEME, documents),
    ...registerNodeCommands({ explorer, documents, getClient, logger }),
    ...registerSnapshotCommands({ explorer, getClient, logger }),
    ...registerExportCommands({ explorer, getClient, logger }),
    vscode.window.registerFileDecorationProvider(new NodeDecorations()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (
        e.affectsConfiguration(`${Settings.section}.${Settings.restoreAgeDays}`) ||
        e.affectsConfiguration(`${Settings.section}.${Settings.rpoTargetSeconds}`)
      )
        readRecoveryOptions();
      if (!e.affectsConfiguration(`${Settings.section}.${Settings.snapshotsPerPage}`)) return;
      readPageSize();
      explorer.refresh(); // lists start again at the new page size; rows and expansion stay
    }),
    accounts.onDidChange(() => {
      // One account: its projects at the root. Several: each account is a root row.
      const all = accounts.accounts;
      if (all.length <= 1) explorer.setSource(accounts.client);
      else {
        explorer.setAccounts(
          all.map((a) => ({
            id: a.id,
            label: a.label,
            source: accounts.clientFor(a.id)!,
            active: a.id === accounts.active?.id,
            description: `${describeKind(a.kind)}${a.source === 'environment' ? ' · environment' : ''}`,
          })),
        );
      }
      scheduleContext.clear();
      diagnostics.revalidateAll();
      scheduleEditor.reloadContexts();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      scheduleContext.clear();
      diagnostics.revalidateAll();
      scheduleEditor.reloadContexts();
    }),
    vscode.languages.registerCodeActionsProvider(
      { pattern: '**/*.schedule.json' },
      new ScheduleCodeActions(diagnostics),
      { providedCodeActionKinds: ScheduleCodeActions.kinds },
    ),
    registerCommand(logger, Commands.signIn, 'Sign in', () => signIn(accounts, logger)),
    registerCommand(logger, Commands.signOut, 'Sign out', (arg?: unknown) => signOut(accounts, arg)),
    registerCommand(logger, Commands.switchAccount, 'Switch account', (arg?: unknown) =>
      switchAccount(accounts, logger, arg),
    ),
    registerCommand(logger, Commands.importAtlasCli, 'Import sign-ins from Atlas CLI', (file?: vscode.Uri | string) =>
      importAtlasCliProfiles(accounts, logger, file),
    ),
    registerCommand(logger, Commands.refresh, 'Refresh', () => explorer.refresh()),
    registerCommand(logger, Commands.retry, 'Retry', (node?: ExplorerNode) => {
      if (node) explorer.retry(node);
      else explorer.refresh();
    }),
    registerCommand(logger, Commands.showLog, 'Show log', () => logger.show()),
    drafts,
    drafts.onDidChange(() => explorer.refreshMarks()),
    registerCommand(logger, Commands.editSchedule, 'Edit backup schedule', (node?: unknown) =>
      editSchedule(editing, node),
    ),
    registerCommand(logger, Commands.discardDraft, 'Discard draft', (node?: unknown) => discardDraft(editing, node)),
    registerCommand(logger, Commands.pullSchedule, 'Pull schedule to file', (node?: unknown) =>
      pullSchedule(editing, node),
    ),
    registerCommand(logger, Commands.openScheduleAsJson, 'Open as JSON', (uri?: vscode.Uri) => openAsJson(uri)),
    registerCommand(logger, Commands.openScheduleEditor, 'Open in schedule editor', (uri?: vscode.Uri) =>
      openInScheduleEditor(uri),
    ),
    pushDocuments,
    pushErrors,
    registerCommand(logger, Commands.pushSchedule, 'Push', (arg?: unknown) => pushSchedule(push, arg)),
    registerCommand(logger, Commands.deleteSchedules, 'Delete all backup schedules', (arg?: unknown) =>
      deleteSchedules(push, arg),
    ),
    registerCommand(logger, Commands.showScheduleHistory, 'Show schedule history', (arg?: unknown) =>
      showScheduleHistory(push, arg),
    ),
    registerCommand(
      logger,
      Commands.exportScheduleAsCode,
      'Export schedule as code',
      (arg?: unknown, format?: unknown) => exportScheduleAsCode(accounts.active?.baseUrl, arg, format),
    ),
    registerCommand(logger, Commands.showPosture, 'Backup posture', (node?: unknown) =>
      PosturePanel.show(posture, node),
    ),
    applyDocuments,
    registerCommand(logger, Commands.setUpCompliancePolicy, 'Set up compliance policy', (node?: unknown) =>
      openCompliancePolicy(compliance, node, 'setUp'),
    ),
    registerCommand(logger, Commands.editCompliancePolicy, 'Edit compliance policy', (node?: unknown) =>
      openCompliancePolicy(compliance, node, 'edit'),
    ),
    registerCommand(logger, Commands.applyToClusters, 'Apply to other clusters', (arg?: unknown) =>
      applyToOtherClusters(
        {
          getClient,
          history: push.history,
          signIn: push.signIn,
          logger,
          refresh: () => explorer.refresh(),
          documents: applyDocuments,
        },
        arg,
      ),
    ),
    ...restore.disposables,
  );
  await Promise.all([accounts.load(), drafts.load()]);
  void restore.resume().catch((e: unknown) => logger.error('Could not pick up running restores', e));
  return {
    accounts,
    session: accounts,
    explorer,
    logger,
    diagnostics,
    status,
    scheduleEditor,
    drafts,
    push: { ...push, restoreFromHistory },
    projectsView: view,
    posture: () => PosturePanel.active,
    restore,
    compliancePanel: (groupId) => loadCompliance().CompliancePanel.of(groupId),
  };
}

/** Expands the tree down to a cluster's row and selects it; false when the cluster is not (or no longer) there. */
async function revealCluster(
  explorer: ExplorerModel,
  view: vscode.TreeView<ExplorerNode>,
  groupId: string,
  clusterName: string,
  accountId?: string,
): Promise<boolean> {
  let level = await explorer.whenSettled();
  const account = level.find((n) => n.kind === 'account' && (!accountId || n.accountId === accountId));
  if (account) level = await explorer.whenSettled(account);
  const project = level.find((n) => n.kind === 'project' && n.groupId === groupId);
  if (!project) return false;
  const cluster = (await explorer.whenSettled(project)).find(
    (n) => n.kind === 'cluster' && n.clusterName === clusterName,
  );
  if (!cluster) return false;
  // A load that lands while VS Code reveals the row (after a refresh, rows reload in the background) redraws it, and
  // VS Code then drops the selection without a word: reveal again, a few times at most, until the row is selected.
  for (let attempt = 0; attempt < 3; attempt++) {
    await view.reveal(cluster, { select: true, focus: true, expand: false });
    if (view.selection.some((n) => n.id === cluster.id)) break;
    await explorer.whenSettled(project);
  }
  return true;
}

export function deactivate(): void {}
