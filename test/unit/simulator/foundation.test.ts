import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { AtlasSimulator, DEMO_CREDENTIALS, SEED, describeSeed } from '../../../src/simulator';
import { BearerClient, DigestClient, FakeClock, V2023, V2024, digestHeader, getToken, parseChallenge } from './helpers';

const { production, sandbox, empty } = SEED.projects;
// Counts and names of the seeded data come from the seed's own description (it grows; see seed.test.ts).
const FACTS = describeSeed();
const sandboxNames = FACTS.projects.find((p) => p.id === sandbox.id)!.clusters.map((c) => c.name);

describe('service account tokens', () => {
  const clock = new FakeClock();
  const sim = new AtlasSimulator({ now: clock.now, tokenTtlSeconds: 3600 });
  let base = '';
  before(async () => {
    base = (await sim.start()).url;
  });
  after(() => sim.stop());

  const tokenRequest = (user: string, pass: string, body = 'grant_type=client_credentials') =>
    fetch(`${base}/api/oauth/token`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body,
    });

  test('issues a bearer token that works until it expires on the injected clock', async () => {
    const { clientId, clientSecret } = DEMO_CREDENTIALS.serviceAccount;
    const res = await tokenRequest(clientId, clientSecret);
    assert.equal(res.status, 200);
    const tok = (await res.json()) as Record<string, unknown>;
    assert.equal(tok.token_type, 'Bearer');
    assert.equal(tok.expires_in, 3600);
    assert.equal(typeof tok.access_token, 'string');
    const call = () =>
      fetch(`${base}/api/atlas/v2/groups`, {
        headers: { Authorization: `Bearer ${String(tok.access_token)}`, Accept: V2023 },
      });
    assert.equal((await call()).status, 200);
    clock.advance(3599);
    assert.equal((await call()).status, 200);
    clock.advance(1);
    const expired = await call();
    assert.equal(expired.status, 401);
    const body = (await expired.json()) as Record<string, unknown>;
    assert.equal(body.error, 401);
    assert.equal(body.reason, 'Unauthorized');
    assert.equal(typeof body.errorCode, 'string');
    assert.deepEqual(body.parameters, []);
  });

  test('wrong secret is invalid_client (401), wrong grant is unsupported_grant_type (400)', async () => {
    const bad = await tokenRequest(DEMO_CREDENTIALS.serviceAccount.clientId, 'nope');
    assert.equal(bad.status, 401);
    assert.equal(((await bad.json()) as Record<string, unknown>).error, 'invalid_client');
    const grant = await tokenRequest(
      DEMO_CREDENTIALS.serviceAccount.clientId,
      DEMO_CREDENTIALS.serviceAccount.clientSecret,
      'grant_type=password',
    );
    assert.equal(grant.status, 400);
    assert.equal(((await grant.json()) as Record<string, unknown>).error, 'unsupported_grant_type');
  });

  test('an unknown bearer token is 401 with Atlas error body', async () => {
    const res = await fetch(`${base}/api/atlas/v2/groups`, {
      headers: { Authorization: 'Bearer made-up', Accept: V2023 },
    });
    assert.equal(res.status, 401);
    assert.match(res.headers.get('www-authenticate') ?? '', /^Digest realm="MMS Public API"/);
    assert.equal(((await res.json()) as Record<string, unknown>).error, 401);
  });
});

