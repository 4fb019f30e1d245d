// Collection and database restores and Flex clusters' restores in the CLI, against the in-process simulator on a
// clock the test moves: each kind end to end (what was sent, the JSON shape, watching), every refusal and usage error
// sending nothing (the simulator's request log), the create sent once, and `restores` finding collection and Flex
// jobs (which cannot be cancelled).
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AtlasClient } from '../../../src/core/atlas';
import { main } from '../../../src/cli/main';
import { AtlasSimulator, DEMO_CREDENTIALS, SEED, describeSeed, type RecordedRequest } from '../../../src/simulator';

const T0 = Date.parse('2026-11-20T12:00:00Z');
let nowMs = T0;
let sim: AtlasSimulator;
let url = '';
let client: AtlasClient;
const PRODUCTION = SEED.projects.production.id;
const SANDBOX = SEED.projects.sandbox.id;
const FLEX = describeSeed().flexClusters[0];
const TO = ['--to', `${SANDBOX}/sandbox-001`];

interface Run {
  code: number;
  out: string;
  err: string;
  requests: RecordedRequest[];
}

async function run(args: string[], o: { interactive?: boolean; interruptAtSleep?: number } = {}): Promise<Run> {
  let out = '',
    err = '';
  const first = sim.requests.length;
  const handlers = new Set<() => void>();
  let sleeps = 0;
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
    },
    interactive: o.interactive ?? false,
    ask: () => Promise.resolve(undefined),
    now: () => nowMs,
    sleep: (ms) => {
      nowMs += ms;
      // Ctrl-C during this wait: the handlers the watch registered run, as on SIGINT.
      if (++sleeps === o.interruptAtSleep) handlers.forEach((h) => h());
      return Promise.resolve();
    },
    onInterrupt: (h) => {
      handlers.add(h);
      return () => handlers.delete(h);
    },
  });
  return { code, out, err, requests: sim.requests.slice(first) };
}

/** Every request of the run that could change Atlas (the token's own POSTs aside). */
const writes = (r: Run) => r.requests.filter((x) => x.method !== 'GET' && !x.path.startsWith('/api/oauth'));
const collectionPosts = (r: Run) =>
  r.requests.filter((x) => x.method === 'POST' && x.path.endsWith('/collectionRestoreJobs'));

async function completedSnapshot(groupId: string, cluster: string): Promise<string> {
  const page = await client.listSnapshotsPage(groupId, cluster, { itemsPerPage: 50 });
  const s = page.results.find((x) => x.status === 'completed');
  assert.ok(s?.id, `${cluster} has a completed snapshot`);
  return s.id;
}

async function flexSnapshot(): Promise<string> {
  const [s] = (await client.listFlexSnapshotsPage(FLEX.projectId, FLEX.name)).results;
  assert.ok(s?.id, `${FLEX.name} has a snapshot`);
  return s.id;
}

/** What Atlas (the simulator) recorded of the cluster's newest collection restore job: what was sent. */
async function newestCollectionJob(groupId: string, cluster: string) {
  const [job] = (await client.listCollectionRestoreJobsPage(groupId, cluster)).results;
  assert.ok(job, `${cluster} has a collection restore job`);
  return job;
}

before(async () => {
  sim = new AtlasSimulator({ now: () => nowMs });
  ({ url } = await sim.start(0));
  client = new AtlasClient({
    baseUrl: url,
    credentials: { kind: 'serviceAccount', ...DEMO_CREDENTIALS.serviceAccount },
    userAgent: 'restore-collection-cli-test/0',
  });
});
after(() => sim.stop());
beforeEach(() => {
  nowMs = T0;
  sim.reset();
});

