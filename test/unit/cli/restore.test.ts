// restore and restores against the in-process simulator on a clock the test moves: every restore kind end to end,
// every refusal sending nothing (the simulator's request log), the JSON shapes, the exit codes, and watching
// (to completion, a failure, a cancel, Ctrl-C) without a real sleep: the CLI's sleep moves the simulator's clock.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { AtlasClient } from '../../../src/core/atlas';
import type { RestoreJob } from '../../../src/core/atlas';
import { main } from '../../../src/cli/main';
import { exitFor, nextWatchDelay, WATCH_MAX_DELAY_MS } from '../../../src/cli/restoreWatch';
import { projectSnapshotRestoreJob } from '../../../src/core/restore';
import { buildCli } from './builtCli';
import { AtlasSimulator, DEMO_CREDENTIALS, SEED, type RecordedRequest } from '../../../src/simulator';

const T0 = Date.parse('2026-11-20T12:00:00Z');
let nowMs = T0;
let sim: AtlasSimulator;
let url = '';
let client: AtlasClient;
const PRODUCTION = SEED.projects.production.id;
const SANDBOX = SEED.projects.sandbox.id;
/** A project id no project has. */
const NOBODYS = 'aaaaaaaaaaaaaaaaaaaaaaaa';

interface Run {
  code: number;
  out: string;
  err: string;
  asked: string[];
  /** The waits the watch asked for. */
  slept: number[];
  /** What the simulator received during this run. */
  requests: RecordedRequest[];
}

interface RunOptions {
  interactive?: boolean;
  /** Credentials other than the demo service account's. */
  env?: Record<string, string>;
  answer?: string;
  /** Called at each wait of a watch (after the clock moved), with a function playing Ctrl-C. */
  onSleep?: (n: number, interrupt: () => void) => void | Promise<void>;
}

async function run(args: string[], o: RunOptions = {}): Promise<Run> {
  let out = '',
    err = '';
  const asked: string[] = [];
  const slept: number[] = [];
  const handlers = new Set<() => void>();
  const first = sim.requests.length;
  const code = await main(args, {
    out: (s) => {
      out += s;
    },
    err: (s) => {
      err += s;
    },
    env: {
      MONGODB_ATLAS_CLIENT_ID: DEMO_CREDENTIALS.serviceAccount.clientId,
      MONGODB_ATLAS_CLIENT_SECRET: DEMO_CREDENTIALS.serviceAccount.clientSecret,
      MONGODB_ATLAS_BASE_URL: url,
      ...o.env,
    },
    interactive: o.interactive ?? false,
    ask: async (q) => {
      asked.push(q);
      return o.answer;
    },
    now: () => nowMs,
    sleep: async (ms) => {
      slept.push(ms);
      nowMs += ms;
      await o.onSleep?.(slept.length, () => handlers.forEach((h) => h()));
    },
    onInterrupt: (h) => {
      handlers.add(h);
      return () => handlers.delete(h);
    },
  });
  return { code, out, err, asked, slept, requests: sim.requests.slice(first) };
}

const restoreJobRequests = (r: Run, method?: string) =>
  r.requests.filter((x) => x.path.includes('/backup/restoreJobs') && (!method || x.method === method));
/** Every request of the run that could change Atlas (the token's own POSTs aside). */
const writes = (r: Run) => r.requests.filter((x) => x.method !== 'GET' && !x.path.startsWith('/api/oauth'));

async function completedSnapshot(groupId: string, cluster: string): Promise<string> {
  const page = await client.listSnapshotsPage(groupId, cluster, { itemsPerPage: 50 });
  const s = page.results.find((x) => x.status === 'completed');
  assert.ok(s?.id, `${cluster} has a completed snapshot`);
  return s.id;
}

async function jobsOf(cluster: string, groupId = PRODUCTION): Promise<RestoreJob[]> {
  const jobs: RestoreJob[] = [];
  for await (const j of client.listRestoreJobs(groupId, cluster)) jobs.push(j);
  return jobs;
}

/** stdout must be exactly one JSON value. */
function onlyJson(r: Run): Record<string, unknown> {
  return JSON.parse(r.out) as Record<string, unknown>;
}

