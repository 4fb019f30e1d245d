// The export core (picking a bucket, custom data, what a job's end means, which schedules auto-export to a bucket)
// and the client's checks of an export or bucket request before anything is sent.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AtlasClient, exportBucketBody, exportJobBody, type ExportBucket } from '../../../../src/core/atlas';
import {
  autoExportersOf,
  bucketRemovalRefusal,
  checkBucketRemoval,
  describeUnfinishedExport,
  parseCustomData,
  pickBucket,
} from '../../../../src/core/exportJobs';
import { AtlasSimulator, DEMO_CREDENTIALS, SEED, describeSeed } from '../../../../src/simulator';

const aws: ExportBucket = {
  _id: 'a'.repeat(24),
  bucketName: 'backups',
  cloudProvider: 'AWS',
  iamRoleId: 'c'.repeat(24),
};
const gcp: ExportBucket = { _id: 'b'.repeat(24), bucketName: 'backups', cloudProvider: 'GCP', roleId: 'd'.repeat(24) };
const azure: ExportBucket = {
  _id: 'e'.repeat(24),
  bucketName: 'nightly',
  cloudProvider: 'AZURE',
  roleId: 'f'.repeat(24),
  serviceUrl: 'https://acct.blob.core.windows.net/nightly',
};

describe('pickBucket', () => {
  test('an id picks its bucket even when the name is shared', () => {
    const r = pickBucket([aws, gcp], gcp._id);
    assert.ok(r.ok && r.bucket === gcp);
  });
  test('a unique name picks its bucket; a shared one picks none and lists every id', () => {
    const one = pickBucket([aws, azure], 'nightly');
    assert.ok(one.ok && one.bucket === azure);
    const two = pickBucket([aws, gcp, azure], 'backups');
    assert.equal(two.ok, false);
    if (!two.ok) {
      assert.ok(two.error.includes(aws._id) && two.error.includes(gcp._id));
      assert.ok(!two.error.includes(azure._id));
    }
  });
  test('an unknown name or id lists what the project has', () => {
    const r = pickBucket([azure], 'missing');
    assert.ok(!r.ok && r.error.includes(azure._id) && r.error.includes('name "missing"'));
    const none = pickBucket([], '0'.repeat(24));
    assert.ok(!none.ok && /has no export bucket/.test(none.error) && /the id/.test(none.error));
  });
});

describe('parseCustomData', () => {
  test('key=value, the value may hold =, order kept', () => {
    assert.deepEqual(parseCustomData(['a=1', 'b=x=y', 'c=']), {
      ok: true,
      labels: [
        { key: 'a', value: '1' },
        { key: 'b', value: 'x=y' },
        { key: 'c', value: '' },
      ],
    });
  });
  test('no =, an empty key or a key twice is refused, naming it', () => {
    for (const bad of [['novalue'], ['=v'], ['k=1', 'k=2']]) {
      const r = parseCustomData(bad);
      assert.equal(r.ok, false, bad.join(' '));
    }
  });
});

describe('what a job says', () => {
  test('a failed export: not retried, partial data under its prefix', () => {
    const s = describeUnfinishedExport(
      {
        id: '1'.repeat(24),
        exportBucketId: aws._id,
        state: 'Failed',
        prefix: '/exported_snapshots/o/p/c/d/1',
        stateReason: { message: 'access denied' },
      },
      'AWS bucket backups',
    );
    assert.match(s, /failed: access denied/);
    assert.match(s, /Atlas does not retry/);
    assert.match(s, /AWS bucket backups under \/exported_snapshots\/o\/p\/c\/d\/1/);
  });
});

describe('auto-export and bucket removal', () => {
  const schedules = [
    {
      clusterName: 'a',
      schedule: { autoExportEnabled: true, export: { exportBucketId: aws._id, frequencyType: 'monthly' as const } },
    },
    {
      clusterName: 'b',
      schedule: { autoExportEnabled: false, export: { exportBucketId: aws._id, frequencyType: 'monthly' as const } },
    },
    {
      clusterName: 'c',
      schedule: { autoExportEnabled: true, export: { exportBucketId: gcp._id, frequencyType: 'yearly' as const } },
    },
    { clusterName: 'd', schedule: undefined },
  ];
  test('only clusters with auto export on and this bucket count', () => {
    assert.deepEqual(autoExportersOf(schedules, aws._id), ['a']);
    assert.deepEqual(autoExportersOf(schedules, azure._id), []);
    assert.match(bucketRemovalRefusal(schedules, aws) ?? '', /schedule of a exports to it automatically/);
    assert.equal(bucketRemovalRefusal(schedules, azure), undefined);
  });

  describe('against the simulator', () => {
    const sim = new AtlasSimulator();
    let client: AtlasClient;
    before(async () => {
      const { url } = await sim.start();
      client = new AtlasClient({
        baseUrl: url,
        credentials: { kind: 'serviceAccount', ...DEMO_CREDENTIALS.serviceAccount },
        userAgent: 'export-core-test',
      });
    });
    after(() => sim.stop());
    test('names the cluster whose schedule auto-exports, and agrees with Atlas refusing the DELETE', async () => {
      const PROD = SEED.projects.production.id;
      const facts = describeSeed().exportBuckets.find((b) => b.projectName === 'Production')!;
      const bucket = await client.getExportBucket(PROD, facts.id);
      assert.equal(await checkBucketRemoval(client, PROD, bucket), undefined);
      const current = await client.getBackupSchedule(PROD, 'ledger-pit');
      await client.updateBackupSchedule(
        PROD,
        'ledger-pit',
        { ...current, autoExportEnabled: true, export: { exportBucketId: bucket._id, frequencyType: 'monthly' } },
        { current },
      );
      const refusal = await checkBucketRemoval(client, PROD, bucket);
      assert.match(refusal ?? '', /ledger-pit/);
      await assert.rejects(client.deleteExportBucket(PROD, bucket._id), /ledger-pit/);
    });
  });
});

