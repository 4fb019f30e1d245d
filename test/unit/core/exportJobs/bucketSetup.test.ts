// Adding a bucket as decisions (the roles offered, the refusal without one, the input box's checks), following an
// export to its end, and the explorer's Export Buckets and Exports rows against the simulator.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AtlasClient,
  exportBucketBody,
  type CloudProviderAccessRoles,
  type ExportCloudProvider,
  type ExportJob,
} from '../../../../src/core/atlas';
import { bucketInputProblem, describeFeatureUsages, roleChoices } from '../../../../src/core/exportJobs/bucketSetup';
import { exportFraction, watchExportJob } from '../../../../src/core/exportJobs/watchExport';
import { ExplorerModel, present, type ExplorerNode } from '../../../../src/core/tree/explorerModel';
import { AtlasSimulator, DEMO_CREDENTIALS, describeSeed } from '../../../../src/simulator';

const ROLE = 'c'.repeat(24);

/** Whether the client itself would send a bucket with this name or URL (the input box must agree with it). */
function clientTakes(p: ExportCloudProvider, value: string): boolean {
  try {
    exportBucketBody(
      p === 'AZURE'
        ? { cloudProvider: p, serviceUrl: value, roleId: ROLE }
        : p === 'AWS'
          ? { cloudProvider: p, bucketName: value, iamRoleId: ROLE }
          : { cloudProvider: p, bucketName: value, roleId: ROLE },
    );
    return true;
  } catch {
    return false;
  }
}