before(async () => {
  sim = new AtlasSimulator({ now: () => nowMs });
  ({ url } = await sim.start(0));
  client = new AtlasClient({
    baseUrl: url,
    credentials: { kind: 'serviceAccount', ...DEMO_CREDENTIALS.serviceAccount },
    userAgent: 'restore-cli-test/0',
  });
});
after(() => sim.stop());
beforeEach(() => {
  nowMs = T0;
  sim.reset();
});

describe('atlas-backup restore: each kind end to end', () => {
  test('a snapshot onto another project’s cluster: the plan first, one POST, watched to completion (exit 0)', async () => {
    const snap = await completedSnapshot(PRODUCTION, 'orders-rs');
    const r = await run([
      'restore',
      'orders-rs',
      '--projectId',
      PRODUCTION,
      '--snapshot',
      snap,
      '--to',
      `${SANDBOX}/sandbox-001`,
      '--confirm',
      'sandbox-001',
      '--watch',
    ]);
    assert.equal(r.code, 0, r.err);
    const planAt = r.out.indexOf('Restore plan');
    const startedAt = r.out.indexOf('Started restore job');
    assert.ok(planAt >= 0 && planAt < startedAt, r.out);
    for (const id of ['snapshot-completed', 'mongodb-version', 'topology', 'encryption-at-rest', 'target-not-source'])
      assert.match(r.out, new RegExp(`passed  ${id}: `));
    assert.match(r.out, /Every database on sandbox-001 is deleted and replaced/);
    assert.match(r.out, /Restore finished: sandbox-001/);
    assert.equal(restoreJobRequests(r, 'POST').length, 1);
    const [job] = await jobsOf('orders-rs');
    assert.equal(job.deliveryType, 'automated');
    assert.equal(job.snapshotId, snap);
    assert.equal(job.targetGroupId, SANDBOX);
    assert.equal(job.targetClusterName, 'sandbox-001');
    assert.ok(job.finishedAt, 'Atlas says it finished');
    assert.match(r.out, new RegExp(`${job.id}  completed  restore of snapshot ${snap} onto sandbox-001`));
  });

  test('a point in time with --format json: stdout is one value, the job with its plan; the plan went to stderr', async () => {
    const r = await run([
      'restore',
      'ledger-pit',
      '--projectId',
      PRODUCTION,
      '--point-in-time',
      // An hour before the clock (12:00 UTC), written with an offset.
      '2026-11-20T12:00:00+01:00',
      '--to',
      `${PRODUCTION}/orders-rs`,
      '--confirm',
      'orders-rs',
      '--watch',
      '--format',
      'json',
    ]);
    assert.equal(r.code, 0, r.err);
    const j = onlyJson(r);
    assert.equal(j.kind, 'snapshot');
    assert.equal(j.deliveryType, 'pointInTime');
    assert.equal(j.state, 'completed');
    assert.equal(j.pointInTimeUtc, new Date(T0 - 3_600_000).toISOString().replace('.000', ''));
    assert.equal(j.targetClusterName, 'orders-rs');
    assert.equal(j.createdAt, new Date(T0).toISOString().replace('.000', ''), 'the start this run timed');
    for (const k of ['id', 'atlasState', 'snapshotId', 'targetGroupId', 'finishedAt', 'expiresAt', 'deliveryUrl'])
      assert.ok(k in j, k);
    const plan = j.plan as { checks: { id: string; passed: boolean; reason: string }[]; ok: boolean };
    assert.equal(plan.ok, true);
    assert.deepEqual(
      plan.checks.map((c) => Object.keys(c)),
      plan.checks.map(() => ['id', 'passed', 'reason']),
    );
    assert.deepEqual(
      plan.checks.map((c) => c.id),
      [
        'continuous-backup',
        'restorable-window',
        'mongodb-version',
        'topology',
        'encryption-at-rest',
        'target-not-source',
      ],
    );
    assert.match(r.err, /Restore plan \(point-in-time restore\)/);
    assert.doesNotMatch(r.out, /Restore plan/);
  });

  test('a point in time as an oplog position ts:inc is sent as oplogTs and oplogInc', async () => {
    const ts = Math.floor(T0 / 1000) - 600;
    const r = await run([
      'restore',
      'ledger-pit',
      '--projectId',
      PRODUCTION,
      '--point-in-time',
      `${ts}:3`,
      '--to',
      `${PRODUCTION}/orders-rs`,
      '--confirm',
      'orders-rs',
      '--format',
      'json',
    ]);
    assert.equal(r.code, 0, r.err);
    const [job] = await jobsOf('ledger-pit');
    assert.equal(job.oplogTs, ts);
    assert.equal(job.oplogInc, 3);
    assert.equal(job.pointInTimeUTCSeconds, undefined);
    assert.equal(onlyJson(r).state, 'in-progress', 'not watched: the job as Atlas answered the start');
  });

  test('a download: no target, no --confirm, the links printed when they appear', async () => {
    const snap = await completedSnapshot(PRODUCTION, 'orders-rs');
    const r = await run([
      'restore',
      'orders-rs',
      '--projectId',
      PRODUCTION,
      '--snapshot',
      snap,
      '--download',
      '--watch',
    ]);
    assert.equal(r.code, 0, r.err);
    const [job] = await jobsOf('orders-rs');
    assert.equal(job.deliveryType, 'download');
    assert.ok(job.deliveryUrl?.length);
    for (const u of job.deliveryUrl) assert.ok(r.out.includes(u), `link ${u} printed`);
    assert.match(r.out, /valid until .* UTC/);
    assert.match(r.out, /Download ready/);
  });

  test('a download with --format json: deliveryUrl and expiresAt in the one JSON value', async () => {
    const snap = await completedSnapshot(PRODUCTION, 'orders-rs');
    const r = await run([
      'restore',
      'orders-rs',
      '--projectId',
      PRODUCTION,
      '--snapshot',
      snap,
      '--download',
      '--watch',
      '--format',
      'json',
    ]);
    assert.equal(r.code, 0, r.err);
    const j = onlyJson(r);
    assert.equal(j.deliveryType, 'download');
    assert.ok(Array.isArray(j.deliveryUrl) && j.deliveryUrl.length > 0);
    assert.equal(typeof j.expiresAt, 'string');
    assert.equal((j.plan as { target: unknown }).target, null);
  });

  test('onto the source itself only with --overwrite-source', async () => {
    const snap = await completedSnapshot(PRODUCTION, 'orders-rs');
    const args = ['restore', 'orders-rs', '--projectId', PRODUCTION, '--snapshot', snap];
    const target = ['--to', `${PRODUCTION}/orders-rs`, '--confirm', 'orders-rs'];
    const refused = await run([...args, ...target]);
    assert.equal(refused.code, 1);
    assert.match(refused.out, /FAILED {2}target-not-source/);
    assert.match(refused.err, /--to \(or --overwrite-source\)/);
    assert.equal(writes(refused).length, 0);
    const allowed = await run([...args, ...target, '--overwrite-source']);
    assert.equal(allowed.code, 0, allowed.err);
    assert.equal(restoreJobRequests(allowed, 'POST').length, 1);
  });
});