describe('restore --collection / --database', () => {
  test('create-new asks nothing: the plan first, one POST with the namespaces, watched in documents (exit 0)', async () => {
    const snap = await completedSnapshot(PRODUCTION, 'orders-rs');
    // Long enough that the watch sees the documents being copied.
    sim.setRestoreSpeed({ minSeconds: 120 });
    const r = await run(
      [
        'restore',
        'orders-rs',
        '--projectId',
        PRODUCTION,
        '--snapshot',
        snap,
        '--collection',
        'shop.orders=shop.orders_copy',
        '--collection',
        'reporting.orders.archive',
        ...TO,
        '--watch',
      ],
      { interactive: true },
    );
    assert.equal(r.code, 0, r.err);
    assert.ok(r.out.indexOf('Restore plan (collection restore)') < r.out.indexOf('Started collection restore job'));
    assert.match(r.out, /shop\.orders -> shop\.orders_copy/);
    assert.match(r.out, /passed {2}namespaces-in-snapshot/);
    assert.match(r.out, /Write strategy: create-new; index strategy: all/);
    assert.match(r.err, /IN_PROGRESS, \d+ of \d+ documents/, 'progress in documents on a terminal');
    assert.match(r.out, /Collection restore finished: \d+ documents restored onto sandbox-001/);
    const posts = collectionPosts(r);
    assert.equal(posts.length, 1);
    const body = await newestCollectionJob(PRODUCTION, 'orders-rs');
    assert.deepEqual(body.collections, [
      { sourceNamespace: 'shop.orders', targetNamespace: 'shop.orders_copy' },
      // Split at the first dot: the collection is `orders.archive`.
      { sourceNamespace: 'reporting.orders.archive', targetNamespace: 'reporting.orders.archive' },
    ]);
    assert.equal(body.writeStrategy, 'CREATE_NEW');
    assert.equal(body.indexStrategy, 'ALL');
    assert.equal(body.snapshotId, snap);
  });

  test('a database with overwrite, suffixes and --format json: one JSON value, the job with its plan', async () => {
    const snap = await completedSnapshot(PRODUCTION, 'orders-rs');
    const r = await run([
      'restore',
      'orders-rs',
      '--projectId',
      PRODUCTION,
      '--snapshot',
      snap,
      '--database',
      'shop=shop_restored',
      '--database-suffix',
      '_x',
      '--write-strategy',
      'overwrite',
      '--index-strategy',
      'all-except-ttl',
      ...TO,
      '--confirm',
      'sandbox-001',
      '--format',
      'json',
    ]);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out) as Record<string, unknown> & { plan: { checks: unknown[]; namespaces: unknown[] } };
    assert.equal(j.kind, 'collection');
    assert.equal(j.deliveryType, 'overwrite');
    assert.equal(j.state, 'in-progress');
    assert.equal(j.targetClusterName, 'sandbox-001');
    assert.deepEqual(j.plan.namespaces, [{ source: 'shop', target: 'shop_restored_x' }]);
    assert.ok(j.plan.checks.every((c) => Object.keys(c as object).join() === 'id,passed,reason'));
    assert.match(r.err, /Restore plan \(database restore\)/, 'the plan went to stderr');
    assert.equal(collectionPosts(r).length, 1);
    const body = await newestCollectionJob(PRODUCTION, 'orders-rs');
    assert.deepEqual(body.databases, [{ sourceNamespace: 'shop', targetNamespace: 'shop_restored' }]);
    assert.equal(body.writeStrategy, 'OVERWRITE_EXISTING');
    assert.equal(body.indexStrategy, 'ALL_EXCEPT_TTL');
    assert.equal(body.databaseSuffix, '_x');
  });

  test('a point in time is sent as pointInTimeUtcSeconds (Atlas’s spelling for collection jobs)', async () => {
    const r = await run([
      'restore',
      'ledger-pit',
      '--projectId',
      PRODUCTION,
      '--point-in-time',
      String(T0 / 1000 - 3600),
      '--collection',
      'ledger.entries',
      ...TO,
    ]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /passed {2}restorable-window/);
    assert.equal(collectionPosts(r).length, 1);
    const body = await newestCollectionJob(PRODUCTION, 'ledger-pit');
    assert.equal(body.pointInTimeUtcSeconds, T0 / 1000 - 3600);
    assert.equal(body.snapshotId, undefined);
  });

  test('a watched collection restore that fails: exit 3 with Atlas’s reason', async () => {
    const snap = await completedSnapshot(PRODUCTION, 'orders-rs');
    sim.setRestoreSpeed({ failNext: 1 });
    const r = await run([
      'restore',
      'orders-rs',
      '--projectId',
      PRODUCTION,
      '--snapshot',
      snap,
      '--collection',
      'shop.orders',
      ...TO,
      '--watch',
    ]);
    assert.equal(r.code, 3);
    assert.match(r.err, /Collection restore job [a-f0-9]{24} failed: .*failed while copying/);
  });

  test('a start whose answer is lost: exit 3, one POST, and the message says to look at restores first', async () => {
    const snap = await completedSnapshot(PRODUCTION, 'orders-rs');
    sim.faults.add({
      pathPrefix: `/api/atlas/v2/groups/${PRODUCTION}/clusters/orders-rs/collectionRestoreJobs`,
      method: 'POST',
      after: 'drop',
    });
    const r = await run([
      'restore',
      'orders-rs',
      '--projectId',
      PRODUCTION,
      '--snapshot',
      snap,
      '--collection',
      'shop.orders',
      ...TO,
    ]);
    assert.equal(r.code, 3);
    assert.equal(collectionPosts(r).length, 1);
    assert.match(r.err, /may have reached Atlas/);
    assert.match(r.err, new RegExp(`atlas-backup restores orders-rs --projectId ${PRODUCTION}`));
  });
});

