// Composition root: builds the object graph and registers every disposable. Nothing here holds rules.
import * as vscode from 'vscode';
import { signIn, signOut } from './commands/signIn';
import { Commands, Views } from './platform/ids';
import { Logger } from './platform/logger';
import { Session } from './platform/session';
import { ExplorerModel } from './views/explorerModel';
import type { ExplorerNode } from './views/explorerModel';
import { ProjectsTreeProvider } from './views/projectsTreeProvider';

/** What activate() returns: used by the in-host integration tests. */
export interface AtlasBackupApi {
  session: Session;
  explorer: ExplorerModel;
  logger: Logger;
}

export async function activate(context: vscode.ExtensionContext): Promise<AtlasBackupApi> {
  const logger = new Logger();
  const session = new Session(context, logger);
  const explorer = new ExplorerModel(undefined);
  const tree = new ProjectsTreeProvider(explorer);
  const view = vscode.window.createTreeView(Views.projects, { treeDataProvider: tree, showCollapseAll: true });

  context.subscriptions.push(
    logger, session, tree, view, { dispose: () => explorer.dispose() },
    session.onDidChange(() => explorer.setSource(session.client)),
    vscode.commands.registerCommand(Commands.signIn, () => signIn(session, logger)),
    vscode.commands.registerCommand(Commands.signOut, () => signOut(session)),
    vscode.commands.registerCommand(Commands.refresh, () => explorer.refresh()),
    vscode.commands.registerCommand(Commands.retry, (node?: ExplorerNode) => { if (node) explorer.retry(node); else explorer.refresh(); }),
    vscode.commands.registerCommand(Commands.showLog, () => logger.show()),
  );
  await session.load();
  return { session, explorer, logger };
}

export function deactivate(): void {}
