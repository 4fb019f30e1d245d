// `atlas-backup audit` against the in-process simulator: the exit status a nightly CI job keys on, every format,
// and flags named as the Atlas CLI names them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../../../src/cli/main';
import { AtlasSimulator, DEMO_CREDENTIALS, SEED, describeSeed } from '../../../../src/simulator';

const DAY = 86_400_000;
// Figures about the seeded data come from the seed's own description; figures that depend on the rules (errors,
// overdue, compliance) are checked against the rows of the JSON report of the same data.
const FACTS = describeSeed();
const seededIn = (...projects: string[]) => FACTS.clusters.filter((c) => projects.includes(c.projectName));

interface JsonRow {
  projectName: string;
  clusterName: string;
  backup: string;
  errors: number;
  overdue: boolean;
  compliance: string;
  promisedIntervalMs?: number;
  loadErrors: string[];
  auditFindings: { ruleId: string; severity: string }[];
}
interface JsonReport {
  verdict: string;
  summary: Record<string, number>;
  clusters: JsonRow[];
}

/** The summary line the rows call for, counted here rather than by the code under test. */
function lineFor(rows: JsonRow[]): string {
  const count = (p: (r: JsonRow) => boolean) => rows.filter(p).length;
  const incomplete = count((r) => r.loadErrors.length > 0);
  return [
    `${rows.length} cluster${rows.length === 1 ? '' : 's'}`,
    `${count((r) => r.backup === 'off')} backup off`,
    `${count((r) => r.errors > 0)} with errors`,
    `${count((r) => r.overdue)} overdue`,
    `${count((r) => r.compliance === 'not compliant')} not compliant`,
    ...(incomplete ? [`${incomplete} incomplete`] : []),
  ].join(' · ');
}

/** The text format's summary line: the last line, in the documented shape. */
function summaryOf(out: string): string {
  const line = out.trimEnd().split('\n').at(-1) ?? '';
  assert.match(
    line,
    /^\d+ clusters? · \d+ backup off · \d+ with errors · \d+ overdue · \d+ not compliant( · \d+ incomplete)?$/,
  );
  return line;
}

const fails = (rows: JsonRow[]) => rows.some((r) => r.auditFindings.some((f) => f.severity === 'error'));
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
  test('the seeded organisation as of now: one line per cluster, the summary, exit 1 only on an error', async () => {
    seedAgo(0);
    const r = await audit(['--base-url', url]);
    const json = JSON.parse((await audit(['--base-url', url, '--format', 'json'])).out) as JsonReport;
    assert.deepEqual(
      json.clusters.map((c) => `${c.projectName}/${c.clusterName}`).sort(),
      FACTS.clusters.map((c) => `${c.projectName}/${c.name}`).sort(),
    );
    assert.equal(r.code, fails(json.clusters) ? 1 : 0, r.out + r.err);
    assert.equal(json.verdict, fails(json.clusters) ? 'findings' : 'pass');
    for (const c of FACTS.clusters)
      assert.match(r.out, new RegExp(`^${c.projectName}/${c.name}  \\S+  backup ${c.backup} `, 'm'), c.name);
    assert.match(r.out, /^Production\/orders-rs {2}M30 {2}backup on {2}6h·/m);
    assert.match(
      r.out,
      /^Staging\/staging-rs {2}M10 {2}backup off {2}— {2}no policy\n {2}warning {2}Cloud backup is off for this cluster\. {2}backup-off$/m,
    );
    assert.equal(summaryOf(r.out), lineFor(json.clusters));
    assert.ok(summaryOf(r.out).startsWith(`${FACTS.clusters.length} clusters · ${FACTS.backupOff} backup off · `));
  });

  test('three days without a snapshot: exit 1, each overdue cluster says why', async () => {
    seedAgo(3 * DAY);
    const r = await audit(['--projectId', SEED.projects.production.id, '--projectId', SEED.projects.staging.id], {
      MONGODB_ATLAS_BASE_URL: url,
    });
    assert.equal(r.code, 1, r.err);
    assert.match(
      r.out,
      /Production\/orders-rs .* OVERDUE\n {2}recovery: RPO 3(\.\d)? d \(overdue\); .*\n {2}error {2}The newest completed snapshot \(.*\) is 3(\.\d)? d old; the schedule promises one every 6 h \(overdue after 7 h\)\. {2}snapshot-overdue/,
    );
    assert.ok(!/Sandbox\//.test(r.out), 'only the projects asked for');
    const json = JSON.parse(
      (
        await audit(
          ['--format', 'json', '--projectId', SEED.projects.production.id, '--projectId', SEED.projects.staging.id],
          { MONGODB_ATLAS_BASE_URL: url },
        )
      ).out,
    ) as JsonReport;
    const asked = seededIn('Production', 'Staging');
    assert.deepEqual(json.clusters.map((c) => c.clusterName).sort(), asked.map((c) => c.name).sort());
    assert.equal(summaryOf(r.out), lineFor(json.clusters));
    const off = asked.filter((c) => c.backup === 'off').length;
    assert.ok(summaryOf(r.out).startsWith(`${asked.length} clusters · ${off} backup off · `));
    // Three days is past every promise of a snapshot at least daily: each such cluster is overdue and says so.
    const daily = json.clusters.filter((c) => c.backup !== 'off' && (c.promisedIntervalMs ?? Infinity) <= DAY);
    assert.ok(daily.length > 0);
    for (const c of daily) {
      assert.equal(c.overdue, true, c.clusterName);
      assert.match(r.out, new RegExp(`^${c.projectName}/${c.clusterName} .* OVERDUE$`, 'm'), c.clusterName);
    }
    assert.equal((r.out.match(/ OVERDUE$/gm) ?? []).length, json.clusters.filter((c) => c.overdue).length);
  });

  test('json, markdown and sarif', async () => {
    seedAgo(0);
    const json = JSON.parse(
      (await audit(['--base-url', url, '--format', 'json', '--projectId', SEED.projects.production.id])).out,
    );
    assert.equal(json.summary.clusters, seededIn('Production').length);
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
