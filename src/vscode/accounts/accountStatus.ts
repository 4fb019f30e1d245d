import * as vscode from 'vscode';
import { describeKind, hostOf } from '../../core/accounts';
import { Commands } from '../../core/ids';
import type { AccountManager } from './accountManager';
import { escapeMarkdown } from '../../core/common/markdown';
import { statusText } from '../../core/accounts/statusText';

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
    // Short (the details are in the tooltip). The label is user or file text: plain text here, escaped in the tooltip.
    this.item.text = `$(database) ${statusText(active, n - 1)}`;
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
