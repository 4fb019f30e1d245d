// Both sign-in methods against a scripted fetch, where the test controls nonces, token lifetimes and timing.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AtlasAuthError, AtlasClient, type RequestLogEntry } from '../../../../src/core/atlas';
import { FakeFetch, GROUP, deferred, digestValid, parseDigestHeader, type FakeRequest } from './fakeFetch';

const UA = 'atlas-backup-vscode/0.0.0-test';
const PAGE = { results: [], totalCount: 0 };

/** A digest server: issues `nonce`, accepts the right key, marks a nonce stale when the test rotates it. */
function digestServer(privateKey: string) {
  const state = { nonce: 'nonce-1', stale: new Set<string>(), seenNc: [] as string[] };
  const challenge = (stale = false) => ({
    status: 401,
    headers: {
      'WWW-Authenticate': `Digest realm="MMS Public API", domain="", nonce="${state.nonce}", algorithm=MD5, qop="auth", stale=${stale}`,
    },
    body: { error: 401, errorCode: 'UNAUTHORIZED' },
  });
  const handle = (req: FakeRequest) => {
    const h = req.headers['Authorization'];
    if (!h) return challenge();
    const p = parseDigestHeader(h);
    if (p['nonce'] !== state.nonce) return challenge(state.stale.has(p['nonce']));
    if (!digestValid(h, req.method, privateKey)) return challenge();
    state.seenNc.push(p['nc']);
    return { status: 200, body: req.method === 'POST' ? { id: 'x', echoed: req.body } : PAGE };
  };
  return { state, handle };
}

describe('API key (HTTP Digest)', () => {
  test('handshake on first contact, then the nonce is reused preemptively with a rising nonce count', async () => {
    const server = digestServer('priv');
    const fake = new FakeFetch(server.handle);
    const log: RequestLogEntry[] = [];
    const client = new AtlasClient({
      baseUrl: 'https://atlas.test',
      credentials: { kind: 'apiKey', publicKey: 'pub', privateKey: 'priv' },
      userAgent: UA,
      fetch: fake.fetch,
      onRequest: (e) => log.push(e),
    });
    await client.listProjectsPage();
    assert.equal(fake.requests.length, 2, 'challenge + authenticated request');
    assert.equal(fake.requests[0].headers['Authorization'], undefined);
    await client.listProjectsPage({ pageNum: 2 });
    await client.listClustersPage(GROUP);
    assert.equal(fake.requests.length, 4, 'no further challenges');
    assert.deepEqual(server.state.seenNc, ['00000001', '00000002', '00000003']);
    assert.equal(
      parseDigestHeader(fake.requests[3].headers['Authorization'])['uri'],
      `/api/atlas/v2/groups/${GROUP}/clusters?pageNum=1&itemsPerPage=100`,
    );
    assert.deepEqual(
      log.map((e) => [e.status, e.outcome]),
      [
        [200, 'ok'],
        [200, 'ok'],
        [200, 'ok'],
      ],
      'the handshake is not logged as an error',
    );
  });

  test('a POST body is sent again after the challenge', async () => {
    const server = digestServer('priv');
    const fake = new FakeFetch(server.handle);
    const client = new AtlasClient({
      baseUrl: 'https://atlas.test',
      credentials: { kind: 'apiKey', publicKey: 'pub', privateKey: 'priv' },
      userAgent: UA,
      fetch: fake.fetch,
    });
    await client.takeSnapshot(GROUP, 'orders-rs', { retentionInDays: 3, description: 'before migration' });
    assert.equal(fake.requests.length, 2);
    for (const r of fake.requests)
      assert.deepEqual(JSON.parse(r.body!), { retentionInDays: 3, description: 'before migration' });
  });

  test('stale=true: retried once with the new nonce, nonce count restarts', async () => {
    const server = digestServer('priv');
    const fake = new FakeFetch(server.handle);
    const client = new AtlasClient({
      baseUrl: 'https://atlas.test',
      credentials: { kind: 'apiKey', publicKey: 'pub', privateKey: 'priv' },
      userAgent: UA,
      fetch: fake.fetch,
    });
    await client.listProjectsPage();
    server.state.stale.add('nonce-1');
    server.state.nonce = 'nonce-2';
    await client.listProjectsPage();
    assert.equal(fake.requests.length, 4, 'preemptive attempt, stale challenge, retry');
    assert.equal(parseDigestHeader(fake.requests[3].headers['Authorization'])['nonce'], 'nonce-2');
    assert.deepEqual(server.state.seenNc, ['00000001', '00000001']);
  });

  test('a wrong private key is an AtlasAuthError after one authenticated try, without the key in the message', async () => {
    const fake = new FakeFetch(digestServer('right').handle);
    const client = new AtlasClient({
      baseUrl: 'https://atlas.test',
      credentials: { kind: 'apiKey', publicKey: 'pub', privateKey: 'wrong-private-key' },
      userAgent: UA,
      fetch: fake.fetch,
    });
    await assert.rejects(client.listProjectsPage(), (e: unknown) => {
      assert.ok(e instanceof AtlasAuthError);
      assert.match(e.message, /refused the API key/);
      assert.doesNotMatch(e.message, /wrong-private-key/);
      return true;
    });
    assert.equal(fake.requests.length, 2);
  });
});

