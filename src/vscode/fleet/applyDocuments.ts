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
    return this.texts.get(uri.toString()) ?? 'This review is no longer available: run Apply to Other Clusters again.\n';
  }

  /** Opens a new document named `title` (the tab's name) holding `text`, as plain text (nothing in it is rendered). */
  async open(title: string, text: string): Promise<vscode.TextDocument> {
    const uri = vscode.Uri.from({
      scheme: APPLY_DOCUMENT_SCHEME,
      path: `/${++this.n}/${title.replace(/[\\/]/g, '-').slice(0, 120)}`,
    });
    this.texts.set(uri.toString(), text);
    const doc = await vscode.workspace.openTextDocument(uri);
    return doc.languageId === 'plaintext' ? doc : vscode.languages.setTextDocumentLanguage(doc, 'plaintext');
  }

  /**
   * Adds `text` at the end of the document and resolves once an open document shows it (VS Code asks the provider
   * again on its own schedule), so a caller reading the document sees the whole text.
   */
  async append(doc: vscode.TextDocument, text: string): Promise<void> {
    const key = doc.uri.toString();
    const next = `${this.texts.get(key) ?? doc.getText()}${text}`;
    this.texts.set(key, next);
    if (doc.isClosed) return;
    const shown = new Promise<void>((resolve) => {
      const done = () => {
        sub.dispose();
        clearTimeout(timer);
        resolve();
      };
      const sub = vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === key && e.document.getText() === next) done();
      });
      // The text is in the provider either way; the document catches up when VS Code next asks.
      const timer = setTimeout(done, 5000);
    });
    this.changed.fire(doc.uri);
    await shown;
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
    this.texts.clear();
  }
}
