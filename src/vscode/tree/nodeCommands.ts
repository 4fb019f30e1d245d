// Commands every tree row offers (Copy ID, Open in Atlas, Show JSON, Refresh) and the snapshot list's own
// (Load more, Filter), plus the schedule row's read-only view. Thin: the model decides, this only talks to VS Code.
import * as vscode from 'vscode';
import type { AtlasClient } from '../../core/atlas';
import { registerCommand } from '../common/commands';
import { Commands } from '../../core/ids';
import type { Logger } from '../common/logger';
import type { ExplorerModel, ExplorerNode, SnapshotFilter } from '../../core/tree/explorerModel';
import { SNAPSHOT_FILTERS, filterWord, present } from '../../core/tree/explorerModel';
import { atlasUrl, idOf, jsonOf } from '../../core/tree/explorerPresent';
import type { JsonDocuments } from './jsonDocuments';

export type GetClient = (accountId?: string) => AtlasClient | undefined;

export interface NodeCommandDeps {
  explorer: ExplorerModel;
  documents: JsonDocuments;
  getClient: GetClient;
  logger: Logger;
}

/** The name a row's JSON document gets: "Production · orders-rs · schedule". */
function documentName(explorer: ExplorerModel, node: ExplorerNode): string {
  const parts: string[] = [];
  for (let n: ExplorerNode | undefined = node; n; n = explorer.parentOf(n)) {
    if (n.kind === 'account') break;
    if (
      n.kind === 'project' ||
      n.kind === 'cluster' ||
      n.kind === 'schedule' ||
      n.kind === 'compliance' ||
      n.kind === 'snapshot' ||
      n.kind === 'legacySnapshot' ||
      n.kind === 'detail'
    ) {
      parts.unshift(n.kind === 'snapshot' ? `snapshot ${n.snapshot.id ?? ''}` : present(n).label);
    }
  }
  return parts.join(' · ');
}

export function registerNodeCommands(deps: NodeCommandDeps): vscode.Disposable[] {
  const { explorer, documents, logger } = deps;
  const baseUrlOf = (node: ExplorerNode) =>
    explorer.sourceFor(node.accountId)?.baseUrl ?? deps.getClient(node.accountId)?.baseUrl;

  return [
    registerCommand(logger, Commands.refreshNode, 'Refresh', (node?: ExplorerNode) => explorer.refreshNode(node)),
    registerCommand(logger, Commands.copyId, 'Copy ID', async (node?: ExplorerNode) => {
      const id = node && idOf(node);
      if (!id) return;
      await vscode.env.clipboard.writeText(id);
      vscode.window.setStatusBarMessage(`Copied ${id}`, 3000);
    }),
    registerCommand(logger, Commands.openInAtlas, 'Open in Atlas', async (node?: ExplorerNode) => {
      const url = node && atlasUrl(node, baseUrlOf(node));
      if (!url) return;
      await vscode.env.openExternal(vscode.Uri.parse(url, true));
    }),
    registerCommand(logger, Commands.showJson, 'Show JSON', async (node?: ExplorerNode) => {
      if (!node) return;
      const json = jsonOf(node);
      if (json === undefined) {
        void vscode.window.showInformationMessage(
          `${present(node).label}: nothing from Atlas to show yet (it has not loaded).`,
        );
        return;
      }
      await documents.show(documentName(explorer, node), node.id, json);
    }),
    registerCommand(logger, Commands.openSchedule, 'Open schedule', async (node?: ExplorerNode) => {
      if (node?.kind !== 'schedule') return;
      const s = node.schedule.state;
      if (s.status === 'loaded') {
        await documents.show(documentName(explorer, node), node.id, s.value);
        return;
      }
      // Not loaded yet (or failed): fetch it once for the document, without disturbing the row.
      const client = deps.getClient(node.accountId);
      if (!client) return;
      try {
        const schedule = await client.getBackupSchedule(node.groupId, node.clusterName);
        await documents.show(documentName(explorer, node), node.id, schedule);
      } catch (e) {
        void vscode.window.showErrorMessage(
          `Couldn't read the backup schedule of ${node.clusterName}: ${e instanceof Error ? e.message : String(e)}`,
        );
      }
    }),
    registerCommand(logger, Commands.loadMoreSnapshots, 'Load more snapshots', (node?: ExplorerNode) =>
      explorer.loadMore(node),
    ),
    // Two ids, one action: the filled icon (a different command, shown by the row's context value) says a filter is on.
    ...[Commands.filterSnapshots, Commands.filterSnapshotsActive].map((id) =>
      registerCommand(logger, id, 'Filter snapshots', async (node?: ExplorerNode, pick?: SnapshotFilter) => {
        const target = node?.kind === 'loadMore' || node?.kind === 'snapshot' ? explorer.parentOf(node) : node;
        if (target?.kind !== 'snapshots') return;
        let filter = pick;
        if (!filter) {
          const items = SNAPSHOT_FILTERS.map((f) => ({
            label:
              f === 'all'
                ? 'All snapshots'
                : `${filterWord(f)[0].toUpperCase()}${filterWord(f).slice(1)} snapshots only`,
            description: f === target.list.filter ? 'current' : undefined,
            filter: f,
          }));
          filter = (
            await vscode.window.showQuickPick(items, {
              title: `Snapshots of ${target.clusterName}`,
              placeHolder: 'Show which snapshots?',
            })
          )?.filter;
        }
        if (filter && SNAPSHOT_FILTERS.includes(filter)) explorer.setSnapshotFilter(target, filter);
      }),
    ),
  ];
}
