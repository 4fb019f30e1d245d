import * as vscode from 'vscode';
import { describeKind, hostOf } from '../../core/accounts';
import { Commands } from '../../core/ids';
import type { AccountManager } from './accountManager';
import { escapeMarkdown } from '../../core/common/markdown';

/** The active account in the status bar; clicking it opens the account switcher. Hidden when nobody is signed in. */
export class AccountStatus implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('atlasBackup.account', vscode.StatusBarAlignment.Left, 50);
  private readonly sub: vscode.Disposable;

  constructor(private readonly accounts: AccountManager) {
    this.item.name = 'Atlas Backup account';
    this.item.command = Commands.switchAccount;
    this.sub = accounts.onDidChange(() => this.update());
    this.update();
  }

  private update(): void {
    const active = this.accounts.active;
    if (!active) {
      this.item.hide();
      return;
    }
    const n = this.accounts.accounts.length;
    // The label is user or file text: plain text in the status bar, escaped in the Markdown tooltip.
    this.item.text = `$(database) Atlas: ${active.label.replace(/\$\(/g, '$\u200b(')}${n > 1 ? ` (+${n - 1})` : ''}`;
    const md = new vscode.MarkdownString(undefined, false);
    md.isTrusted = false;
    md.appendMarkdown(`**Atlas Backup** — ${n} ${n === 1 ? 'account' : 'accounts'} signed in\n\n`);
    for (const a of this.accounts.accounts) {
      md.appendMarkdown(
        `- ${a.id === active.id ? '**active:** ' : ''}${escapeMarkdown(a.label)} — ${escapeMarkdown(describeKind(a.kind))} at ${escapeMarkdown(hostOf(a.baseUrl))}\n`,
      );
    }
    md.appendMarkdown('\nClick to switch accounts.');
    this.item.tooltip = md;
    this.item.accessibilityInformation = { label: `Atlas Backup account: ${active.label}. Click to switch.` };
    this.item.show();
  }

  dispose(): void {
    this.sub.dispose();
    this.item.dispose();
  }
}
