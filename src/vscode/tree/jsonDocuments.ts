import * as vscode from 'vscode';
import { JSON_DOCUMENT_SCHEME } from '../../core/ids';

/**
 * Read-only JSON documents (`atlas-backup:` URIs) of what Atlas returned: Show JSON and the schedule's read-only view.
 * A content provider's documents cannot be saved or edited, so nothing here can reach Atlas. Opening the same row
 * again replaces the text (it may have been refreshed) and keeps the one tab.
 */
export class JsonDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return (
      this.texts.get(uri.toString()) ??
      '// This document is no longer available: open it again from the Atlas Backup tree.\n'
    );
  }

  /** Shows `value` as JSON under a readable name; `key` (a node id) keeps one document per row. */
  async show(name: string, key: string, value: unknown): Promise<vscode.TextEditor> {
    const safe = name.replace(/[^\w. -]+/g, '_').slice(0, 120) || 'atlas';
    const uri = vscode.Uri.from({ scheme: JSON_DOCUMENT_SCHEME, path: `/${safe}.json`, query: key });
    const text = `${JSON.stringify(value, null, 2)}\n`;
    const before = this.texts.get(uri.toString());
    this.texts.set(uri.toString(), text);
    if (before !== undefined && before !== text) this.changed.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    if (doc.languageId !== 'json') await vscode.languages.setTextDocumentLanguage(doc, 'json');
    return vscode.window.showTextDocument(doc, { preview: true });
  }

  dispose(): void {
    this.changed.dispose();
    this.texts.clear();
  }
}
