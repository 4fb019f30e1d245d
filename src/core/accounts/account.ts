// An account: one set of credentials bound to the base URL it was entered for. The metadata (no secret) is kept
// apart from the secret, which only the VS Code layer's SecretStorage holds. No vscode import.
import { createHash } from 'node:crypto';
import type { Credentials } from '../atlas';
import { checkBaseUrl, hostOf } from './baseUrl';

export type AccountKind = Credentials['kind'];
/** Where the credentials came from: typed at sign-in (or imported) and kept in secret storage, or the environment. */
export type AccountSource = 'secretStorage' | 'environment';

export interface Account {
  /** Stable: derived from the base URL, the kind and the public half of the credentials. */
  id: string;
  /** What the user sees: "<client id or public key> @ <host>", or the imported profile's name. */
  label: string;
  /** The normalised base URL; the only place this account's credentials are ever sent. */
  baseUrl: string;
  origin: string;
  kind: AccountKind;
  /** The public half of the credentials (client id / public key): shown, never secret. */
  identity: string;
  source: AccountSource;
}

/** The non-secret part of an account, as stored in globalState. */
export type StoredAccount = Pick<Account, 'id' | 'label' | 'baseUrl' | 'kind' | 'identity'>;

export const ENVIRONMENT_ACCOUNT_ID = 'environment';

export function identityOf(c: Credentials): string {
  return c.kind === 'serviceAccount' ? c.clientId : c.publicKey;
}

export function accountId(baseUrl: string, c: Credentials): string {
  return `a${createHash('sha256')
    .update(`${baseUrl}\n${c.kind}\n${identityOf(c)}`)
    .digest('hex')
    .slice(0, 12)}`;
}

export function describeKind(kind: AccountKind): string {
  return kind === 'serviceAccount' ? 'service account' : 'API key';
}

/** Builds an account for credentials entered for `baseUrl` (already checked with checkBaseUrl). */
export function makeAccount(
  baseUrl: string,
  c: Credentials,
  o: { source?: AccountSource; label?: string; id?: string } = {},
): Account {
  const checked = checkBaseUrl(baseUrl, 'base URL');
  if (!checked.ok) throw new Error(checked.message);
  const identity = identityOf(c);
  return {
    id: o.id ?? accountId(checked.baseUrl, c),
    label: o.label?.trim() || `${identity} @ ${hostOf(checked.baseUrl)}`,
    baseUrl: checked.baseUrl,
    origin: checked.origin,
    kind: c.kind,
    identity,
    source: o.source ?? 'secretStorage',
  };
}

/** Reads one stored metadata record back; anything malformed (or a base URL that is no longer allowed) is dropped. */
export function readStoredAccount(v: unknown): Account | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const r = v as Record<string, unknown>;
  if (typeof r.id !== 'string' || typeof r.label !== 'string' || typeof r.identity !== 'string') return undefined;
  if (r.kind !== 'serviceAccount' && r.kind !== 'apiKey') return undefined;
  const checked = checkBaseUrl(r.baseUrl, 'stored base URL');
  if (!checked.ok) return undefined;
  return {
    id: r.id,
    label: r.label,
    baseUrl: checked.baseUrl,
    origin: checked.origin,
    kind: r.kind,
    identity: r.identity,
    source: 'secretStorage',
  };
}

export function toStored(a: Account): StoredAccount {
  return { id: a.id, label: a.label, baseUrl: a.baseUrl, kind: a.kind, identity: a.identity };
}

/** The secret record kept in SecretStorage under the account's id. */
export function serializeCredentials(c: Credentials): string {
  return JSON.stringify(c);
}

export function parseCredentials(text: string | undefined): Credentials | undefined {
  if (!text) return undefined;
  try {
    const v = JSON.parse(text) as Record<string, unknown>;
    if (
      v.kind === 'serviceAccount' &&
      typeof v.clientId === 'string' &&
      typeof v.clientSecret === 'string' &&
      v.clientId &&
      v.clientSecret
    ) {
      return { kind: 'serviceAccount', clientId: v.clientId, clientSecret: v.clientSecret };
    }
    if (
      v.kind === 'apiKey' &&
      typeof v.publicKey === 'string' &&
      typeof v.privateKey === 'string' &&
      v.publicKey &&
      v.privateKey
    ) {
      return { kind: 'apiKey', publicKey: v.publicKey, privateKey: v.privateKey };
    }
  } catch {
    /* unreadable */
  }
  return undefined;
}

/**
 * What to do with the environment's credentials when the configured base URL is `configured` and they were last
 * bound to `bound`: bind (first time, or same origin), ask (another origin: the user must confirm the new host),
 * or refuse (the setting is not a valid base URL: nothing is sent).
 */
export type EnvironmentBinding =
  | { action: 'bind'; baseUrl: string }
  | { action: 'ask'; baseUrl: string; from: string }
  | { action: 'refuse'; message: string };

export function planEnvironmentBinding(
  configured: unknown,
  field: string,
  bound: string | undefined,
): EnvironmentBinding {
  const checked = checkBaseUrl(configured, field);
  if (!checked.ok) return { action: 'refuse', message: checked.message };
  const prior = bound ? checkBaseUrl(bound, 'bound') : undefined;
  if (!prior || !prior.ok || prior.origin === checked.origin) return { action: 'bind', baseUrl: checked.baseUrl };
  return { action: 'ask', baseUrl: checked.baseUrl, from: prior.baseUrl };
}
