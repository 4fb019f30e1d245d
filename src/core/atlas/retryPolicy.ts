// When a failed attempt may be repeated. The rule is "only when repeating cannot do something twice":
// a GET can always be repeated; a write only when Atlas certainly did not act on it (429: refused before acting;
// connection refused: never reached Atlas). A 5xx or a dropped connection after a write was sent may mean Atlas
// applied it, so it is surfaced instead of replayed.

export interface RetryOptions {
  /** Attempts in total, including the first. Default 3. */
  maxAttempts?: number;
  /** Base of the exponential backoff. Default 500 ms. */
  baseDelayMs?: number;
  /** Cap of one backoff wait (not of a Retry-After). Default 10 s. */
  maxDelayMs?: number;
  /** Injectable for tests; must reject (or return early) when the signal aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Injectable jitter source in [0, 1). */
  random?: () => number;
  /** A Retry-After longer than this is not waited out: the 429 is surfaced with its hint. Default 60 s. */
  maxRetryAfterMs?: number;
}

export const RETRY_DEFAULTS = {
  maxAttempts: 3,
  baseDelayMs: 500,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 60_000,
} as const;

/** Network failures where the request never reached the server, so even a write can be repeated. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED']);
/** Network failures after which a GET can be repeated (ETRUNCATED: the answer ended before its length). */
const TRANSIENT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ETRUNCATED']);

export type AttemptFailure = { type: 'http'; status: number } | { type: 'network'; code?: string };

export function isRetryable(method: string, failure: AttemptFailure): boolean {
  const idempotent = method === 'GET';
  if (failure.type === 'http') {
    if (failure.status === 429) return true;
    return idempotent && failure.status === 503;
  }
  if (!failure.code) return false;
  return idempotent ? TRANSIENT_CODES.has(failure.code) : NOT_SENT_CODES.has(failure.code);
}

/** Capped exponential backoff with full jitter: uniform in [0, min(max, base·2^(retry-1))]. */
export function backoffDelay(retry: number, baseDelayMs: number, maxDelayMs: number, random: () => number): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

/** Retry-After as seconds (delta-seconds or an HTTP date); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  const t = Date.parse(v);
  if (Number.isNaN(t)) return undefined;
  return Math.max(0, Math.ceil((t - nowMs) / 1000));
}