describe('API key digest auth', () => {
  const clock = new FakeClock();
  const sim = new AtlasSimulator({ now: clock.now, nonceTtlSeconds: 300 });
  let base = '';
  before(async () => {
    base = (await sim.start()).url;
  });
  after(() => sim.stop());
  const { publicKey, privateKey } = DEMO_CREDENTIALS.apiKey;

  async function challenge(): Promise<Record<string, string>> {
    const res = await fetch(`${base}/api/atlas/v2/groups`, { headers: { Accept: V2023 } });
    assert.equal(res.status, 401);
    const h = res.headers.get('www-authenticate') ?? '';
    assert.match(
      h,
      /^Digest realm="MMS Public API", domain="", nonce="[^"]+", algorithm=MD5, qop="auth", stale=false$/,
    );
    return parseChallenge(h);
  }

  test('challenges, then accepts a correct response and rejects a replayed nonce count', async () => {
    const { nonce } = await challenge();
    const uri = '/api/atlas/v2/groups?itemsPerPage=2';
    const h = digestHeader({ user: publicKey, pass: privateKey, method: 'GET', uri, nonce, nc: 1 });
    const ok = await fetch(base + uri, { headers: { Authorization: h, Accept: V2023 } });
    assert.equal(ok.status, 200);
    const replay = await fetch(base + uri, { headers: { Authorization: h, Accept: V2023 } });
    assert.equal(replay.status, 401);
    const h2 = digestHeader({ user: publicKey, pass: privateKey, method: 'GET', uri, nonce, nc: 2 });
    assert.equal((await fetch(base + uri, { headers: { Authorization: h2, Accept: V2023 } })).status, 200);
  });

  test('an expired nonce answers stale=true and a new nonce', async () => {
    const { nonce } = await challenge();
    clock.advance(301);
    const uri = '/api/atlas/v2/groups';
    const res = await fetch(base + uri, {
      headers: {
        Authorization: digestHeader({ user: publicKey, pass: privateKey, method: 'GET', uri, nonce, nc: 1 }),
        Accept: V2023,
      },
    });
    assert.equal(res.status, 401);
    const ch = parseChallenge(res.headers.get('www-authenticate'));
    assert.equal(ch.stale, 'true');
    assert.notEqual(ch.nonce, nonce);
  });

  test('wrong private key, or a digest over another uri, is 401', async () => {
    const { nonce } = await challenge();
    const uri = '/api/atlas/v2/groups';
    const wrong = await fetch(base + uri, {
      headers: {
        Authorization: digestHeader({ user: publicKey, pass: 'wrong', method: 'GET', uri, nonce, nc: 1 }),
        Accept: V2023,
      },
    });
    assert.equal(wrong.status, 401);
    assert.equal(parseChallenge(wrong.headers.get('www-authenticate')).stale, 'false');
    const other = await fetch(`${base}/api/atlas/v2/groups?pageNum=1`, {
      headers: {
        Authorization: digestHeader({ user: publicKey, pass: privateKey, method: 'GET', uri, nonce, nc: 2 }),
        Accept: V2023,
      },
    });
    assert.equal(other.status, 401);
  });

  test('a digest client with a kept nonce works across requests', async () => {
    const c = new DigestClient(base, publicKey, privateKey);
    for (let i = 0; i < 3; i++) assert.equal((await c.fetch('/api/atlas/v2/groups', { accept: V2023 })).status, 200);
  });
});

