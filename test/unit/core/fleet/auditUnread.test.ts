// An honest audit: what could not be read is a finding of its own in every format, and the run does not pass while
// part of the fleet is unread. Faults are injected through the simulator's control plane (POST /__sim/faults), as a
// CI job against a flaky Atlas would meet them: a 5xx, a dropped connection, an answer that is not JSON, a 403.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../../../src/cli/main';
import { loadPosture } from '../../../../src/core/fleet/loader';
import { auditFindings, auditVerdict } from '../../../../src/core/fleet/audit';
import { AtlasClient } from '../../../../src/core/atlas';
import { AtlasSimulator, DEMO_CREDENTIALS, SEED, describeSeed, type FaultSpec } from '../../../../src/simulator';

const sim = new AtlasSimulator({});
let url = '';
const PROD = SEED.projects.production.id;
const STAGING = SEED.projects.staging.id;
before(async () => {
  url = (await sim.start()).url;
});
after(async () => {
  await sim.stop();
});
beforeEach(() => {
  sim.reset();
  sim.setRateLimit({ limit: 100_000, windowSeconds: 60 });
});

async function fault(spec: FaultSpec): Promise<void> {
  const res = await fetch(`${url}/__sim/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(spec),
  });
  assert.equal(res.status, 201, await res.text());
}

async function audit(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '',
    err = '';
  const code = await main(['audit', '--base-url', url, ...args], {
    out: (s) => {
      out += s;
    },
    err: (s) => {
      err += s;
    },
    env: {
      MONGODB_ATLAS_PUBLIC_API_KEY: DEMO_CREDENTIALS.apiKey.publicKey,
      MONGODB_ATLAS_PRIVATE_API_KEY: DEMO_CREDENTIALS.apiKey.privateKey,
    },
    interactive: false,
    ask: () => Promise.resolve(undefined),
  });
  return { code, out, err };
}

interface SarifResult {
  ruleId: string;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
}
const sarifResults = (text: string) => (JSON.parse(text) as { runs: { results: SarifResult[] }[] }).runs[0].results;

describe('audit: what could not be read', () => {
  test('every schedule read fails (5xx): each cluster is a not-read error, and the run fails with exit 1', async () => {
    for (const id of [PROD, STAGING])
      await fault({ pathPrefix: `/api/atlas/v2/groups/${id}/clusters/`, method: 'GET', status: 500, count: 10_000 });
    const r = await audit(['--projectId', PROD, '--projectId', STAGING]);
    assert.equal(r.code, 1, r.out + r.err);
    assert.match(
      r.out,
      /^Production\/orders-rs .*\n {2}recovery: .*\n {2}error {2}Not read: schedule: .*HTTP 500.* {2}not-read$/m,
    );
    assert.match(r.err, /part of the fleet could not be read/);
    const sarif = sarifResults((await audit(['--projectId', PROD, '--format', 'sarif'])).out);
    assert.ok(
      sarif.some(
        (x) => x.ruleId === 'not-read' && x.level === 'error' && /orders-rs: Not read: schedule/.test(x.message.text),
      ),
    );
  });

  test('a project whose cluster list fails is a finding of its own, in text, JSON, Markdown and SARIF (exit 1)', async () => {
    // Staging's cluster list (and everything under it) fails; Production is read.
    const failStaging = () =>
      fault({ pathPrefix: `/api/atlas/v2/groups/${STAGING}/clusters`, method: 'GET', status: 500, count: 100 });
    await failStaging();
    const text = await audit(['--projectId', PROD, '--projectId', STAGING]);
    assert.equal(text.code, 1, text.out + text.err);
    assert.match(text.out, /^Staging {2}\(project\)\n {2}error {2}Not read: .*HTTP 500.* {2}project-not-read$/m);
    assert.match(text.out, /^Production\/orders-rs/m, 'the rest of the fleet is still audited');

    await failStaging();
    const json = JSON.parse((await audit(['--projectId', PROD, '--projectId', STAGING, '--format', 'json'])).out) as {
      verdict: string;
      problems: { groupId: string; kind: string; auditFinding: { ruleId: string; severity: string } }[];
    };
    assert.equal(json.verdict, 'partial');
    assert.deepEqual(
      json.problems.map((p) => [p.groupId, p.kind, p.auditFinding.ruleId, p.auditFinding.severity]),
      [[STAGING, 'failed', 'project-not-read', 'error']],
    );

    await failStaging();
    const md = await audit(['--projectId', PROD, '--projectId', STAGING, '--format', 'markdown']);
    assert.match(md.out, /^## Not read$/m);
    assert.match(md.out, /^\| Staging \| project \| not read \| .*HTTP 500.* \|$/m);

    await failStaging();
    const sarif = await audit(['--projectId', PROD, '--projectId', STAGING, '--format', 'sarif']);
    assert.equal(sarif.code, 1);
    const result = sarifResults(sarif.out).find((x) => x.ruleId === 'project-not-read');
    assert.ok(result, 'the project reaches SARIF');
    assert.equal(result.level, 'error');
    assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, `atlas/${STAGING}/project.json`);
  });

  test('nothing could be read (every project fails, or a dropped listing): exit 3', async () => {
    await fault({ pathPrefix: '/api/atlas/v2/groups/', method: 'GET', status: 500, count: 100_000 });
    const r = await audit(['--projectId', PROD, '--projectId', STAGING]);
    assert.equal(r.code, 3, r.out + r.err);
    assert.match(r.err, /nothing could be read/);
    sim.faults.clear();
    await fault({ pathPrefix: '/api/atlas/v2/clusters', drop: true, count: 100 });
    assert.equal((await audit([])).code, 3);
  });

  test('a 403 on compliance policies (a read-only audit account): reported as not readable with this role, not a failure', async () => {
    for (const id of [PROD, STAGING])
      await fault({
        pathPrefix: `/api/atlas/v2/groups/${id}/backupCompliancePolicy`,
        status: 403,
        errorCode: 'USER_UNAUTHORIZED',
        count: 10,
      });
    const r = await audit(['--projectId', PROD, '--projectId', STAGING]);
    assert.match(
      r.out,
      /warning {2}Not readable with this role: compliance policy: .*HTTP 403.* {2}not-readable-with-role/,
    );
    // Only an error finding of a cluster itself (say, a schedule rule the seed breaks on purpose) fails the run.
    assert.doesNotMatch(r.out, /error {2}.*(not-readable-with-role|HTTP 403)/);
    assert.equal(r.code, /^ {2}error {2}/m.test(r.out) ? 1 : 0, r.out + r.err);
    assert.doesNotMatch(r.out, / not-read$/m);
  });

  test("one cluster's answer is not JSON: that cluster's finding, the others audited, exit 1 (not an abort)", async () => {
    await fault({
      pathPrefix: `/api/atlas/v2/groups/${PROD}/clusters/orders-rs/backup/schedule`,
      method: 'GET',
      after: 'malformed',
    });
    const r = await audit(['--projectId', PROD]);
    assert.equal(r.code, 1, r.out + r.err);
    assert.match(
      r.out,
      /^Production\/orders-rs .*\n {2}recovery: .*\n {2}error {2}Not read: schedule: Atlas answered .*not JSON.* {2}not-read$/m,
    );
    assert.match(r.out, /^Production\/ledger-pit .* backup continuous {2}\d/m, 'the next cluster is read as usual');
  });

  test("a schedule of the wrong shape (JSON, but policies is not a list) is that cluster's finding", async () => {
    const client = new AtlasClient({
      baseUrl: url,
      credentials: { kind: 'apiKey', ...DEMO_CREDENTIALS.apiKey },
      userAgent: 'audit-test/0',
    });
    const odd = Object.create(client) as AtlasClient;
    odd.getBackupSchedule = async (g, c, o) =>
      c === 'orders-rs' ? ({ policies: 5 } as never) : client.getBackupSchedule(g, c, o);
    const report = await loadPosture(odd, { projectIds: [PROD] });
    const row = report.rows.find((x) => x.clusterName === 'orders-rs')!;
    assert.deepEqual(
      auditFindings(row)
        .filter((f) => f.ruleId === 'not-read')
        .map((f) => f.message),
      ['Not read: schedule: Atlas\'s answer is not a backup schedule: "policies" is not a list.'],
    );
    const seeded = describeSeed().projects.find((p) => p.id === PROD)!.clusters.length;
    assert.equal(report.rows.length, seeded, 'every cluster has its row');
    assert.equal(auditVerdict(report.rows, report.problems), 'partial');
  });
});
