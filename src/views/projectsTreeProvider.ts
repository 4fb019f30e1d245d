import * as vscode from 'vscode';
import { ExplorerModel, present } from './explorerModel';
import type { ExplorerNode } from './explorerModel';

/** Maps the explorer model onto VS Code's tree: no loading or business logic here. */
export class ProjectsTreeProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly sub: { dispose(): void };

  constructor(readonly model: ExplorerModel) {
    this.sub = model.onDidChange((parent) => this.changed.fire(parent));
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    const p = present(node);
    const item = new vscode.TreeItem(p.label, p.collapsible ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.description = p.description;
    if (p.tooltip) item.tooltip = new vscode.MarkdownString(p.tooltip);
    item.contextValue = p.contextValue;
    item.iconPath = p.icon === 'error'
      ? new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'))
      : new vscode.ThemeIcon(p.icon);
    if (p.command) item.command = { command: p.command.id, title: p.command.title, arguments: p.command.args };
    return item;
  }

  getChildren(node?: ExplorerNode): ExplorerNode[] {
    return this.model.getChildren(node);
  }

  dispose(): void {
    this.sub.dispose();
    this.changed.dispose();
  }
}
