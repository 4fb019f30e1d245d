// One logical request = possibly several HTTP exchanges (digest handshake, token renewal after a 401, retries).
// This file owns that loop so every operation gets the same timeout, cancellation, retry, rate-limit and logging
// behaviour; AtlasClient only says which path, which version and which body.

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
import { httpFetch } from './httpFetch';
import type { OperationSpec } from './operations';
import { RETRY_DEFAULTS, backoffDelay, isRetryable, parseRetryAfter, type RetryOptions } from './retryPolicy';

export interface FetchResponseLike {
  status: number;
  headers: { get(name: string): string | null };
  /**
   * The body as it arrives (a Node stream, a web ReadableStream, ...): read chunk by chunk under the size cap and the
   * time between bytes. Without it (test doubles), `text()` is read and the cap checked afterwards.
   */
  body?: AsyncIterable<Uint8Array | string> | null;
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

/** Node's http/https modules (which VS Code's proxy support patches), the body as a stream; see httpFetch.ts. */
export const defaultFetch: FetchLike = httpFetch;

/**
 * The largest answer read, 32 MiB. The largest page Atlas sends is 500 snapshots, 264 KiB as the simulator
 * renders them (test/unit/core/atlas/boundedResponse.test.ts measures it), so this is over a hundred times that; it only
 * stops a server that sends without end from filling the memory of the extension host or the CLI.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
/** The longest delay a timer can hold (2^31 - 1 ms, about 24.8 days); Node fires a longer one after 1 ms. */
export const MAX_TIMER_MS = 2 ** 31 - 1;
/** The longest silence once an answer has started: a stalled connection is given up on before the whole timeout. */
export const DEFAULT_IDLE_TIMEOUT_MS = 10_000;

/** The answer was larger than the cap (`ERESPONSETOOLARGE`) or ended before its Content-Length (`ETRUNCATED`). */
export const RESPONSE_TOO_LARGE = 'ERESPONSETOOLARGE';
export const RESPONSE_TRUNCATED = 'ETRUNCATED';

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
  /** Per attempt: the answer must start, and end, within this. */
  timeoutMs: number;
  /** Default DEFAULT_MAX_RESPONSE_BYTES. */
  maxResponseBytes?: number;
  /** Longest gap between two pieces of an answer; default DEFAULT_IDLE_TIMEOUT_MS (never more than timeoutMs). */
  idleTimeoutMs?: number;
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
    const what = `${method} ${path.split('?')[0]}`;
    // Why the exchange was stopped, when we stopped it: the whole timeout, or a silence in the middle of the answer.
    let stopped: 'timeout' | 'idle' | undefined;
    const received: { started: boolean; bytes: number; declared?: number } = { started: false, bytes: 0 };
    const timer = setTimeout(() => {
      stopped ??= 'timeout';
      ctrl.abort();
    }, this.o.timeoutMs);
    const onAbort = () => ctrl.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      // The signal may have fired between getting the slot and here; its listener would never run.
      if (signal?.aborted) throw new AtlasCancelledError();
      authorize?.();
      const res = await this.o.fetch(url, { method, headers, body, signal: ctrl.signal, redirect: 'manual' });
      received.started = true;
      const text = await this.readBody(res, what, received, () => {
        stopped ??= 'idle';
        ctrl.abort();
      });
      return { status: res.status, headers: res.headers, text };
    } catch (e) {
      ctrl.abort(); // whatever failed, the connection is not read any further
      if (signal?.aborted || e instanceof AtlasCancelledError) throw new AtlasCancelledError();
      if (e instanceof AtlasOriginError) throw e;
      if (e instanceof AtlasNetworkError && (e.code === RESPONSE_TOO_LARGE || e.code === RESPONSE_TRUNCATED)) throw e;
      if (stopped === 'idle') {
        throw new AtlasTimeoutError(
          `Atlas stopped sending its answer to ${what}: nothing arrived for ${formatSeconds(this.idleTimeoutMs)} after ${formatBytes(received.bytes)}. Try again; if it keeps happening, check the network or proxy.`,
        );
      }
      if (stopped === 'timeout') {
        throw new AtlasTimeoutError(
          received.started
            ? `Atlas's answer to ${what} was still arriving after ${formatSeconds(this.o.timeoutMs)} (${formatBytes(received.bytes)} so far). Try again; if it keeps happening, check the network or proxy.`
            : `Atlas did not answer ${what} within ${formatSeconds(this.o.timeoutMs)}. Try again; if it keeps happening, check the network or proxy.`,
        );
      }
      if (received.started) throw truncated(what, received.bytes, received.declared, e);
      throw networkError(e, this.host);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      this.o.limiter.release();
    }
  }

  private get maxResponseBytes(): number {
    return this.o.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  }

  private get idleTimeoutMs(): number {
    return Math.min(this.o.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS, this.o.timeoutMs);
  }

  /**
   * The body as text, read chunk by chunk: never more than maxResponseBytes kept, a silence longer than the idle
   * timeout calls `stall`, and an answer that ends before its Content-Length is an error naming how much came.
   */
  private async readBody(
    res: FetchResponseLike,
    what: string,
    received: { bytes: number; declared?: number },
    stall: () => void,
  ): Promise<string> {
    const max = this.maxResponseBytes;
    const declared = (received.declared = contentLength(res.headers.get('content-length')));
    if (declared !== undefined && declared > max) throw tooLarge(what, max, declared);
    if (!res.body) {
      const text = await res.text();
      received.bytes = Buffer.byteLength(text);
      if (received.bytes > max) throw tooLarge(what, max);
      return text;
    }
    const chunks: Buffer[] = [];
    let idle = setTimeout(stall, this.idleTimeoutMs);
    try {
      for await (const chunk of res.body) {
        const buf =
          typeof chunk === 'string'
            ? Buffer.from(chunk)
            : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        received.bytes += buf.length;
        if (received.bytes > max) throw tooLarge(what, max);
        chunks.push(buf);
        clearTimeout(idle);
        idle = setTimeout(stall, this.idleTimeoutMs);
      }
    } finally {
      clearTimeout(idle);
    }
    if (declared !== undefined && received.bytes < declared) throw truncated(what, received.bytes, declared);
    return Buffer.concat(chunks).toString('utf8');
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

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MiB` : n === 1 ? '1 byte' : `${n} bytes`;
}

function contentLength(v: string | null): number | undefined {
  return v !== null && /^\s*\d+\s*$/.test(v) ? Number(v) : undefined;
}

function tooLarge(what: string, max: number, declared?: number): AtlasNetworkError {
  return new AtlasNetworkError(
    `Atlas's answer to ${what} was larger than ${max / (1024 * 1024)} MiB${declared !== undefined ? ` (it announced ${formatBytes(declared)})` : ''}, so it was not read to the end. A real Atlas answer is far smaller; check that the Atlas URL points at Atlas.`,
    { code: RESPONSE_TOO_LARGE },
  );
}

function truncated(what: string, got: number, declared: number | undefined, cause?: unknown): AtlasNetworkError {
  return new AtlasNetworkError(
    `The connection closed after ${declared !== undefined ? `${got} of ${declared} bytes` : formatBytes(got)} of Atlas's answer to ${what}. Try again; if it keeps happening, check the network or proxy.`,
    { code: RESPONSE_TRUNCATED, cause },
  );
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