/** A token endpoint + API that accepts only the latest token it issued. */
function oauthServer(secret = 'sa-secret') {
  const s = { issued: 0, valid: new Set<string>(), hold: undefined as Promise<void> | undefined, expiresIn: 3600 };
  const handle = async (req: FakeRequest) => {
    if (req.path === '/api/oauth/token') {
      if (s.hold) await s.hold;
      const expected = `Basic ${Buffer.from(`sa-id:${secret}`).toString('base64')}`;
      if (req.headers['Authorization'] !== expected || req.body !== 'grant_type=client_credentials') {
        return { status: 401, body: { error: 'invalid_client' } };
      }
      const token = `tok-${++s.issued}`;
      s.valid.add(token);
      return { status: 200, body: { access_token: token, token_type: 'Bearer', expires_in: s.expiresIn } };
    }
    const auth = req.headers['Authorization'] ?? '';
    if (!s.valid.has(auth.replace(/^Bearer /, '')))
      return { status: 401, body: { error: 401, errorCode: 'INVALID_TOKEN' } };
    return { status: 200, body: PAGE };
  };
  return { s, handle };
}

describe('Service account (OAuth client credentials)', () => {
  const sa = { kind: 'serviceAccount' as const, clientId: 'sa-id', clientSecret: 'sa-secret' };

  test('the token is requested once, per the spec (Basic, form body, Accept json), and reused', async () => {
    const server = oauthServer();
    const fake = new FakeFetch(server.handle);
    const log: RequestLogEntry[] = [];
    const client = new AtlasClient({
      baseUrl: 'https://atlas.test/',
      credentials: sa,
      userAgent: UA,
      fetch: fake.fetch,
      onRequest: (e) => log.push(e),
    });
    await client.listProjectsPage();
    await client.listClustersPage(GROUP);
    const tokenReqs = fake.requests.filter((r) => r.path === '/api/oauth/token');
    assert.equal(tokenReqs.length, 1);
    assert.equal(tokenReqs[0].method, 'POST');
    assert.equal(tokenReqs[0].headers['Accept'], 'application/json');
    assert.equal(tokenReqs[0].headers['Content-Type'], 'application/x-www-form-urlencoded');
    assert.equal(fake.requests[2].headers['Authorization'], 'Bearer tok-1');
    assert.ok(
      !JSON.stringify(log).includes('sa-secret') && !JSON.stringify(log).includes('tok-1'),
      'no secret or token in the log',
    );
    assert.deepEqual(
      log.map((e) => e.path.split('?')[0]),
      ['/api/oauth/token', '/api/atlas/v2/groups', `/api/atlas/v2/groups/${GROUP}/clusters`],
    );
  });

  test('renewed when less than 60 s are left, not before (injected clock)', async () => {
    const server = oauthServer();
    const fake = new FakeFetch(server.handle);
    let now = 1_000_000;
    const client = new AtlasClient({
      baseUrl: 'https://atlas.test',
      credentials: sa,
      userAgent: UA,
      fetch: fake.fetch,
      now: () => now,
    });
    await client.listProjectsPage();
    now += 3600_000 - 61_000;
    await client.listProjectsPage();
    assert.equal(server.s.issued, 1, 'still 61 s left: no renewal');
    now += 2_000;
    await client.listProjectsPage();
    assert.equal(server.s.issued, 2, '59 s left: renewed before sending');
    assert.equal(fake.requests.at(-1)!.headers['Authorization'], 'Bearer tok-2');
    assert.equal(fake.requests.filter((r) => r.headers['Authorization'] === 'Bearer tok-1').length, 2);
  });

  test('concurrent callers share one renewal', async () => {
    const server = oauthServer();
    const gate = deferred();
    server.s.hold = gate.promise;
    const fake = new FakeFetch(server.handle);
    const client = new AtlasClient({
      baseUrl: 'https://atlas.test',
      credentials: sa,
      userAgent: UA,
      fetch: fake.fetch,
      maxInFlightPerHost: 10,
    });
    const calls = Array.from({ length: 8 }, () => client.listProjectsPage());
    await new Promise((r) => setImmediate(r));
    gate.resolve();
    await Promise.all(calls);
    assert.equal(fake.requests.filter((r) => r.path === '/api/oauth/token').length, 1);
    assert.equal(server.s.issued, 1);
  });

  test('one caller cancelling does not fail the others waiting on the same renewal', async () => {
    const server = oauthServer();
    const gate = deferred();
    server.s.hold = gate.promise;
    const fake = new FakeFetch(server.handle);
    const client = new AtlasClient({
      baseUrl: 'https://atlas.test',
      credentials: sa,
      userAgent: UA,
      fetch: fake.fetch,
    });
    const ac = new AbortController();
    const cancelled = client.listProjectsPage({ signal: ac.signal });
    const other = client.listProjectsPage();
    await new Promise((r) => setImmediate(r));
    ac.abort();
    await assert.rejects(cancelled, { name: 'AtlasCancelledError' });
    gate.resolve();
    assert.deepEqual((await other).results, []);
  });

  test('a 401 from the API renews the token once and retries once', async () => {
    const server = oauthServer();
    const fake = new FakeFetch(server.handle);
    const client = new AtlasClient({
      baseUrl: 'https://atlas.test',
      credentials: sa,
      userAgent: UA,
      fetch: fake.fetch,
    });
    await client.listProjectsPage();
    server.s.valid.clear(); // Atlas revoked tok-1 early
    await client.listProjectsPage();
    assert.equal(server.s.issued, 2);
    assert.deepEqual(
      fake.requests.slice(2).map((r) => (r.path === '/api/oauth/token' ? 'token' : r.headers['Authorization'])),
      ['Bearer tok-1', 'token', 'Bearer tok-2'],
    );
  });

  test('a 401 that survives renewal is an AtlasAuthError (no loop)', async () => {
    const fake = new FakeFetch((req) =>
      req.path === '/api/oauth/token'
        ? { status: 200, body: { access_token: 'never-valid', expires_in: 3600 } }
        : { status: 401, body: { error: 401, errorCode: 'INVALID_TOKEN' } },
    );
    const client = new AtlasClient({
      baseUrl: 'https://atlas.test',
      credentials: sa,
      userAgent: UA,
      fetch: fake.fetch,
    });
    await assert.rejects(
      client.listProjectsPage(),
      (e: unknown) => e instanceof AtlasAuthError && /access token/.test(e.message),
    );
    assert.equal(fake.requests.length, 4, 'token, 401, token, 401');
  });

  test('a wrong secret is an AtlasAuthError naming the client id/secret, never the secret', async () => {
    const fake = new FakeFetch(oauthServer('other-secret').handle);
    const client = new AtlasClient({
      baseUrl: 'https://atlas.test',
      credentials: sa,
      userAgent: UA,
      fetch: fake.fetch,
    });
    await assert.rejects(client.listProjectsPage(), (e: unknown) => {
      assert.ok(e instanceof AtlasAuthError);
      assert.equal(e.kind, 'auth');
      assert.match(e.message, /refused the service account's client ID or secret/);
      assert.doesNotMatch(e.message, /sa-secret/);
      return true;
    });
    assert.equal(fake.requests.length, 1, 'no API call with a failed token');
  });
});