describe('the client checks a request before sending it', () => {
  const hex = 'a'.repeat(24);
  test('export job: ids and custom data', () => {
    assert.deepEqual(exportJobBody({ snapshotId: hex, exportBucketId: hex }), { snapshotId: hex, exportBucketId: hex });
    assert.throws(
      () => exportJobBody({ snapshotId: 'nope', exportBucketId: hex }),
      /snapshotId "nope".*Nothing was sent/,
    );
    assert.throws(() => exportJobBody({ snapshotId: hex, exportBucketId: hex.toUpperCase() }), /exportBucketId/);
    assert.throws(
      () => exportJobBody({ snapshotId: hex, exportBucketId: hex, customData: [{ key: '', value: 'x' }] }),
      /customData\[0\]\.key/,
    );
    assert.throws(
      () =>
        exportJobBody({
          snapshotId: hex,
          exportBucketId: hex,
          customData: [
            { key: 'k', value: '1' },
            { key: 'k', value: '2' },
          ],
        }),
      /customData\[1\]\.key/,
    );
  });
  test('bucket: each provider with its own fields and rules', () => {
    assert.deepEqual(exportBucketBody({ cloudProvider: 'AWS', bucketName: 'abc', iamRoleId: hex }), {
      cloudProvider: 'AWS',
      bucketName: 'abc',
      iamRoleId: hex,
    });
    assert.throws(
      () => exportBucketBody({ cloudProvider: 'AWS', bucketName: 'ab', iamRoleId: hex }),
      /bucketName.*3 to 63/,
    );
    assert.throws(() => exportBucketBody({ cloudProvider: 'GCP', bucketName: 'abc', roleId: 'x' }), /roleId/);
    assert.throws(
      () =>
        exportBucketBody({
          cloudProvider: 'AZURE',
          serviceUrl: 'https://example.com/a-long-enough-container-path',
          roleId: hex,
        }),
      /serviceUrl.*blob\.core\.windows\.net/,
    );
    assert.throws(
      () =>
        exportBucketBody({
          cloudProvider: 'AZURE',
          serviceUrl: 'https://accountname.blob.core.windows.net/',
          roleId: hex,
        }),
      /names no storage container/,
    );
    assert.deepEqual(
      exportBucketBody({
        cloudProvider: 'AZURE',
        serviceUrl: 'https://accountname.blob.core.windows.net/c1',
        roleId: hex,
      }),
      { cloudProvider: 'AZURE', serviceUrl: 'https://accountname.blob.core.windows.net/c1', roleId: hex },
    );
    assert.throws(() => exportBucketBody({ cloudProvider: 'S3' } as never), /cloudProvider "S3"/);
  });
  test('a refused request sends nothing', async () => {
    const sim = new AtlasSimulator();
    const { url } = await sim.start();
    try {
      const client = new AtlasClient({
        baseUrl: url,
        credentials: { kind: 'serviceAccount', ...DEMO_CREDENTIALS.serviceAccount },
        userAgent: 'export-core-test',
      });
      await assert.rejects(
        client.createExportJob(SEED.projects.production.id, 'orders-rs', { snapshotId: 'x', exportBucketId: hex }),
      );
      await assert.rejects(
        client.createExportBucket(SEED.projects.production.id, { cloudProvider: 'GCP', bucketName: 'a', roleId: hex }),
      );
      await assert.rejects(client.getExportJob(SEED.projects.production.id, 'orders-rs', '../x'));
      assert.deepEqual(
        sim.requests.filter((r) => r.path.startsWith('/api/atlas')),
        [],
      );
    } finally {
      await sim.stop();
    }
  });
});