describe('versions, paging, envelope, errors', () => {
  const sim = new AtlasSimulator();
  let base = '';
  let api: BearerClient;
  before(async () => {
    base = (await sim.start()).url;
    api = new BearerClient(base);
  });
  after(() => sim.stop());

  test('no, a malformed or a too early version date is 406 INVALID_VERSION_DATE; a later date gets the newest version on or before it, named in the answer', async () => {
    for (const accept of [
      undefined,
      'application/json',
      'application/vnd.atlas.2024-13-01+json',
      'application/vnd.atlas.2022-12-31+json',
      'application/vnd.atlas.preview+json',
    ]) {
      const r = await api.json('/api/atlas/v2/groups', { accept });
      assert.equal(r.status, 406, String(accept));
      assert.equal(r.body.errorCode, 'INVALID_VERSION_DATE');
      assert.equal(r.body.detail, 'Invalid accept header or version date.');
    }
    for (const accept of [V2023, 'application/vnd.atlas.2024-08-05+json', 'application/vnd.atlas.2025-03-12+json']) {
      const ok = await api.json('/api/atlas/v2/groups', { accept });
      assert.equal(ok.status, 200, accept);
      assert.match(ok.res.headers.get('content-type') ?? '', /^application\/vnd\.atlas\.2023-01-01\+json/);
    }
    const clusters2023 = await api.json(`/api/atlas/v2/groups/${production.id}/clusters`, { accept: V2023 });
    assert.equal(clusters2023.status, 200);
    assert.match(clusters2023.res.headers.get('content-type') ?? '', /2023-01-01/);
  });

  test('groups list shows the seeded projects with cluster counts', async () => {
    const r = await api.json<{ results: { id: string; name: string; clusterCount: number }[]; totalCount: number }>(
      '/api/atlas/v2/groups',
      { accept: V2023 },
    );
    assert.equal(r.body.totalCount, FACTS.projects.length);
    assert.deepEqual(
      r.body.results.map((g) => [g.name, g.clusterCount]),
      FACTS.projects.map((p) => [p.name, p.clusters.length]),
    );
    assert.equal(r.body.results.find((g) => g.id === empty.id)?.clusterCount, 0);
    assert.equal(r.body.results[0].id, production.id);
  });

  test('cluster pages: the sandbox clusters take more than one page at the default size, links are absolute', async () => {
    type Page = { results: { name: string }[]; totalCount?: number; links: { rel: string; href: string }[] };
    const n = sandboxNames.length;
    assert.ok(n > 100, `the Sandbox project needs more than one page of 100 (it has ${n} clusters)`);
    const p1 = await api.json<Page>(`/api/atlas/v2/groups/${sandbox.id}/clusters`, { accept: V2024 });
    assert.equal(p1.body.results.length, 100);
    assert.equal(p1.body.totalCount, n);
    assert.ok(p1.body.links.some((l) => l.rel === 'self'));
    assert.ok(!p1.body.links.some((l) => l.rel === 'previous'));
    const names = p1.body.results.map((c) => c.name);
    let page = p1;
    for (
      let next = p1.body.links.find((l) => l.rel === 'next');
      next;
      next = page.body.links.find((l) => l.rel === 'next')
    ) {
      assert.ok(names.length < n, 'no next link once every cluster was listed');
      assert.ok(next.href.startsWith(`${base}/api/atlas/v2/groups/${sandbox.id}/clusters?`));
      page = await api.json<Page>(next.href.slice(base.length), { accept: V2024 });
      assert.ok(page.body.links.some((l) => l.rel === 'previous'));
      names.push(...page.body.results.map((c) => c.name));
    }
    assert.notEqual(page, p1, 'a next link led on');
    assert.equal(page.body.results.length, n - 100 * Math.floor((n - 1) / 100), 'the last page holds the rest');
    assert.deepEqual(names, sandboxNames);
    const noCount = await api.json<Page>(
      `/api/atlas/v2/groups/${sandbox.id}/clusters?includeCount=false&itemsPerPage=500`,
      { accept: V2024 },
    );
    assert.equal(noCount.body.totalCount, undefined);
    assert.deepEqual(
      noCount.body.results.map((c) => c.name),
      sandboxNames.slice(0, 500),
    );
    const empties = await api.json<Page>(`/api/atlas/v2/groups/${empty.id}/clusters`, { accept: V2024 });
    assert.deepEqual(empties.body.results, []);
    assert.equal(empties.body.totalCount, 0);
  });

  test('itemsPerPage outside 1..500 and pageNum 0 are 400 with Atlas error body', async () => {
    for (const q of ['itemsPerPage=0', 'itemsPerPage=501', 'pageNum=0', 'itemsPerPage=abc']) {
      const r = await api.json(`/api/atlas/v2/groups?${q}`, { accept: V2023 });
      assert.equal(r.status, 400, q);
      assert.equal(r.body.error, 400);
      assert.equal(r.body.errorCode, 'INVALID_QUERY_PARAMETER');
    }
  });

  test('envelope=true wraps lists with status and objects/errors as {status, content}, always 200', async () => {
    const list = await api.json(`/api/atlas/v2/groups?envelope=true`, { accept: V2023 });
    assert.equal(list.status, 200);
    assert.equal(list.body.status, 200);
    assert.ok(Array.isArray(list.body.results));
    const missing = await api.json(`/api/atlas/v2/groups/${'0'.repeat(24)}?envelope=true`, { accept: V2023 });
    assert.equal(missing.status, 200);
    assert.equal(missing.body.status, 404);
    assert.equal((missing.body.content as Record<string, unknown>).errorCode, 'GROUP_NOT_FOUND');
  });

  test('pretty=true pretty-prints', async () => {
    const pretty = await (await api.fetch('/api/atlas/v2/groups?pretty=true', { accept: V2023 })).text();
    assert.match(pretty, /^\{\n {2}"/);
    const compact = await (await api.fetch('/api/atlas/v2/groups', { accept: V2023 })).text();
    assert.doesNotMatch(compact, /\n/);
  });

  test('unknown group 404 GROUP_NOT_FOUND, bad ids 400, unknown paths 404 RESOURCE_NOT_FOUND', async () => {
    const nf = await api.json(`/api/atlas/v2/groups/${'a'.repeat(24)}/clusters`, { accept: V2024 });
    assert.equal(nf.status, 404);
    assert.equal(nf.body.errorCode, 'GROUP_NOT_FOUND');
    assert.equal(nf.body.detail, `No group with ID ${'a'.repeat(24)} exists.`);
    const bad = await api.json('/api/atlas/v2/groups/not-an-id/clusters', { accept: V2024 });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.errorCode, 'INVALID_PATH_PARAMETER');
    const badName = await api.json(`/api/atlas/v2/groups/${production.id}/clusters/-bad_name`, { accept: V2024 });
    assert.equal(badName.status, 400);
    assert.equal(badName.body.errorCode, 'CLUSTER_NAME_INVALID');
    const noCluster = await api.json(`/api/atlas/v2/groups/${production.id}/clusters/nope`, { accept: V2024 });
    assert.equal(noCluster.status, 404);
    assert.equal(noCluster.body.errorCode, 'CLUSTER_NOT_FOUND');
    const unknown = await api.json('/api/atlas/v2/nothingHere', { accept: V2023 });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.errorCode, 'RESOURCE_NOT_FOUND');
  });

  test('cluster documents carry the backup-relevant fields of ClusterDescription20240805', async () => {
    type C = Record<string, unknown> & {
      replicationSpecs: {
        id: string;
        zoneId: string;
        zoneName: string;
        regionConfigs: { providerName: string; regionName: string; electableSpecs: Record<string, unknown> }[];
      }[];
    };
    const r = await api.json<{ results: C[] }>(`/api/atlas/v2/groups/${production.id}/clusters`, { accept: V2024 });
    const by = new Map(r.body.results.map((c) => [c.name as string, c]));
    const orders = by.get('orders-rs')!;
    assert.equal(orders.id, SEED.clusters['orders-rs'].id);
    assert.equal(orders.groupId, production.id);
    assert.equal(orders.clusterType, 'REPLICASET');
    assert.equal(orders.backupEnabled, true);
    assert.equal(orders.pitEnabled, false);
    assert.equal(orders.replicationSpecs[0].regionConfigs[0].electableSpecs.instanceSize, 'M30');
    const nvme = by.get('analytics-nvme')!;
    assert.equal(nvme.replicationSpecs[0].regionConfigs[0].electableSpecs.instanceSize, 'M40_NVME');
    assert.equal(nvme.replicationSpecs[0].regionConfigs[0].electableSpecs.ebsVolumeType, 'PROVISIONED');
    const sharded = by.get('catalog-sharded')!;
    assert.equal(sharded.clusterType, 'SHARDED');
    assert.equal(sharded.replicationSpecs.length, 2);
    assert.equal(sharded.replicationSpecs[0].zoneId, sharded.replicationSpecs[1].zoneId);
    assert.notEqual(sharded.replicationSpecs[0].id, sharded.replicationSpecs[1].id);
    assert.equal(sharded.replicationSpecs[0].regionConfigs[0].providerName, 'GCP');
    const geo = by.get('global-users')!;
    assert.equal(geo.clusterType, 'GEOSHARDED');
    assert.deepEqual(
      geo.replicationSpecs.map((s) => [s.zoneName, s.zoneId, s.regionConfigs[0].regionName]),
      [
        ['EMEA', SEED.clusters['global-users'].zoneIds[0], 'EU_WEST_1'],
        ['Americas', SEED.clusters['global-users'].zoneIds[1], 'US_EAST_1'],
      ],
    );
    assert.equal(by.get('ledger-pit')!.pitEnabled, true);
    assert.equal(by.get('ledger-pit')!.replicationSpecs[0].regionConfigs[0].providerName, 'AZURE');
    const staging = await api.json<{ results: C[] }>(`/api/atlas/v2/groups/${SEED.projects.staging.id}/clusters`, {
      accept: V2024,
    });
    assert.equal(staging.body.results.find((c) => c.name === 'staging-rs')!.backupEnabled, false);
  });
});

