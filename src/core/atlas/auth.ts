// The two ways Atlas authenticates a request, behind one small strategy interface so the transport's retry,
// timeout, cancellation and logging wrap both the same way.

import { AtlasCancelledError } from './errors';
import { DigestSession, selectDigestChallenge } from './digest';

/** Per logical request, shared between the transport and the strategy across its attempts. */
export interface AuthAttemptState {
  /** Authorization value sent on the last attempt (kept in memory only; never logged). */
  sentAuth?: string;
  /** Times a 401 has been answered by re-authenticating for this request. */
  authRetries: number;
  /** Bearer: the token prepared for the next attempt. */
  token?: string;
  /** Digest: the nonce used on the last attempt came from a challenge to this very request. */
  freshChallenge?: boolean;
  staleRetries?: number;
  usedNonce?: string;
}

export interface AuthStrategy {
  readonly kind: 'bearer' | 'digest';
  /** Work that may itself need the network (fetching a token). Runs before the request takes an in-flight slot. */
  prepare(state: AuthAttemptState, signal?: AbortSignal): Promise<void>;
  /**
   * The Authorization header for this attempt, or undefined to send unauthenticated (digest, first contact).
   * Called once the request holds its in-flight slot, right before sending, so digest nonce counts go out in order.
   */
  header(method: string, uri: string, state: AuthAttemptState): string | undefined;
  /** After a 401: true to re-send the request (state updated), false to give up with an auth error. */
  on401(wwwAuthenticate: string | null, state: AuthAttemptState): boolean;
  /** True when the 401 was the expected digest challenge to an unauthenticated first request (not worth logging). */
  isHandshake(state: AuthAttemptState): boolean;
  /** Sentence for a 401 that re-authentication could not fix. */
  readonly refusedMessage: string;
}

export interface TokenResponse {
  accessToken: string;
  expiresInSeconds: number;
}

/** Renew a token this long before Atlas would expire it, so a request never leaves with a token about to lapse. */
export const TOKEN_RENEW_MARGIN_MS = 60_000;
const DEFAULT_TOKEN_LIFETIME_S = 3600;

/**
 * Service Account (OAuth client credentials): caches the bearer token, renews it when less than a minute is left,
 * and lets concurrent callers share one renewal. The renewal runs without any caller's signal so one caller
 * cancelling does not fail the others; each caller stops waiting on its own signal.
 */
export class ServiceAccountAuth implements AuthStrategy {
  readonly kind = 'bearer' as const;
  readonly refusedMessage =
    'Atlas refused the service account access token. Sign in again; if this keeps happening the service account may have been deleted or lost access to the project.';
  private token: { value: string; expiresAt: number } | undefined;
  private renewal: Promise<string> | undefined;
  /** How many tokens were requested (tests check caching and single-flight renewal). */
  tokenRequests = 0;

  constructor(
    private readonly requestToken: () => Promise<TokenResponse>,
    private readonly now: () => number,
  ) {}

  async prepare(state: AuthAttemptState, signal?: AbortSignal): Promise<void> {
    state.token = await this.getToken(signal);
  }

  header(_method: string, _uri: string, state: AuthAttemptState): string {
    state.sentAuth = `Bearer ${state.token ?? ''}`;
    return state.sentAuth;
  }

  async getToken(signal?: AbortSignal): Promise<string> {
    const t = this.token;
    if (t && t.expiresAt - this.now() > TOKEN_RENEW_MARGIN_MS) return t.value;
    this.renewal ??= this.renew().finally(() => {
      this.renewal = undefined;
    });
    return raceSignal(this.renewal, signal);
  }

  private async renew(): Promise<string> {
    this.tokenRequests++;
    const r = await this.requestToken();
    const lifetime = r.expiresInSeconds > 0 ? r.expiresInSeconds : DEFAULT_TOKEN_LIFETIME_S;
    this.token = { value: r.accessToken, expiresAt: this.now() + lifetime * 1000 };
    return r.accessToken;
  }

  on401(_h: string | null, state: AuthAttemptState): boolean {
    if (state.authRetries >= 1) return false;
    // Drop the cached token only if it is the one that failed; a concurrent caller may already have renewed it.
    if (this.token && state.sentAuth === `Bearer ${this.token.value}`) this.token = undefined;
    state.authRetries++;
    return true;
  }

  isHandshake(): boolean {
    return false;
  }

  /** Forget the token (sign-out). */
  clear(): void {
    this.token = undefined;
  }

  /**
   * For revocation: waits for a renewal in flight (so no token issued during sign-out is left behind), then forgets
   * the cached token and returns it if it is still live. Undefined when there is nothing worth revoking.
   */
  async takeToken(): Promise<string | undefined> {
    if (this.renewal) await this.renewal.catch(() => undefined);
    const t = this.token;
    this.token = undefined;
    return t && t.expiresAt > this.now() ? t.value : undefined;
  }
}

/**
 * API key (HTTP Digest): the first request goes out unauthenticated to get a challenge, later ones reuse the nonce
 * preemptively with an incremented nonce count. A `stale=true` challenge, or a new nonce in answer to a preemptive
 * attempt, is retried once with the new nonce; a second refusal means the key itself is wrong.
 */
export class DigestAuth implements AuthStrategy {
  readonly kind = 'digest' as const;
  readonly refusedMessage =
    'Atlas refused the API key. Check the public and private key (and that the key has not been deleted), then sign in again.';
  readonly session: DigestSession;

  constructor(publicKey: string, privateKey: string, cnonce?: () => string) {
    this.session = new DigestSession(publicKey, privateKey, cnonce);
  }

  async prepare(): Promise<void> {}

  header(method: string, uri: string, state: AuthAttemptState): string | undefined {
    state.usedNonce = this.session.nonce;
    state.sentAuth = this.session.authorize(method, uri);
    return state.sentAuth;
  }

  on401(wwwAuthenticate: string | null, state: AuthAttemptState): boolean {
    const challenge = selectDigestChallenge(wwwAuthenticate);
    if (!challenge || state.authRetries >= 3) return false;
    if (!state.sentAuth) {
      // First contact: this is the handshake.
    } else if (challenge.stale) {
      // The key was right, the nonce was not (expired, or a concurrent request's higher nonce count arrived
      // first). Retry with a fresh nonce; twice at most, since concurrent requests can race once more.
      state.staleRetries = (state.staleRetries ?? 0) + 1;
      if (state.staleRetries > 2) return false;
      if (this.session.nonce !== state.usedNonce) {
        // Another request already moved the session to a newer nonce: use that one rather than churn.
        state.authRetries++;
        return true;
      }
    } else if (state.freshChallenge || challenge.nonce === state.usedNonce) {
      return false; // refused with a nonce obtained for this very request: the key itself is wrong
    }
    this.session.accept(challenge);
    state.freshChallenge = true;
    state.authRetries++;
    return true;
  }

  isHandshake(state: AuthAttemptState): boolean {
    return !state.sentAuth;
  }
}

/** Resolves/rejects with `p`, but rejects with AtlasCancelledError as soon as `signal` aborts. */
export function raceSignal<T>(p: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(new AtlasCancelledError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new AtlasCancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
