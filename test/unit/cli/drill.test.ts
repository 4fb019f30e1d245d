// atlas-backup drill against the in-process simulator on a clock the test moves: a drill end to end (the newest
// completed snapshot, one POST, watched to the end through the CLI's sleep, the report on stdout and in --out),
// a point in time, every refusal sending nothing yet still reporting, the usage errors, a failed restore, a start
// whose answer is lost (never retried), and Ctrl-C.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AtlasClient } from '../../../src/core/atlas';
import { main } from '../../../src/cli/main';
import { AtlasSimulator, DEMO_CREDENTIALS, SEED, type RecordedRequest } from '../../../src/simulator';

const T0 = Date.parse('2026-11-20T12:00:00Z');
let clock = T0;
let sim: AtlasSimulator;
let baseUrl = '';
let atlas: AtlasClient;
const PROD = SEED.projects.production.id;
const SANDBOX = SEED.projects.sandbox.id;
const isoOf = (ms: number) => new Date(ms).toISOString().replace('.000', '');

interface Result {
  code: number;
  out: string;
  err: string;
  waits: number[];
  sent: RecordedRequest[];
}

/** Runs the CLI in this process: the sleep moves the simulator's clock; `onWait` may play Ctrl-C. */
async function drill(args: string[], onWait?: (n: number, ctrlC: () => void) => void): Promise<Result> {
  const r: Result = { code: -1, out: '', err: '', waits: [], sent: [] };
  const interrupts = new Set<() => void>();
  const from = sim.requests.length;
  r.code = await main(['drill', ...args], {
    out: (s) => void (r.out += s),
    err: (s) => void (r.err += s),
    env: {
      MONGODB_ATLAS_CLIENT_ID: DEMO_CREDENTIALS.serviceAccount.clientId,
      MONGODB_ATLAS_CLIENT_SECRET: DEMO_CREDENTIALS.serviceAccount.clientSecret,
      MONGODB_ATLAS_BASE_URL: baseUrl,
    },
    interactive: false,
    now: () => clock,
    sleep: async (ms) => {
      r.waits.push(ms);
      clock += ms;
      onWait?.(r.waits.length, () => interrupts.forEach((h) => h()));
    },
    onInterrupt: (h) => {
      interrupts.add(h);
      return () => interrupts.delete(h);
    },
  });
  r.sent = sim.requests.slice(from);
  return r;
}

const posts = (r: Result) => r.sent.filter((x) => x.method === 'POST' && x.path.includes('/backup/restoreJobs'));
const changes = (r: Result) => r.sent.filter((x) => x.method !== 'GET' && !x.path.startsWith('/api/oauth'));
const ontoSandbox = ['--to', `${SANDBOX}/sandbox-001`, '--confirm', 'sandbox-001'];

async function newestCompletedId(groupId: string, cluster: string): Promise<string> {
  let best: { id?: string; createdAt?: string } | undefined;
  for await (const s of atlas.listSnapshots(groupId, cluster, { itemsPerPage: 500 }))
    if (s.status === 'completed' && (!best || Date.parse(s.createdAt ?? '') > Date.parse(best.createdAt ?? '')))
      best = s;
  assert.ok(best?.id);
  return best.id;
}

let tmp = '';
before(async () => {
  sim = new AtlasSimulator({ now: () => clock });
  ({ url: baseUrl } = await sim.start(0));
  atlas = new AtlasClient({
    baseUrl,
    credentials: { kind: 'serviceAccount', ...DEMO_CREDENTIALS.serviceAccount },
    userAgent: 'drill-cli-test/0',
  });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'drill-test-'));
});
after(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
  return sim.stop();
});
beforeEach(() => {
  clock = T0;
  sim.reset();
});

