// Add Export Bucket…, Remove Export Bucket and Export Snapshot to Bucket…, registered at activation; what they run
// (exportCommands.ts) is dist/exports.js, loaded the first time one of them runs.
import type * as vscode from 'vscode';
import { Commands } from '../../core/ids';
import type { ExplorerNode } from '../../core/tree/explorerModel';
import { registerCommand } from '../common/commands';
import { lazyBundle } from '../common/lazyBundle';
import type { ExportCommandDeps, ExportSnapshotOptions } from './exportCommands';

type Bundle = typeof import('./exportCommands');
const load = lazyBundle<Bundle>('exports.js');

export function registerExportCommands(deps: ExportCommandDeps): vscode.Disposable[] {
  let commands: ReturnType<Bundle['exportCommands']> | undefined;
  const c = () => (commands ??= load().exportCommands(deps));
  return [
    registerCommand(deps.logger, Commands.addExportBucket, 'Add export bucket', (node?: ExplorerNode) =>
      c().addExportBucket(node),
    ),
    registerCommand(deps.logger, Commands.removeExportBucket, 'Remove export bucket', (node?: ExplorerNode) =>
      c().removeExportBucket(node),
    ),
    registerCommand(
      deps.logger,
      Commands.exportSnapshot,
      'Export snapshot',
      (node?: ExplorerNode, opts?: ExportSnapshotOptions) => c().exportSnapshot(node, opts),
    ),
  ];
}
