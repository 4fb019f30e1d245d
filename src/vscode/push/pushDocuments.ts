// What the push flow shows besides dialogs: read-only documents for vscode.diff (Atlas's version, the draft, a
// merge, an old version from history — normalised so the diff shows only real changes), and Atlas's refusal of a
// push as a diagnostic on the field it names. Both are thin: the content comes from src/core/schedule and src/core/push.
import * as vscode from 'vscode';
import type { JsonPath } from '../../core/schedule/types';
import { findNodeAtLocation, parseTree } from '../../core/schedule/jsonc';
import { PUSH_DOCUMENT_SCHEME } from '../../core/ids';

/** The two documents of a diff opened by `PushDocuments.diff`. */
export interface PushDiff {
  left: vscode.Uri;
  right: vscode.Uri;
}

/** Read-only virtual documents: a content provider's documents cannot be edited or saved. */
export class PushDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly docs = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(PUSH_DOCUMENT_SCHEME, this);
  private n = 0;

  /** A document named `title` (shown in the tab) with `text`; JSON highlighting from the extension. */
  put(title: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({
      scheme: PUSH_DOCUMENT_SCHEME,
      path: `/${++this.n}/${title.replace(/[\\/]/g, '-')}.json`,
    });
    this.docs.set(uri.toString(), text);
    this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.docs.get(uri.toString()) ?? '';
  }

  /**
   * Opens a side-by-side diff of two texts; `beside` puts it next to the editor without taking the focus (a review
   * to read while a question waits). Resolves to the diff, for `close`.
   */
  async diff(
    left: { title: string; text: string },
    right: { title: string; text: string },
    title: string,
    opts: { beside?: boolean } = {},
  ): Promise<PushDiff> {
    const shown = { left: this.put(left.title, left.text), right: this.put(right.title, right.text) };
    await vscode.commands.executeCommand('vscode.diff', shown.left, shown.right, title, {
      preview: true,
      ...(opts.beside ? { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true } : {}),
    });
    return shown;
  }

  /** Closes the diff's tab (wherever it is now) and forgets its texts: a review is never left behind, stale. */
  async close(shown: PushDiff): Promise<void> {
    const right = shown.right.toString();
    const tabs = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === right);
    if (tabs.length) await vscode.window.tabGroups.close(tabs, true);
    this.docs.delete(shown.left.toString());
    this.docs.delete(right);
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
    this.docs.clear();
  }
}

/** Atlas's refusals of a push, on the field each names; cleared when the document changes or the push succeeds. */
export class PushErrors implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('atlasBackup.push');
  private readonly sub = vscode.workspace.onDidChangeTextDocument((e) => {
    if (e.contentChanges.length) this.collection.delete(e.document.uri);
  });

  set(doc: vscode.TextDocument, path: JsonPath, message: string): vscode.Diagnostic {
    const d = new vscode.Diagnostic(rangeOf(doc, path), message, vscode.DiagnosticSeverity.Error);
    d.source = 'Atlas';
    d.code = 'push-refused';
    this.collection.set(doc.uri, [d]);
    return d;
  }

  get(uri: vscode.Uri): readonly vscode.Diagnostic[] {
    return this.collection.get(uri) ?? [];
  }
  clear(uri: vscode.Uri): void {
    this.collection.delete(uri);
  }
  dispose(): void {
    this.sub.dispose();
    this.collection.dispose();
  }
}

/** The range of the deepest node along `path` that exists (the property key when there is one), else line 1. */
export function rangeOf(doc: vscode.TextDocument, path: JsonPath): vscode.Range {
  const root = parseTree(doc.getText(), [], { allowTrailingComma: true, disallowComments: false });
  for (let n = path.length; root && n > 0; n--) {
    const node = findNodeAtLocation(root, path.slice(0, n));
    if (!node) continue;
    const target = node.parent?.type === 'property' && node.parent.children?.[0] ? node.parent.children[0] : node;
    return new vscode.Range(doc.positionAt(target.offset), doc.positionAt(target.offset + target.length));
  }
  return doc.lineAt(0).range;
}
