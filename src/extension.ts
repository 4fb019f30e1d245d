import * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {
  // composition root: filled in by the foundation work
}

export function deactivate(): void {}
