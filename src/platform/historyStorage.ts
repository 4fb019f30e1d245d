// The schedule history's files in the extension's globalStorage (`<globalStorage>/history/<host>/<groupId>/<cluster>.json`),
// through vscode.workspace.fs so it works wherever the extension host runs.
import * as vscode from 'vscode';
import type { HistoryStorage } from '../schedule/history';

export function globalStorageHistory(globalStorage: vscode.Uri): HistoryStorage {
  const root = vscode.Uri.joinPath(globalStorage, 'history');
  const uriOf = (key: string): vscode.Uri => vscode.Uri.joinPath(root, ...key.split('/'));
  return {
    async read(key) {
      try {
        return new TextDecoder().decode(await vscode.workspace.fs.readFile(uriOf(key)));
      } catch {
        return undefined;
      }
    },
    async write(key, text) {
      const uri = uriOf(key);
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    },
  };
}
