// The simulator answers third-party Atlas clients as Atlas does (test/thirdparty runs the real ones): token revocation (RFC 7009),
// version negotiation, v1.0, discovery endpoints, "not simulated" 404s and the recorded real-Atlas answers.
// Raw HTTP only, no product code.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  AtlasSimulator,
  DEMO_CREDENTIALS,
  SEED,
  describeSeed,
  makeSelfSignedCert,
  readTlsFiles,
} from '../../../src/simulator';
import { parseArgs } from '../../../src/simulator/cliArgs';
import { BearerClient, DigestClient, FakeClock, V2023, getToken } from './helpers';

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const SA = DEMO_CREDENTIALS.serviceAccount;
const BM = DEMO_CREDENTIALS.backupManagerServiceAccount;
// Names and counts of the seeded data come from the seed's own description (it grows; see seed.test.ts).
const FACTS = describeSeed();

describe('token revocation (RFC 7009)', () => {
  const sim = new AtlasSimulator();
  let base = '';
  before(async () => {
    base = (await sim.start()).url;
  });
  after(() => sim.stop());
  beforeEach(() => sim.reset());

  const revoke = (auth: string | undefined, body: string) =>
    fetch(`${base}/api/oauth/revoke`, {
      method: 'POST',
      body,
      headers: { ...(auth ? { Authorization: auth } : {}), 'Content-Type': 'application/x-www-form-urlencoded' },
    });
  const groups = (token: string) =>
    fetch(`${base}/api/atlas/v2/groups`, { headers: { Authorization: `Bearer ${token}`, Accept: V2023 } });

  test('a revoked token gets 401 afterwards; other tokens keep working', async () => {
    const a = await getToken(base, SA.clientId, SA.clientSecret);
    const b = await getToken(base, SA.clientId, SA.clientSecret);
    assert.equal((await groups(a)).status, 200);
    const res = await revoke(
      basic(SA.clientId, SA.clientSecret),
      new URLSearchParams({ token: a, token_type_hint: 'access_token' }).toString(),
    );
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal((await groups(a)).status, 401);
    assert.equal((await groups(b)).status, 200);
  });

  test('an unknown or already revoked token is not an error (200)', async () => {
    const a = await getToken(base, SA.clientId, SA.clientSecret);
    for (let i = 0; i < 2; i++)
      assert.equal((await revoke(basic(SA.clientId, SA.clientSecret), `token=${a}`)).status, 200);
    assert.equal((await revoke(basic(SA.clientId, SA.clientSecret), 'token=never-issued')).status, 200);
  });

  test('client authentication is required; a token of another client is refused and stays valid', async () => {
    const a = await getToken(base, SA.clientId, SA.clientSecret);
    const noAuth = await revoke(undefined, `token=${a}`);
    assert.equal(noAuth.status, 401);
    assert.equal(((await noAuth.json()) as { error: string }).error, 'invalid_client');
    assert.equal((await revoke(basic(SA.clientId, 'wrong'), `token=${a}`)).status, 401);
    const other = await revoke(basic(BM.clientId, BM.clientSecret), `token=${a}`);
    assert.equal(other.status, 400);
    assert.equal((await groups(a)).status, 200);
    const missing = await revoke(basic(SA.clientId, SA.clientSecret), 'token_type_hint=access_token');
    assert.equal(missing.status, 400);
    assert.equal(((await missing.json()) as { error: string }).error, 'invalid_request');
  });

  test('client_secret_post works for the token and revocation endpoints alike', async () => {
    const form = (extra: Record<string, string>) =>
      new URLSearchParams({ client_id: SA.clientId, client_secret: SA.clientSecret, ...extra }).toString();
    const t = await fetch(`${base}/api/oauth/token`, {
      method: 'POST',
      body: form({ grant_type: 'client_credentials' }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(t.status, 200);
    const token = ((await t.json()) as { access_token: string }).access_token;
    assert.equal((await revoke(undefined, form({ token }))).status, 200);
    assert.equal((await groups(token)).status, 401);
  });
});

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const V2025 = 'application/vnd.atlas.2025-03-12+json';
const { production, staging, sandbox, empty } = SEED.projects;
const ctOf = (r: { res: Response }) => r.res.headers.get('content-type') ?? '';

describe('version negotiation', () => {
  const clock = new FakeClock();
  const sim = new AtlasSimulator({ now: clock.now });
  let api: BearerClient;
  before(async () => {
    api = new BearerClient((await sim.start()).url);
  });
  after(() => sim.stop());
  beforeEach(() => sim.reset());

  test("the reference's date (2025-03-12) gets each resource's newest version, named in Content-Type", async () => {
    const cases: [string, string][] = [
      ['/api/atlas/v2/groups', '2023-01-01'],
      [`/api/atlas/v2/groups/${production.id}/clusters`, '2024-08-05'],
      [`/api/atlas/v2/groups/${production.id}/clusters/orders-rs/backup/schedule`, '2024-08-05'],
      [`/api/atlas/v2/groups/${production.id}/clusters/orders-rs/backup/snapshots`, '2023-01-01'],
      [`/api/atlas/v2/groups/${production.id}/backupCompliancePolicy`, '2023-10-01'],
    ];
    for (const [path, served] of cases) {
      const r = await api.json<Obj>(path, { accept: V2025 });
      assert.equal(r.status, 200, path);
      assert.equal(ctOf(r), `application/vnd.atlas.${served}+json;charset=utf-8`, path);
    }
    const s = (
      await api.json<Obj>(`/api/atlas/v2/groups/${production.id}/clusters/global-users/backup/schedule`, {
        accept: V2025,
      })
    ).body;
    assert.ok(s.copySettings[0].zoneId, 'the 2024-08-05 shape: copy settings keyed by zoneId');
  });

  test('a date between two versions gets the older one, in its own shape', async () => {
    const r = await api.json<Obj>(`/api/atlas/v2/groups/${production.id}/clusters/global-users/backup/schedule`, {
      accept: 'application/vnd.atlas.2024-08-04+json',
    });
    assert.equal(r.status, 200);
    assert.match(ctOf(r), /2023-01-01/);
    assert.equal(r.body.copySettings[0].zoneId, undefined);
    assert.equal(r.body.copySettings[0].replicationSpecId, SEED.clusters['global-users'].zones[0].replicationSpecId);
  });

  test('clusters in the 2023-02-01 (AdvancedClusterDescription) and 2023-01-01 (LegacyAtlasCluster) shapes', async () => {
    const path = `/api/atlas/v2/groups/${production.id}/clusters/catalog-sharded`;
    const adv = await api.json<Obj>(path, { accept: 'application/vnd.atlas.2023-02-01+json' });
    assert.equal(adv.status, 200);
    assert.match(ctOf(adv), /2023-02-01/);
    assert.equal(adv.body.replicationSpecs.length, 1, 'one spec per zone');
    assert.equal(adv.body.replicationSpecs[0].numShards, 2);
    assert.equal(adv.body.replicationSpecs[0].id, SEED.clusters['catalog-sharded'].zones[0].replicationSpecId);
    assert.equal(adv.body.replicationSpecs[0].regionConfigs[0].electableSpecs.instanceSize, 'M50');
    const legacy = await api.json<Obj>(path, { accept: 'application/vnd.atlas.2023-01-31+json' });
    assert.equal(legacy.status, 200);
    assert.match(ctOf(legacy), /2023-01-01/);
    assert.deepEqual(legacy.body.providerSettings, {
      providerName: 'GCP',
      instanceSizeName: 'M50',
      regionName: 'CENTRAL_US',
    });
    assert.equal(legacy.body.providerBackupEnabled, true);
    assert.equal(legacy.body.numShards, 2);
    assert.ok(legacy.body.replicationSpecs[0].regionsConfig.CENTRAL_US);
    const now = await api.json<Obj>(path, { accept: V2025 });
    assert.equal(now.body.replicationSpecs.length, 2, '2024-08-05: one spec per shard');
  });

  test('406 INVALID_VERSION_DATE: no date, a malformed date, a date before the first version', async () => {
    const path = `/api/atlas/v2/groups/${production.id}/backupCompliancePolicy`;
    for (const [method, accept] of [
      ['GET', undefined],
      ['GET', 'application/vnd.atlas.2025-02-30+json'],
      ['GET', 'application/vnd.atlas.2022-12-31+json'],
      ['DELETE', V2023],
    ] as const) {
      const r = await api.json<Obj>(path, { method, accept });
      assert.equal(r.status, 406, `${method} ${accept}`);
      assert.equal(r.body.errorCode, 'INVALID_VERSION_DATE');
    }
  });

  test('a PATCH whose body is typed with the same later date is accepted; our pinned requests are unchanged', async () => {
    const path = `/api/atlas/v2/groups/${staging.id}/clusters/legacy-app/backup/schedule`;
    const s = (await api.json<Obj>(path, { accept: V2025 })).body;
    const r = await api.json<Obj>(path, {
      method: 'PATCH',
      accept: V2025,
      contentType: V2025,
      body: { policies: s.policies, referenceHourOfDay: 5, referenceMinuteOfHour: 0 },
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.referenceHourOfDay, 5);
    const mismatch = await api.json<Obj>(path, {
      method: 'PATCH',
      accept: V2025,
      contentType: V2023,
      body: { policies: s.policies },
    });
    assert.equal(mismatch.status, 406, 'a body typed with another version than the one served');
  });
});

describe('v1.0 over the same state', () => {
  const clock = new FakeClock();
  const sim = new AtlasSimulator({ now: clock.now });
  let base = '';
  let api: BearerClient;
  let digest: DigestClient;
  before(async () => {
    base = (await sim.start()).url;
    api = new BearerClient(base);
    digest = new DigestClient(base, DEMO_CREDENTIALS.apiKey.publicKey, DEMO_CREDENTIALS.apiKey.privateKey);
  });
  after(() => sim.stop());
  beforeEach(() => sim.reset());
  const json = async (res: Response): Promise<Obj> => JSON.parse(await res.text()) as Obj;

  test('groups and clusters answer plain application/json, clusters as LegacyAtlasCluster, links point at v1.0', async () => {
    const g = await digest.fetch('/api/atlas/v1.0/groups', { accept: 'application/json' });
    assert.equal(g.status, 200);
    assert.equal(g.headers.get('content-type'), 'application/json;charset=utf-8');
    const groups = await json(g);
    assert.equal(groups.totalCount, 4);
    assert.match(groups.results[0].links[0].href, /\/api\/atlas\/v1\.0\/groups\//);
    const c = await json(await digest.fetch(`/api/atlas/v1.0/groups/${production.id}/clusters/analytics-nvme`));
    assert.equal(c.providerSettings.instanceSizeName, 'M40_NVME');
    assert.ok(c.connectionStrings.standardSrv);
  });

  test('the schedule: GET, PATCH and DELETE in the v1.0 shape (copy settings keyed by replicationSpecId), seen by v2 too', async () => {
    const [emea] = SEED.clusters['global-users'].zones;
    const path = `/api/atlas/v1.0/groups/${production.id}/clusters/global-users/backup/schedule`;
    const s = await json(await digest.fetch(path));
    assert.equal(s.copySettings[0].replicationSpecId, emea.replicationSpecId);
    assert.equal(s.autoCopySettingsEnabled, undefined);
    assert.equal(s.copyPolicyItemsEnabled, undefined, 'v1.0 has no copyPolicyItemsEnabled');
    assert.match(s.links[0].href, /\/api\/atlas\/v1\.0\//);
    const patched = await digest.fetch(path, {
      method: 'PATCH',
      accept: 'application/json',
      contentType: 'application/json',
      body: {
        policies: s.policies,
        copySettings: [
          {
            replicationSpecId: emea.replicationSpecId,
            cloudProvider: 'AWS',
            regionName: 'EU_NORTH_1',
            frequencies: ['DAILY'],
            shouldCopyOplogs: false,
          },
        ],
      },
    });
    assert.equal(patched.status, 200, await patched.clone().text());
    const v2 = (
      await api.json<Obj>(`/api/atlas/v2/groups/${production.id}/clusters/global-users/backup/schedule`, {
        accept: V2025,
      })
    ).body;
    assert.deepEqual(
      v2.copySettings.map((x: Obj) => [x.zoneId, x.regionName]),
      [[emea.zoneId, 'EU_NORTH_1']],
    );
    const del = await digest.fetch(`/api/atlas/v1.0/groups/${staging.id}/clusters/legacy-app/backup/schedule`, {
      method: 'DELETE',
    });
    assert.equal(del.status, 200);
    assert.deepEqual((await json(del)).policies[0].policyItems, []);
  });

  test('cloud snapshots and the compliance policy ({} when there is none)', async () => {
    const snaps = await json(
      await digest.fetch(`/api/atlas/v1.0/groups/${production.id}/clusters/orders-rs/backup/snapshots?itemsPerPage=5`),
    );
    assert.equal(snaps.results.length, 5);
    const v2 = await api.json<Obj>(
      `/api/atlas/v2/groups/${production.id}/clusters/orders-rs/backup/snapshots?itemsPerPage=1`,
      { accept: V2023 },
    );
    assert.ok(v2.body.totalCount > 5);
    assert.equal(snaps.totalCount, v2.body.totalCount, 'the same history as v2 serves');
    const policy = await digest.fetch(`/api/atlas/v1.0/groups/${production.id}/backupCompliancePolicy`);
    assert.equal(policy.status, 200);
    assert.equal((await json(policy)).state, 'ACTIVE');
    assert.deepEqual(await json(await digest.fetch(`/api/atlas/v1.0/groups/${staging.id}/backupCompliancePolicy`)), {});
    const noDelete = await digest.fetch(`/api/atlas/v1.0/groups/${production.id}/backupCompliancePolicy`, {
      method: 'DELETE',
    });
    assert.equal(noDelete.status, 404, 'v1.0 has no DELETE of the policy');
  });
});

describe('401s, not-simulated 404s, discovery', () => {
  const sim = new AtlasSimulator();
  let base = '';
  let api: BearerClient;
  before(async () => {
    base = (await sim.start()).url;
    api = new BearerClient(base);
  });
  after(() => sim.stop());
  beforeEach(() => sim.reset());

  test('every 401 carries the Digest challenge, whatever the path', async () => {
    for (const path of [
      '/api/atlas/v2/groups',
      '/api/atlas/v1.0/groups',
      '/api/atlas/v1.5/groups/x/clusters',
      '/api/private/ipinfo',
      '/api/atlas/v2/not/a/thing',
    ]) {
      const r = await fetch(base + path, { headers: { Accept: V2023 } });
      assert.equal(r.status, 401, path);
      assert.match(
        r.headers.get('www-authenticate') ?? '',
        /^Digest realm="MMS Public API", domain="", nonce="[^"]+", algorithm=MD5, qop="auth", stale=false$/,
        path,
      );
    }
  });

  test('an endpoint or method not simulated is 404 saying so, not 405', async () => {
    for (const [method, path] of [
      ['GET', '/api/atlas/v2/groups/' + production.id + '/databaseUsers'],
      ['POST', '/api/atlas/v2/groups'],
      ['PUT', `/api/atlas/v2/groups/${production.id}/clusters/orders-rs/backup/schedule`],
      ['GET', '/api/atlas/v1.5/groups'],
    ] as const) {
      const r = await api.json<Obj>(path, { method, accept: V2025, ...(method !== 'GET' ? { body: {} } : {}) });
      assert.equal(r.status, 404, `${method} ${path}`);
      assert.equal(r.body.errorCode, 'RESOURCE_NOT_FOUND');
      assert.match(r.body.detail, /is not simulated/);
    }
    const outside = await fetch(`${base}/nothing-here`);
    assert.equal(outside.status, 404);
  });

  test("orgs, an org's projects, a project's flexClusters as the seed describes them", async () => {
    const orgs = await api.json<Obj>('/api/atlas/v2/orgs', { accept: V2025 });
    assert.equal(orgs.status, 200);
    assert.deepEqual(
      orgs.body.results.map((o: Obj) => [o.id, o.name]),
      [[SEED.orgId, 'Atlas Backup Demo Org']],
    );
    const groups = await api.json<Obj>(`/api/atlas/v2/orgs/${SEED.orgId}/groups`, { accept: V2025 });
    assert.deepEqual(
      groups.body.results.map((g: Obj) => g.name),
      FACTS.projects.map((p) => p.name),
    );
    assert.equal(
      (await api.json<Obj>('/api/atlas/v2/orgs/ffffffffffffffffffffffff/groups', { accept: V2025 })).status,
      404,
    );
    const flex = await api.json<Obj>(`/api/atlas/v2/groups/${production.id}/flexClusters`, { accept: V2025 });
    assert.equal(flex.status, 200);
    assert.match(ctOf(flex), /2024-11-13/);
    const described = FACTS.projects.find((p) => p.id === production.id)!.flexClusters;
    assert.deepEqual(
      flex.body.results.map((f: Obj) => f.name),
      described.map((f) => f.name),
    );
    assert.equal(flex.body.totalCount, described.length);
  });

  test('GET /clusters: every cluster of every project in one answer, grouped by project', async () => {
    const r = await api.json<Obj>('/api/atlas/v2/clusters', { accept: V2025 });
    assert.equal(r.status, 200);
    assert.match(ctOf(r), /2023-01-01/);
    assert.deepEqual(
      r.body.results.map((g: Obj) => [g.groupName, g.clusters.map((c: Obj) => c.name)]),
      FACTS.projects.map((p) => [p.name, p.clusters.map((c) => c.name)]),
    );
    const orders = r.body.results[0].clusters.find((c: Obj) => c.name === 'orders-rs');
    assert.deepEqual(Object.keys(orders).sort(), [
      'alertCount',
      'authEnabled',
      'availability',
      'backupEnabled',
      'clusterId',
      'dataSizeBytes',
      'name',
      'nodeCount',
      'sslEnabled',
      'type',
      'versions',
    ]);
    assert.equal(orders.clusterId, SEED.clusters['orders-rs'].id);
    assert.equal(orders.type, 'REPLICA_SET');
    assert.equal(r.body.results[0].orgId, SEED.orgId);
    assert.deepEqual(r.body.results.find((g: Obj) => g.groupId === empty.id).clusters, []);
  });

  test('clusters carry connectionStrings a MongoDB driver can parse', async () => {
    const c = (await api.json<Obj>(`/api/atlas/v2/groups/${sandbox.id}/clusters/sandbox-001`, { accept: V2025 })).body;
    assert.match(c.connectionStrings.standardSrv, /^mongodb\+srv:\/\/sandbox-001\.[a-f0-9]{5}\.mongodb\.net$/);
    const hosts = new URL(c.connectionStrings.standard.replace(/^mongodb:/, 'http:').replace(/,[^/]+/, '')).host;
    assert.match(hosts, /^sandbox-001-shard-00-00\./);
  });
});

describe('recorded real-Atlas answers', () => {
  const clock = new FakeClock();
  const sim = new AtlasSimulator({ now: clock.now });
  let api: BearerClient;
  before(async () => {
    api = new BearerClient((await sim.start()).url);
  });
  after(() => sim.stop());
  beforeEach(() => sim.reset());
  const path = (g: string, c: string) => `/api/atlas/v2/groups/${g}/clusters/${c}/backup/schedule`;

  test('a schedule answer carries exactly the recorded fields, links self and the group', async () => {
    const s = (await api.json<Obj>(path(staging.id, 'legacy-app'), { accept: V2025 })).body;
    assert.deepEqual(Object.keys(s).sort(), [
      'autoExportEnabled',
      'clusterId',
      'clusterName',
      'copyPolicyItemsEnabled',
      'copySettings',
      'links',
      'nextSnapshot',
      'policies',
      'referenceHourOfDay',
      'referenceMinuteOfHour',
      'useOrgAndGroupNamesInExportPrefix',
    ]);
    assert.deepEqual(
      s.links.map((l: Obj) => l.rel),
      ['self', 'https://cloud.mongodb.com/group'],
    );
    assert.match(s.links[1].href, new RegExp(`/api/atlas/v2/groups/${staging.id}$`));
  });

  test('a new cluster with continuous backup: five default items, restore window 7; DELETE empties the items and keeps the window', async () => {
    sim.addCluster({ groupId: staging.id, name: 'fresh-pit', pitEnabled: true });
    const s = (await api.json<Obj>(path(staging.id, 'fresh-pit'), { accept: V2025 })).body;
    assert.deepEqual(
      s.policies[0].policyItems.map((i: Obj) => [
        i.frequencyType,
        i.frequencyInterval,
        i.retentionUnit,
        i.retentionValue,
      ]),
      [
        ['hourly', 6, 'days', 7],
        ['daily', 1, 'days', 7],
        ['weekly', 6, 'weeks', 4],
        ['monthly', 40, 'months', 12],
        ['yearly', 12, 'years', 1],
      ],
    );
    assert.equal(s.restoreWindowDays, 7);
    assert.ok(s.nextSnapshot);
    const del = await api.json<Obj>(path(staging.id, 'fresh-pit'), { method: 'DELETE', accept: V2025 });
    assert.equal(del.status, 200);
    assert.deepEqual(del.body.policies, [{ id: s.policies[0].id, policyItems: [] }]);
    assert.equal(del.body.restoreWindowDays, 7);
    assert.equal(del.body.nextSnapshot, undefined, 'nextSnapshot is absent with no items');
    assert.deepEqual(
      Object.keys(del.body).sort(),
      Object.keys(s)
        .filter((k) => k !== 'nextSnapshot')
        .sort(),
    );
  });

  test('the compliance policy of a project without one is 200 {}', async () => {
    const r = await api.json<Obj>(`/api/atlas/v2/groups/${staging.id}/backupCompliancePolicy`, {
      accept: 'application/vnd.atlas.2023-10-01+json',
    });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, {});
  });
});

/** GET over HTTPS trusting only `ca` (Node's global fetch takes no CA option). */
function httpsGet(
  url: string,
  ca: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { ca, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        text += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('HTTPS', () => {
  test('a certificate made at start serves the API over TLS for 127.0.0.1, trusted through the written cert file', async () => {
    const tls = makeSelfSignedCert();
    const sim = new AtlasSimulator({ tls });
    try {
      const { url } = await sim.start();
      assert.match(url, /^https:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(readFileSync(tls.certPath, 'utf8'), tls.cert);
      const challenge = await httpsGet(`${url}/api/atlas/v2/groups`, tls.cert, { Accept: V2023 });
      assert.equal(challenge.status, 401);
      await assert.rejects(
        httpsGet(`${url}/api/atlas/v2/groups`, makeSelfSignedCert().cert),
        /self.signed|unable to verify|certificate/i,
        'another certificate is not trusted',
      );
    } finally {
      await sim.stop();
    }
  });

  test('the CLI with --https prints the MCP server environment and how to trust the certificate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-sim-https-'));
    try {
      const out = join(dir, 'simulator.js');
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
      const child = spawn(process.execPath, [out, '--https', '--port', '0'], { stdio: ['ignore', 'pipe', 'ignore'] });
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      const lines: string[] = [];
      const rl = createInterface({ input: child.stdout });
      await new Promise<void>((resolve) =>
        rl.on('line', (l) => {
          lines.push(l);
          if (l.startsWith('Stop with')) resolve();
        }),
      );
      const env = Object.fromEntries(
        lines.filter((l) => l.startsWith('export ')).map((l) => l.slice(7).split('=') as [string, string]),
      );
      assert.match(env.MDB_MCP_API_BASE_URL, /^https:\/\/127\.0\.0\.1:\d+\/$/);
      assert.equal(env.MDB_MCP_API_CLIENT_ID, DEMO_CREDENTIALS.serviceAccount.clientId);
      assert.equal(env.MDB_MCP_API_CLIENT_SECRET, DEMO_CREDENTIALS.serviceAccount.clientSecret);
      assert.equal(env.MONGODB_ATLAS_BASE_URL, env.MDB_MCP_API_BASE_URL);
      const ca = readFileSync(env.NODE_EXTRA_CA_CERTS, 'utf8');
      const token = await new Promise<number>((resolve, reject) => {
        const req = httpsRequest(
          `${env.MDB_MCP_API_BASE_URL}api/oauth/token`,
          {
            method: 'POST',
            ca,
            headers: {
              Authorization: `Basic ${Buffer.from(`${SA.clientId}:${SA.clientSecret}`).toString('base64')}`,
              'Content-Type': 'application/x-www-form-urlencoded',
            },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end('grant_type=client_credentials');
      });
      assert.equal(token, 200);
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  /** The message parseArgs answers with (a usage error or the usage), or '' when it parsed. */
  const message = (argv: string[]): string => {
    const r = parseArgs(argv);
    return typeof r === 'string' ? r : '';
  };
  test('simulator arguments: a value given twice, an unknown flag and a value to a switch are refused, naming them', () => {
    assert.match(message(['--port', '1', '--port=2']), /^--port given more than once\nusage: simulator/);
    assert.match(message(['--frob']), /^unknown argument --frob\nusage: simulator/);
    assert.match(message(['--json=yes']), /^unknown argument --json=yes\n/);
    assert.match(message(['stray']), /^unknown argument stray\n/);
    assert.match(message(['--port']), /^--port needs a number 0-65535, got nothing$/);
    assert.match(message(['-h']), /^usage: simulator/);
    assert.deepEqual(parseArgs(['--port=8080', '--json', '--seed=scale']), {
      port: 8080,
      json: true,
      https: false,
      seed: 'scale',
    });
  });

  test('--cert without --key is refused with the rule', () => {
    assert.match(parseArgs(['--cert', 'a.pem']) as string, /--cert and --key go together/);
    assert.deepEqual(parseArgs(['--cert', 'a.pem', '--key', 'b.pem']), {
      port: 0,
      json: false,
      https: true,
      cert: 'a.pem',
      key: 'b.pem',
      seed: 'demo',
    });
    assert.equal((parseArgs(['--seed', 'scale']) as { seed: string }).seed, 'scale');
    assert.match(parseArgs(['--seed', 'huge']) as string, /--seed must be demo or scale/);
    assert.throws(() => readTlsFiles('/nonexistent/cert.pem', '/nonexistent/key.pem'), /Cannot read the --cert file/);
  });
});
