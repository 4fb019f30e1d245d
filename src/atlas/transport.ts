// One logical request = possibly several HTTP exchanges (digest handshake, token renewal after a 401, retries).
// This file owns that loop so every operation gets the same timeout, cancellation, retry, rate-limit and logging
// behaviour; AtlasClient only says which path, which version and which body.

import nodeFetch from 'node-fetch';
import {
  AtlasAuthError,
  AtlasCancelledError,
  AtlasNetworkError,
  AtlasOriginError,
  AtlasTimeoutError,
  apiErrorFromResponse,
  networkError,
} from './errors';
import type { AuthAttemptState, AuthStrategy } from './auth';
import { HostLimiter } from './hostLimiter';
import type { OperationSpec } from './operations';
import { RETRY_DEFAULTS, backoffDelay, isRetryable, parseRetryAfter, type RetryOptions } from './retryPolicy';

export interface FetchResponseLike {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export interface FetchInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  redirect?: 'manual';
}

/** The part of `fetch` the client uses; node-fetch v2, Node's global fetch and test doubles all fit. */
export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponseLike>;

export interface RequestLogEntry {
  method: string;
  /** Path and query relative to the base URL; never a secret. */
  path: string;
  status?: number;
  errorCode?: string;
  durationMs: number;
  attempt: number;
  outcome: 'ok' | 'http-error' | 'network-error' | 'timeout' | 'cancelled';
}

/** node-fetch v2 goes through Node's http/https modules, which VS Code's proxy support patches. */
export const defaultFetch: FetchLike = (url, init) => nodeFetch(url, init);

export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AtlasCancelledError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AtlasCancelledError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export interface TransportOptions {
  baseUrl: string;
  userAgent: string;
  fetch: FetchLike;
  timeoutMs: number;
  limiter: HostLimiter;
  retry: RetryOptions;
  onRequest?: (e: RequestLogEntry) => void;
  now: () => number;
  secrets: readonly string[];
}

export interface RequestSpec {
  method: string;
  /** Path and query, already validated and encoded. */
  path: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /** Authenticates each attempt; omitted for the token endpoint (its Basic header is in `headers`). */
  auth?: AuthStrategy;
  /** Safe to repeat after a 503 or a dropped connection (GETs, and the token request). */
  idempotent: boolean;
  /** Send at most once, whatever the failure (e.g. token revocation). */
  once?: boolean;
  operation?: OperationSpec;
}

export interface ResponseData {
  status: number;
  headers: { get(name: string): string | null };
  text: string;
}

export class Transport {
  private readonly host: string;
  private readonly origin: string;
  private readonly retry: Required<Omit<RetryOptions, 'sleep' | 'random'>> &
    Pick<Required<RetryOptions>, 'sleep' | 'random'>;

  constructor(private readonly o: TransportOptions) {
    this.host = new URL(o.baseUrl).host;
    this.origin = new URL(o.baseUrl).origin;
    this.retry = {
      maxAttempts: Math.max(1, o.retry.maxAttempts ?? RETRY_DEFAULTS.maxAttempts),
      baseDelayMs: o.retry.baseDelayMs ?? RETRY_DEFAULTS.baseDelayMs,
      maxDelayMs: o.retry.maxDelayMs ?? RETRY_DEFAULTS.maxDelayMs,
      maxRetryAfterMs: o.retry.maxRetryAfterMs ?? RETRY_DEFAULTS.maxRetryAfterMs,
      sleep: o.retry.sleep ?? defaultSleep,
      random: o.retry.random ?? Math.random,
    };
  }

