// Writing a file from the extension: on the local disk through the shared atomic writer (temporary file beside it,
// fsync, rename: a failure leaves the old file whole); elsewhere (a remote or virtual workspace) through
// vscode.workspace.fs, whose provider decides what a failed write leaves behind.
import * as vscode from 'vscode';
import { writeFileAtomic } from '../../core/common/atomicWrite';

export async function writeUri(uri: vscode.Uri, text: string): Promise<void> {
  if (uri.scheme === 'file') {
    writeFileAtomic(uri.fsPath, text);
    return;
  }
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}
