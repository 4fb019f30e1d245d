// The client against the local Atlas simulator over real HTTP (node-fetch, sockets, the simulator's own auth,
// paging, rate limiting and faults). Time-based behaviour uses one injected clock shared by both sides; the
// client's retry waits advance that clock instead of sleeping.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AtlasApiError,
  AtlasAuthError,
  AtlasCancelledError,
  AtlasClient,
  AtlasNetworkError,
  AtlasTimeoutError,
  InvalidPathParameterError,
  describeCluster,
  type AtlasClientOptions,
  type Credentials,
  type RequestLogEntry,
} from '../../../../src/core/atlas';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AtlasSimulator, DEMO_CREDENTIALS, SEED, describeSeed } from '../../../../src/simulator';

const SA: Credentials = { kind: 'serviceAccount', ...DEMO_CREDENTIALS.serviceAccount };
const KEY: Credentials = { kind: 'apiKey', ...DEMO_CREDENTIALS.apiKey };
const SANDBOX = SEED.projects.sandbox.id;
const PRODUCTION = SEED.projects.production.id;
// Names and counts of the seeded data come from the seed's own description (it grows; see seed.test.ts).
const FACTS = describeSeed();
const SANDBOX_NAMES = FACTS.projects.find((p) => p.id === SANDBOX)!.clusters.map((c) => c.name);
const UA = 'atlas-backup-vscode/0.1.0 (test; node)';

let clock = Date.parse('2026-11-22T06:00:00Z');
const sim = new AtlasSimulator({ now: () => clock });
let url = '';

before(async () => {
  url = (await sim.start()).url;
});
after(async () => {
  await sim.stop();
});
beforeEach(() => {
  sim.reset();
  sim.setRateLimit({ limit: 1000, windowSeconds: 60 });
});

function client(credentials: Credentials, over: Partial<AtlasClientOptions> = {}) {
  const log: RequestLogEntry[] = [];
  const sleeps: number[] = [];
  const c = new AtlasClient({
    baseUrl: url,
    credentials,
    userAgent: UA,
    now: () => clock,
    onRequest: (e) => log.push(e),
    // A retry wait moves the shared clock: the simulator's rate window and token expiry see the time pass.
    retry: {
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
      },
    },
    ...over,
  });
  return { c, log, sleeps };
}

