// Composition root: builds the object graph and registers every disposable. Nothing here holds rules.
import * as vscode from 'vscode';
import { registerNodeCommands } from './commands/nodeCommands';
import { registerSnapshotCommands } from './commands/snapshotCommands';
import { signIn, signOut } from './commands/signIn';
import { ScheduleContextCache } from './editor/scheduleContext';
import { ScheduleCodeActions, ScheduleDiagnostics } from './editor/scheduleDiagnostics';
import { Commands, JSON_DOCUMENT_SCHEME, Views } from './platform/ids';
import { Logger } from './platform/logger';
import { Session } from './platform/session';
import { ExplorerModel } from './views/explorerModel';
import type { ExplorerNode } from './views/explorerModel';
import { JsonDocuments } from './views/jsonDocuments';
import { NodeDecorations, ProjectsTreeProvider } from './views/projectsTreeProvider';

/** What activate() returns: used by the in-host integration tests. */
export interface AtlasBackupApi {
  session: Session;
  explorer: ExplorerModel;
  logger: Logger;
  diagnostics: ScheduleDiagnostics;
}

export async function activate(context: vscode.ExtensionContext): Promise<AtlasBackupApi> {
  const logger = new Logger();
  const session = new Session(context, logger);
  const explorer = new ExplorerModel(undefined);
  const tree = new ProjectsTreeProvider(explorer);
  const view = vscode.window.createTreeView(Views.projects, { treeDataProvider: tree, showCollapseAll: true });
  /** The client for a row's account (shared contract 2): the accounts branch rewires this to AccountManager.clientFor. */
  const getClient = (_accountId?: string) => session.client;
  const documents = new JsonDocuments();

  const scheduleContext = new ScheduleContextCache(() => session.client);
  const diagnostics = new ScheduleDiagnostics(vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules.md'), logger, scheduleContext.resolve);

  context.subscriptions.push(
    logger, session, tree, view, diagnostics, { dispose: () => explorer.dispose() },
    view.onDidCollapseElement((e) => explorer.collapsed(e.element)),
    documents,
    vscode.workspace.registerTextDocumentContentProvider(JSON_DOCUMENT_SCHEME, documents),
    ...registerNodeCommands({ explorer, documents, getClient }),
    ...registerSnapshotCommands({ explorer, getClient, logger }),
    vscode.window.registerFileDecorationProvider(new NodeDecorations()),
    session.onDidChange(() => {
      explorer.setSource(session.client);
      scheduleContext.clear();
      diagnostics.revalidateAll();
    }),
    vscode.languages.registerCodeActionsProvider({ pattern: '**/*.schedule.json' }, new ScheduleCodeActions(diagnostics), { providedCodeActionKinds: ScheduleCodeActions.kinds }),
    vscode.commands.registerCommand(Commands.signIn, () => signIn(session, logger)),
    vscode.commands.registerCommand(Commands.signOut, () => signOut(session)),
    vscode.commands.registerCommand(Commands.refresh, () => explorer.refresh()),
    vscode.commands.registerCommand(Commands.retry, (node?: ExplorerNode) => { if (node) explorer.retry(node); else explorer.refresh(); }),
    vscode.commands.registerCommand(Commands.showLog, () => logger.show()),
  );
  await session.load();
  return { session, explorer, logger, diagnostics };
}

export function deactivate(): void {}
