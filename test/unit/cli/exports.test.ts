// `atlas-backup export-snapshot` and `atlas-backup exports` against the in-process simulator, whose clock `--watch`
// moves instead of sleeping: one POST at most, none when the command refuses (the request log proves it), a lost
// answer never repeated, progress and the final prefix, and a failed export said to be final with its partial data.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AtlasClient } from '../../../src/core/atlas';
import { main } from '../../../src/cli/main';
import { AtlasSimulator, DEMO_CREDENTIALS, SEED, describeSeed } from '../../../src/simulator';

const PROD = SEED.projects.production.id;
const EXPORTS = `/api/atlas/v2/groups/${PROD}/clusters/orders-rs/backup/exports`;
let clockMs = 0;
const sim = new AtlasSimulator({ now: () => clockMs });
let url = '';
let client: AtlasClient;

before(async () => {
  url = (await sim.start()).url;
});
after(() => sim.stop());
beforeEach(() => {
  clockMs = Date.UTC(2026, 10, 22, 12, 0, 0);
  sim.reset();
  client = new AtlasClient({
    baseUrl: url,
    credentials: { kind: 'serviceAccount', ...DEMO_CREDENTIALS.serviceAccount },
    userAgent: 'exports-test',
    now: () => clockMs,
  });
});

interface Run {
  code: number;
  out: string;
  err: string;
}

async function run(args: string[]): Promise<Run> {
  let out = '',
    err = '';
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
    // --watch waits by moving the simulator's clock.
    sleep: (ms) => {
      clockMs += ms;
      return Promise.resolve();
    },
  });
  return { code, out, err };
}

const posts = () => sim.requests.filter((r) => r.method === 'POST' && r.path === EXPORTS);
const apiRequests = () => sim.requests.filter((r) => r.path.startsWith('/api/atlas'));
const awsBucket = () =>
  describeSeed().exportBuckets.find((b) => b.projectName === 'Production' && b.cloudProvider === 'AWS')!;

async function snapshotId(): Promise<string> {
  const page = await client.listSnapshotsPage(PROD, 'orders-rs');
  return page.results.find((s) => s.status === 'completed')!.id!;
}