describe('atlas-backup drill: end to end', () => {
  test('the newest completed snapshot onto a scratch cluster, one POST, watched to its end: exit 0 and the JSON report', async () => {
    const snap = await newestCompletedId(PROD, 'orders-rs');
    sim.setRestoreSpeed({ minSeconds: 300 });
    const out = path.join(tmp, 'new-folder', 'drill.json');
    const r = await drill(['orders-rs', '--projectId', PROD, ...ontoSandbox, '--format', 'json', '--out', out]);
    assert.equal(r.code, 0, r.err);
    assert.equal(posts(r).length, 1);
    const report = JSON.parse(r.out) as Record<string, unknown>;
    assert.deepEqual(Object.keys(report), [
      'state',
      'snapshotId',
      'pointInTimeUtc',
      'source',
      'target',
      'startedAt',
      'finishedAt',
      'durationSeconds',
      'checks',
      'restoreJobId',
      'error',
    ]);
    assert.equal(report.state, 'completed');
    assert.equal(report.snapshotId, snap);
    assert.equal(report.pointInTimeUtc, null);
    assert.equal(report.source, `${PROD}/orders-rs`);
    assert.equal(report.target, `${SANDBOX}/sandbox-001`);
    assert.equal(report.startedAt, isoOf(T0));
    const seconds = report.durationSeconds as number;
    assert.ok(seconds >= 300 && seconds <= 340, `took ${seconds} s on the simulator's clock`);
    const checks = report.checks as { id: string; passed: boolean }[];
    assert.ok(checks.length >= 5 && checks.every((c) => c.passed));
    assert.ok(checks.some((c) => c.id === 'target-not-source'));
    assert.ok(report.restoreJobId);
    const waited = r.waits.reduce((a, b) => a + b, 0);
    assert.ok(waited >= 300_000, 'waited through the CLI’s sleep');
    assert.match(r.err, /Restore plan/, 'the plan on stderr');
    assert.equal(fs.readFileSync(out, 'utf8'), r.out, '--out holds the same report');
    const [job] = await (async () => {
      const all = [];
      for await (const j of atlas.listRestoreJobs(PROD, 'orders-rs')) all.push(j);
      return all;
    })();
    assert.equal(job.snapshotId, snap);
    assert.equal(job.targetClusterName, 'sandbox-001');
  });

  test('a point in time in text: the report an auditor reads, PASSED', async () => {
    const r = await drill([
      'ledger-pit',
      '--projectId',
      PROD,
      '--to',
      `${PROD}/orders-rs`,
      '--confirm',
      'orders-rs',
      '--point-in-time',
      '2026-11-20T12:00:00+01:00',
    ]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Restore drill report/);
    assert.match(r.out, /Outcome: +PASSED/);
    assert.match(r.out, /Restored: +point in time 2026-11-20 11:00:00 UTC/);
    assert.match(r.out, /passed {2}restorable-window/);
    assert.equal(posts(r).length, 1);
  });

  test('Markdown to --out', async () => {
    const out = path.join(tmp, 'drill.md');
    const r = await drill(['orders-rs', '--projectId', PROD, ...ontoSandbox, '--format', 'markdown', '--out', out]);
    assert.equal(r.code, 0, r.err);
    const md = fs.readFileSync(out, 'utf8');
    assert.match(md, /^# Restore drill: /);
    assert.match(md, /\| State \| completed \|/);
    assert.match(md, /\| `target-not-source` \| passed \|/);
  });
});

describe('atlas-backup drill: refused, still reported', () => {
  test('onto its own source: exit 1, nothing sent, the report printed and written', async () => {
    const out = path.join(tmp, 'refused.json');
    const r = await drill([
      'orders-rs',
      '--projectId',
      PROD,
      '--to',
      `${PROD}/orders-rs`,
      '--confirm',
      'orders-rs',
      '--format',
      'json',
      '--out',
      out,
    ]);
    assert.equal(r.code, 1);
    assert.equal(changes(r).length, 0);
    const report = JSON.parse(r.out) as { state: string; checks: { id: string; passed: boolean; reason: string }[] };
    assert.equal(report.state, 'refused');
    const own = report.checks.find((c) => c.id === 'target-not-source');
    assert.equal(own?.passed, false);
    assert.match(own?.reason ?? '', /never restores onto its source/);
    assert.equal(fs.readFileSync(out, 'utf8'), r.out);
  });

  test('no flag allows the source: --overwrite-source is a usage error (exit 2), nothing sent', async () => {
    const r = await drill([
      'orders-rs',
      '--projectId',
      PROD,
      '--to',
      `${PROD}/orders-rs`,
      '--confirm',
      'orders-rs',
      '--overwrite-source',
    ]);
    assert.equal(r.code, 2);
    assert.equal(r.sent.length, 0);
  });

  test('a point in time without continuous backup: exit 1 with the report', async () => {
    const r = await drill(['orders-rs', '--projectId', PROD, ...ontoSandbox, '--point-in-time', isoOf(T0 - 3_600_000)]);
    assert.equal(r.code, 1);
    assert.equal(changes(r).length, 0);
    assert.match(r.out, /REFUSED/);
    assert.match(r.out, /FAILED {2}continuous-backup/);
  });

  test('a scratch cluster that does not exist: exit 1, reported', async () => {
    const r = await drill([
      'orders-rs',
      '--projectId',
      PROD,
      '--to',
      `${SANDBOX}/no-such-cluster`,
      '--confirm',
      'no-such-cluster',
    ]);
    assert.equal(r.code, 1);
    assert.equal(changes(r).length, 0);
    assert.match(r.out, /State: +refused/);
    assert.match(r.out, /has no cluster named no-such-cluster/);
  });
});

describe('atlas-backup drill: usage', () => {
  for (const [name, args] of [
    ['no --confirm', ['orders-rs', '--projectId', PROD, '--to', `${SANDBOX}/sandbox-001`]],
    [
      'a --confirm naming another cluster',
      ['orders-rs', '--projectId', PROD, '--to', `${SANDBOX}/sandbox-001`, '--confirm', 'orders-rs'],
    ],
    ['no --to', ['orders-rs', '--projectId', PROD, '--confirm', 'sandbox-001']],
    ['an unknown --format', ['orders-rs', '--projectId', PROD, ...ontoSandbox, '--format', 'sarif']],
  ] as const)
    test(`${name}: exit 2, no request, no report`, async () => {
      const r = await drill([...args]);
      assert.equal(r.code, 2, r.err);
      assert.equal(r.sent.length, 0);
      assert.equal(r.out, '');
    });

  test('--help lists drill', async () => {
    const r = await drill(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.out, /atlas-backup drill <clusterName>/);
  });
});

describe('atlas-backup drill: failures', () => {
  test('the restore fails: exit 3, the report says failed with its job', async () => {
    sim.setRestoreSpeed({ failNext: 1 });
    const r = await drill(['orders-rs', '--projectId', PROD, ...ontoSandbox, '--format', 'json']);
    assert.equal(r.code, 3);
    const report = JSON.parse(r.out) as Record<string, unknown>;
    assert.equal(report.state, 'failed');
    assert.ok(report.restoreJobId);
    assert.equal(report.startedAt, isoOf(T0));
  });

  test('the start’s answer is lost: exit 3, one POST and never a second, the report says error', async () => {
    sim.faults.add({
      pathPrefix: `/api/atlas/v2/groups/${PROD}/clusters/orders-rs/backup/restoreJobs`,
      method: 'POST',
      after: 'drop',
    });
    const r = await drill(['orders-rs', '--projectId', PROD, ...ontoSandbox, '--format', 'json']);
    assert.equal(r.code, 3);
    assert.equal(posts(r).length, 1);
    assert.match(r.err, /may have reached Atlas/);
    const report = JSON.parse(r.out) as Record<string, unknown>;
    assert.equal(report.state, 'error');
    assert.equal(report.restoreJobId, null);
    assert.match(String(report.error), /atlas-backup restores orders-rs/);
  });

  test('an Atlas refusal holding terminal escapes: the text report on stdout and in --out carries them escaped', async () => {
    sim.faults.add({
      pathPrefix: `/api/atlas/v2/groups/${PROD}/clusters/orders-rs/backup/restoreJobs`,
      method: 'POST',
      status: 400,
      errorCode: 'VALIDATION_ERROR',
      detail: 'refused \u001b]52;c;aGk=\u0007 \u001b[2J \u202e',
    });
    const out = path.join(tmp, 'refused.txt');
    const r = await drill(['orders-rs', '--projectId', PROD, ...ontoSandbox, '--format', 'text', '--out', out]);
    assert.equal(r.code, 3, r.err);
    const file = fs.readFileSync(out, 'utf8');
    for (const text of [r.out, file]) {
      // eslint-disable-next-line no-control-regex -- the test looks for raw control characters
      assert.doesNotMatch(text, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
      assert.match(text, /\\u001b\]52/);
    }
  });

  test('Ctrl-C: exit 130, the report says in-progress, the restore goes on', async () => {
    sim.setRestoreSpeed({ minSeconds: 600 });
    const r = await drill(['orders-rs', '--projectId', PROD, ...ontoSandbox, '--format', 'json'], (n, ctrlC) =>
      n === 2 ? ctrlC() : undefined,
    );
    assert.equal(r.code, 130);
    const report = JSON.parse(r.out) as Record<string, unknown>;
    assert.equal(report.state, 'in-progress');
    assert.equal(report.finishedAt, null);
    assert.match(r.err, /goes on in Atlas/);
  });
});