describe('restore --collection: Ctrl-C', () => {
  test('stops watching: exit 130, the job goes on, and how to watch it again', async () => {
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
        '--collection',
        'shop.orders',
        ...TO,
        '--watch',
      ],
      { interruptAtSleep: 2 },
    );
    assert.equal(r.code, 130, r.err);
    assert.match(
      r.err,
      /goes on in Atlas. Watch it again: atlas-backup restores orders-rs --projectId [a-f0-9]{24} --watch [a-f0-9]{24}/,
    );
    assert.equal(collectionPosts(r).length, 1);
    const job = await newestCollectionJob(PRODUCTION, 'orders-rs');
    assert.notEqual(job.state, 'SUCCESSFUL', 'still running when the watch stopped');
  });
});

describe('restore --collection: refusals (exit 1) send nothing', () => {
  test('a collection the snapshot does not hold: one line naming --collection and what it holds', async () => {
    const snap = await completedSnapshot(PRODUCTION, 'orders-rs');
    const r = await run([
      'restore',
      'orders-rs',
      '--projectId',
      PRODUCTION,
      '--snapshot',
      snap,
      '--collection',
      'shop.nope',
      ...TO,
    ]);
    assert.equal(r.code, 1, r.err);
    assert.match(
      r.err,
      /--collection: Snapshot [a-f0-9]{24} holds no shop\.nope; it holds the databases reporting, shop/,
    );
    assert.match(r.err, /nothing was sent/);
    assert.deepEqual(writes(r), []);
  });

  test('onto the source itself without --overwrite-source; with it, sent', async () => {
    const snap = await completedSnapshot(PRODUCTION, 'orders-rs');
    const args = ['restore', 'orders-rs', '--projectId', PRODUCTION, '--snapshot', snap, '--database', 'shop'];
    const to = ['--to', `${PRODUCTION}/orders-rs`];
    const refused = await run([...args, ...to]);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /--to \(or --overwrite-source\): The target is orders-rs itself/);
    assert.deepEqual(writes(refused), []);
    const allowed = await run([...args, ...to, '--overwrite-source']);
    assert.equal(allowed.code, 0, allowed.err);
    assert.equal(collectionPosts(allowed).length, 1);
  });

  test('a point in time outside the window, a target that does not exist, a snapshot that does not exist', async () => {
    const snap = await completedSnapshot(PRODUCTION, 'orders-rs');
    const cases: [string[], RegExp][] = [
      [
        ['ledger-pit', '--point-in-time', String(T0 / 1000 + 3600), '--collection', 'ledger.entries', ...TO],
        /--point-in-time: .* is in the future/,
      ],
      [
        ['orders-rs', '--snapshot', snap, '--collection', 'shop.orders', '--to', `${SANDBOX}/nowhere`],
        /--to [a-f0-9]{24}\/nowhere: project [a-f0-9]{24} has no cluster named nowhere/,
      ],
      [
        ['orders-rs', '--snapshot', 'cccccccccccccccccccccccc', '--collection', 'shop.orders', ...TO],
        /--snapshot cccccccccccccccccccccccc: orders-rs .* has no snapshot with this id/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = await run(['restore', args[0], '--projectId', PRODUCTION, ...args.slice(1)]);
      assert.equal(r.code, 1, `${args.join(' ')}: ${r.err}`);
      assert.match(r.err, message);
      assert.deepEqual(writes(r), [], `${args.join(' ')}: nothing sent`);
    }
  });
});

