// `atlas-backup audit` against the in-process simulator: the exit status a nightly CI job keys on, every format,
// and flags named as the Atlas CLI names them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../../src/cli/main';
import { AtlasSimulator, DEMO_CREDENTIALS, SEED } from '../../../src/simulator';

const DAY = 86_400_000;
let clock = Date.now();
const sim = new AtlasSimulator({ now: () => clock });
let url = '';
before(async () => {
  url = (await sim.start()).url;
});
after(async () => {
  await sim.stop();
});

/** Seeds the simulator as of `ageMs` ago: its newest snapshots are then that old to the CLI's real clock. */
function seedAgo(ageMs: number): void {
  clock = Date.now() - ageMs;
  sim.reset();
  sim.setRateLimit({ limit: 100_000, windowSeconds: 60 });
}

async function audit(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; out: string; err: string }> {
  let out = '',
    err = '';
  const code = await main(['audit', ...args], {
    out: (s) => {
      out += s;
    },
    err: (s) => {
      err += s;
    },
    env: {
      MONGODB_ATLAS_PUBLIC_API_KEY: DEMO_CREDENTIALS.apiKey.publicKey,
      MONGODB_ATLAS_PRIVATE_API_KEY: DEMO_CREDENTIALS.apiKey.privateKey,
      ...env,
    },
  });
  return { code, out, err };
}

describe('atlas-backup audit', () => {
  test('the seeded organisation as of now: exit 0, one line per cluster and the summary', async () => {
    seedAgo(0);
    const r = await audit(['--base-url', url]);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /^Production\/orders-rs {2}M30 {2}backup on {2}6h·/m);
    assert.match(
      r.out,
      /^Staging\/staging-rs {2}M10 {2}backup off {2}— {2}no policy\n {2}warning {2}Cloud backup is off for this cluster\. {2}backup-off$/m,
    );
    assert.match(r.out, /^127 clusters · 41 backup off · 0 with errors · 0 overdue · 0 not compliant$/m);
  });

  test('three days without a snapshot: exit 1, each overdue cluster says why', async () => {
    seedAgo(3 * DAY);
    const r = await audit(['--projectId', SEED.projects.production.id, '--projectId', SEED.projects.staging.id], {
      MONGODB_ATLAS_BASE_URL: url,
    });
    assert.equal(r.code, 1, r.err);
    assert.match(
      r.out,
      /Production\/orders-rs .* OVERDUE\n {2}error {2}The newest completed snapshot \(.*\) is 3(\.\d)? d old; the schedule promises one every 6 h \(overdue after 7 h\)\. {2}snapshot-overdue/,
    );
    assert.ok(!/Sandbox\//.test(r.out), 'only the projects asked for');
    assert.match(
      r.out,
      /^7 clusters · 1 backup off · 0 with errors · 6 overdue · 0 not compliant$/m,
      'every backed-up cluster is overdue',
    );
  });

  test('json, markdown and sarif', async () => {
    seedAgo(0);
    const json = JSON.parse(
      (await audit(['--base-url', url, '--format', 'json', '--projectId', SEED.projects.production.id])).out,
    );
    assert.equal(json.summary.clusters, 5);
    assert.equal(
      json.clusters.find((c: { clusterName: string }) => c.clusterName === 'ledger-pit').backup,
      'continuous',
    );
    const md = (await audit(['--base-url', url, '--format', 'markdown', '--projectId', SEED.projects.staging.id])).out;
    assert.match(md, /^\| Project \| Cluster \| Tier \|/m);
    assert.match(md, /^\| Staging \| staging\\-rs|^\| Staging \| staging-rs/m);
    const sarif = JSON.parse(
      (await audit(['--base-url', url, '--format', 'sarif', '--projectId', SEED.projects.staging.id])).out,
    );
    assert.equal(sarif.version, '2.1.0');
    const result = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'backup-off');
    assert.equal(
      result.locations[0].physicalLocation.artifactLocation.uri,
      `atlas/${SEED.projects.staging.id}/staging-rs.schedule.json`,
    );
    assert.equal(result.locations[0].logicalLocations[0].fullyQualifiedName, 'Staging/staging-rs');
  });

  test('usage errors exit 2 before any request; no credentials say which variables', async () => {
    const before = sim.requests.length;
    assert.equal((await audit(['--base-url', url, '--projectId', 'nope'])).code, 2);
    assert.equal((await audit(['--base-url', url, '--format', 'xml'])).code, 2);
    let err = '';
    const code = await main(['audit', '--base-url', url], {
      out: () => undefined,
      err: (s) => {
        err += s;
      },
      env: {},
    });
    assert.equal(code, 2);
    assert.match(err, /MONGODB_ATLAS_CLIENT_ID/);
    assert.equal(sim.requests.length, before);
  });
});
