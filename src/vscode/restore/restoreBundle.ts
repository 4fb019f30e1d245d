// The restore feature's commands, watcher and history, built as dist/restore.js beside the extension and loaded on
// first use (esbuild.js): the plans, checks, drill report and flows are about 40 KiB that activation never needs.
// registerRestore.ts (in the extension bundle) registers the commands and hands over what this needs. The Atlas error
// classes recognise their copies in other bundles (core/common/crossBundle.ts); the host still hands over how a failed
// write is described, so the words come from one place.
import * as vscode from 'vscode';
import { originOf } from '../../core/accounts';
import type { describeWriteFailure } from '../../core/atlas/errors';
import { RestoreHistory } from '../../core/restore';
import type { HistoryStorage } from '../../core/schedule/history';
import type { ExplorerModel, ExplorerNode } from '../../core/tree/explorerModel';
import type { Logger } from '../common/logger';
import type { GetClient } from '../tree/nodeCommands';
import { CollectionRestoreCommands } from './collectionRestoreCommands';
import { FlexRestoreCommands } from './flexRestoreCommands';
import { RestoreCommands } from './restoreCommands';
import { RestoreDocuments } from './restoreDocuments';
import { RestoreWatcher } from './restoreWatcher';

export interface RestoreHost {
  explorer: ExplorerModel;
  view: vscode.TreeView<ExplorerNode>;
  getClient: GetClient;
  logger: Logger;
  /** Where the restore history lives: the schedule history's storage (global storage, written atomically). */
  storage: HistoryStorage;
  /** The signed-in accounts (id and server). */
  accounts(): readonly { id: string; baseUrl: string }[];
  revealCluster(groupId: string, clusterName: string, accountId?: string): Promise<boolean>;
  /** The extension bundle's, so its Atlas errors are recognised. */
  describeWriteFailure: typeof describeWriteFailure;
  /** The HTTP status of an Atlas API error from the extension bundle's client; undefined for anything else. */
  statusOf(e: unknown): number | undefined;
}

export interface RestoreFeature {
  commands: RestoreCommands;
  /** Restore Collection… / Restore Database…. */
  collections: CollectionRestoreCommands;
  /** Restore… and Download Snapshot… on a Flex snapshot row. */
  flex: FlexRestoreCommands;
  watcher: RestoreWatcher;
  history: RestoreHistory;
  documents: RestoreDocuments;
  disposables: vscode.Disposable[];
  /** Picks up the restores this extension started and last saw running. */
  resume(): Promise<void>;
}

export function createRestoreFeature(d: RestoreHost): RestoreFeature {
  const { explorer, logger } = d;
  const history = new RestoreHistory(d.storage, {
    onKeptAside: (key, where) => {
      logger.warn(`The restore history ${key} could not be read; it was kept aside as ${where}.`);
      void vscode.window.showWarningMessage(
        `The restore history could not be read (it may have been cut short). It was kept as ${where}, and a new history was started.`,
      );
    },
  });
  const { documents, disposables } = RestoreDocuments.register();
  const showRestores = async (accountId: string, groupId: string, clusterName: string) => {
    const account = d.accounts().length > 1 ? accountId : undefined;
    if (!(await d.revealCluster(groupId, clusterName, account))) return;
    const cluster = explorer.node(explorer.clusterId(accountId, groupId, clusterName));
    if (cluster) await explorer.whenSettled(cluster);
    const restores = explorer.restoresNodeOf(accountId, groupId, clusterName);
    if (restores) await d.view.reveal(restores, { select: true, focus: true, expand: true });
  };
  const watcher = new RestoreWatcher({ explorer, getClient: d.getClient, logger, history, showRestores });
  const restoreDeps = {
    explorer,
    getClient: d.getClient,
    logger,
    history,
    documents,
    watcher,
    origins: () => d.accounts().map((a) => originOf(a.baseUrl) ?? a.baseUrl),
    describeWriteFailure: d.describeWriteFailure,
    statusOf: (e: unknown) => d.statusOf(e),
  };
  const commands = new RestoreCommands(restoreDeps);
  const collections = new CollectionRestoreCommands(restoreDeps, commands);
  const flex = new FlexRestoreCommands(restoreDeps, commands);
  commands.namespacesAtPointInTime = (kind, a, o) => collections.restoreAtPointInTime(kind, a, o);
  watcher.resumeOtherWith = (accountId, entry, client) =>
    entry.flex ? flex.resumeWatch(accountId, entry, client) : collections.resumeWatch(accountId, entry, client);
  disposables.push(watcher);
  return {
    commands,
    collections,
    flex,
    watcher,
    history,
    documents,
    disposables,
    resume: () => watcher.resume(d.accounts()),
  };
}