describe('export-snapshot', () => {
  test('by bucket name: one POST with the custom data, and the job is in the list', async () => {
    const snap = await snapshotId();
    sim.reset();
    const r = await run([
      'export-snapshot',
      'orders-rs',
      '--projectId',
      PROD,
      '--snapshot',
      snap,
      '--bucket',
      awsBucket().bucketName,
      '--custom-data',
      'ticket=OPS-7',
      '--custom-data',
      'note=a=b',
    ]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, new RegExp(`Export [a-f0-9]{24} started: snapshot ${snap} of orders-rs`));
    assert.match(r.out, /atlas-backup exports orders-rs/);
    assert.equal(posts().length, 1);
    const list = await run(['exports', 'orders-rs', '--projectId', PROD, '--format', 'json']);
    const jobs = JSON.parse(list.out) as { snapshotId: string; exportBucketId: string; customData: unknown }[];
    const mine = jobs.find((j) => j.snapshotId === snap && j.exportBucketId === awsBucket().id)!;
    assert.deepEqual(mine.customData, [
      { key: 'ticket', value: 'OPS-7' },
      { key: 'note', value: 'a=b' },
    ]);
  });

  test('--watch shows collections exported of total and ends with the prefix', async () => {
    const r = await run([
      'export-snapshot',
      'orders-rs',
      '--projectId',
      PROD,
      '--snapshot',
      await snapshotId(),
      '--bucket',
      awsBucket().id,
      '--watch',
    ]);
    assert.equal(r.code, 0, r.err);
    const total = Number(/of (\d+) collections exported/.exec(r.out)?.[1]);
    assert.ok(total > 1);
    assert.match(r.out, /^Queued: 0 of \d+ collections exported$/m);
    assert.match(r.out, /^InProgress: 1 of \d+ collections exported$/m);
    assert.match(r.out, new RegExp(`^Successful: ${total} of ${total} collections exported$`, 'm'));
    assert.match(r.out, /^Prefix: \/exported_snapshots\/.+\/orders-rs\/.+$/m);
    assert.equal(posts().length, 1, 'watching reads, it never sends again');
  });

  test('--watch of a failed export: exit 3, Atlas does not retry it, partial data may be left under the prefix', async () => {
    sim.setExportSpeed({ failNext: 1 });
    const r = await run([
      'export-snapshot',
      'orders-rs',
      '--projectId',
      PROD,
      '--snapshot',
      await snapshotId(),
      '--bucket',
      awsBucket().bucketName,
      '--watch',
      '--format',
      'json',
    ]);
    assert.equal(r.code, 3);
    const job = JSON.parse(r.out) as { state: string; prefix: string };
    assert.equal(job.state, 'Failed');
    assert.match(r.err, /Atlas does not retry a failed export/);
    assert.ok(r.err.includes(`Partial data may be left in AWS bucket ${awsBucket().bucketName}`));
    assert.ok(r.err.includes(job.prefix));
    assert.equal(posts().length, 1);
  });

  test('a bucket name two buckets share is a usage error listing both ids, and nothing is sent', async () => {
    const roles = await client.listCloudProviderAccessRoles(PROD);
    const gcp = roles.gcpServiceAccounts!.find((x) => x.status === 'COMPLETE')!;
    const twin = await client.createExportBucket(PROD, {
      cloudProvider: 'GCP',
      bucketName: awsBucket().bucketName,
      roleId: gcp.roleId!,
    });
    const r = await run([
      'export-snapshot',
      'orders-rs',
      '--projectId',
      PROD,
      '--snapshot',
      await snapshotId(),
      '--bucket',
      awsBucket().bucketName,
    ]);
    assert.equal(r.code, 2);
    assert.ok(r.err.includes(awsBucket().id) && r.err.includes(twin._id), r.err);
    assert.match(r.err, /give the id/);
    assert.equal(posts().length, 0);
    const unknown = await run([
      'export-snapshot',
      'orders-rs',
      '--projectId',
      PROD,
      '--snapshot',
      'a'.repeat(24),
      '--bucket',
      'nope-bucket',
    ]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /no export bucket has the name "nope-bucket"/);
    assert.equal(posts().length, 0);
  });

  test('bad flags are usage errors naming the flag, before any request', async () => {
    const base = ['export-snapshot', 'orders-rs', '--projectId', PROD];
    const cases: [string[], RegExp][] = [
      [[...base, '--bucket', 'acme'], /needs --snapshot/],
      [[...base, '--snapshot', 'xyz', '--bucket', 'acme'], /--snapshot "xyz" is not a snapshot id/],
      [[...base, '--snapshot', 'a'.repeat(24)], /needs --bucket/],
      [[...base, '--snapshot', 'a'.repeat(24), '--bucket', 'ab'], /--bucket "ab"/],
      [
        [...base, '--snapshot', 'a'.repeat(24), '--bucket', 'acme', '--custom-data', 'novalue'],
        /--custom-data "novalue" must be key=value/,
      ],
      [
        [...base, '--snapshot', 'a'.repeat(24), '--bucket', 'acme', '--custom-data', 'k=1', '--custom-data', 'k=2'],
        /key "k" is given more than once/,
      ],
      [[...base, '--snapshot', 'a'.repeat(24), '--bucket', 'acme', '--format', 'yaml'], /--format "yaml"/],
      [
        ['export-snapshot', 'bad_name', '--projectId', PROD, '--snapshot', 'a'.repeat(24), '--bucket', 'acme'],
        /not a valid Atlas cluster name/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = await run(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, message);
    }
    assert.deepEqual(apiRequests(), []);
  });

  test('an answer lost after the POST: may have reached Atlas, not retried, look at exports first', async () => {
    sim.faults.add({ pathPrefix: EXPORTS, method: 'POST', after: 'drop' });
    const r = await run([
      'export-snapshot',
      'orders-rs',
      '--projectId',
      PROD,
      '--snapshot',
      await snapshotId(),
      '--bucket',
      awsBucket().bucketName,
    ]);
    assert.equal(r.code, 3);
    assert.match(r.err, /may have reached Atlas/);
    assert.match(r.err, /not retried/);
    assert.ok(r.err.includes(`atlas-backup exports orders-rs --projectId ${PROD}`));
    assert.equal(posts().length, 1, 'one POST, never repeated');
    // It did reach Atlas: the job is there.
    const jobs = (await client.listExportJobsPage(PROD, 'orders-rs')).results;
    assert.equal(jobs.filter((j) => j.state === 'Queued').length, 1);
  });

  test("Atlas's refusal (a snapshot that does not exist) says nothing changed", async () => {
    const r = await run([
      'export-snapshot',
      'orders-rs',
      '--projectId',
      PROD,
      '--snapshot',
      'f'.repeat(24),
      '--bucket',
      awsBucket().id,
    ]);
    assert.equal(r.code, 3);
    assert.match(r.err, /nothing changed in Atlas/);
    assert.equal(posts().length, 1);
  });
});

describe('exports', () => {
  test('lists the seeded finished export with its bucket, progress and prefix', async () => {
    const r = await run(['exports', 'orders-rs', '--projectId', PROD]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Successful/);
    assert.ok(r.out.includes(`to AWS bucket ${awsBucket().bucketName} (${awsBucket().id})`));
    assert.match(r.out, /(\d+) of \1 collections exported/);
    assert.match(r.out, /prefix \/exported_snapshots\//);
    assert.match(r.out, /custom data purpose=quarterly-archive/);
    // One time format, as `restores` writes it: the zone named, no raw ISO.
    assert.match(r.out, /created \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
    assert.match(r.out, /^ {2}finished \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/m);
    assert.doesNotMatch(r.out, /\d\dZ\b/);
  });

  test('a cluster without exports says so; json is an array', async () => {
    const r = await run(['exports', 'ledger-pit', '--projectId', PROD]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /has no snapshot exports/);
    const j = await run(['exports', 'ledger-pit', '--projectId', PROD, '--format', 'json']);
    assert.deepEqual(JSON.parse(j.out), []);
  });

  test('a failed export in the list says it is not retried and may leave partial data', async () => {
    sim.setExportSpeed({ failNext: 1 });
    await client.createExportJob(PROD, 'orders-rs', { snapshotId: await snapshotId(), exportBucketId: awsBucket().id });
    clockMs += 3_600_000;
    const r = await run(['exports', 'orders-rs', '--projectId', PROD]);
    assert.match(r.out, /Failed/);
    assert.match(r.out, /not retried by Atlas; partial data may be left/);
  });
});
