// The status bar's words for the active account: short enough not to crowd other extensions' items (the account's
// kind, server and the other accounts are in its tooltip). No vscode.
import { hostOf } from './baseUrl';
import type { Account } from './account';

const MAX = 24;

/**
 * "demoowner +1", "demo-sa-owner · env": the account's own name (its client ID or public key where the label is the
 * default "… @ host"), "env" when its credentials come from the environment, and how many other accounts are signed
 * in. A long name keeps its start and its distinguishing end.
 */
export function statusText(active: Pick<Account, 'label' | 'baseUrl' | 'identity' | 'source'>, others: number): string {
  const name = active.label.endsWith(` @ ${hostOf(active.baseUrl)}`) ? active.identity : active.label;
  const short = name.length > MAX ? `${name.slice(0, 10)}…${name.slice(-(MAX - 11))}` : name;
  // Plain text in the status bar: a "$(" in a label must not become an icon.
  const text = `${short}${active.source === 'environment' ? ' · env' : ''}${others > 0 ? ` +${others}` : ''}`;
  return text.replace(/\$\(/g, '$\u200b(');
}