describe('restore --collection: usage errors (exit 2) send no request at all', () => {
  test('each rule names its flag', async () => {
    const snap = 'cccccccccccccccccccccccc';
    const base = ['--snapshot', snap, ...TO];
    const cases: [string[], RegExp][] = [
      [[...base, '--collection', 'shop.orders', '--database', 'shop'], /give --collection or --database, not both/],
      [[...base, '--collection', 'shop.orders', '--write-strategy', 'overwrite'], /needs --confirm sandbox-001/],
      [
        [...base, '--collection', 'shop.orders', '--confirm', 'orders-rs'],
        /--confirm "orders-rs" does not name the target cluster "sandbox-001"/,
      ],
      [
        [...base, '--collection', 'shop.orders', '--write-strategy', 'replace'],
        /--write-strategy "replace" is not one/,
      ],
      [[...base, '--collection', 'shop.orders', '--index-strategy', 'some'], /--index-strategy "some" is not one/],
      [[...base, '--collection', 'shop'], /--collection "shop": "shop" is not DB\.COLL/],
      [[...base, '--collection', 'shop.orders=other'], /--collection "shop\.orders=other": "other" is not DB\.COLL/],
      [[...base, '--database', 'a.b'], /--database "a\.b": the database name "a\.b" holds a character/],
      [[...base, '--collection', 'shop.orders', '--collection', 'shop.orders'], /names shop\.orders twice/],
      [[...base, '--database', 'shop', '--database-suffix', 'a/b'], /--database-suffix "a\/b" holds a character/],
      [['--snapshot', snap, '--download', '--collection', 'shop.orders'], /--download takes a whole snapshot/],
      [['--snapshot', snap, '--collection', 'shop.orders'], /needs --to/],
      [[...TO, '--collection', 'shop.orders'], /needs --snapshot ID or --point-in-time/],
      [[...base, '--point-in-time', '1795000000', '--collection', 'shop.orders'], /not both/],
    ];
    for (const [extra, message] of cases) {
      const r = await run(['restore', 'orders-rs', '--projectId', PRODUCTION, ...extra]);
      assert.equal(r.code, 2, `${extra.join(' ')}: ${r.err}`);
      assert.match(r.err, message);
      assert.equal(r.requests.length, 0, `${extra.join(' ')}: nothing sent, not even for a token`);
    }
  });
});

