import * as vscode from 'vscode';
import { isCancelled, signInFailureMessage } from '../../core/atlas';
import type { Credentials } from '../../core/atlas';
import { checkBaseUrl, describeKind, hostOf } from '../../core/accounts';
import type { Account } from '../../core/accounts';
import type { AccountManager } from './accountManager';
import { signalOf } from '../common/cancellation';
import { Commands } from '../../core/ids';
import type { Logger } from '../common/logger';
import { escapeIcons } from '../../core/common/markdown';

interface MethodPick extends vscode.QuickPickItem {
  method: Credentials['kind'] | 'server';
}

/**
 * Sign in: pick a method (or another server first), enter its two fields, and keep the credentials, bound to
 * the server they were entered for, only once that server accepts them. Returns true when signed in. `start` resumes a
 * refused attempt: the same server and method, the public half already filled in (never the secret).
 */
export async function signIn(
  accounts: AccountManager,
  logger: Logger,
  start?: { baseUrl?: string; method?: Credentials['kind']; id?: string },
): Promise<boolean> {
  if (start?.baseUrl && start.method) return enterCredentials(accounts, logger, start.baseUrl, start.method, start.id);
  let baseUrl = start?.baseUrl;
  if (!baseUrl) {
    const d = accounts.defaultBaseUrl();
    if (d.problem)
      void vscode.window.showWarningMessage(
        `${d.problem} Signing in to ${hostOf(d.baseUrl)} instead unless you choose another server.`,
      );
    baseUrl = d.baseUrl;
  }
  for (;;) {
    const host = hostOf(baseUrl);
    const picks: MethodPick[] = [
      {
        method: 'serviceAccount',
        label: '$(key) Service Account',
        description: 'recommended',
        detail: 'OAuth 2.0 client credentials: the client ID and secret of an Atlas service account.',
      },
      {
        method: 'apiKey',
        label: '$(lock) API Key',
        description: 'legacy',
        detail: 'HTTP Digest: the public and private key of an Atlas programmatic API key.',
      },
      {
        method: 'server',
        label: '$(server) Another server…',
        description: `now ${host}`,
        detail: 'Sign in to a different Atlas API base URL (the credentials will be used with that server only).',
      },
    ];
    const method = await vscode.window.showQuickPick(picks, {
      title: `Sign in to MongoDB Atlas (${host})`,
      placeHolder: 'How do you want to sign in?',
      ignoreFocusOut: true,
    });
    if (!method) return false;
    if (method.method === 'server') {
      const typed = await vscode.window.showInputBox({
        title: 'Sign in to MongoDB Atlas: server',
        prompt: 'The Atlas Administration API base URL (https; http only for this machine)',
        value: baseUrl,
        ignoreFocusOut: true,
        validateInput: (s) => {
          const c = checkBaseUrl(s, 'The base URL');
          return c.ok ? undefined : c.message;
        },
      });
      if (typed === undefined) continue;
      const c = checkBaseUrl(typed, 'The base URL');
      if (c.ok) baseUrl = c.baseUrl;
      continue;
    }
    return enterCredentials(accounts, logger, baseUrl, method.method);
  }
}

async function enterCredentials(
  accounts: AccountManager,
  logger: Logger,
  baseUrl: string,
  kind: Credentials['kind'],
  typed?: string,
): Promise<boolean> {
  const host = hostOf(baseUrl);
  const sa = kind === 'serviceAccount';
  const id = await ask({
    step: 1,
    host,
    title: sa ? 'Client ID' : 'Public key',
    prompt: sa ? "The service account's client ID (mdb_sa_id_…)" : "The API key's public key",
    password: false,
    value: typed,
  });
  if (id === undefined) return false;
  const secret = await ask({
    step: 2,
    host,
    title: sa ? 'Client secret' : 'Private key',
    prompt: sa ? "The service account's client secret" : "The API key's private key",
    password: true,
  });
  if (secret === undefined) return false;
  const credentials: Credentials = sa
    ? { kind: 'serviceAccount', clientId: id, clientSecret: secret }
    : { kind: 'apiKey', publicKey: id, privateKey: secret };

  try {
    const projects = await verify(accounts, baseUrl, credentials, `Signing in to ${host}…`);
    await accounts.add(baseUrl, credentials);
    const n = projects.totalCount;
    void vscode.window.showInformationMessage(
      `Signed in to ${host}${n === undefined ? '' : `: ${n} ${n === 1 ? 'project' : 'projects'} visible`}.`,
    );
    return true;
  } catch (e) {
    if (isCancelled(e)) return false;
    logger.error(`Sign-in to ${host} failed`, e);
    const choice = await vscode.window.showErrorMessage(signInFailureMessage(host, e), 'Try Again', 'Show Log');
    // Again with what was typed, but the secret: the mistake is usually there, and it is never kept.
    if (choice === 'Try Again') return signIn(accounts, logger, { baseUrl, method: kind, id });
    if (choice === 'Show Log') logger.show();
    return false;
  }
}

