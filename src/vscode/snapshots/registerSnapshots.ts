// Take snapshot now, Change expiry and Delete snapshot, registered at activation; what they run (snapshotCommands.ts)
// is dist/snapshots.js, loaded the first time one of them runs.
import type * as vscode from 'vscode';
import { Commands } from '../../core/ids';
import type { ExplorerNode } from '../../core/tree/explorerModel';
import { registerCommand } from '../common/commands';
import { lazyBundle } from '../common/lazyBundle';
import type { SnapshotCommandDeps, TakeSnapshotOptions } from './snapshotCommands';

type Bundle = typeof import('./snapshotCommands');
const load = lazyBundle<Bundle>('snapshots.js');

export function registerSnapshotCommands(deps: SnapshotCommandDeps): vscode.Disposable[] {
  let commands: ReturnType<Bundle['snapshotCommands']> | undefined;
  const c = () => (commands ??= load().snapshotCommands(deps));
  return [
    registerCommand(
      deps.logger,
      Commands.takeSnapshot,
      'Take snapshot now',
      (node?: ExplorerNode, o?: TakeSnapshotOptions) => c().takeSnapshot(node, o),
    ),
    registerCommand(
      deps.logger,
      Commands.changeSnapshotExpiry,
      'Change expiry',
      (node?: ExplorerNode, typed?: string) => c().changeExpiry(node, typed),
    ),
    registerCommand(deps.logger, Commands.deleteSnapshot, 'Delete snapshot', (node?: ExplorerNode) =>
      c().deleteSnapshot(node),
    ),
  ];
}
