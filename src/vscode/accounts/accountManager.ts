import * as vscode from 'vscode';
import { credentialsFromEnv } from '../../core/atlas';
import type { AtlasClient, Credentials } from '../../core/atlas';
import {
  ENVIRONMENT_ACCOUNT_ID,
  checkBaseUrl,
  createAccountClient,
  describeKind,
  hostOf,
  makeAccount,
  parseCredentials,
  planEnvironmentBinding,
  readStoredAccount,
  serializeCredentials,
  toStored,
} from '../../core/accounts';
import type { Account, BaseUrlCheck } from '../../core/accounts';
import { Disposable } from '../common/disposable';
import { ContextKeys, DEFAULT_BASE_URL, Settings } from '../../core/ids';
import type { Logger } from '../common/logger';

const ACCOUNTS_KEY = 'atlasBackup.accounts';
const ACTIVE_KEY = 'atlasBackup.activeAccount';
const SECRET_PREFIX = 'atlasBackup.account.';
/** The single credential of versions before accounts; moved into an account on first start. */
const LEGACY_SECRET_KEY = 'atlasBackup.credentials';
/** Set when the user signs out while environment credentials exist, so they are not picked up again. */
const ENV_SIGNED_OUT_KEY = 'atlasBackup.environmentSignedOut';
/** The base URL the environment's credentials were last confirmed for. */
const ENV_BOUND_KEY = 'atlasBackup.environmentBaseUrl';
export const BASE_URL_SETTING = `${Settings.section}.${Settings.baseUrl}`;

interface Entry {
  account: Account;
  credentials: Credentials;
  client: AtlasClient;
}

/**
 * Every signed-in account, each with its own AtlasClient built from the account's stored base URL only.
 * Secrets live in SecretStorage keyed by account id (or in the environment VS Code was started with); the
 * `atlasBackup.baseUrl` setting is only the default offered at sign-in and the server of the environment's
 * credentials, and moving those to another server asks first.
 */
