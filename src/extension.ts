// Composition root: builds the object graph and registers every disposable. Nothing here holds rules.
import * as vscode from 'vscode';
import type { AtlasClient } from './atlas';
import { describeKind, originOf } from './accounts';
import { importAtlasCliProfiles } from './commands/importAtlasCli';
import { signIn, signOut, switchAccount } from './commands/signIn';
import { ScheduleContextCache } from './editor/scheduleContext';
import { ScheduleCodeActions, ScheduleDiagnostics } from './editor/scheduleDiagnostics';
import { AccountManager } from './platform/accounts';
import { AccountStatus } from './platform/accountStatus';
import { Commands, Views } from './platform/ids';
import { Logger } from './platform/logger';
import { ExplorerModel } from './views/explorerModel';
import type { ExplorerNode } from './views/explorerModel';
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
}

export async function activate(context: vscode.ExtensionContext): Promise<AtlasBackupApi> {
  const logger = new Logger();
  const accounts = new AccountManager(context, logger);
  /** Contract 2: every feature gets its client through this one function. */
  const getClient = (accountId?: string): AtlasClient | undefined => accounts.clientFor(accountId);
  const explorer = new ExplorerModel(undefined);
  const tree = new ProjectsTreeProvider(explorer);
  const view = vscode.window.createTreeView(Views.projects, { treeDataProvider: tree, showCollapseAll: true });
  const status = new AccountStatus(accounts);

  // A file's atlas block may say which server it was pulled from: that picks among the accounts the user signed
  // in, never a server of its own (and nothing at all in an untrusted workspace).
  const scheduleContext = new ScheduleContextCache((pulledFrom) => {
    const from = pulledFrom ? originOf(pulledFrom) : undefined;
    const account = (from && accounts.accounts.find((a) => a.origin === from)) || accounts.active;
    const client = account && getClient(account.id);
    return account && client ? { client, baseUrl: account.baseUrl } : undefined;
  });
  const diagnostics = new ScheduleDiagnostics(vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules.md'), logger, scheduleContext.resolve);

  context.subscriptions.push(
    logger, accounts, status, tree, view, diagnostics, { dispose: () => explorer.dispose() },
    view.onDidCollapseElement((e) => explorer.collapsed(e.element)),
    vscode.window.registerFileDecorationProvider(new NodeDecorations()),
    accounts.onDidChange(() => {
      // One account: its projects at the root. Several: each account is a root row (contract 3).
      const all = accounts.accounts;
      if (all.length <= 1) explorer.setSource(accounts.client);
      else {
        explorer.setAccounts(all.map((a) => ({
          id: a.id, label: a.label, source: accounts.clientFor(a.id)!, active: a.id === accounts.active?.id,
          description: `${describeKind(a.kind)}${a.source === 'environment' ? ' · environment' : ''}`,
        })));
      }
      scheduleContext.clear();
      diagnostics.revalidateAll();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => { scheduleContext.clear(); diagnostics.revalidateAll(); }),
    vscode.languages.registerCodeActionsProvider({ pattern: '**/*.schedule.json' }, new ScheduleCodeActions(diagnostics), { providedCodeActionKinds: ScheduleCodeActions.kinds }),
    vscode.commands.registerCommand(Commands.signIn, () => signIn(accounts, logger)),
    vscode.commands.registerCommand(Commands.signOut, (arg?: unknown) => signOut(accounts, arg)),
    vscode.commands.registerCommand(Commands.switchAccount, (arg?: unknown) => switchAccount(accounts, logger, arg)),
    vscode.commands.registerCommand(Commands.importAtlasCli, (file?: vscode.Uri | string) => importAtlasCliProfiles(accounts, logger, file)),
    vscode.commands.registerCommand(Commands.refresh, () => explorer.refresh()),
    vscode.commands.registerCommand(Commands.retry, (node?: ExplorerNode) => { if (node) explorer.retry(node); else explorer.refresh(); }),
    vscode.commands.registerCommand(Commands.showLog, () => logger.show()),
  );
  await accounts.load();
  return { accounts, session: accounts, explorer, logger, diagnostics, status };
}

export function deactivate(): void {}