const apiRequests = () => sim.requests.filter((r) => r.path.startsWith('/api/atlas/'));

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('against the simulator: sign-in', () => {
  for (const creds of [SA, KEY]) {
    test(`${creds.kind}: lists the demo projects`, async () => {
      const { c } = client(creds);
      const names = (await collect(c.listProjects())).map((g) => g.name).sort();
      assert.deepEqual(names, FACTS.projects.map((p) => p.name).sort());
      assert.ok(
        apiRequests().every(
          (r) => r.auth === (creds.kind === 'serviceAccount' ? 'bearer' : r.status === 401 ? 'none' : 'digest'),
        ),
      );
    });
  }

  test('digest: one handshake, then the nonce is reused preemptively', async () => {
    const { c } = client(KEY);
    await c.listProjectsPage();
    await c.listClustersPage(PRODUCTION);
    await c.listClustersPage(SANDBOX);
    assert.deepEqual(
      apiRequests().map((r) => [r.auth, r.status]),
      [
        ['none', 401],
        ['digest', 200],
        ['digest', 200],
        ['digest', 200],
      ],
    );
  });

  test('digest: an expired nonce (stale=true) is renewed with one retry', async () => {
    const { c } = client(KEY);
    await c.listProjectsPage();
    clock += 301_000; // past the simulator's 300 s nonce lifetime
    await c.listProjectsPage();
    assert.deepEqual(
      apiRequests()
        .slice(2)
        .map((r) => r.status),
      [401, 200],
    );
  });

  test('digest: concurrent requests with one key do not trip over nonce counts', async (t) => {
    const { c } = client(KEY, { maxInFlightPerHost: 4 });
    await c.listProjectsPage();
    const pages = await Promise.all(
      Array.from({ length: 16 }, (_, i) => c.listClustersPage(SANDBOX, { pageNum: (i % 12) + 1, itemsPerPage: 10 })),
    );
    assert.equal(pages.length, 16);
    t.diagnostic(
      `digest concurrency: ${apiRequests().length} API requests for 17 calls (${apiRequests().filter((r) => r.status === 401).length} challenges)`,
    );
  });

  test('service account: one token for many requests; renewed before expiry on the shared clock', async () => {
    const { c } = client(SA);
    await c.listProjectsPage();
    await c.listClustersPage(SANDBOX);
    assert.equal(sim.requests.filter((r) => r.path === '/api/oauth/token').length, 1);
    clock += 3600_000 - 30_000; // 30 s left: renewed before the simulator would refuse it
    await c.listProjectsPage();
    assert.equal(sim.requests.filter((r) => r.path === '/api/oauth/token').length, 2);
    assert.ok(
      apiRequests().every((r) => r.status === 200),
      'no request went out with a dying token',
    );
  });

  test('service account: a token the server forgot (reset) is renewed once on 401', async () => {
    const { c } = client(SA);
    await c.listProjectsPage();
    sim.reset();
    const page = await c.listProjectsPage();
    assert.equal(page.results.length, FACTS.projects.length);
    assert.deepEqual(
      apiRequests().map((r) => r.status),
      [401, 200],
    );
  });

  test('wrong secret / wrong private key → AtlasAuthError that names the fix and not the secret', async () => {
    const bad = [
      {
        kind: 'serviceAccount' as const,
        clientId: DEMO_CREDENTIALS.serviceAccount.clientId,
        clientSecret: 'not-the-secret-123',
      },
      { kind: 'apiKey' as const, publicKey: DEMO_CREDENTIALS.apiKey.publicKey, privateKey: 'not-the-secret-123' },
    ];
    for (const creds of bad) {
      const { c, log } = client(creds);
      await assert.rejects(c.listProjectsPage(), (e: unknown) => {
        assert.ok(e instanceof AtlasAuthError, String(e));
        assert.match(e.message, creds.kind === 'apiKey' ? /refused the API key/ : /client ID or secret/);
        assert.doesNotMatch(e.message + JSON.stringify(log), /not-the-secret-123/);
        return true;
      });
    }
  });
});