describe('bucket name and service URL in the input box', () => {
  const cases: [ExportCloudProvider, string, RegExp | undefined][] = [
    ['AWS', 'ab', /3 to 63 characters \(it is 2\)/],
    ['AWS', 'abc', undefined],
    ['GCP', 'x'.repeat(63), undefined],
    ['GCP', 'x'.repeat(64), /3 to 63 characters \(it is 64\)/],
    ['AZURE', 'https://acct.blob.core.windows.net/exports', undefined],
    ['AZURE', 'http://acctname.blob.core.windows.net/exports', /https/],
    ['AZURE', 'https://acctname.example.com/exports/container', /standard Azure storage endpoint/],
    ['AZURE', 'https://acctname.blob.core.windows.net/', /name the storage container/],
    ['AZURE', 'https://a.blob.core.windows.net', /name the storage container/],
    ['AZURE', 'https://a.blob.core.windows.net/x', /container name in the service URL must be 3 to 63/],
    // Azure's container naming rule: lowercase letters, digits and hyphens, no "--", a letter or digit at each end.
    [
      'AZURE',
      'https://acct.blob.core.windows.net/My_Container',
      /"My_Container", must be lowercase letters, digits and hyphens/,
    ],
    ['AZURE', 'https://acct.blob.core.windows.net/exports--2026', /no two hyphens in a row/],
    ['AZURE', 'https://acct.blob.core.windows.net/-exports', /starting and ending with a letter or digit/],
    ['AZURE', 'https://acct.blob.core.windows.net/exports-', /starting and ending with a letter or digit/],
    ['AZURE', 'https://acct.blob.core.windows.net/2026-exports-eu', undefined],
    ['AZURE', 'not a url at all, but long enough to pass', /must start with https:\/\//],
    // Short because the scheme is missing: it says so, not "33 to 2048 characters (it is 28)".
    ['AZURE', 'acme.blob.core.windows.net/exports', /^The service URL must start with https:\/\//],
    [
      'AZURE',
      `https://acme.blob.core.windows.net/${'c'.repeat(2048)}`,
      /container name in the service URL must be 3 to 63/,
    ],
  ];
  for (const [p, value, expected] of cases)
    test(`${p} ${JSON.stringify(value.length > 50 ? `${value.slice(0, 50)}…` : value)}`, () => {
      const problem = bucketInputProblem(p, value);
      if (expected) assert.match(problem ?? '', expected);
      else assert.equal(problem, undefined);
    });

  test('the messages speak of the field in the box (bucket name, service URL), never the JSON one', () => {
    for (const [p, value, expected] of cases) {
      const problem = bucketInputProblem(p, value);
      if (!expected) continue;
      assert.doesNotMatch(problem ?? '', /serviceUrl|bucketName/, `${p} ${value}`);
      assert.match(problem ?? '', /^The (bucket name|service URL|container name)/, `${p} ${value}`);
    }
  });

  // The box is stricter only about the container, which it requires in the URL (it asks for no bucketName).
  test('what the input box accepts, the client sends; what it refuses, the client refuses too', () => {
    for (const [p, value] of cases) {
      const problem = bucketInputProblem(p, value);
      if (problem === undefined) assert.ok(clientTakes(p, value), `${p} ${value}`);
      else if (!/container/.test(problem)) assert.equal(clientTakes(p, value), false, `${p} ${value}`);
    }
  });
});

describe('roles a new bucket may use', () => {
  const roles: CloudProviderAccessRoles = {
    awsIamRoles: [
      {
        providerName: 'AWS',
        roleId: 'a'.repeat(24),
        authorizedDate: '2026-01-01T00:00:00Z',
        iamAssumedRoleArn: 'arn:aws:iam::1:role/export',
        featureUsages: [
          { featureType: 'EXPORT_SNAPSHOT', featureId: { exportBucketId: 'f'.repeat(24) } },
          { featureType: 'ENCRYPTION_AT_REST' },
        ],
      },
      { providerName: 'AWS', roleId: 'b'.repeat(24) },
    ],
    gcpServiceAccounts: [{ providerName: 'GCP', roleId: 'd'.repeat(24), status: 'IN_PROGRESS' }],
  };

  test('only authorised roles are offered, each with what it is already used for', () => {
    const r = roleChoices(roles, 'AWS', [{ _id: 'f'.repeat(24), bucketName: 'acme', cloudProvider: 'AWS' }]);
    assert.ok(r.ok);
    assert.deepEqual(r.roles, [
      {
        roleId: 'a'.repeat(24),
        name: 'arn:aws:iam::1:role/export',
        usages: 'snapshot export to acme, encryption at rest',
      },
    ]);
  });

  test('without an authorised role, the person is told how to authorise one, and how many wait', () => {
    const gcp = roleChoices(roles, 'GCP');
    assert.equal(gcp.ok, false);
    assert.match(
      !gcp.ok ? gcp.message : '',
      /no authorised GCP service account \(1 registered but not authorised yet\)/,
    );
    assert.match(!gcp.ok ? gcp.message : '', /Cloud Provider Access/);
    const azure = roleChoices(roles, 'AZURE');
    assert.match(!azure.ok ? azure.message : '', /no authorised Azure service principal, and Atlas needs one/);
  });

  test('a role used for nothing says so', () => {
    assert.equal(describeFeatureUsages({ providerName: 'GCP', roleId: 'd'.repeat(24) }), 'not used yet');
  });
});

describe('watching an export', () => {
  const job = (state: ExportJob['state'], done: number): ExportJob => ({
    id: 'e'.repeat(24),
    exportBucketId: 'f'.repeat(24),
    state,
    exportStatus: { exportedCollections: done, totalCollections: 4 },
  });

  test('reads until the job ends and reports each answer', async () => {
    const answers = [job('InProgress', 2), job('InProgress', 3), job('Successful', 4)];
    const seen: string[] = [];
    const r = await watchExportJob(async () => answers.shift()!, job('Queued', 0), {
      intervalMs: 0,
      onUpdate: (j) => seen.push(`${j.state} ${exportFraction(j)}`),
    });
    assert.equal(r.outcome, 'finished');
    assert.equal(r.job.state, 'Successful');
    assert.deepEqual(seen, ['Queued 0', 'InProgress 0.5', 'InProgress 0.75', 'Successful 1']);
  });

  test('a failed read ends the watch as lost, with the last state known', async () => {
    const r = await watchExportJob(
      async () => {
        throw new Error('network down');
      },
      job('InProgress', 1),
      { intervalMs: 0 },
    );
    assert.equal(r.outcome, 'lost');
    assert.equal(r.job.exportStatus?.exportedCollections, 1);
  });

  test('stopping the watch does not wait for the next read', async () => {
    const stop = new AbortController();
    const pending = watchExportJob(async () => job('InProgress', 1), job('Queued', 0), {
      intervalMs: 60_000,
      signal: stop.signal,
    });
    stop.abort();
    assert.equal((await pending).outcome, 'stopped');
  });
});

describe('Export Buckets and Exports rows against the simulator', () => {
  const sim = new AtlasSimulator();
  let model: ExplorerModel;
  const facts = describeSeed();
  const production = facts.projects.find((p) => p.name === 'Production')!;
  before(async () => {
    const { url } = await sim.start();
    model = new ExplorerModel(
      new AtlasClient({
        baseUrl: url,
        credentials: { kind: 'serviceAccount', ...DEMO_CREDENTIALS.serviceAccount },
        userAgent: 'export-rows-test',
      }),
    );
  });
  after(() => sim.stop());

  const find = async (parent: ExplorerNode | undefined, label: string) => {
    const n = (await model.whenSettled(parent)).find((r) => present(r).label === label);
    assert.ok(n, `a row ${label}`);
    return n;
  };

  test("a project's Export Buckets row lists each bucket with provider, role and networking", async () => {
    const project = await find(undefined, production.name);
    const row = await find(project, 'Export Buckets');
    const buckets = await model.whenSettled(row);
    const seeded = facts.exportBuckets.filter((b) => b.projectName === production.name);
    assert.deepEqual(buckets.map((b) => present(b).label).sort(), seeded.map((b) => b.bucketName).sort());
    const aws = buckets.find((b) => present(b).label === seeded.find((s) => s.cloudProvider === 'AWS')!.bucketName)!;
    const p = present(aws);
    assert.equal(p.contextValue, 'detail.exportBucket');
    assert.match(p.description ?? '', /^AWS S3 · role arn:aws:iam::\d+:role\/\S+ · public network$/);
    const azure = buckets.find((b) => b !== aws)!;
    assert.match(
      present(azure).description ?? '',
      /^Azure Blob Storage · https:\/\/\S+\.blob\.core\.windows\.net\/\S+ · role /,
    );
  });

  test("a cluster's Exports row lists its jobs with state, bucket, snapshot time, progress and prefix", async () => {
    const project = await find(undefined, production.name);
    const cluster = await find(project, 'orders-rs');
    const rows = await model.whenSettled(cluster);
    await model.whenSettled(rows.find((r) => r.kind === 'snapshots'));
    const exportsRow = rows.find((r) => r.kind === 'exportList')!;
    assert.equal(present(exportsRow).label, 'Exports');
    const jobs = await model.whenSettled(exportsRow);
    assert.ok(jobs.length >= 1);
    const p = present(jobs[0]);
    assert.equal(p.contextValue, 'detail.exportJob');
    assert.match(p.label, /^snapshot of \d{4}-\d\d-\d\d \d\d:\d\d UTC → acme-atlas-exports$/);
    assert.match(p.description ?? '', /^successful · (\d+) of \1 collections exported · \S+/);
    assert.match(p.tooltip ?? '', /Prefix: `/);
  });
});
