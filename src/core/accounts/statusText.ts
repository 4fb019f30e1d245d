// The status bar's words for the active account: short enough not to crowd other extensions' items (the account's
// kind, server and the other accounts are in its tooltip). No vscode.
import { hostOf } from './baseUrl';
import type { Account } from './account';

const MAX = 24;

/**
 * "mdb_sa_id…cdef0123 +1": the account's own label (without the " @ host" the default label adds), its middle cut when
 * long so the start and the distinguishing end both show, and how many other accounts are signed in.
 */
export function statusText(active: Pick<Account, 'label' | 'baseUrl'>, others: number): string {
  const suffix = ` @ ${hostOf(active.baseUrl)}`;
  const name = active.label.endsWith(suffix) ? active.label.slice(0, -suffix.length) : active.label;
  const short = name.length > MAX ? `${name.slice(0, 10)}…${name.slice(-(MAX - 11))}` : name;
  // Plain text in the status bar: a "$(" in a label must not become an icon.
  return `${short.replace(/\$\(/g, '$\u200b(')}${others > 0 ? ` +${others}` : ''}`;
}