export class AccountManager extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private entries = new Map<string, Entry>();
  private activeId: string | undefined;
  private loading: Promise<void> | undefined;
  /** Secret keys this window just wrote or deleted: their change events are our own, not another window's. */
  private readonly ownWrites = new Set<string>();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly logger: Logger,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    super();
    // Another window signed in or out: follow it quietly (that window logged it).
    this._register(
      context.secrets.onDidChange((e) => {
        if (!e.key.startsWith(SECRET_PREFIX)) return;
        if (this.ownWrites.delete(e.key)) return;
        void this.load({ quiet: true });
      }),
    );
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(BASE_URL_SETTING)) void this.onBaseUrlChanged();
        else if (e.affectsConfiguration(`${Settings.section}.${Settings.requestTimeoutSeconds}`))
          void this.load({ quiet: true });
      }),
    );
  }

  get accounts(): readonly Account[] {
    return [...this.entries.values()].map((e) => e.account);
  }
  get active(): Account | undefined {
    return this.activeId ? this.entries.get(this.activeId)?.account : undefined;
  }
  /** The client of `accountId`, or of the active account. Built from that account's own base URL. */
  clientFor(accountId?: string): AtlasClient | undefined {
    return this.entries.get(accountId ?? this.activeId ?? '')?.client;
  }
  accountFor(accountId: string): Account | undefined {
    return this.entries.get(accountId)?.account;
  }

  // One-account shortcuts (what the single session offered): the active account's.
  get client(): AtlasClient | undefined {
    return this.clientFor();
  }
  get source(): Account['source'] | undefined {
    return this.active?.source;
  }
  get kind(): Credentials['kind'] | undefined {
    return this.active?.kind;
  }
  get host(): string {
    return this.active ? hostOf(this.active.baseUrl) : hostOf(this.defaultBaseUrl().baseUrl);
  }

  /** The setting, checked. Read from user or remote (machine) settings only: the setting is machine-scoped. */
  checkBaseUrlSetting(): BaseUrlCheck {
    const configured = vscode.workspace.getConfiguration(Settings.section).get<string>(Settings.baseUrl);
    return checkBaseUrl(configured?.trim() ? configured : DEFAULT_BASE_URL, BASE_URL_SETTING);
  }

  /** The base URL to offer at sign-in: the setting when it is valid, else Atlas. */
  defaultBaseUrl(): { baseUrl: string; problem?: string } {
    const c = this.checkBaseUrlSetting();
    return c.ok ? { baseUrl: c.baseUrl } : { baseUrl: DEFAULT_BASE_URL, problem: c.message };
  }

  /** Reads every stored account and the environment's credentials. */
  load(o: { quiet?: boolean } = {}): Promise<void> {
    const run = (this.loading ?? Promise.resolve()).then(() => this.doLoad(o));
    this.loading = run.catch(() => undefined);
    return run;
  }

  /** Resolves once every load started so far (sign-in elsewhere, a settings change) has finished. */
  async settled(): Promise<void> {
    let seen: Promise<void> | undefined;
    while (this.loading && this.loading !== seen) {
      seen = this.loading;
      await seen;
    }
  }

  private async doLoad({ quiet }: { quiet?: boolean }): Promise<void> {
    await this.migrateLegacy();
    const next = new Map<string, Entry>();
    for (const raw of this.context.globalState.get<unknown[]>(ACCOUNTS_KEY, [])) {
      const account = readStoredAccount(raw);
      if (!account) {
        this.logger.warn('A stored Atlas account is unreadable and was skipped; sign in again.');
        continue;
      }
      const credentials = parseCredentials(await this.context.secrets.get(SECRET_PREFIX + account.id));
      if (!credentials) {
        this.logger.warn(`The stored credentials of ${account.label} are missing or unreadable; sign in again.`);
        continue;
      }
      next.set(account.id, this.entry(account, credentials));
    }
    const env = await this.environmentEntry({ interactive: !quiet });
    if (env) next.set(env.account.id, env);
    const before = new Set(this.entries.keys());
    this.entries = next;
    const stored = this.context.globalState.get<string>(ACTIVE_KEY);
    this.activeId = stored && next.has(stored) ? stored : next.keys().next().value;
    if (!quiet)
      for (const e of next.values())
        if (!before.has(e.account.id)) this.logger.info(`Using ${this.describe(e.account)}.`);
    this.applied();
  }

  /** The environment's credentials (Atlas CLI names) as an account bound to the configured base URL. */
  private async environmentEntry({ interactive }: { interactive: boolean }): Promise<Entry | undefined> {
    if (this.context.globalState.get<boolean>(ENV_SIGNED_OUT_KEY)) return undefined;
    const credentials = credentialsFromEnv(this.env);
    if (!credentials) return undefined;
    const bound = this.context.globalState.get<string>(ENV_BOUND_KEY);
    const configured = vscode.workspace.getConfiguration(Settings.section).get<string>(Settings.baseUrl);
    const plan = planEnvironmentBinding(configured?.trim() ? configured : DEFAULT_BASE_URL, BASE_URL_SETTING, bound);
    let baseUrl: string | undefined;
    if (plan.action === 'bind') baseUrl = plan.baseUrl;
    else if (plan.action === 'ask') {
      const move =
        interactive &&
        (await this.confirmMove('the MONGODB_ATLAS_* credentials from the environment', plan.from, plan.baseUrl));
      baseUrl = move ? plan.baseUrl : plan.from;
      this.logger.info(
        move
          ? `The environment's credentials are now used with ${hostOf(plan.baseUrl)} (confirmed).`
          : `The environment's credentials stay with ${hostOf(plan.from)}; atlasBackup.baseUrl (${hostOf(plan.baseUrl)}) is only offered at sign-in.`,
      );
    } else {
      // Nothing is sent with a base URL that is not valid; the previous server is not silently kept either.
      if (interactive) this.reportBadSetting(plan.message);
      return undefined;
    }
    if (baseUrl !== bound) await this.context.globalState.update(ENV_BOUND_KEY, baseUrl);
    const account = makeAccount(baseUrl, credentials, {
      id: ENVIRONMENT_ACCOUNT_ID,
      source: 'environment',
      label: `${describeKind(credentials.kind)} from the environment @ ${hostOf(baseUrl)}`,
    });
    return this.entry(account, credentials);
  }

  private async onBaseUrlChanged(): Promise<void> {
    const c = this.checkBaseUrlSetting();
    if (!c.ok && !credentialsFromEnv(this.env)) this.reportBadSetting(c.message);
    await this.load({ quiet: false });
  }

  private reportBadSetting(message: string): void {
    this.logger.warn(`${message} Nothing was sent with it.`);
    void vscode.window
      .showErrorMessage(
        `${message} Nothing is sent to it; accounts you signed in keep their own server.`,
        'Open Settings',
      )
      .then((c) => {
        if (c) void vscode.commands.executeCommand('workbench.action.openSettings', BASE_URL_SETTING);
      });
  }

  /** Asks, in a modal naming the new host, before credentials entered for `from` are sent to `to`. */
  private async confirmMove(what: string, from: string, to: string): Promise<boolean> {
    const host = hostOf(to);
    const use = `Use ${host}`;
    const answer = await vscode.window.showWarningMessage(
      `Send ${what} to ${host}?`,
      {
        modal: true,
        detail: `They were last used with ${hostOf(from)}. The atlasBackup.baseUrl setting now points to ${to}. Only continue if you trust ${host} with these credentials.`,
      },
      use,
    );
    return answer === use;
  }

  /** A client for credentials that are not stored yet (sign-in checks them with it first). */
  createClient(baseUrl: string, credentials: Credentials): AtlasClient {
    const account = makeAccount(baseUrl, credentials);
    return createAccountClient(account, credentials, this.clientOptions());
  }

  /** Keeps `credentials` for `baseUrl` as an account (replacing one with the same id) and makes it active. */
  async add(baseUrl: string, credentials: Credentials, label?: string): Promise<Account> {
    const account = makeAccount(baseUrl, credentials, { label });
    this.ownWrites.add(SECRET_PREFIX + account.id);
    await this.context.secrets.store(SECRET_PREFIX + account.id, serializeCredentials(credentials));
    const list = this.context.globalState
      .get<unknown[]>(ACCOUNTS_KEY, [])
      .filter((r) => (r as { id?: unknown })?.id !== account.id);
    await this.context.globalState.update(ACCOUNTS_KEY, [...list, toStored(account)]);
    await this.context.globalState.update(ACTIVE_KEY, account.id);
    this.entries.set(account.id, this.entry(account, credentials));
    this.activeId = account.id;
    this.logger.info(`Signed in to ${hostOf(account.baseUrl)} with ${this.describe(account)}.`);
    this.applied();
    return account;
  }

  async setActive(accountId: string): Promise<void> {
    if (!this.entries.has(accountId) || this.activeId === accountId) return;
    this.activeId = accountId;
    await this.context.globalState.update(ACTIVE_KEY, accountId);
    this.applied();
  }

  /** Forgets one account: revokes its token (failures logged), deletes its secret, and stops using it. */
  async signOut(accountId: string): Promise<Account | undefined> {
    const e = this.entries.get(accountId);
    if (!e) return undefined;
    try {
      // A service account's token is revoked at its own server (a no-op for API keys), so a copy of it that
      // leaked stops working now rather than when it expires.
      await e.client.revokeToken({ signal: AbortSignal.timeout(10_000) });
    } catch (err) {
      this.logger.warn(
        `Could not revoke the access token of ${e.account.label} (signing out anyway): ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    if (e.account.source === 'environment') await this.context.globalState.update(ENV_SIGNED_OUT_KEY, true);
    else {
      this.ownWrites.add(SECRET_PREFIX + accountId);
      await this.context.secrets.delete(SECRET_PREFIX + accountId);
      const list = this.context.globalState
        .get<unknown[]>(ACCOUNTS_KEY, [])
        .filter((r) => (r as { id?: unknown })?.id !== accountId);
      await this.context.globalState.update(ACCOUNTS_KEY, list);
    }
    this.entries.delete(accountId);
    if (this.activeId === accountId) {
      this.activeId = this.entries.keys().next().value;
      await this.context.globalState.update(ACTIVE_KEY, this.activeId);
    }
    this.logger.info(`Signed out of ${hostOf(e.account.baseUrl)}: ${this.describe(e.account)}.`);
    this.applied();
    return e.account;
  }

  /** The environment has credentials the user signed out of (the switcher offers them again). */
  environmentAvailable(): boolean {
    return !!credentialsFromEnv(this.env) && !this.entries.has(ENVIRONMENT_ACCOUNT_ID);
  }

  /** The user asked for the environment's credentials again (they were signed out of). Call load() after. */
  async allowEnvironment(): Promise<void> {
    await this.context.globalState.update(ENV_SIGNED_OUT_KEY, undefined);
  }

  describe(a: Account): string {
    return a.source === 'environment'
      ? `the ${describeKind(a.kind)} ${a.identity} from the environment`
      : `the ${describeKind(a.kind)} ${a.identity}`;
  }

  private entry(account: Account, credentials: Credentials): Entry {
    return { account, credentials, client: createAccountClient(account, credentials, this.clientOptions()) };
  }

  private clientOptions() {
    const timeout =
      vscode.workspace.getConfiguration(Settings.section).get<number>(Settings.requestTimeoutSeconds) ?? 30;
    const version = (this.context.extension.packageJSON as { version?: string }).version ?? '0.0.0';
    return {
      userAgent: `atlas-backup-vscode/${version} (vscode ${vscode.version}; node ${process.version}; ${process.platform})`,
      // The setting's schema says 1-600, but settings.json can hold anything; a timer cannot hold more than ~24 days.
      timeoutMs: (Number.isFinite(timeout) ? Math.min(600, Math.max(1, timeout)) : 30) * 1000,
      onRequest: this.logger.request,
    };
  }

  private async migrateLegacy(): Promise<void> {
    const legacy = await this.context.secrets.get(LEGACY_SECRET_KEY);
    if (!legacy) return;
    const credentials = parseCredentials(legacy);
    const base = this.checkBaseUrlSetting();
    if (credentials && base.ok) {
      const account = makeAccount(base.baseUrl, credentials);
      await this.context.secrets.store(SECRET_PREFIX + account.id, serializeCredentials(credentials));
      const list = this.context.globalState
        .get<unknown[]>(ACCOUNTS_KEY, [])
        .filter((r) => (r as { id?: unknown })?.id !== account.id);
      await this.context.globalState.update(ACCOUNTS_KEY, [...list, toStored(account)]);
    }
    await this.context.secrets.delete(LEGACY_SECRET_KEY);
  }

  private applied(): void {
    this.logger.setSecrets(
      [...this.entries.values()].map((e) =>
        e.credentials.kind === 'serviceAccount' ? e.credentials.clientSecret : e.credentials.privateKey,
      ),
    );
    void vscode.commands.executeCommand('setContext', ContextKeys.signedIn, this.entries.size > 0);
    void vscode.commands.executeCommand('setContext', ContextKeys.multipleAccounts, this.entries.size > 1);
    this.changed.fire();
  }
}