describe('atlas-backup restore: refusals send nothing', () => {
  test('a time in the future: exit 1, one line naming --point-in-time with the window, no POST', async () => {
    const future = new Date(T0 + 86_400_000).toISOString();
    const r = await run([
      'restore',
      'ledger-pit',
      '--projectId',
      PRODUCTION,
      '--point-in-time',
      future,
      '--to',
      `${PRODUCTION}/orders-rs`,
      '--confirm',
      'orders-rs',
    ]);
    assert.equal(r.code, 1);
    const lines = r.err.trim().split('\n');
    assert.equal(lines.length, 1, r.err);
    assert.match(lines[0], /--point-in-time: .* is in the future; ledger-pit can be restored from .* UTC to .* UTC/);
    assert.match(lines[0], /nothing was sent/);
    assert.match(r.out, /FAILED {2}restorable-window/);
    assert.equal(writes(r).length, 0);
  });

  test('a time before the window: exit 1, no POST', async () => {
    const r = await run([
      'restore',
      'ledger-pit',
      '--projectId',
      PRODUCTION,
      '--point-in-time',
      String(Math.floor(T0 / 1000) - 30 * 86_400),
      '--to',
      `${PRODUCTION}/orders-rs`,
      '--confirm',
      'orders-rs',
    ]);
    assert.equal(r.code, 1);
    assert.match(r.err, /--point-in-time: /);
    assert.equal(writes(r).length, 0);
  });

  test('a point in time on a cluster without continuous backup: exit 1, no POST', async () => {
    const r = await run([
      'restore',
      'orders-rs',
      '--projectId',
      PRODUCTION,
      '--point-in-time',
      String(Math.floor(T0 / 1000) - 60),
      '--to',
      `${SANDBOX}/sandbox-001`,
      '--confirm',
      'sandbox-001',
    ]);
    assert.equal(r.code, 1);
    assert.match(r.out, /FAILED {2}continuous-backup/);
    assert.equal(writes(r).length, 0);
  });

  test('a snapshot id that does not exist: exit 1, one line naming --snapshot, no POST', async () => {
    const r = await run([
      'restore',
      'orders-rs',
      '--projectId',
      PRODUCTION,
      '--snapshot',
      'bbbbbbbbbbbbbbbbbbbbbbbb',
      '--download',
    ]);
    assert.equal(r.code, 1);
    assert.equal(r.err.trim().split('\n').length, 1, r.err);
    assert.match(r.err, /--snapshot bbbbbbbbbbbbbbbbbbbbbbbb: orders-rs .* has no snapshot with this id/);
    assert.equal(writes(r).length, 0);
  });

  test('a target in a project the account cannot see: exit 1, one line naming --to, no POST', async () => {
    const snap = await completedSnapshot(PRODUCTION, 'orders-rs');
    const r = await run([
      'restore',
      'orders-rs',
      '--projectId',
      PRODUCTION,
      '--snapshot',
      snap,
      '--to',
      `${NOBODYS}/scratch`,
      '--confirm',
      'scratch',
    ]);
    assert.equal(r.code, 1);
    assert.equal(r.err.trim().split('\n').length, 1, r.err);
    assert.match(r.err, new RegExp(`--to ${NOBODYS}/scratch: project ${NOBODYS} is not one this account can see`));
    assert.equal(writes(r).length, 0);
  });

  test('a target cluster that does not exist: exit 1 naming --to, no POST', async () => {
    const snap = await completedSnapshot(PRODUCTION, 'orders-rs');
    const r = await run([
      'restore',
      'orders-rs',
      '--projectId',
      PRODUCTION,
      '--snapshot',
      snap,
      '--to',
      `${SANDBOX}/no-such-cluster`,
      '--confirm',
      'no-such-cluster',
    ]);
    assert.equal(r.code, 1);
    assert.match(r.err, /--to .*: project .* has no cluster named no-such-cluster/);
    assert.equal(writes(r).length, 0);
  });

  test('an incompatible target (a replica-set snapshot onto a sharded cluster): exit 1 naming --to, no POST', async () => {
    const snap = await completedSnapshot(PRODUCTION, 'orders-rs');
    const r = await run([
      'restore',
      'orders-rs',
      '--projectId',
      PRODUCTION,
      '--snapshot',
      snap,
      '--to',
      `${PRODUCTION}/catalog-sharded`,
      '--confirm',
      'catalog-sharded',
      '--format',
      'json',
    ]);
    assert.equal(r.code, 1);
    assert.equal(r.out, '', 'no job, so no JSON value');
    assert.match(r.err, /FAILED {2}topology/);
    assert.match(r.err, new RegExp(`--to ${PRODUCTION}/catalog-sharded: orders-rs is a replica set`));
    assert.equal(writes(r).length, 0);
  });

  test('usage errors (exit 2) send no request at all', async () => {
    const snap = 'cccccccccccccccccccccccc';
    const to = ['--to', `${SANDBOX}/sandbox-001`];
    const cases: [string[], RegExp][] = [
      [['--snapshot', snap, ...to], /needs --confirm sandbox-001/],
      [
        ['--snapshot', snap, ...to, '--confirm', 'orders-rs'],
        /--confirm "orders-rs" does not name the target cluster "sandbox-001"/,
      ],
      [['--snapshot', snap, '--point-in-time', '1795000000', ...to, '--confirm', 'sandbox-001'], /not both/],
      [
        ['--point-in-time', '1795000000:0', ...to, '--confirm', 'sandbox-001'],
        /--point-in-time "1795000000:0" has an oplog inc/,
      ],
      [
        ['--point-in-time', '1795000000:x', ...to, '--confirm', 'sandbox-001'],
        /--point-in-time "1795000000:x" is not an oplog position/,
      ],
      [
        ['--point-in-time', '2026-11-20T10:00:00', ...to, '--confirm', 'sandbox-001'],
        /--point-in-time .* has no time zone/,
      ],
      [['--snapshot', 'nope', '--download'], /--snapshot "nope" is not a snapshot id/],
      [['--snapshot', snap], /needs --to/],
      [['--snapshot', snap, '--download', ...to], /leave out --to/],
      [
        ['--snapshot', snap, ...to.slice(0, 1), 'sandbox-001', '--confirm', 'sandbox-001'],
        /--to "sandbox-001" must be <projectId>\/<clusterName>/,
      ],
      [['--snapshot', snap, '--download', '--format', 'yaml'], /--format "yaml"/],
      [
        ['--snapshot', snap, '--write-strategy', 'overwrite', ...to],
        /--write-strategy goes with --collection or --database/,
      ],
      [[], /needs --snapshot ID or --point-in-time/],
    ];
    for (const [extra, message] of cases) {
      const r = await run(['restore', 'orders-rs', '--projectId', PRODUCTION, ...extra]);
      assert.equal(r.code, 2, `${extra.join(' ')}: ${r.err}`);
      assert.match(r.err, message);
      assert.equal(r.requests.length, 0, `${extra.join(' ')}: nothing sent, not even for a token`);
    }
  });
});