describe('rate limiting', () => {
  const clock = new FakeClock();
  const sim = new AtlasSimulator({ now: clock.now, rateLimit: { limit: 3, windowSeconds: 60 } });
  let api: BearerClient;
  before(async () => {
    api = new BearerClient((await sim.start()).url);
  });
  after(() => sim.stop());

  test('counts down RateLimit-Remaining, then 429 RATE_LIMITED with Retry-After, then recovers', async () => {
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await api.json('/api/atlas/v2/groups', { accept: V2023 });
      assert.equal(r.status, 200);
      assert.equal(r.res.headers.get('ratelimit-limit'), '3');
      seen.push(r.res.headers.get('ratelimit-remaining') ?? '');
    }
    assert.deepEqual(seen, ['2', '1', '0']);
    clock.advance(20);
    const limited = await api.json('/api/atlas/v2/groups', { accept: V2023 });
    assert.equal(limited.status, 429);
    assert.equal(limited.body.errorCode, 'RATE_LIMITED');
    assert.equal(limited.res.headers.get('retry-after'), '40');
    clock.advance(40);
    assert.equal((await api.json('/api/atlas/v2/groups', { accept: V2023 })).status, 200);
  });
});

describe('faults and the control plane', () => {
  const sim = new AtlasSimulator();
  let base = '';
  let api: BearerClient;
  before(async () => {
    base = (await sim.start()).url;
    api = new BearerClient(base);
    await api.fetch('/api/atlas/v2/groups', { accept: V2023 });
  });
  after(() => sim.stop());
  const groups = '/api/atlas/v2/groups';

  test('a status fault answers the next N matching requests with an Atlas error body, then stops', async () => {
    sim.faults.add({ pathPrefix: groups, status: 503, count: 2 });
    assert.equal((await api.fetch(groups, { accept: V2023 })).status, 503);
    const second = await api.json(groups, { accept: V2023 });
    assert.equal(second.status, 503);
    assert.equal(second.body.errorCode, 'SERVICE_UNAVAILABLE');
    assert.equal((await api.fetch(groups, { accept: V2023 })).status, 200);
  });

  test('method and path prefix narrow the fault', async () => {
    sim.faults.add({
      pathPrefix: `${groups}/${production.id}`,
      method: 'GET',
      status: 500,
      errorCode: 'UNEXPECTED_ERROR',
    });
    assert.equal((await api.fetch(groups, { accept: V2023 })).status, 200);
    const r = await api.json(`${groups}/${production.id}/clusters`, { accept: V2024 });
    assert.equal(r.status, 500);
    assert.equal(r.body.errorCode, 'UNEXPECTED_ERROR');
  });

  test('a rate-limit burst answers 429 with Retry-After', async () => {
    sim.faults.add({ status: 429, retryAfterSeconds: 7, count: 1 });
    const r = await api.json(groups, { accept: V2023 });
    assert.equal(r.status, 429);
    assert.equal(r.body.errorCode, 'RATE_LIMITED');
    assert.equal(r.res.headers.get('retry-after'), '7');
  });

  test('latency slower than a client timeout makes the client give up', async () => {
    sim.faults.add({ pathPrefix: groups, latencyMs: 2000 });
    await assert.rejects(
      fetch(base + groups, { headers: { Accept: V2023 }, signal: AbortSignal.timeout(100) }),
      (e: Error) => /abort|timeout/i.test(`${e.name} ${e.message}`),
    );
    sim.faults.clear();
  });

  test('latency delays but still answers', async () => {
    sim.faults.add({ pathPrefix: groups, latencyMs: 150 });
    const t0 = performance.now();
    assert.equal((await api.fetch(groups, { accept: V2023 })).status, 200);
    assert.ok(performance.now() - t0 >= 140);
  });

  test('a dropped connection fails the request without an answer', async () => {
    sim.faults.add({ pathPrefix: groups, drop: true });
    await assert.rejects(fetch(base + groups, { headers: { Accept: V2023 } }));
    assert.equal((await api.fetch(groups, { accept: V2023 })).status, 200);
  });

  test('the HTTP control plane adds and clears faults, never faults itself, records requests without secrets', async () => {
    const add = await fetch(`${base}/__sim/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ pathPrefix: '/', status: 500, count: 5 }),
    });
    assert.equal(add.status, 201);
    assert.equal((await fetch(`${base}/__sim/requests`)).status, 200); // /__sim is never faulted
    assert.equal((await api.fetch(groups, { accept: V2023 })).status, 500);
    assert.equal((await fetch(`${base}/__sim/faults`, { method: 'DELETE' })).status, 200);
    assert.equal((await api.fetch(groups, { accept: V2023 })).status, 200);
    const badFault = await fetch(`${base}/__sim/faults`, { method: 'POST', body: JSON.stringify({ count: 2 }) });
    assert.equal(badFault.status, 400);

    const log = (await (await fetch(`${base}/__sim/requests`)).json()) as Record<string, unknown>[];
    const last = log[log.length - 1];
    assert.deepEqual(Object.keys(last).sort(), ['accept', 'at', 'auth', 'method', 'path', 'query', 'status']);
    assert.equal(last.auth, 'bearer');
    assert.equal(last.status, 200);
    assert.equal(last.path, groups);
    const text = JSON.stringify(log);
    for (const secret of [DEMO_CREDENTIALS.serviceAccount.clientSecret, DEMO_CREDENTIALS.apiKey.privateKey])
      assert.ok(!text.includes(secret));
    assert.ok(log.some((r) => r.path === '/api/oauth/token' && r.auth === 'basic'));
  });

  test('POST /__sim/rate-limit and POST /__sim/reset', async () => {
    const set = await fetch(`${base}/__sim/rate-limit`, {
      method: 'POST',
      body: JSON.stringify({ limit: 1, windowSeconds: 3600 }),
    });
    assert.equal(set.status, 200);
    const fresh = new BearerClient(base);
    assert.equal((await fresh.fetch(groups, { accept: V2023 })).status, 200);
    assert.equal((await fresh.fetch(groups, { accept: V2023 })).status, 429);
    await fetch(`${base}/__sim/rate-limit`, {
      method: 'POST',
      body: JSON.stringify({ limit: 1000, windowSeconds: 60 }),
    });
    const token = await getToken(
      base,
      DEMO_CREDENTIALS.serviceAccount.clientId,
      DEMO_CREDENTIALS.serviceAccount.clientSecret,
    );
    assert.equal((await fetch(`${base}/__sim/reset`, { method: 'POST' })).status, 200);
    assert.deepEqual(await (await fetch(`${base}/__sim/requests`)).json(), []);
    // tokens are forgotten by reset
    assert.equal(
      (await fetch(base + groups, { headers: { Authorization: `Bearer ${token}`, Accept: V2023 } })).status,
      401,
    );
  });
});

describe('CLI', () => {
  test('node dist-style bundle prints one --json line and serves until SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-sim-cli-'));
    try {
      const out = join(dir, 'simulator.js');
      // Built with esbuild the same way esbuild.js builds dist/simulator.js.
      const esbuild = createRequire(join(process.cwd(), 'package.json'))('esbuild') as typeof import('esbuild');
      await esbuild.build({
        entryPoints: [join(process.cwd(), 'src/simulator/main.ts')],
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        outfile: out,
        logLevel: 'silent',
      });
      const child = spawn(process.execPath, [out, '--json', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
      const lines = createInterface({ input: child.stdout });
      const first = await new Promise<string>((resolve) => lines.once('line', resolve));
      const parsed = JSON.parse(first) as { url: string; credentials: typeof DEMO_CREDENTIALS };
      assert.match(parsed.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.deepEqual(parsed.credentials, DEMO_CREDENTIALS);
      const c = new DigestClient(parsed.url, DEMO_CREDENTIALS.apiKey.publicKey, DEMO_CREDENTIALS.apiKey.privateKey);
      assert.equal((await c.fetch('/api/atlas/v2/groups', { accept: V2023 })).status, 200);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
