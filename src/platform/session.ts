import * as vscode from 'vscode';
import { AtlasClient, credentialsFromEnv } from '../atlas';
import type { Credentials } from '../atlas';
import { DEFAULT_BASE_URL, Settings, ContextKeys } from './ids';
import type { Logger } from './logger';

const SECRET_KEY = 'atlasBackup.credentials';
/** Set when the user signs out while environment credentials exist, so they are not picked up again. */
const ENV_SIGNED_OUT_KEY = 'atlasBackup.environmentSignedOut';

export type CredentialSource = 'secretStorage' | 'environment';

/**
 * Who we are signed in as, and the client that goes with it. Secrets live only in SecretStorage
 * (or in the environment the user started VS Code with); nothing here writes them anywhere else.
 */
export class Session implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private current: { client: AtlasClient; source: CredentialSource; kind: Credentials['kind'] } | undefined;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(private readonly context: vscode.ExtensionContext, private readonly logger: Logger, private readonly env: NodeJS.ProcessEnv = process.env) {
    this.disposables.push(
      context.secrets.onDidChange((e) => { if (e.key === SECRET_KEY) void this.load(); }),
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration(Settings.section)) void this.load(); }),
    );
  }

  get client(): AtlasClient | undefined { return this.current?.client; }
  get source(): CredentialSource | undefined { return this.current?.source; }
  get kind(): Credentials['kind'] | undefined { return this.current?.kind; }

  get baseUrl(): string {
    const configured = vscode.workspace.getConfiguration(Settings.section).get<string>(Settings.baseUrl)?.trim();
    return configured || DEFAULT_BASE_URL;
  }

  get host(): string {
    try { return new URL(this.baseUrl).host; } catch { return this.baseUrl; }
  }

  /** Reads stored credentials, falling back to the environment (Atlas CLI variable names). */
  async load(): Promise<void> {
    let creds: Credentials | undefined;
    let source: CredentialSource | undefined;
    const stored = await this.context.secrets.get(SECRET_KEY);
    if (stored) {
      creds = parseStored(stored);
      if (!creds) this.logger.warn('Stored Atlas credentials are unreadable; sign in again.');
      else source = 'secretStorage';
    }
    if (!creds && !this.context.globalState.get<boolean>(ENV_SIGNED_OUT_KEY)) {
      creds = credentialsFromEnv(this.env);
      if (creds) source = 'environment';
    }
    this.apply(creds, source);
  }

  /** A client for credentials that are not stored yet (sign-in checks them with it first). */
  createClient(credentials: Credentials): AtlasClient {
    const timeout = vscode.workspace.getConfiguration(Settings.section).get<number>(Settings.requestTimeoutSeconds) ?? 30;
    const version = (this.context.extension.packageJSON as { version?: string }).version ?? '0.0.0';
    return new AtlasClient({
      baseUrl: this.baseUrl,
      credentials,
      userAgent: `atlas-backup-vscode/${version} (vscode ${vscode.version}; node ${process.version}; ${process.platform})`,
      timeoutMs: Math.max(1, timeout) * 1000,
      onRequest: this.logger.request,
    });
  }

  async store(credentials: Credentials): Promise<void> {
    await this.context.secrets.store(SECRET_KEY, JSON.stringify(credentials));
    await this.context.globalState.update(ENV_SIGNED_OUT_KEY, undefined);
    this.apply(credentials, 'secretStorage');
  }

  async signOut(): Promise<void> {
    await this.context.secrets.delete(SECRET_KEY);
    if (credentialsFromEnv(this.env)) await this.context.globalState.update(ENV_SIGNED_OUT_KEY, true);
    this.apply(undefined, undefined);
  }

  private apply(creds: Credentials | undefined, source: CredentialSource | undefined): void {
    this.logger.setSecrets(creds ? secretsOf(creds) : []);
    this.current = creds && source ? { client: this.createClient(creds), source, kind: creds.kind } : undefined;
    void vscode.commands.executeCommand('setContext', ContextKeys.signedIn, !!this.current);
    if (this.current) {
      this.logger.info(`Signed in to ${this.host} with ${this.current.kind === 'serviceAccount' ? 'a service account' : 'an API key'} from ${source === 'environment' ? 'the environment' : 'secret storage'}.`);
    }
    this.changed.fire();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function secretsOf(c: Credentials): string[] {
  return c.kind === 'serviceAccount' ? [c.clientSecret] : [c.privateKey];
}

function parseStored(text: string): Credentials | undefined {
  try {
    const v = JSON.parse(text) as Record<string, unknown>;
    if (v.kind === 'serviceAccount' && typeof v.clientId === 'string' && typeof v.clientSecret === 'string') {
      return { kind: 'serviceAccount', clientId: v.clientId, clientSecret: v.clientSecret };
    }
    if (v.kind === 'apiKey' && typeof v.publicKey === 'string' && typeof v.privateKey === 'string') {
      return { kind: 'apiKey', publicKey: v.publicKey, privateKey: v.privateKey };
    }
  } catch {
    // fall through
  }
  return undefined;
}