describe('against the simulator: listing', () => {
  test('Sandbox needs more than one page at the default 100; the iterator follows the next link', async () => {
    const { c } = client(SA);
    const n = SANDBOX_NAMES.length;
    assert.ok(n > 100, `the Sandbox project needs more than one page of 100 (it has ${n} clusters)`);
    const first = await c.listClustersPage(SANDBOX);
    assert.equal(first.results.length, 100);
    assert.equal(first.totalCount, n);
    assert.equal(first.hasNext, true);
    const second = await c.listClustersPage(SANDBOX, { pageNum: 2 });
    assert.equal(second.results.length, Math.min(100, n - 100));
    assert.equal(second.hasNext, n > 200);
    const all = await collect(c.listClusters(SANDBOX));
    assert.deepEqual(
      all.map((x) => x.name),
      SANDBOX_NAMES,
    );
    const empty = await c.listClustersPage(SEED.projects.empty.id);
    assert.deepEqual([empty.results.length, empty.hasNext], [0, false]);
  });

  test('cluster facts the tree needs: NVMe, PIT, geosharded zones, backup off', async () => {
    const { c } = client(SA);
    const prod = new Map((await collect(c.listClusters(PRODUCTION))).map((x) => [x.name, describeCluster(x)]));
    assert.equal(prod.get('analytics-nvme')!.nvme, true);
    assert.equal(prod.get('analytics-nvme')!.instanceSize, 'M40_NVME');
    assert.equal(prod.get('ledger-pit')!.pitEnabled, true);
    assert.deepEqual(prod.get('ledger-pit')!.providers, ['AZURE']);
    const global = prod.get('global-users')!;
    assert.equal(global.clusterType, 'GEOSHARDED');
    assert.deepEqual(global.zones.map((z) => z.zoneName).sort(), ['Americas', 'EMEA']);
    assert.deepEqual(global.zones.map((z) => z.zoneId).sort(), [...SEED.clusters['global-users'].zoneIds].sort());
    const staging = new Map(
      (await collect(c.listClusters(SEED.projects.staging.id))).map((x) => [x.name, describeCluster(x)]),
    );
    assert.equal(staging.get('staging-rs')!.backupEnabled, false);
  });

  test('each operation sends its pinned version (checked at the simulator)', async () => {
    const { c } = client(SA);
    await c.listProjectsPage();
    await c.listClustersPage(PRODUCTION);
    const accept = new Map(apiRequests().map((r) => [r.path, r.accept]));
    assert.equal(accept.get('/api/atlas/v2/groups'), 'application/vnd.atlas.2023-01-01+json');
    assert.equal(accept.get(`/api/atlas/v2/groups/${PRODUCTION}/clusters`), 'application/vnd.atlas.2024-08-05+json');
  });

  test('an unknown project is a 404 whose message says it may no longer exist', async () => {
    const { c } = client(SA);
    await assert.rejects(c.listClustersPage('0123456789abcdef01234567'), (e: unknown) => {
      assert.ok(e instanceof AtlasApiError);
      assert.equal(e.status, 404);
      assert.equal(e.errorCode, 'GROUP_NOT_FOUND');
      assert.match(e.message, /no longer exist/);
      return true;
    });
  });

  test('hostile cluster names never reach the simulator', async () => {
    const { c } = client(SA);
    for (const name of ['../../groups', 'orders-rs%2F..', 'orders rs', 'ördérs', '']) {
      await assert.rejects(c.getBackupSchedule(PRODUCTION, name), InvalidPathParameterError);
    }
    assert.equal(sim.requests.length, 0);
  });
});

