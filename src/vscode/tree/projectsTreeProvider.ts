import * as vscode from 'vscode';
import { NODE_DECORATION_SCHEME } from '../../core/ids';
import { ExplorerModel, present } from '../../core/tree/explorerModel';
import type { ExplorerNode } from '../../core/tree/explorerModel';

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
    const state = !p.collapsible
      ? vscode.TreeItemCollapsibleState.None
      : p.expanded
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(p.label, state);
    item.id = node.id;
    item.description = p.description;
    // The tooltip is built on hover (resolveTreeItem): thousands of snapshot rows need not format theirs up front.
    item.contextValue = p.contextValue;
    item.iconPath = new vscode.ThemeIcon(p.icon, p.iconColor ? new vscode.ThemeColor(p.iconColor) : undefined);
    if (p.badge)
      item.resourceUri = vscode.Uri.from({ scheme: NODE_DECORATION_SCHEME, path: `/${p.badge}`, query: node.id });
    if (p.command) item.command = { command: p.command.id, title: p.command.title, arguments: p.command.args };
    return item;
  }

  resolveTreeItem(item: vscode.TreeItem, node: ExplorerNode): vscode.TreeItem {
    const text = present(node).tooltip;
    if (text) {
      const tip = new vscode.MarkdownString(text); // never trusted: every Atlas text in it is escaped
      tip.supportThemeIcons = true;
      item.tooltip = tip;
    }
    return item;
  }

  getChildren(node?: ExplorerNode): ExplorerNode[] {
    return this.model.getChildren(node);
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return this.model.parentOf(node);
  }

  dispose(): void {
    this.sub.dispose();
    this.changed.dispose();
  }
}

/**
 * Decorates rows the model marks: a project under a Backup Compliance Policy gets its label tinted (its icon is a lock and
 * its description says so; an emoji badge renders as a blank box where no emoji font is installed), a cluster with
 * backup off a warning badge, a cluster with backup on that takes no scheduled snapshots an error badge.
 */
export class NodeDecorations implements vscode.FileDecorationProvider {
  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (uri.scheme !== NODE_DECORATION_SCHEME) return undefined;
    if (uri.path === '/lock')
      return { tooltip: 'Backup Compliance Policy active', color: new vscode.ThemeColor('charts.blue') };
    if (uri.path === '/warning')
      return { badge: '!', tooltip: 'Cloud backup is off', color: new vscode.ThemeColor('list.warningForeground') };
    if (uri.path === '/error')
      return {
        badge: '!',
        tooltip: 'Backup on, but no scheduled snapshots',
        color: new vscode.ThemeColor('list.errorForeground'),
      };
    return undefined;
  }
}
