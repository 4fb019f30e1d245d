// Both ways Atlas authenticates Administration API calls: Service Account bearer tokens (OAuth 2.0
// client credentials) and API keys over HTTP Digest (RFC 7616, MD5, qop=auth). All expiry is
// measured on the injected clock so tests can expire tokens and nonces without sleeping.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { API_KEYS, SERVICE_ACCOUNTS, type Principal } from './credentials';

export const DIGEST_REALM = 'MMS Public API';

export type AuthKind = 'bearer' | 'digest' | 'basic' | 'none';

export type AuthResult =
  { ok: true; principal: Principal; kind: AuthKind } | { ok: false; kind: AuthKind; challenge: string; detail: string };

function md5(s: string): string {
  return createHash('md5').update(s).digest('hex');
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Parses `key=value, key="quoted value"` pairs of a Digest Authorization header. */
export function parseDigestParams(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([a-zA-Z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) out[m[1].toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
  return out;
}

export interface OAuthError {
  ok: false;
  status: number;
  error: string;
  description: string;
}

function formDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

interface NonceState {
  issuedMs: number;
  lastNc: number;
}

export interface AuthOptions {
  now: () => number;
  tokenTtlSeconds: number;
  /** How long a digest nonce stays fresh before the server answers `stale=true`. */
  nonceTtlSeconds: number;
}

export class Authenticator {
  private readonly tokens = new Map<string, { principal: Principal; clientId: string; expiresMs: number }>();
  private readonly nonces = new Map<string, NonceState>();

  constructor(private readonly opts: AuthOptions) {}

  reset(): void {
    this.tokens.clear();
    this.nonces.clear();
  }

  /** The header Atlas sends with every 401 (captured from a real response; see README.md). */
  challenge(stale = false): string {
    const nonce = randomBytes(24).toString('base64');
    this.nonces.set(nonce, { issuedMs: this.opts.now(), lastNc: 0 });
    if (this.nonces.size > 10_000) this.nonces.delete(this.nonces.keys().next().value as string);
    return `Digest realm="${DIGEST_REALM}", domain="", nonce="${nonce}", algorithm=MD5, qop="auth", stale=${stale}`;
  }

  /** HTTP Basic client authentication of the token and revocation endpoints (RFC 6749 §2.3.1). */
  private client(
    authorization: string | undefined,
    body: URLSearchParams,
  ): { ok: true; clientId: string; principal: Principal } | OAuthError {
    const formId = body.get('client_id');
    if (!authorization && formId !== null) {
      // client_secret_post (RFC 6749 §2.3.1, "NOT RECOMMENDED" but allowed).
      const sa = SERVICE_ACCOUNTS.get(formId);
      if (!sa || !safeEqual(sa.secret, body.get('client_secret') ?? ''))
        return { ok: false, status: 401, error: 'invalid_client', description: 'Invalid client credentials.' };
      return { ok: true, clientId: formId, principal: sa.principal };
    }
    if (!authorization || !/^basic /i.test(authorization)) {
      return {
        ok: false,
        status: 401,
        error: 'invalid_client',
        description: 'Client authentication with HTTP Basic is required.',
      };
    }
    const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const rawId = colon >= 0 ? decoded.slice(0, colon) : decoded;
    const rawSecret = colon >= 0 ? decoded.slice(colon + 1) : '';
    // RFC 6749 §2.3.1 has clients form-encode the id and secret before Basic encoding (oauth4webapi does;
    // many clients do not): accept either spelling.
    const candidates = [
      [rawId, rawSecret],
      [formDecode(rawId), formDecode(rawSecret)],
    ] as const;
    const hit = candidates.find(([id, secret]) => {
      const sa = SERVICE_ACCOUNTS.get(id);
      return sa !== undefined && safeEqual(sa.secret, secret);
    });
    if (!hit) return { ok: false, status: 401, error: 'invalid_client', description: 'Invalid client credentials.' };
    const clientId = hit[0];
    const sa = SERVICE_ACCOUNTS.get(clientId)!;
    return { ok: true, clientId, principal: sa.principal };
  }

  /** Client credentials grant. Returns the token or the RFC 6749 §5.2 error. */
  issueToken(
    authorization: string | undefined,
    body: URLSearchParams,
  ): { ok: true; token: string; expiresIn: number } | OAuthError {
    const who = this.client(authorization, body);
    if (!who.ok) return who;
    const { clientId } = who;
    const sa = { principal: who.principal };
    const grant = body.get('grant_type');
    if (!grant) return { ok: false, status: 400, error: 'invalid_request', description: 'Missing grant_type.' };
    if (grant !== 'client_credentials') {
      return {
        ok: false,
        status: 400,
        error: 'unsupported_grant_type',
        description: `Grant type ${grant} is not supported.`,
      };
    }
    const token = `sim-at-${randomBytes(24).toString('hex')}`;
    this.tokens.set(token, {
      principal: sa.principal,
      clientId,
      expiresMs: this.opts.now() + this.opts.tokenTtlSeconds * 1000,
    });
    return { ok: true, token, expiresIn: this.opts.tokenTtlSeconds };
  }

  /**
   * Token revocation (RFC 7009 §2.1): the client authenticates as for the token endpoint; a token it was
   * issued stops working at once. An unknown, expired or already revoked token is not an error (RFC 7009 §2.2).
   * A token issued to another client is refused and stays valid.
   */
  revokeToken(authorization: string | undefined, body: URLSearchParams): { ok: true; revoked: boolean } | OAuthError {
    const who = this.client(authorization, body);
    if (!who.ok) return who;
    const token = body.get('token');
    if (!token) return { ok: false, status: 400, error: 'invalid_request', description: 'Missing token.' };
    const t = this.tokens.get(token);
    if (!t) return { ok: true, revoked: false };
    if (t.clientId !== who.clientId) {
      return {
        ok: false,
        status: 400,
        error: 'invalid_request',
        description: 'The token was not issued to this client.',
      };
    }
    this.tokens.delete(token);
    return { ok: true, revoked: true };
  }

  /** Authenticates an API request. `uri` is the request target exactly as received. */
  authenticate(method: string, uri: string, authorization: string | undefined): AuthResult {
    if (!authorization)
      return {
        ok: false,
        kind: 'none',
        challenge: this.challenge(),
        detail: 'You are not authorized for this resource.',
      };
    if (/^bearer /i.test(authorization)) return this.bearer(authorization.slice(7).trim());
    if (/^digest /i.test(authorization)) return this.digest(method, uri, parseDigestParams(authorization.slice(7)));
    const kind: AuthKind = /^basic /i.test(authorization) ? 'basic' : 'none';
    return { ok: false, kind, challenge: this.challenge(), detail: 'You are not authorized for this resource.' };
  }

  private bearer(token: string): AuthResult {
    const t = this.tokens.get(token);
    // Atlas answers every unauthenticated call with its Digest challenge, whatever scheme was tried.
    if (!t)
      return { ok: false, kind: 'bearer', challenge: this.challenge(), detail: 'Invalid or unknown access token.' };
    if (this.opts.now() >= t.expiresMs) {
      this.tokens.delete(token);
      return { ok: false, kind: 'bearer', challenge: this.challenge(), detail: 'The access token has expired.' };
    }
    return { ok: true, principal: t.principal, kind: 'bearer' };
  }

  private digest(method: string, uri: string, p: Record<string, string>): AuthResult {
    const fail = (detail: string, stale = false): AuthResult => ({
      ok: false,
      kind: 'digest',
      challenge: this.challenge(stale),
      detail,
    });
    const key = p.username ? API_KEYS.get(p.username) : undefined;
    if (!key || !p.nonce || !p.response || !p.uri) return fail('You are not authorized for this resource.');
    if (
      (p.algorithm ?? 'MD5').toUpperCase() !== 'MD5' ||
      (p.qop && p.qop !== 'auth') ||
      (p.realm && p.realm !== DIGEST_REALM)
    ) {
      return fail('You are not authorized for this resource.');
    }
    // The digest covers the uri the client names; it must be the one it actually requested.
    if (p.uri !== uri) return fail('You are not authorized for this resource.');
    const ha1 = md5(`${p.username}:${DIGEST_REALM}:${key.secret}`);
    const ha2 = md5(`${method}:${p.uri}`);
    const expected = p.qop
      ? md5(`${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:${p.qop}:${ha2}`)
      : md5(`${ha1}:${p.nonce}:${ha2}`);
    if (!safeEqual(expected, p.response.toLowerCase())) return fail('You are not authorized for this resource.');
    // The credentials are right from here on; a nonce problem answers stale=true so the client
    // retries with the fresh nonce instead of giving up.
    const n = this.nonces.get(p.nonce);
    if (!n) return fail('The nonce is unknown or expired.', true);
    if (this.opts.now() - n.issuedMs > this.opts.nonceTtlSeconds * 1000) {
      this.nonces.delete(p.nonce);
      return fail('The nonce has expired.', true);
    }
    const nc = p.qop ? parseInt(p.nc ?? '', 16) : n.lastNc + 1;
    if (!Number.isFinite(nc) || nc <= n.lastNc) return fail('The nonce count was replayed.', true);
    n.lastNc = nc;
    return { ok: true, principal: key.principal, kind: 'digest' };
  }
}
