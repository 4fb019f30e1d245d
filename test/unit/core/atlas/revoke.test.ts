// Sign-out revokes the service account's access token (RFC 7009, `POST /api/oauth/revoke`): against the simulator
// (the token really stops working) and against a scripted fetch (exact request, sent once, API keys untouched).
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AtlasAuthError, AtlasClient, AtlasApiError, type Credentials } from '../../../../src/core/atlas';
import { AtlasSimulator, DEMO_CREDENTIALS } from '../../../../src/simulator';
import { FakeFetch } from './fakeFetch';

const SA: Credentials = { kind: 'serviceAccount', ...DEMO_CREDENTIALS.serviceAccount };
const KEY: Credentials = { kind: 'apiKey', ...DEMO_CREDENTIALS.apiKey };
const UA = 'atlas-backup-vscode/0.1.0 (test; node)';
const V2023 = 'application/vnd.atlas.2023-01-01+json';

describe('revokeToken against the simulator', () => {
  const sim = new AtlasSimulator();
  let url = '';
  before(async () => {
    url = (await sim.start()).url;
  });
  after(() => sim.stop());
  beforeEach(() => sim.reset());

  test('the token the client held gets 401 afterwards; the client itself signs in afresh', async () => {
    const c = new AtlasClient({ baseUrl: url, credentials: SA, userAgent: UA });
    await c.listProjectsPage();
    // A second token for the same service account (another tool signed in with it) must survive this sign-out.
    const other = (await (
      await fetch(`${url}/api/oauth/token`, {
        method: 'POST',
        body: 'grant_type=client_credentials',
        headers: {
          Authorization: `Basic ${Buffer.from(`${SA.clientId}:${SA.clientSecret}`).toString('base64')}`,
          'Content-Type': 'application/x-www-form-urlencoded',
        },
      })
    ).json()) as { access_token: string };
    await c.revokeToken();
    const revokes = sim.requests.filter((r) => r.path === '/api/oauth/revoke');
    assert.deepEqual(
      revokes.map((r) => [r.method, r.status, r.auth]),
      [['POST', 200, 'basic']],
    );
    const withOther = await fetch(`${url}/api/atlas/v2/groups`, {
      headers: { Authorization: `Bearer ${other.access_token}`, Accept: V2023 },
    });
    assert.equal(withOther.status, 200, 'only the revoked token stops working');
    // The client forgot its token: the next call asks for a new one instead of sending the revoked one.
    const before = sim.requests.filter((r) => r.path === '/api/oauth/token').length;
    await c.listProjectsPage();
    assert.equal(sim.requests.filter((r) => r.path === '/api/oauth/token').length, before + 1);
    assert.ok(
      !sim.requests.some((r) => r.path.startsWith('/api/atlas/') && r.status === 401),
      'the revoked token was never sent again',
    );
  });

  test('a revoked token is refused by the API (401 with the Digest challenge)', async () => {
    let sent = '';
    const c = new AtlasClient({
      baseUrl: url,
      credentials: SA,
      userAgent: UA,
      // Spy on the wire to learn the bearer token the client used, then replay it after sign-out.
      fetch: async (u, init) => {
        const auth = init.headers['Authorization'];
        if (auth?.startsWith('Bearer ')) sent = auth;
        const { default: nodeFetch } = await import('node-fetch');
        return nodeFetch(u, init);
      },
    });
    await c.listProjectsPage();
    assert.match(sent, /^Bearer /);
    const replay = () => fetch(`${url}/api/atlas/v2/groups`, { headers: { Authorization: sent, Accept: V2023 } });
    assert.equal((await replay()).status, 200);
    await c.revokeToken();
    const res = await replay();
    assert.equal(res.status, 401);
    assert.match(res.headers.get('www-authenticate') ?? '', /^Digest realm="MMS Public API"/);
  });

  test('API keys: nothing to revoke, no request', async () => {
    const c = new AtlasClient({ baseUrl: url, credentials: KEY, userAgent: UA });
    await c.listProjectsPage();
    const n = sim.requests.length;
    await c.revokeToken();
    assert.equal(sim.requests.length, n);
  });

  test('no token held yet: nothing is sent', async () => {
    const c = new AtlasClient({ baseUrl: url, credentials: SA, userAgent: UA });
    await c.revokeToken();
    assert.equal(sim.requests.length, 0);
  });
});

describe('revokeToken on the wire', () => {
  const sa = { kind: 'serviceAccount', clientId: 'sa-id', clientSecret: 'sa-secret' } as const;

  test('RFC 7009 request with client credentials; a 503 is not retried and the error never carries the token', async () => {
    const fake = new FakeFetch((req) => {
      if (req.path === '/api/oauth/token')
        return { status: 200, body: { access_token: 'tok-live-123', expires_in: 3600 } };
      if (req.path === '/api/oauth/revoke')
        return { status: 503, body: { error: 503, errorCode: 'SERVICE_UNAVAILABLE' } };
      return { status: 200, body: { results: [], totalCount: 0 } };
    });
    const c = new AtlasClient({
      baseUrl: 'https://atlas.test',
      credentials: sa,
      userAgent: UA,
      fetch: fake.fetch,
      retry: { sleep: async () => undefined },
    });
    await c.listProjectsPage();
    await assert.rejects(c.revokeToken(), (e: unknown) => {
      assert.ok(e instanceof AtlasApiError);
      assert.doesNotMatch(e.message, /tok-live-123|sa-secret/);
      return true;
    });
    const revokes = fake.requests.filter((r) => r.path === '/api/oauth/revoke');
    assert.equal(revokes.length, 1, 'sent once, never retried');
    const r = revokes[0];
    assert.equal(r.method, 'POST');
    assert.equal(r.headers['Authorization'], `Basic ${Buffer.from('sa-id:sa-secret').toString('base64')}`);
    assert.equal(r.headers['Content-Type'], 'application/x-www-form-urlencoded');
    assert.deepEqual(Object.fromEntries(new URLSearchParams(r.body)), {
      token: 'tok-live-123',
      token_type_hint: 'access_token',
    });
  });

  test('a refused revocation is an AtlasAuthError saying the token stays valid', async () => {
    const fake = new FakeFetch((req) => {
      if (req.path === '/api/oauth/token') return { status: 200, body: { access_token: 'tok', expires_in: 3600 } };
      if (req.path === '/api/oauth/revoke') return { status: 401, body: { error: 'invalid_client' } };
      return { status: 200, body: { results: [] } };
    });
    const c = new AtlasClient({ baseUrl: 'https://atlas.test', credentials: sa, userAgent: UA, fetch: fake.fetch });
    await c.listProjectsPage();
    await assert.rejects(
      c.revokeToken(),
      (e: unknown) => e instanceof AtlasAuthError && /stays valid until it expires/.test(e.message),
    );
  });

  test('a token expired on the client clock is not sent for revocation', async () => {
    let now = 0;
    const fake = new FakeFetch((req) =>
      req.path === '/api/oauth/token'
        ? { status: 200, body: { access_token: 'tok', expires_in: 3600 } }
        : { status: 200, body: { results: [] } },
    );
    const c = new AtlasClient({
      baseUrl: 'https://atlas.test',
      credentials: sa,
      userAgent: UA,
      fetch: fake.fetch,
      now: () => now,
    });
    await c.listProjectsPage();
    now += 3600_000;
    await c.revokeToken();
    assert.equal(fake.requests.filter((r) => r.path === '/api/oauth/revoke').length, 0);
  });
});