describe('against the simulator: faults, retries, limits', () => {
  const clustersPath = `/api/atlas/v2/groups/${SANDBOX}/clusters`;

  test('GET 429 with Retry-After is waited out and retried', async () => {
    const { c, sleeps } = client(SA);
    sim.faults.add({ pathPrefix: clustersPath, status: 429, retryAfterSeconds: 3 });
    const page = await c.listClustersPage(SANDBOX);
    assert.equal(page.results.length, 100);
    assert.ok(
      sleeps.some((ms) => ms >= 3000),
      `sleeps ${sleeps.join()}`,
    );
    assert.deepEqual(
      apiRequests().map((r) => r.status),
      [429, 200],
    );
  });

  test('GET 503 and a dropped connection are retried', async () => {
    const { c, log } = client(SA);
    sim.faults.add({ pathPrefix: clustersPath, status: 503 });
    sim.faults.add({ pathPrefix: clustersPath, drop: true });
    await c.listClustersPage(SANDBOX);
    assert.deepEqual(
      apiRequests().map((r) => r.status),
      [503, 0, 200],
    );
    assert.deepEqual(
      log.filter((e) => e.path.startsWith(clustersPath)).map((e) => e.outcome),
      ['http-error', 'network-error', 'ok'],
    );
  });

  test('a 500 on a GET is reported, not retried', async () => {
    const { c } = client(SA);
    sim.faults.add({ pathPrefix: clustersPath, status: 500, count: 5 });
    await assert.rejects(
      c.listClustersPage(SANDBOX),
      (e: unknown) => e instanceof AtlasApiError && e.status === 500 && /Atlas side/.test(e.message),
    );
    assert.equal(apiRequests().length, 1);
  });

  test('a dropped connection on every attempt ends as AtlasNetworkError after maxAttempts', async () => {
    const { c } = client(SA);
    sim.faults.add({ pathPrefix: clustersPath, drop: true, count: 10 });
    await assert.rejects(c.listClustersPage(SANDBOX), AtlasNetworkError);
    assert.equal(apiRequests().length, 3);
  });

  test('latency past timeoutMs → AtlasTimeoutError', async () => {
    const { c, log } = client(SA, { timeoutMs: 150 });
    await c.listProjectsPage(); // token first, so only the slow request is timed
    sim.faults.add({ pathPrefix: clustersPath, latencyMs: 5_000 });
    await assert.rejects(
      c.listClustersPage(SANDBOX),
      (e: unknown) => e instanceof AtlasTimeoutError && /did not answer GET/.test(e.message),
    );
    assert.equal(log.at(-1)!.outcome, 'timeout');
  });

  test('cancellation mid-request → AtlasCancelledError, nothing retried', async () => {
    const { c, log } = client(SA);
    await c.listProjectsPage();
    sim.faults.add({ pathPrefix: clustersPath, latencyMs: 5_000 });
    const ac = new AbortController();
    const p = c.listClustersPage(SANDBOX, { signal: ac.signal });
    while (!apiRequests().some((r) => r.path === clustersPath)) await new Promise((r) => setImmediate(r));
    ac.abort();
    await assert.rejects(p, AtlasCancelledError);
    assert.equal(apiRequests().filter((r) => r.path === clustersPath).length, 1);
    assert.equal(log.at(-1)!.outcome, 'cancelled');
  });

  test('no more than maxInFlightPerHost requests are open at the server at once', async () => {
    // A pass-through proxy in front of the simulator counts requests between arrival and the end of the answer.
    const proxy = await countingProxy(url);
    try {
      const { c } = client(SA, { baseUrl: proxy.url, maxInFlightPerHost: 4 });
      sim.faults.add({ pathPrefix: clustersPath, latencyMs: 20, count: 30 });
      await Promise.all(
        Array.from({ length: 24 }, (_, i) => c.listClustersPage(SANDBOX, { pageNum: (i % 12) + 1, itemsPerPage: 10 })),
      );
      assert.equal(proxy.stats.requests, 25, 'token + 24 pages');
      assert.equal(proxy.stats.peak, 4);
      assert.equal(c.peakInFlight, 4);
    } finally {
      await proxy.close();
    }
  });

  test('a rate-limit storm is survived without a failed listing or a request flood', async (t) => {
    sim.setRateLimit({ limit: 5, windowSeconds: 1 });
    const { c } = client(SA);
    // Four views listing all Sandbox clusters ten at a time, at once: 4 × n/10 pages against 5 requests per second.
    const lists = await Promise.all(
      Array.from({ length: 4 }, () => collect(c.listClusters(SANDBOX, { itemsPerPage: 10 }))),
    );
    for (const l of lists) assert.equal(l.length, SANDBOX_NAMES.length);
    const pages = 4 * Math.ceil(SANDBOX_NAMES.length / 10);
    const api = apiRequests();
    const ok = api.filter((r) => r.status === 200).length;
    const limited = api.filter((r) => r.status === 429).length;
    assert.equal(ok, pages);
    t.diagnostic(`storm: ${ok} pages ok, ${limited} answered 429, ${api.length} API requests in all`);
    assert.ok(limited <= pages, `429s bounded by the shared pause: ${limited} for ${pages} pages`);
  });
});

async function countingProxy(target: string) {
  const t = new URL(target);
  const stats = { open: 0, peak: 0, requests: 0 };
  const server = createServer((req, res) => {
    stats.requests++;
    stats.open++;
    stats.peak = Math.max(stats.peak, stats.open);
    res.once('close', () => {
      stats.open--;
    });
    const up = httpRequest(
      { host: t.hostname, port: t.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