describe('atlas-backup restore: a create is sent once', () => {
  test('a start whose answer is lost: exit 3, one POST, and the message says to look at restores first', async () => {
    const snap = await completedSnapshot(PRODUCTION, 'orders-rs');
    const jobsBefore = (await jobsOf('orders-rs')).length;
    sim.faults.add({
      pathPrefix: `/api/atlas/v2/groups/${PRODUCTION}/clusters/orders-rs/backup/restoreJobs`,
      method: 'POST',
      after: 'drop',
    });
    const r = await run(['restore', 'orders-rs', '--projectId', PRODUCTION, '--snapshot', snap, '--download']);
    assert.equal(r.code, 3);
    assert.equal(restoreJobRequests(r, 'POST').length, 1);
    assert.match(r.err, /may have reached Atlas/);
    assert.match(r.err, new RegExp(`atlas-backup restores orders-rs --projectId ${PRODUCTION}`));
    assert.equal((await jobsOf('orders-rs')).length, jobsBefore + 1, 'the dropped start did reach the simulator');
  });
});

describe('watching', () => {
  test('the back-off: a few seconds at first, never more than 30 s', () => {
    const delays: number[] = [];
    let d: number | undefined;
    for (let i = 0; i < 12; i++) delays.push((d = nextWatchDelay(d)));
    assert.ok(delays[0] <= 5_000);
    assert.ok(delays.every((x, i) => i === 0 || x >= delays[i - 1]));
    assert.equal(Math.max(...delays), WATCH_MAX_DELAY_MS);
  });

  test('a watch succeeds when the restore finished or a download’s links appeared; otherwise exit 3', () => {
    const job = (j: Partial<RestoreJob>) => projectSnapshotRestoreJob({ id: 'x', deliveryType: 'download', ...j });
    assert.equal(exitFor(job({ finishedAt: '2026-11-20T12:00:00Z' })), 0);
    assert.equal(exitFor(job({ deliveryUrl: ['https://example.invalid/a.tar.gz'] })), 0, 'links before finishedAt');
    assert.equal(exitFor(job({})), 3, 'no links yet');
    assert.equal(exitFor(job({ deliveryType: 'automated' })), 3);
    assert.equal(exitFor(job({ failed: true, deliveryUrl: ['https://example.invalid/a.tar.gz'] })), 3);
    assert.equal(exitFor(job({ cancelled: true })), 3);
    assert.equal(exitFor(job({ expired: true })), 3);
  });

  test('a 10-minute restore is watched to its end in at most 40 requests', async () => {
    const snap = await completedSnapshot(PRODUCTION, 'orders-rs');
    sim.setRestoreSpeed({ minSeconds: 600 });
    const r = await run(
      [
        'restore',
        'orders-rs',
        '--projectId',
        PRODUCTION,
        '--snapshot',
        snap,
        '--to',
        `${SANDBOX}/sandbox-001`,
        '--confirm',
        'sandbox-001',
        '--watch',
      ],
      { interactive: true },
    );
    assert.equal(r.code, 0, r.err);
    const polls = restoreJobRequests(r, 'GET').length;
    const total = r.requests.length;
    assert.ok(total <= 40, `${total} requests in all (${polls} while watching)`);
    const waited = r.slept.reduce((a, b) => a + b, 0);
    assert.ok(waited >= 600_000 && waited < 600_000 + WATCH_MAX_DELAY_MS, `waited ${waited} ms`);
    assert.equal(polls, r.slept.length);
    assert.match(r.err, /in progress, \d+m \d\ds so far/, 'progress on a terminal');
    process.stdout.write(`# watching a 10-minute restore: ${polls} reads of the job, ${total} requests in all\n`);
  });

  test('a watched restore that fails: exit 3 and what to do', async () => {
    const snap = await completedSnapshot(PRODUCTION, 'orders-rs');
    sim.setRestoreSpeed({ failNext: 1 });
    const r = await run([
      'restore',
      'orders-rs',
      '--projectId',
      PRODUCTION,
      '--snapshot',
      snap,
      '--download',
      '--watch',
    ]);
    assert.equal(r.code, 3);
    assert.match(r.err, /failed/);
    assert.match(r.out, / failed {2}download/);
  });

  test('a watched restore cancelled meanwhile: exit 3', async () => {
    const snap = await completedSnapshot(PRODUCTION, 'orders-rs');
    sim.setRestoreSpeed({ minSeconds: 120 });
    const r = await run(
      ['restore', 'orders-rs', '--projectId', PRODUCTION, '--snapshot', snap, '--download', '--watch'],
      {
        onSleep: async (n) => {
          if (n === 1) {
            const [job] = await jobsOf('orders-rs');
            await client.cancelRestoreJob(PRODUCTION, 'orders-rs', job.id!);
          }
        },
      },
    );
    assert.equal(r.code, 3);
    assert.match(r.err, /was cancelled/);
  });

  test('Ctrl-C stops watching: exit 130, the job goes on, and how to watch it again', async () => {
    const snap = await completedSnapshot(PRODUCTION, 'orders-rs');
    sim.setRestoreSpeed({ minSeconds: 600 });
    const r = await run(
      [
        'restore',
        'orders-rs',
        '--projectId',
        PRODUCTION,
        '--snapshot',
        snap,
        '--download',
        '--watch',
        '--format',
        'json',
      ],
      { onSleep: (n, interrupt) => (n === 2 ? interrupt() : undefined) },
    );
    assert.equal(r.code, 130);
    const j = onlyJson(r);
    assert.equal(j.state, 'in-progress');
    assert.match(r.err, new RegExp(`restore job ${String(j.id)} goes on in Atlas`));
    assert.match(r.err, new RegExp(`restores orders-rs --projectId ${PRODUCTION} --watch ${String(j.id)}`));
    const [job] = await jobsOf('orders-rs');
    assert.equal(job.cancelled, false);
    assert.equal(job.finishedAt, undefined);
  });
});

