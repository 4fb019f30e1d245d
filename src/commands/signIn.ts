import * as vscode from 'vscode';
import { AtlasAuthError, isCancelled } from '../atlas';
import type { Credentials } from '../atlas';
import type { Session } from '../platform/session';
import type { Logger } from '../platform/logger';

interface MethodPick extends vscode.QuickPickItem { method: Credentials['kind'] }

/**
 * Sign in: pick a method, enter its two fields, and keep the credentials only once Atlas accepts them.
 * Returns true when signed in.
 */
export async function signIn(session: Session, logger: Logger): Promise<boolean> {
  const picks: MethodPick[] = [
    { method: 'serviceAccount', label: '$(key) Service Account', description: 'recommended',
      detail: 'OAuth 2.0 client credentials: the client ID and secret of an Atlas service account.' },
    { method: 'apiKey', label: '$(lock) API Key', description: 'legacy',
      detail: 'HTTP Digest: the public and private key of an Atlas programmatic API key.' },
  ];
  const method = await vscode.window.showQuickPick(picks, {
    title: `Sign in to MongoDB Atlas (${session.host})`, placeHolder: 'How do you want to sign in?', ignoreFocusOut: true,
  });
  if (!method) return false;

  const sa = method.method === 'serviceAccount';
  const id = await ask({ step: 1, title: sa ? 'Client ID' : 'Public key', prompt: sa ? 'The service account\'s client ID (mdb_sa_id_…)' : 'The API key\'s public key', password: false });
  if (id === undefined) return false;
  const secret = await ask({ step: 2, title: sa ? 'Client secret' : 'Private key', prompt: sa ? 'The service account\'s client secret' : 'The API key\'s private key', password: true });
  if (secret === undefined) return false;
  const credentials: Credentials = sa
    ? { kind: 'serviceAccount', clientId: id, clientSecret: secret }
    : { kind: 'apiKey', publicKey: id, privateKey: secret };

  try {
    const projects = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Signing in to ${session.host}…`, cancellable: true },
      async (_progress, token) => {
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        try {
          return await session.createClient(credentials).listProjectsPage({ itemsPerPage: 1, signal: abort.signal });
        } finally {
          sub.dispose();
        }
      });
    await session.store(credentials);
    const n = projects.totalCount;
    void vscode.window.showInformationMessage(`Signed in to ${session.host}${n === undefined ? '' : `: ${n} ${n === 1 ? 'project' : 'projects'} visible`}.`);
    return true;
  } catch (e) {
    if (isCancelled(e)) return false;
    logger.error('Sign-in failed', e);
    const message = e instanceof AtlasAuthError
      ? `Atlas refused these credentials. ${e.message}`
      : `Couldn't sign in to ${session.host}: ${e instanceof Error ? e.message : String(e)}`;
    const choice = await vscode.window.showErrorMessage(message, 'Try Again', 'Show Log');
    if (choice === 'Try Again') return signIn(session, logger);
    if (choice === 'Show Log') logger.show();
    return false;
  }
}

async function ask(o: { step: number; title: string; prompt: string; password: boolean }): Promise<string | undefined> {
  const v = await vscode.window.showInputBox({
    title: `Sign in to MongoDB Atlas (${o.step}/2): ${o.title}`,
    prompt: o.prompt,
    password: o.password,
    ignoreFocusOut: true,
    validateInput: (s) => (s.trim() ? undefined : `${o.title} is required.`),
  });
  return v === undefined ? undefined : v.trim();
}

export async function signOut(session: Session): Promise<void> {
  const fromEnvironment = session.source === 'environment';
  await session.signOut();
  void vscode.window.showInformationMessage(fromEnvironment
    ? 'Signed out of MongoDB Atlas. The MONGODB_ATLAS_* credentials in the environment will not be used again until you sign in.'
    : 'Signed out of MongoDB Atlas. Your credentials were removed from this machine\'s secret storage.');
}
