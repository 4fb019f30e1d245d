// The review and results of Apply to Other Clusters as read-only virtual documents: an Untitled document would be
// dirty and ask "Save?" when its tab is closed, for a text nobody needs to keep (each push is in its history).
import * as vscode from 'vscode';
import { APPLY_DOCUMENT_SCHEME } from '../../core/ids';

/** A content provider's documents cannot be edited or saved, and closing one never asks anything. */
export class ApplyDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(APPLY_DOCUMENT_SCHEME, this);
  private n = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** A new document named `title` (the tab's name) holding `text`, as plain text (nothing in it is rendered). */
  open(title: string, text: string): Thenable<vscode.TextDocument> {
    const uri = vscode.Uri.from({
      scheme: APPLY_DOCUMENT_SCHEME,
      path: `/${++this.n}/${title.replace(/\//g, '-')}.txt`,
    });
    this.texts.set(uri.toString(), text);
    return vscode.workspace.openTextDocument(uri);
  }

  /**
   * Adds `text` at the end and resolves once the open document shows it (VS Code asks the provider again on its own
   * schedule; after 5 s the caller goes on, and the document catches up when VS Code next asks).
   */
  async append(doc: vscode.TextDocument, text: string): Promise<void> {
    const next = doc.getText() + text;
    this.texts.set(doc.uri.toString(), next);
    let sub: vscode.Disposable | undefined;
    const shown = new Promise((resolve) => {
      sub = vscode.workspace.onDidChangeTextDocument((e) => e.document === doc && doc.getText() === next && resolve(0));
      setTimeout(resolve, 5000);
    });
    this.changed.fire(doc.uri);
    if (!doc.isClosed) await shown;
    sub?.dispose();
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