describe('atlas-backup restores', () => {
  test('lists the jobs in Atlas’s order; --format json is one array of projections', async () => {
    const atlas = await jobsOf('orders-rs');
    assert.ok(atlas.length >= 1, 'the seed has restored orders-rs');
    const r = await run(['restores', 'orders-rs', '--projectId', PRODUCTION, '--format', 'json']);
    assert.equal(r.code, 0, r.err);
    const list = JSON.parse(r.out) as { id: string; kind: string; state: string }[];
    assert.deepEqual(
      list.map((j) => j.id),
      atlas.map((j) => j.id),
    );
    assert.ok(list.every((j) => j.kind === 'snapshot'));
    const text = await run(['restores', 'orders-rs', '--projectId', PRODUCTION]);
    assert.equal(text.code, 0);
    for (const j of atlas) assert.ok(text.out.includes(j.id!));
    const none = await run(['restores', 'ledger-pit', '--projectId', PRODUCTION, '--format', 'json']);
    assert.deepEqual(JSON.parse(none.out), []);
  });

  test('--watch JOB_ID follows a job to its end; an unknown id is exit 1, a malformed one exit 2', async () => {
    const snap = await completedSnapshot(PRODUCTION, 'orders-rs');
    const job = await client.createRestoreJob(PRODUCTION, 'orders-rs', { deliveryType: 'download', snapshotId: snap });
    const r = await run(['restores', 'orders-rs', '--projectId', PRODUCTION, '--watch', job.id!, '--format', 'json']);
    assert.equal(r.code, 0, r.err);
    const j = onlyJson(r);
    assert.equal(j.id, job.id);
    assert.equal(j.state, 'completed');
    assert.equal(j.createdAt, null, 'Atlas keeps no start time and this run did not start it');
    const unknown = await run([
      'restores',
      'orders-rs',
      '--projectId',
      PRODUCTION,
      '--watch',
      'dddddddddddddddddddddddd',
    ]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.err, /--watch dddddddddddddddddddddddd: orders-rs .* has no restore job with this id/);
    const malformed = await run(['restores', 'orders-rs', '--projectId', PRODUCTION, '--watch', 'x1']);
    assert.equal(malformed.code, 2);
    assert.match(malformed.err, /--watch "x1" is not a restore job id/);
  });

  test('--cancel asks on a terminal, needs --yes without one, and is sent once', async () => {
    const snap = await completedSnapshot(PRODUCTION, 'orders-rs');
    sim.setRestoreSpeed({ minSeconds: 600 });
    const job = await client.createRestoreJob(PRODUCTION, 'orders-rs', {
      deliveryType: 'automated',
      snapshotId: snap,
      targetGroupId: SANDBOX,
      targetClusterName: 'sandbox-001',
    });
    const args = ['restores', 'orders-rs', '--projectId', PRODUCTION, '--cancel', job.id!];
    const noTerminal = await run(args);
    assert.equal(noTerminal.code, 1);
    assert.match(noTerminal.err, /pass --yes/);
    const declined = await run(args, { interactive: true, answer: 'n' });
    assert.equal(declined.code, 1);
    assert.equal(declined.asked.length, 1);
    assert.match(declined.asked[0], /Cancel restore job .* sandbox-001 may be left with partial data/);
    assert.equal(restoreJobRequests(noTerminal, 'DELETE').length + restoreJobRequests(declined, 'DELETE').length, 0);
    const yes = await run([...args, '--yes', '--format', 'json']);
    assert.equal(yes.code, 0, yes.err);
    assert.equal(onlyJson(yes).state, 'cancelled');
    assert.equal(restoreJobRequests(yes, 'DELETE').length, 1);
    assert.equal((await client.getRestoreJob(PRODUCTION, 'orders-rs', job.id!)).cancelled, true);
  });

  test('--cancel of a finished download makes its links stop working', async () => {
    const snap = await completedSnapshot(PRODUCTION, 'orders-rs');
    const job = await client.createRestoreJob(PRODUCTION, 'orders-rs', { deliveryType: 'download', snapshotId: snap });
    nowMs += 60_000;
    const ready = await client.getRestoreJob(PRODUCTION, 'orders-rs', job.id!);
    assert.ok(ready.finishedAt && ready.deliveryUrl?.length, 'the download finished within a minute');
    const r = await run(['restores', 'orders-rs', '--projectId', PRODUCTION, '--cancel', job.id!], {
      interactive: true,
      answer: 'yes',
    });
    assert.equal(r.code, 0, r.err);
    assert.match(r.asked[0], /Invalidate the download links of restore job/);
    assert.match(r.out, /Its download links no longer work/);
    assert.equal((await client.getRestoreJob(PRODUCTION, 'orders-rs', job.id!)).expired, true);
  });

  test('--cancel of a job that cannot be cancelled: exit 1, nothing sent', async () => {
    const finished = (await jobsOf('orders-rs')).find((j) => j.deliveryType === 'automated' && j.finishedAt);
    assert.ok(finished, 'the seed has a finished restore onto a cluster');
    const r = await run(['restores', 'orders-rs', '--projectId', PRODUCTION, '--cancel', finished.id!, '--yes']);
    assert.equal(r.code, 1);
    assert.match(r.err, /cannot be cancelled: it has finished/);
    assert.equal(writes(r).length, 0);
  });

  test('--cancel that Atlas refuses (405, a sharded restore under way): exit 1', async () => {
    const page = await client.listShardedSnapshots(PRODUCTION, 'catalog-sharded');
    const snap = page.results.find((s) => s.status === 'completed');
    assert.ok(snap?.id);
    sim.setRestoreSpeed({ minSeconds: 600 });
    const job = await client.createRestoreJob(PRODUCTION, 'catalog-sharded', {
      deliveryType: 'automated',
      snapshotId: snap.id,
      targetGroupId: PRODUCTION,
      targetClusterName: 'catalog-sharded',
    });
    const r = await run(['restores', 'catalog-sharded', '--projectId', PRODUCTION, '--cancel', job.id!, '--yes']);
    assert.equal(r.code, 1, r.err);
    assert.match(r.err, /Atlas cannot cancel this restore job \(ATLAS_BACKUP_CANCEL_SHARD_RESTORE_JOB_NOT_ALLOWED/);
    assert.equal(restoreJobRequests(r, 'DELETE').length, 1);
  });
});

describe('roles', () => {
  test('an account without an operator role: the start is refused by Atlas (403, exit 3) naming the role', async () => {
    const snap = await completedSnapshot(PRODUCTION, 'orders-rs');
    const r = await run(['restore', 'orders-rs', '--projectId', PRODUCTION, '--snapshot', snap, '--download'], {
      env: {
        MONGODB_ATLAS_CLIENT_ID: DEMO_CREDENTIALS.backupManagerServiceAccount.clientId,
        MONGODB_ATLAS_CLIENT_SECRET: DEMO_CREDENTIALS.backupManagerServiceAccount.clientSecret,
      },
    });
    assert.equal(r.code, 3);
    assert.match(r.err, /nothing changed in Atlas/);
    assert.match(r.err, /Operator/);
    assert.equal(restoreJobRequests(r, 'POST').length, 1);
  });
});

describe('the built CLI', () => {
  let tmp = '';
  let cli = '';
  before(() => ({ tmp, cli } = buildCli('atlas-backup-restore-')));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('Ctrl-C (SIGINT) while watching: exit 130, the restore goes on', async () => {
    const snap = await completedSnapshot(PRODUCTION, 'orders-rs');
    // The simulator's clock stands still here, so the job never ends: only the SIGINT can stop the watch.
    const child = spawn(
      process.execPath,
      [cli, 'restore', 'orders-rs', '--projectId', PRODUCTION, '--snapshot', snap, '--download', '--watch'],
      {
        env: {
          PATH: process.env.PATH,
          MONGODB_ATLAS_CLIENT_ID: DEMO_CREDENTIALS.serviceAccount.clientId,
          MONGODB_ATLAS_CLIENT_SECRET: DEMO_CREDENTIALS.serviceAccount.clientSecret,
          MONGODB_ATLAS_BASE_URL: url,
        },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let out = '',
      err = '',
      interrupted = false;
    child.stdout.on('data', (d) => {
      out += d;
      // Once: a second Ctrl-C after the watch let go is the shell's ordinary Ctrl-C.
      if (!interrupted && out.includes('Watching it')) interrupted = child.kill('SIGINT');
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.stdin.end();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 130, `${out}\n${err}`);
    assert.match(err, /goes on in Atlas/);
    const [job] = await jobsOf('orders-rs');
    assert.equal(job.finishedAt, undefined);
    assert.equal(job.cancelled, false);
  });
});