/** Checks credentials against their own server (one small request), cancellably. */
export async function verify(accounts: AccountManager, baseUrl: string, credentials: Credentials, title: string) {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (_progress, token) => {
      const cancel = signalOf(token);
      try {
        return await accounts
          .createClient(baseUrl, credentials)
          .listProjectsPage({ itemsPerPage: 1, signal: cancel.signal });
      } finally {
        cancel.dispose();
      }
    },
  );
}

async function ask(o: {
  step: number;
  host: string;
  title: string;
  prompt: string;
  password: boolean;
  value?: string;
}): Promise<string | undefined> {
  const v = await vscode.window.showInputBox({
    title: `Sign in to MongoDB Atlas (${o.step}/2, ${o.host}): ${o.title}`,
    prompt: o.prompt,
    password: o.password,
    ...(o.value ? { value: o.value } : {}),
    ignoreFocusOut: true,
    validateInput: (s) => (s.trim() ? undefined : `${o.title} is required.`),
  });
  return v === undefined ? undefined : v.trim();
}

interface AccountPick extends vscode.QuickPickItem {
  account?: Account;
  action?: 'signIn' | 'import' | 'environment';
}

function accountItem(a: Account, active: Account | undefined): AccountPick {
  return {
    account: a,
    label: `${a.id === active?.id ? '$(check)' : '$(account)'} ${escapeIcons(a.label)}`,
    description: `${describeKind(a.kind)}${a.source === 'environment' ? ' · environment' : ''}${a.id === active?.id ? ' · active' : ''}`,
  };
}

/** The id of an account passed by a tree row or a test (a string, or a node carrying `accountId`). */
function accountIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg && typeof arg === 'object' && typeof (arg as { accountId?: unknown }).accountId === 'string')
    return (arg as { accountId: string }).accountId;
  return undefined;
}

/** Signs out of one account: the one given, the only one, or the one picked. */
export async function signOut(accounts: AccountManager, arg?: unknown): Promise<void> {
  let id = accountIdOf(arg);
  if (!id) {
    const all = accounts.accounts;
    if (all.length === 0) return;
    if (all.length === 1) id = all[0].id;
    else {
      const pick = await vscode.window.showQuickPick(
        all.map((a) => accountItem(a, accounts.active)),
        { title: 'Sign out of which account?', ignoreFocusOut: true },
      );
      id = pick?.account?.id;
    }
  }
  if (!id) return;
  const gone = await accounts.signOut(id);
  if (!gone) return;
  void vscode.window.showInformationMessage(
    gone.source === 'environment'
      ? `Signed out of ${hostOf(gone.baseUrl)}. The MONGODB_ATLAS_* credentials in the environment will not be used again until you sign in with them (Atlas Backup: Switch Account).`
      : `Signed out of ${gone.label}. Its credentials were removed from this machine's secret storage.`,
  );
}

/** The status-bar quick pick: make another account active, sign in to one more, or import from the Atlas CLI. */
export async function switchAccount(accounts: AccountManager, logger: Logger, arg?: unknown): Promise<void> {
  const direct = accountIdOf(arg);
  if (direct) {
    await accounts.setActive(direct);
    return;
  }
  const items: AccountPick[] = [
    ...accounts.accounts.map((a) => accountItem(a, accounts.active)),
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: '$(sign-in) Sign in to another account…', action: 'signIn' },
    ...(accounts.environmentAvailable()
      ? [
          {
            label: '$(terminal) Use the MONGODB_ATLAS_* credentials from the environment',
            action: 'environment' as const,
            description: `with ${accounts.host}`,
          },
        ]
      : []),
    { label: '$(cloud-download) Import sign-ins from the Atlas CLI…', action: 'import' },
  ];
  const pick = await vscode.window.showQuickPick(items, {
    title: 'Atlas Backup: active account',
    placeHolder: 'Choose the account the Projects view and schedule checks use',
    ignoreFocusOut: true,
  });
  if (!pick) return;
  if (pick.account) await accounts.setActive(pick.account.id);
  else if (pick.action === 'signIn') await signIn(accounts, logger);
  else if (pick.action === 'import') await vscode.commands.executeCommand(Commands.importAtlasCli);
  else if (pick.action === 'environment') {
    await accounts.allowEnvironment();
    await accounts.load();
  }
}
