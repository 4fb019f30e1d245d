// HTTP Digest (RFC 7616) for Atlas API keys, on node:crypto.
// Written here rather than taken from a library: `digest-header` keeps one process-wide nonce count, splits the
// challenge on commas (so a quoted `qop="auth,auth-int"` or a realm with a comma breaks it) and has no SHA-256,
// -sess or stale handling; `digest-fetch` wraps fetch with its own control flow, which our retry, timeout,
// cancellation and logging could not sit around, and pulls pure-JS hash packages that duplicate node:crypto.

import { createHash, randomBytes } from 'node:crypto';

export interface AuthChallenge {
  scheme: string;
  params: Record<string, string>;
}

function isTokenChar(c: string): boolean {
  return /[!#$%&'*+\-.^_`|~0-9A-Za-z]/.test(c);
}

/**
 * Parses a WWW-Authenticate value into challenges. Handles several challenges in one header (a fetch
 * implementation joins repeated headers with ", "), quoted strings containing commas and escaped quotes,
 * and token68 values. Parameter names are lower-cased; values keep their case.
 */
export function parseAuthChallenges(header: string): AuthChallenge[] {
  const out: AuthChallenge[] = [];
  let i = 0;
  const n = header.length;
  const skipWs = () => {
    while (i < n && (header[i] === ' ' || header[i] === '\t')) i++;
  };
  const skipSep = () => {
    while (i < n && (header[i] === ' ' || header[i] === '\t' || header[i] === ',')) i++;
  };
  const readToken = () => {
    const s = i;
    while (i < n && isTokenChar(header[i])) i++;
    return header.slice(s, i);
  };
  const readQuoted = () => {
    let v = '';
    i++; // opening quote
    while (i < n && header[i] !== '"') {
      if (header[i] === '\\' && i + 1 < n) i++;
      v += header[i];
      i++;
    }
    i++; // closing quote
    return v;
  };

  let current: AuthChallenge | undefined;
  while (i < n) {
    skipSep();
    if (i >= n) break;
    const start = i;
    const tok = readToken();
    if (!tok) {
      i++;
      continue;
    } // junk character: skip rather than loop forever
    skipWs();
    if (header[i] === '=' && current) {
      // auth-param of the current challenge (or a token68 ending in '=' — see below)
      let j = i;
      while (j < n && header[j] === '=') j++;
      const after = header.slice(j).trimStart();
      if (j - i > 1 || after === '' || after[0] === ',') {
        // token68 such as "Zm9v==" — keep it as the challenge's token68
        current.params['token68'] = header.slice(start, j);
        i = j;
        continue;
      }
      i++; // '='
      skipWs();
      const value = header[i] === '"' ? readQuoted() : readToken();
      current.params[tok.toLowerCase()] = value;
      continue;
    }
    // A token not followed by '=' starts a new challenge.
    current = { scheme: tok, params: {} };
    out.push(current);
  }
  return out;
}

export type DigestAlgorithm = 'MD5' | 'MD5-sess' | 'SHA-256' | 'SHA-256-sess';

const ALGORITHMS: Record<string, { name: DigestAlgorithm; hash: 'md5' | 'sha256'; sess: boolean; strength: number }> = {
  md5: { name: 'MD5', hash: 'md5', sess: false, strength: 1 },
  'md5-sess': { name: 'MD5-sess', hash: 'md5', sess: true, strength: 1 },
  'sha-256': { name: 'SHA-256', hash: 'sha256', sess: false, strength: 2 },
  'sha-256-sess': { name: 'SHA-256-sess', hash: 'sha256', sess: true, strength: 2 },
};

export interface DigestChallenge {
  realm: string;
  nonce: string;
  opaque?: string;
  algorithm: DigestAlgorithm;
  /** 'auth' when the server offered it; undefined for an RFC 2069 challenge without qop. */
  qop?: 'auth';
  stale: boolean;
}

/** Picks the strongest Digest challenge we can answer (SHA-256 over MD5), or undefined if none. */
export function selectDigestChallenge(header: string | null | undefined): DigestChallenge | undefined {
  if (!header) return undefined;
  let best: { c: DigestChallenge; strength: number } | undefined;
  for (const ch of parseAuthChallenges(header)) {
    if (ch.scheme.toLowerCase() !== 'digest') continue;
    const p = ch.params;
    if (p['realm'] === undefined || !p['nonce']) continue;
    const alg = ALGORITHMS[(p['algorithm'] ?? 'MD5').toLowerCase()];
    if (!alg) continue;
    let qop: 'auth' | undefined;
    if (p['qop'] !== undefined) {
      const offered = p['qop'].split(',').map((s) => s.trim().toLowerCase());
      if (!offered.includes('auth')) continue; // only auth-int offered: we don't do body hashing
      qop = 'auth';
    }
    const c: DigestChallenge = {
      realm: p['realm'],
      nonce: p['nonce'],
      opaque: p['opaque'],
      algorithm: alg.name,
      qop,
      stale: (p['stale'] ?? '').toLowerCase() === 'true',
    };
    if (!best || alg.strength > best.strength) best = { c, strength: alg.strength };
  }
  return best?.c;
}

function h(alg: DigestAlgorithm, data: string): string {
  return createHash(ALGORITHMS[alg.toLowerCase()].hash).update(data, 'utf8').digest('hex');
}

function quote(v: string): string {
  return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export interface DigestResponseInput {
  challenge: DigestChallenge;
  username: string;
  password: string;
  method: string;
  /** request-target: path and query, exactly as sent */
  uri: string;
  nc: number;
  cnonce: string;
}

/** Computes the `Authorization: Digest …` value (RFC 7616 §3.4). Pure, for testing against known vectors. */
export function digestAuthorization(i: DigestResponseInput): string {
  const { challenge: c } = i;
  const alg = c.algorithm;
  const ncHex = i.nc.toString(16).padStart(8, '0');
  let ha1 = h(alg, `${i.username}:${c.realm}:${i.password}`);
  if (alg.endsWith('-sess')) ha1 = h(alg, `${ha1}:${c.nonce}:${i.cnonce}`);
  const ha2 = h(alg, `${i.method}:${i.uri}`);
  const response = c.qop
    ? h(alg, `${ha1}:${c.nonce}:${ncHex}:${i.cnonce}:${c.qop}:${ha2}`)
    : h(alg, `${ha1}:${c.nonce}:${ha2}`);
  const parts = [
    `username=${quote(i.username)}`,
    `realm=${quote(c.realm)}`,
    `nonce=${quote(c.nonce)}`,
    `uri=${quote(i.uri)}`,
    `algorithm=${alg}`,
    `response=${quote(response)}`,
  ];
  if (c.opaque !== undefined) parts.push(`opaque=${quote(c.opaque)}`);
  if (c.qop) parts.push(`qop=${c.qop}`, `nc=${ncHex}`, `cnonce=${quote(i.cnonce)}`);
  return `Digest ${parts.join(', ')}`;
}

/**
 * One API key's digest state: the last challenge and its nonce count. Lets later requests authenticate
 * preemptively (no extra 401 round trip) with nc incremented per request for that nonce.
 */
export class DigestSession {
  private challenge: DigestChallenge | undefined;
  private nc = 0;

  constructor(
    private readonly username: string,
    private readonly password: string,
    private readonly cnonce: () => string = () => randomBytes(16).toString('hex'),
  ) {}

  get hasChallenge(): boolean {
    return this.challenge !== undefined;
  }

  /** The nonce currently in use (for tests and diagnostics; a nonce is not a secret). */
  get nonce(): string | undefined {
    return this.challenge?.nonce;
  }

  /** Adopts a challenge from a 401; the nonce count restarts only when the nonce changes. */
  accept(challenge: DigestChallenge): void {
    if (this.challenge?.nonce !== challenge.nonce) this.nc = 0;
    this.challenge = challenge;
  }

  /** The Authorization value for the next request, or undefined before the first challenge. */
  authorize(method: string, uri: string): string | undefined {
    if (!this.challenge) return undefined;
    this.nc += 1;
    return digestAuthorization({
      challenge: this.challenge,
      username: this.username,
      password: this.password,
      method,
      uri,
      nc: this.nc,
      cnonce: this.cnonce(),
    });
  }
}
