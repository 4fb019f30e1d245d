// Composition root: builds the object graph and registers every disposable. Nothing here holds rules.
import * as vscode from 'vscode';
import type { AtlasClient } from './atlas';
import { describeKind, originOf } from './accounts';
import { importAtlasCliProfiles } from './commands/importAtlasCli';
import { registerNodeCommands } from './commands/nodeCommands';
import { discardDraft, editSchedule, openAsJson, openInScheduleEditor, pullSchedule } from './commands/scheduleEditing';
import type { EditingDeps } from './commands/scheduleEditing';
import { registerSnapshotCommands } from './commands/snapshotCommands';
import { signIn, signOut, switchAccount } from './commands/signIn';
import { applyToOtherClusters } from './commands/applyToMany';
import { exportScheduleAsCode } from './commands/exportSchedule';
import { PosturePanel } from './commands/posture';
import type { PostureDeps } from './commands/posture';
import {
  deleteSchedules,
  pulledBase,
  pushSchedule,
  restoreFromHistory,
  showScheduleHistory,
} from './commands/pushSchedule';
import type { PushDeps } from './commands/pushSchedule';
import { PushDocuments, PushErrors } from './editor/pushDocuments';
import { globalStorageHistory } from './platform/historyStorage';
import { ScheduleHistory } from './schedule/history';
import { DraftStore } from './editor/draftStore';
import { ScheduleEditorProvider } from './editor/scheduleEditorProvider';
import { ScheduleContextCache } from './editor/scheduleContext';
import { ScheduleCodeActions, ScheduleDiagnostics } from './editor/scheduleDiagnostics';
import { readScheduleTarget } from './schedule/scheduleFile';
import { AccountManager } from './platform/accounts';
import { AccountStatus } from './platform/accountStatus';
import { Commands, JSON_DOCUMENT_SCHEME, Settings, Views } from './platform/ids';
import { Logger } from './platform/logger';
import { DEFAULT_ACCOUNT_ID, ExplorerModel } from './views/explorerModel';
import type { ExplorerNode } from './views/explorerModel';
import { JsonDocuments } from './views/jsonDocuments';
import { NodeDecorations, ProjectsTreeProvider } from './views/projectsTreeProvider';

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
  posture(): PosturePanel | undefined;
}