  async request(spec: RequestSpec): Promise<ResponseData> {
    const { method, path, signal } = spec;
    const retryAs = spec.idempotent ? 'GET' : method;
    const state: AuthAttemptState = { authRetries: 0 };
    const maxAttempts = spec.once ? 1 : this.retry.maxAttempts;
    let attempt = 1;
    for (;;) {
      if (signal?.aborted) throw new AtlasCancelledError();
      await this.sleep(this.o.limiter.pauseRemaining(this.o.now()), signal);
      const headers: Record<string, string> = { ...spec.headers, 'User-Agent': this.o.userAgent };
      const auth = spec.auth;
      if (auth) await auth.prepare(state, signal);
      const authorize = auth
        ? () => {
            const a = auth.header(method, path, state);
            if (a) headers['Authorization'] = a;
          }
        : undefined;

      const started = performance.now();
      const log = (e: Omit<RequestLogEntry, 'method' | 'path' | 'durationMs' | 'attempt'>) => {
        try {
          this.o.onRequest?.({ method, path, durationMs: Math.round(performance.now() - started), attempt, ...e });
        } catch {
          /* a broken logger must not fail the request */
        }
      };

      let res: ResponseData;
      try {
        res = await this.exchange(method, path, headers, spec.body, signal, authorize);
      } catch (e) {
        if (e instanceof AtlasCancelledError) {
          log({ outcome: 'cancelled' });
          throw e;
        }
        if (e instanceof AtlasTimeoutError) {
          log({ outcome: 'timeout' });
          throw e;
        }
        if (e instanceof AtlasNetworkError) {
          log({ outcome: 'network-error', errorCode: e.code });
          if (attempt < maxAttempts && isRetryable(retryAs, { type: 'network', code: e.code })) {
            await this.sleep(
              backoffDelay(attempt, this.retry.baseDelayMs, this.retry.maxDelayMs, this.retry.random),
              signal,
            );
            attempt++;
            continue;
          }
        }
        throw e;
      }

      const ok = res.status >= 200 && res.status < 300;
      if (res.status === 401 && spec.auth) {
        const handshake = spec.auth.isHandshake(state);
        if (!handshake) log({ outcome: 'http-error', status: 401, errorCode: errorCodeOf(res.text) });
        if (spec.auth.on401(res.headers.get('www-authenticate'), state)) continue;
        throw this.authError(spec.auth.refusedMessage, res, spec);
      }
      log(
        ok
          ? { outcome: 'ok', status: res.status }
          : { outcome: 'http-error', status: res.status, errorCode: errorCodeOf(res.text) },
      );
      if (ok) return res;

      const retryAfter = parseRetryAfter(res.headers.get('retry-after'), Date.now());
      if (res.status === 429 && (retryAfter ?? 1) * 1000 <= this.retry.maxRetryAfterMs) {
        // Everyone talking to this host waits out the same pause instead of adding to the storm. A pause longer
        // than we would wait ourselves is not imposed on others: they fail fast with the same 429 and its hint.
        this.o.limiter.pause(this.o.now() + (retryAfter ?? 1) * 1000);
      }
      if (attempt < maxAttempts && isRetryable(retryAs, { type: 'http', status: res.status })) {
        const jitter = backoffDelay(attempt, this.retry.baseDelayMs, this.retry.maxDelayMs, this.retry.random);
        const waitMs = retryAfter !== undefined ? Math.max(retryAfter * 1000, jitter) : jitter;
        if (retryAfter === undefined || retryAfter * 1000 <= this.retry.maxRetryAfterMs) {
          await this.sleep(waitMs, signal);
          attempt++;
          continue;
        }
      }
      throw apiErrorFromResponse(res.status, res.text, {
        method,
        path,
        operation: spec.operation,
        retryAfterSeconds: retryAfter,
        secrets: this.o.secrets,
      });
    }
  }

  private authError(lead: string, res: ResponseData, spec: RequestSpec): AtlasAuthError {
    const base = apiErrorFromResponse(401, res.text, {
      method: spec.method,
      path: spec.path,
      operation: spec.operation,
      secrets: this.o.secrets,
    });
    const code = base.errorCode ? `${base.errorCode}, HTTP 401` : 'HTTP 401';
    return new AtlasAuthError(`${lead} (${code})`, {
      status: 401,
      errorCode: base.errorCode,
      detail: base.detail,
      reason: base.reason,
      parameters: base.parameters,
      badRequestDetail: base.badRequestDetail,
      method: spec.method,
      path: spec.path,
      hint: base.hint,
    });
  }

  /** One HTTP exchange under the host limit, with a per-attempt timeout; the body is read inside the timeout too. */
  private async exchange(
    method: string,
    path: string,
    headers: Record<string, string>,
    body: string | undefined,
    signal: AbortSignal | undefined,
    authorize: (() => void) | undefined,
  ): Promise<ResponseData> {
    // Defence in depth: the credentials this request carries belong to the base URL's origin. A path that would
    // move the URL elsewhere ("@host", a scheme-relative form, ...) is refused before anything is sent.
    const url = `${this.o.baseUrl}${path}`;
    const target = originOf(url);
    if (target !== this.origin) throw new AtlasOriginError(this.origin, target);
    await this.o.limiter.acquire(signal);
    const ctrl = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      ctrl.abort();
    }, this.o.timeoutMs);
    const onAbort = () => ctrl.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      // The signal may have fired between getting the slot and here; its listener would never run.
      if (signal?.aborted) throw new AtlasCancelledError();
      authorize?.();
      const res = await this.o.fetch(url, { method, headers, body, signal: ctrl.signal, redirect: 'manual' });
      const text = await res.text();
      return { status: res.status, headers: res.headers, text };
    } catch (e) {
      if (signal?.aborted || e instanceof AtlasCancelledError) throw new AtlasCancelledError();
      if (e instanceof AtlasOriginError) throw e;
      if (timedOut) {
        throw new AtlasTimeoutError(
          `Atlas did not answer ${method} ${path.split('?')[0]} within ${formatSeconds(this.o.timeoutMs)}. Try again; if it keeps happening, check the network or proxy.`,
        );
      }
      throw networkError(e, this.host);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      this.o.limiter.release();
    }
  }

  private async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw new AtlasCancelledError();
    if (ms <= 0) return;
    try {
      await this.retry.sleep(ms, signal);
    } catch (e) {
      if (signal?.aborted) throw new AtlasCancelledError();
      throw e;
    }
    if (signal?.aborted) throw new AtlasCancelledError();
  }
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

function errorCodeOf(text: string): string | undefined {
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v === 'object' && v !== null && typeof (v as { errorCode?: unknown }).errorCode === 'string') {
      return (v as { errorCode: string }).errorCode;
    }
  } catch {
    /* not JSON */
  }
  return undefined;
}
