// A scriptable in-memory `fetch` for tests that need exact control of what Atlas answers (digest nonces, token
// expiry, dropped connections). Tests of the whole stack run against the simulator instead.

import { createHash } from 'node:crypto';
import type { FetchInit, FetchLike, FetchResponseLike } from '../../../../src/core/atlas';

export interface FakeRequest {
  url: string;
  path: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

export interface FakeReply {
  status: number;
  headers?: Record<string, string>;
  body?: string | object;
}

export type FakeHandler = (req: FakeRequest) => FakeReply | Promise<FakeReply>;

export class FakeFetch {
  readonly requests: FakeRequest[] = [];
  inFlight = 0;
  peakInFlight = 0;

  constructor(public handler: FakeHandler) {}

  readonly fetch: FetchLike = async (url: string, init: FetchInit): Promise<FetchResponseLike> => {
    const u = new URL(url);
    const req: FakeRequest = {
      url,
      path: u.pathname + u.search,
      method: init.method,
      headers: { ...init.headers },
      body: init.body,
    };
    this.requests.push(req);
    this.inFlight++;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
    try {
      if (init.signal?.aborted) throw abortError();
      const reply = await Promise.race([
        Promise.resolve(this.handler(req)),
        new Promise<never>((_, reject) =>
          init.signal?.addEventListener('abort', () => reject(abortError()), { once: true }),
        ),
      ]);
      const body =
        reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      const headers = new Map(Object.entries(reply.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
      return {
        status: reply.status,
        headers: { get: (n: string) => headers.get(n.toLowerCase()) ?? null },
        text: async () => body,
      };
    } finally {
      this.inFlight--;
    }
  };
}

function abortError(): Error {
  const e = new Error('The operation was aborted.');
  e.name = 'AbortError';
  return e;
}

/** An error shaped like node-fetch v2's FetchError for a system error. */
export function systemError(code: string): Error {
  const e = new Error(`request failed, reason: ${code}`) as Error & { code: string; type: string };
  e.name = 'FetchError';
  e.code = code;
  e.type = 'system';
  return e;
}

/** A promise plus its resolver, to hold a fake response until the test releases it. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** Parses `Digest a="b", c=d` into a record (a tiny independent parser, so tests do not trust the client's). */
export function parseDigestHeader(h: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /(\w+)=(?:"((?:[^"\\]|\\.)*)"|([^,\s]+))/g;
  for (let m = re.exec(h.replace(/^Digest\s+/, '')); m; m = re.exec(h)) {
    out[m[1]] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
  }
  return out;
}

/** Server-side digest check (MD5 or SHA-256, qop=auth). */
export function digestValid(h: string, method: string, password: string): boolean {
  const p = parseDigestHeader(h);
  const alg = (p['algorithm'] ?? 'MD5').toUpperCase();
  const hash = (s: string) =>
    createHash(alg.startsWith('SHA-256') ? 'sha256' : 'md5')
      .update(s)
      .digest('hex');
  let ha1 = hash(`${p['username']}:${p['realm']}:${password}`);
  if (alg.endsWith('-SESS')) ha1 = hash(`${ha1}:${p['nonce']}:${p['cnonce']}`);
  const ha2 = hash(`${method}:${p['uri']}`);
  const expected = p['qop']
    ? hash(`${ha1}:${p['nonce']}:${p['nc']}:${p['cnonce']}:${p['qop']}:${ha2}`)
    : hash(`${ha1}:${p['nonce']}:${ha2}`);
  return expected === p['response'];
}

export const GROUP = '5f0a1b2c3d4e5f6a7b8c9d0e';
export const SNAP = 'aaaaaaaaaaaaaaaaaaaaaaaa';