describe('restores with collection jobs', () => {
  test('lists collection jobs after the snapshot jobs (kind collection); --watch finds one; --cancel refuses', async () => {
    const snap = await completedSnapshot(PRODUCTION, 'orders-rs');
    const started = await run([
      'restore',
      'orders-rs',
      '--projectId',
      PRODUCTION,
      '--snapshot',
      snap,
      '--collection',
      'shop.orders',
      ...TO,
      '--format',
      'json',
    ]);
    const jobId = (JSON.parse(started.out) as { id: string }).id;
    const list = await run(['restores', 'orders-rs', '--projectId', PRODUCTION, '--format', 'json']);
    assert.equal(list.code, 0, list.err);
    const jobs = JSON.parse(list.out) as { id: string; kind: string }[];
    const kinds = jobs.map((j) => j.kind);
    assert.ok(kinds.includes('snapshot'), 'the seeded snapshot restore is listed');
    assert.deepEqual(
      jobs.filter((j) => j.kind === 'collection').map((j) => j.id),
      [jobId],
    );
    assert.ok(kinds.indexOf('collection') > kinds.lastIndexOf('snapshot'), 'snapshot jobs first');
    const text = await run(['restores', 'orders-rs', '--projectId', PRODUCTION]);
    assert.match(text.out, new RegExp(`${jobId} {2}in-progress {2}collection restore \\(create-new\\)`));

    const cancel = await run(['restores', 'orders-rs', '--projectId', PRODUCTION, '--cancel', jobId, '--yes']);
    assert.equal(cancel.code, 1);
    assert.match(cancel.err, /collection restore jobs cannot be cancelled/);
    assert.deepEqual(writes(cancel), []);

    const watched = await run(['restores', 'orders-rs', '--projectId', PRODUCTION, '--watch', jobId]);
    assert.equal(watched.code, 0, watched.err);
    assert.match(watched.out, /Collection restore finished/);
  });
});

