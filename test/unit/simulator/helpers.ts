// Minimal raw-HTTP clients for the simulator tests: no product code, just fetch + node:crypto,
// so the tests check the simulator against the protocols themselves.
import { createHash } from 'node:crypto';
import { DEMO_CREDENTIALS } from '../../../src/simulator';

export const V2023 = 'application/vnd.atlas.2023-01-01+json';
export const V2024 = 'application/vnd.atlas.2024-08-05+json';
export const V2023_10 = 'application/vnd.atlas.2023-10-01+json';
export const V2024_11 = 'application/vnd.atlas.2024-11-13+json';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

export function parseChallenge(h: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of (h ?? '').matchAll(/(\w+)=(?:"([^"]*)"|([^\s,]+))/g)) out[m[1]] = m[2] ?? m[3];
  return out;
}

export function digestHeader(o: {
  user: string;
  pass: string;
  method: string;
  uri: string;
  nonce: string;
  nc: number;
  realm?: string;
  cnonce?: string;
}): string {
  const realm = o.realm ?? 'MMS Public API';
  const cnonce = o.cnonce ?? 'c0ffee';
  const nc = o.nc.toString(16).padStart(8, '0');
  const ha1 = md5(`${o.user}:${realm}:${o.pass}`);
  const ha2 = md5(`${o.method}:${o.uri}`);
  const response = md5(`${ha1}:${o.nonce}:${nc}:${cnonce}:auth:${ha2}`);
  return `Digest username="${o.user}", realm="${realm}", nonce="${o.nonce}", uri="${o.uri}", algorithm=MD5, qop=auth, nc=${nc}, cnonce="${cnonce}", response="${response}"`;
}

export interface Req {
  method?: string;
  accept?: string;
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

function init(r: Req, auth?: string): RequestInit {
  const headers: Record<string, string> = { ...(r.headers ?? {}) };
  if (r.accept) headers.Accept = r.accept;
  if (auth) headers.Authorization = auth;
  let body: string | undefined;
  if (r.body !== undefined) {
    body = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
    headers['Content-Type'] = r.contentType ?? r.accept ?? 'application/json';
  }
  return { method: r.method ?? 'GET', headers, body };
}

/** A digest client that keeps its nonce and counts nc up, like a real one. */
export class DigestClient {
  private nonce: string | undefined;
  private nc = 0;
  constructor(
    private readonly base: string,
    private readonly user: string,
    private readonly pass: string,
  ) {}

  async fetch(path: string, r: Req = {}): Promise<Response> {
    const method = r.method ?? 'GET';
    for (let attempt = 0; attempt < 3; attempt++) {
      const auth = this.nonce
        ? digestHeader({ user: this.user, pass: this.pass, method, uri: path, nonce: this.nonce, nc: ++this.nc })
        : undefined;
      const res = await fetch(this.base + path, init(r, auth));
      if (res.status !== 401) return res;
      const ch = parseChallenge(res.headers.get('www-authenticate'));
      if (!ch.nonce || (this.nonce && ch.stale !== 'true')) return res;
      await res.arrayBuffer();
      this.nonce = ch.nonce;
      this.nc = 0;
    }
    throw new Error('digest: no progress');
  }
}

export async function getToken(base: string, clientId: string, secret: string): Promise<string> {
  const res = await fetch(`${base}/api/oauth/token`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
    },
    body: 'grant_type=client_credentials',
  });
  if (res.status !== 200) throw new Error(`token: ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** A bearer client for one of the demo service accounts. */
export class BearerClient {
  private token: string | undefined;
  constructor(
    private readonly base: string,
    private readonly clientId: string = DEMO_CREDENTIALS.serviceAccount.clientId,
    private readonly secret: string = DEMO_CREDENTIALS.serviceAccount.clientSecret,
  ) {}
  /** Like a real client: on 401 (token expired or forgotten by a reset) get a new token once. */
  async fetch(path: string, r: Req = {}): Promise<Response> {
    const had = this.token !== undefined;
    this.token ??= await getToken(this.base, this.clientId, this.secret);
    const res = await fetch(this.base + path, init(r, `Bearer ${this.token}`));
    if (res.status !== 401 || !had) return res;
    await res.arrayBuffer();
    this.token = await getToken(this.base, this.clientId, this.secret);
    return fetch(this.base + path, init(r, `Bearer ${this.token}`));
  }
  async json<T = Record<string, unknown>>(
    path: string,
    r: Req = {},
  ): Promise<{ status: number; body: T; res: Response }> {
    const res = await this.fetch(path, r);
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, res };
  }
}

/** A clock tests move by hand. */
export class FakeClock {
  constructor(public ms = Date.UTC(2026, 10, 22, 12, 0, 0)) {}
  readonly now = (): number => this.ms;
  advance(seconds: number): void {
    this.ms += seconds * 1000;
  }
}
