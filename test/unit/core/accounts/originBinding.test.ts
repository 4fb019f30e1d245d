// A credential never leaves the origin of the account it was entered for, whatever the settings say: the client
// is built from the account's stored base URL only, and any URL that would go elsewhere is refused before a
// connection is made. Real listeners on 127.0.0.1 count what reaches them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { AtlasOriginError } from '../../../../src/core/atlas';
import { Transport, defaultFetch } from '../../../../src/core/atlas/transport';
import { HostLimiter } from '../../../../src/core/atlas/hostLimiter';
import {
  createAccountClient,
  makeAccount,
  originBoundFetch,
  planEnvironmentBinding,
} from '../../../../src/core/accounts';
import { AtlasSimulator, DEMO_CREDENTIALS } from '../../../../src/simulator';
import { FakeFetch } from '../atlas/fakeFetch';

/** A listener that counts connections and bytes, and answers nothing useful. */
async function countingListener(): Promise<{
  url: string;
  connections: () => number;
  bytes: () => string;
  close(): Promise<void>;
}> {
  let connections = 0;
  let data = '';
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    connections++;
    sockets.add(s);
    s.on('data', (d) => {
      data += d.toString('latin1');
    });
    s.on('close', () => sockets.delete(s));
    s.end('HTTP/1.1 500 x\r\ncontent-length: 0\r\n\r\n');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => connections,
    bytes: () => data,
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

let sim: AtlasSimulator;
let simUrl: string;
let other: Awaited<ReturnType<typeof countingListener>>;
const SA = { kind: 'serviceAccount' as const, ...DEMO_CREDENTIALS.serviceAccount };
const KEY = { kind: 'apiKey' as const, ...DEMO_CREDENTIALS.apiKey };
const OPTS = { userAgent: 'origin-test/0', retry: { maxAttempts: 1 } };

before(async () => {
  sim = new AtlasSimulator({});
  simUrl = (await sim.start(0)).url;
  other = await countingListener();
});
after(async () => {
  await sim.stop();
  await other.close();
});

test("an account's client talks to its own server only, however the setting changed since", async () => {
  for (const credentials of [SA, KEY]) {
    const account = makeAccount(simUrl, credentials);
    // The setting now names another host: the account's client does not read it, and the environment's
    // credentials are not moved there without asking.
    assert.deepEqual(planEnvironmentBinding(other.url, 'atlasBackup.baseUrl', simUrl), {
      action: 'ask',
      baseUrl: other.url,
      from: simUrl,
    });
    const client = createAccountClient(account, credentials, OPTS);
    const page = await client.listProjectsPage({ itemsPerPage: 1 });
    assert.ok((page.totalCount ?? 0) > 0);
  }
  assert.equal(other.connections(), 0, 'no connection reached the other host');
});

test('a request whose URL would leave the origin is refused before any connection (transport and guard alike)', async () => {
  const port = new URL(other.url).port;
  // "http://127.0.0.1:SIM" + "@127.0.0.1:OTHER/..." parses as user info + another host.
  const sneaky = `@127.0.0.1:${port}/api/oauth/token`;
  const transport = new Transport({
    baseUrl: simUrl,
    userAgent: 'ua',
    fetch: defaultFetch,
    timeoutMs: 2000,
    limiter: new HostLimiter(2),
    retry: { maxAttempts: 1 },
    now: Date.now,
    secrets: [SA.clientSecret],
  });
  await assert.rejects(
    transport.request({
      method: 'POST',
      path: sneaky,
      headers: { Authorization: `Basic ${Buffer.from(`${SA.clientId}:${SA.clientSecret}`).toString('base64')}` },
      body: 'grant_type=client_credentials',
      idempotent: true,
    }),
    (e: unknown) => e instanceof AtlasOriginError && e.attempted === other.url && !e.message.includes(SA.clientSecret),
  );
  const guarded = originBoundFetch(simUrl, defaultFetch);
  await assert.rejects(
    guarded(`${simUrl}${sneaky}`, { method: 'POST', headers: { Authorization: 'Basic c2VjcmV0' } }),
    AtlasOriginError,
  );
  await assert.rejects(guarded(`${other.url}/api/atlas/v2/groups`, { method: 'GET', headers: {} }), AtlasOriginError);
  await assert.rejects(guarded('not a url', { method: 'GET', headers: {} }), AtlasOriginError);
  assert.equal(other.connections(), 0, 'nothing was sent');
  assert.doesNotMatch(other.bytes(), /Basic|Digest|Bearer/);
});

test('every exchange of a sign-in (token request with Basic, digest handshake) goes to the account origin', async () => {
  const fake = new FakeFetch((req) => {
    if (req.path === '/api/oauth/token')
      return { status: 200, body: { access_token: 't', expires_in: 3600, token_type: 'Bearer' } };
    if (!req.headers.Authorization?.startsWith('Bearer') && !req.headers.Authorization?.startsWith('Digest')) {
      return {
        status: 401,
        headers: { 'WWW-Authenticate': 'Digest realm="MMS Public API", nonce="n1", qop="auth", algorithm=MD5' },
        body: {},
      };
    }
    return { status: 200, body: { results: [], totalCount: 0, links: [] } };
  });
  for (const credentials of [SA, KEY]) {
    const account = makeAccount('https://atlas.example.org', credentials);
    await createAccountClient(account, credentials, { ...OPTS, fetch: fake.fetch }).listProjectsPage();
  }
  assert.ok(
    fake.requests.some((r) => r.path === '/api/oauth/token' && r.headers.Authorization?.startsWith('Basic')),
    'the token request was made',
  );
  assert.ok(
    fake.requests.some((r) => r.headers.Authorization?.startsWith('Digest')),
    'the digest exchange was made',
  );
  assert.deepEqual([...new Set(fake.requests.map((r) => new URL(r.url).origin))], ['https://atlas.example.org']);
});

test('the environment binding: first time binds, same origin binds, another origin asks, a bad setting sends nothing', () => {
  assert.deepEqual(planEnvironmentBinding('http://127.0.0.1:4545/', 'atlasBackup.baseUrl', undefined), {
    action: 'bind',
    baseUrl: 'http://127.0.0.1:4545',
  });
  assert.deepEqual(
    planEnvironmentBinding('https://cloud.mongodb.com/', 'atlasBackup.baseUrl', 'https://cloud.mongodb.com'),
    { action: 'bind', baseUrl: 'https://cloud.mongodb.com' },
  );
  assert.equal(
    planEnvironmentBinding('https://evil.example', 'atlasBackup.baseUrl', 'https://cloud.mongodb.com').action,
    'ask',
  );
  const bad = planEnvironmentBinding('ftp://x', 'atlasBackup.baseUrl', 'https://cloud.mongodb.com');
  assert.equal(bad.action, 'refuse');
  assert.match((bad as { message: string }).message, /^atlasBackup\.baseUrl/);
  assert.equal(planEnvironmentBinding('http://evil.example', 'atlasBackup.baseUrl', undefined).action, 'refuse');
});
