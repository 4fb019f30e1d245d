// Read-only Markdown documents (`atlas-backup-restore:` URIs): a restore plan before it is confirmed, a drill's report,
// the restore history. A content provider's documents cannot be edited or saved, so nothing here can reach Atlas; they
// open in the Markdown preview (plain text if the preview is not there). Showing the same key again replaces the text.
import * as vscode from 'vscode';
import { documentFileName } from '../../core/common/documentName';
import { RESTORE_DOCUMENT_SCHEME } from '../../core/ids';

export class RestoreDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  static register(): { documents: RestoreDocuments; disposables: vscode.Disposable[] } {
    const documents = new RestoreDocuments();
    return {
      documents,
      disposables: [
        documents,
        vscode.workspace.registerTextDocumentContentProvider(RESTORE_DOCUMENT_SCHEME, documents),
      ],
    };
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '_This document is no longer available._\n';
  }

  /** The text last shown under `name` (tests read the plan the person saw). */
  textOf(name: string): string | undefined {
    return this.texts.get(this.uriOf(name).toString());
  }

  uriOf(name: string): vscode.Uri {
    const safe = documentFileName(name, 'restore');
    return vscode.Uri.from({ scheme: RESTORE_DOCUMENT_SCHEME, path: `/${safe}.md` });
  }

  /** Shows `markdown` under `name` in the Markdown preview, beside the editor. */
  async show(name: string, markdown: string): Promise<vscode.Uri> {
    const uri = this.uriOf(name);
    const before = this.texts.get(uri.toString());
    this.texts.set(uri.toString(), markdown);
    if (before !== undefined && before !== markdown) this.changed.fire(uri);
    try {
      await vscode.commands.executeCommand('markdown.showPreview', uri);
    } catch {
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc, { preview: true });
    }
    return uri;
  }

  dispose(): void {
    this.changed.dispose();
    this.texts.clear();
  }
}