export async function activate(context: vscode.ExtensionContext): Promise<AtlasBackupApi> {
  const logger = new Logger();
  const accounts = new AccountManager(context, logger);
  /** Contract 2: every feature gets its client through this one function. */
  // With one account the tree shows it flat, under the explorer's default id: that is the active account.
  const getClient = (accountId?: string): AtlasClient | undefined =>
    accounts.clientFor(accountId === DEFAULT_ACCOUNT_ID ? undefined : accountId);
  const explorer = new ExplorerModel(undefined);
  const readPageSize = () =>
    explorer.setPageSize(
      vscode.workspace.getConfiguration(Settings.section).get<number>(Settings.snapshotsPerPage) ?? 500,
    );
  readPageSize();
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
    // Contract 5: a draft's base as the editor kept it (the schedule as fetched); a workspace file's pulled fingerprint.
    baseFor: async (doc) => (await drafts.baseFor(doc.uri)) ?? pulledBase(doc.getText()),
    resolveContext: (doc, signal) => scheduleContext.resolve(doc, signal),
    // Which sign-in: the account's label and kind (public halves only, never a secret).
    signIn: (accountId) => {
      const a = accounts.accounts.find((x) => x.id === accountId) ?? accounts.active;
      return a ? { label: `${a.label} (${describeKind(a.kind)})`, accountId: a.id } : { label: 'unknown sign-in' };
    },
    refresh: () => explorer.refresh(),
  };
  const posture: PostureDeps = {
    extensionUri: context.extensionUri,
    getClient,
    logger,
    revealCluster: (g, c, a) => revealCluster(explorer, view, g, c, a),
  };
  // Contract 3: the tree marks clusters that have a draft.
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
    ...registerNodeCommands({ explorer, documents, getClient }),
    ...registerSnapshotCommands({ explorer, getClient, logger }),
    vscode.window.registerFileDecorationProvider(new NodeDecorations()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(`${Settings.section}.${Settings.snapshotsPerPage}`)) return;
      readPageSize();
      explorer.refresh(); // lists start again at the new page size; rows and expansion stay
    }),
    accounts.onDidChange(() => {
      // One account: its projects at the root. Several: each account is a root row (contract 3).
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
    vscode.commands.registerCommand(Commands.signIn, () => signIn(accounts, logger)),
    vscode.commands.registerCommand(Commands.signOut, (arg?: unknown) => signOut(accounts, arg)),
    vscode.commands.registerCommand(Commands.switchAccount, (arg?: unknown) => switchAccount(accounts, logger, arg)),
    vscode.commands.registerCommand(Commands.importAtlasCli, (file?: vscode.Uri | string) =>
      importAtlasCliProfiles(accounts, logger, file),
    ),
    vscode.commands.registerCommand(Commands.refresh, () => explorer.refresh()),
    vscode.commands.registerCommand(Commands.retry, (node?: ExplorerNode) => {
      if (node) explorer.retry(node);
      else explorer.refresh();
    }),
    vscode.commands.registerCommand(Commands.showLog, () => logger.show()),
    drafts,
    drafts.onDidChange(() => explorer.refreshMarks()),
    vscode.commands.registerCommand(Commands.editSchedule, (node?: unknown) =>
      reportErrors(logger, 'Edit backup schedule', () => editSchedule(editing, node)),
    ),
    vscode.commands.registerCommand(Commands.discardDraft, (node?: unknown) =>
      reportErrors(logger, 'Discard draft', () => discardDraft(editing, node)),
    ),
    vscode.commands.registerCommand(Commands.pullSchedule, (node?: unknown) =>
      reportErrors(logger, 'Pull schedule to file', () => pullSchedule(editing, node)),
    ),
    vscode.commands.registerCommand(Commands.openScheduleAsJson, (uri?: vscode.Uri) => openAsJson(uri)),
    vscode.commands.registerCommand(Commands.openScheduleEditor, (uri?: vscode.Uri) => openInScheduleEditor(uri)),
    pushDocuments,
    pushErrors,
    vscode.commands.registerCommand(Commands.pushSchedule, (arg?: unknown) =>
      reportErrors(logger, 'Push', () => pushSchedule(push, arg)),
    ),
    vscode.commands.registerCommand(Commands.deleteSchedules, (arg?: unknown) =>
      reportErrors(logger, 'Delete all backup schedules', () => deleteSchedules(push, arg)),
    ),
    vscode.commands.registerCommand(Commands.showScheduleHistory, (arg?: unknown) =>
      reportErrors(logger, 'Show schedule history', () => showScheduleHistory(push, arg)),
    ),
    vscode.commands.registerCommand(
      Commands.exportScheduleAsCode,
      (arg?: unknown, format?: 'terraform' | 'atlas-cli' | 'curl') =>
        reportErrors(logger, 'Export schedule as code', () =>
          exportScheduleAsCode(accounts.active?.baseUrl, arg, format),
        ),
    ),
    vscode.commands.registerCommand(Commands.showPosture, (node?: unknown) => PosturePanel.show(posture, node)),
    vscode.commands.registerCommand(Commands.applyToClusters, (arg?: unknown) =>
      reportErrors(logger, 'Apply to other clusters', () =>
        applyToOtherClusters(
          { getClient, history: push.history, signIn: push.signIn, logger, refresh: () => explorer.refresh() },
          arg,
        ),
      ),
    ),
  );
  await Promise.all([accounts.load(), drafts.load()]);
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
  await view.reveal(cluster, { select: true, focus: true, expand: false });
  return true;
}

/** Runs a command; a failure is logged in full and shown once (cancellation stays silent). */
async function reportErrors<T>(logger: Logger, what: string, run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof Error && /abort|cancel/i.test(e.name + e.message)) return undefined;
    logger.error(`${what} failed`, e);
    void vscode.window
      .showErrorMessage(`${what} failed: ${e instanceof Error ? e.message : String(e)}`, 'Show Log')
      .then((p) => {
        if (p) logger.show();
      });
    return undefined;
  }
}

export function deactivate(): void {}