describe('Flex clusters', () => {
  test('a Flex snapshot onto a dedicated cluster: found as Flex, the plan, one POST, watched to completion', async () => {
    const snap = await flexSnapshot();
    const r = await run([
      'restore',
      FLEX.name,
      '--projectId',
      FLEX.projectId,
      '--snapshot',
      snap,
      ...TO,
      '--confirm',
      'sandbox-001',
      '--watch',
      '--format',
      'json',
    ]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, new RegExp(`${FLEX.name} is a Flex cluster`));
    assert.match(r.err, /passed {2}mongodb-version/);
    const j = JSON.parse(r.out) as Record<string, unknown>;
    assert.equal(j.kind, 'flex');
    assert.equal(j.deliveryType, 'automated');
    assert.equal(j.state, 'completed');
    assert.equal(j.targetClusterName, 'sandbox-001');
    const posts = writes(r);
    assert.equal(posts.length, 1);
    assert.match(posts[0].path, new RegExp(`/flexClusters/${FLEX.name}/backup/restoreJobs$`));
    const [job] = (await client.listFlexRestoreJobsPage(FLEX.projectId, FLEX.name)).results;
    assert.equal(job.id, j.id);
    assert.equal(job.snapshotId, snap);
    assert.equal(job.targetDeploymentItemName, 'sandbox-001');
    assert.equal(job.targetProjectId, SANDBOX);
  });

  test('--download of a Flex snapshot: one POST, the link valid four hours', async () => {
    const snap = await flexSnapshot();
    const r = await run(['restore', FLEX.name, '--projectId', FLEX.projectId, '--snapshot', snap, '--download']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /the link works for 4 hours/);
    assert.match(r.out, /valid until .* UTC, 4h 00m from now/);
    assert.match(r.out, /https:\/\/\S+\.tar\.gz/);
    assert.equal(writes(r).length, 1);
    assert.match(writes(r)[0].path, /\/backup\/download$/);
  });

  test('refusals send nothing: a point in time, a snapshot that does not exist, a target that does not exist', async () => {
    const snap = await flexSnapshot();
    const cases: [string[], RegExp][] = [
      [
        ['--point-in-time', String(T0 / 1000 - 60), ...TO, '--confirm', 'sandbox-001'],
        /is a Flex cluster, which has no continuous backup/,
      ],
      [
        ['--snapshot', 'cccccccccccccccccccccccc', '--download'],
        /--snapshot cccccccccccccccccccccccc: the Flex cluster .* has no snapshot/,
      ],
      [
        ['--snapshot', snap, '--to', `${SANDBOX}/nowhere`, '--confirm', 'nowhere'],
        /has no cluster or Flex cluster named nowhere/,
      ],
    ];
    for (const [extra, message] of cases) {
      const r = await run(['restore', FLEX.name, '--projectId', FLEX.projectId, ...extra]);
      assert.equal(r.code, 1, `${extra.join(' ')}: ${r.err}`);
      assert.match(r.err, message);
      assert.deepEqual(writes(r), []);
    }
  });

  test('usage errors (exit 2) send nothing; a lost start answer is exit 3 after one POST', async () => {
    const usage = await run(['restore', FLEX.name, '--projectId', FLEX.projectId, '--snapshot', 'x', '--download']);
    assert.equal(usage.code, 2);
    assert.match(usage.err, /--snapshot "x" is not a snapshot id/);
    assert.equal(usage.requests.length, 0);
    const snap = await flexSnapshot();
    sim.faults.add({
      pathPrefix: `/api/atlas/v2/groups/${FLEX.projectId}/flexClusters/${FLEX.name}/backup/restoreJobs`,
      method: 'POST',
      after: 'drop',
    });
    const r = await run([
      'restore',
      FLEX.name,
      '--projectId',
      FLEX.projectId,
      '--snapshot',
      snap,
      ...TO,
      '--confirm',
      'sandbox-001',
    ]);
    assert.equal(r.code, 3);
    assert.equal(writes(r).length, 1);
    assert.match(r.err, /may have reached Atlas/);
    assert.match(r.err, new RegExp(`atlas-backup restores ${FLEX.name} --projectId ${FLEX.projectId}`));
  });

  test('a collection restore from a Flex cluster is refused (exit 1, nothing sent): Atlas restores Flex backups whole', async () => {
    const snap = await flexSnapshot();
    const r = await run([
      'restore',
      FLEX.name,
      '--projectId',
      FLEX.projectId,
      '--snapshot',
      snap,
      '--collection',
      'app.items',
      ...TO,
    ]);
    assert.equal(r.code, 1, r.err);
    assert.match(r.err, /--collection: staging-flex is a Flex cluster/);
    assert.deepEqual(writes(r), []);
  });

  test('restores lists a Flex cluster’s jobs (kind flex); they cannot be cancelled', async () => {
    const r = await run(['restores', FLEX.name, '--projectId', FLEX.projectId, '--format', 'json']);
    assert.equal(r.code, 0, r.err);
    const jobs = JSON.parse(r.out) as { id: string; kind: string; deliveryType: string; state: string }[];
    assert.ok(jobs.length >= 1, 'the seeded download');
    assert.ok(jobs.every((j) => j.kind === 'flex'));
    const download = jobs.find((j) => j.deliveryType === 'download')!;
    assert.equal(download.state, 'completed');
    const cancel = await run(['restores', FLEX.name, '--projectId', FLEX.projectId, '--cancel', download.id, '--yes']);
    assert.equal(cancel.code, 1);
    assert.match(cancel.err, /Flex restore jobs cannot be cancelled/);
    assert.deepEqual(writes(cancel), []);
  });

  test('a name that is neither a cluster nor a Flex cluster stays Atlas’s CLUSTER_NOT_FOUND (exit 3), nothing sent', async () => {
    const r = await run(['restores', 'no-such-cluster', '--projectId', PRODUCTION]);
    assert.equal(r.code, 3);
    assert.match(r.err, /CLUSTER_NOT_FOUND/);
    assert.deepEqual(writes(r), []);
  });
});
