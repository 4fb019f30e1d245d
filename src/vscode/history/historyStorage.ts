// The schedule history's files in the extension's globalStorage (`<globalStorage>/history/<host>/<groupId>/<cluster>.json`),
// through vscode.workspace.fs so it works wherever the extension host runs; on the local disk each write is atomic
// (writeUri). A file that cannot be parsed is renamed to `<name>.corrupt-<time>` before anything replaces it.
import * as vscode from 'vscode';
import type { HistoryStorage } from '../../core/schedule/history';
import { keepAside } from '../../core/common/atomicWrite';
import { writeUri } from '../common/writeUri';

export function globalStorageHistory(globalStorage: vscode.Uri): HistoryStorage {
  const root = vscode.Uri.joinPath(globalStorage, 'history');
  const uriOf = (key: string): vscode.Uri => vscode.Uri.joinPath(root, ...key.split('/'));
  return {
    async read(key) {
      try {
        return new TextDecoder().decode(await vscode.workspace.fs.readFile(uriOf(key)));
      } catch (e) {
        // Only a missing file is an empty history: one that cannot be read now (permissions, I/O) must not be taken
        // for empty and then overwritten.
        if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') return undefined;
        throw e;
      }
    },
    async write(key, text) {
      const uri = uriOf(key);
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
      await writeUri(uri, text);
    },
    async keepAside(key) {
      const uri = uriOf(key);
      if (uri.scheme === 'file') return keepAside(uri.fsPath);
      const aside = uri.with({ path: `${uri.path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}` });
      // overwrite: false, so an earlier kept-aside file is never lost.
      await vscode.workspace.fs.rename(uri, aside, { overwrite: false });
      return aside.fsPath;
    },
  };
}
