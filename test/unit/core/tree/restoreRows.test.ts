// The Restores row under a cluster, against the real client and the in-process simulator: loaded only when opened,
// the jobs in Atlas's order with kind, state, target, finished and (for restores we timed) duration; a download's
// links with their expiry; an error row with retry; a watched job's new state without a request.
import { describe, test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { AtlasClient } from '../../../../src/core/atlas';
import { AtlasSimulator, DEMO_CREDENTIALS, SEED } from '../../../../src/simulator';
import { ExplorerModel, present } from '../../../../src/core/tree/explorerModel';
import type { ExplorerNode } from '../../../../src/core/tree/explorerModel';
import { idOf, jsonOf } from '../../../../src/core/tree/explorerPresent';

let sim: AtlasSimulator;
let url: string;

const client = () =>
  new AtlasClient({
    baseUrl: url,
    credentials: { kind: 'serviceAccount', ...DEMO_CREDENTIALS.serviceAccount },
    userAgent: 'atlas-backup-test/0',
    retry: { sleep: async () => {} },
  });

before(async () => {
  sim = new AtlasSimulator({});
  ({ url } = await sim.start(0));
});
after(async () => {
  await sim.stop();
});
beforeEach(() => sim.reset());

const label = (n: ExplorerNode) => present(n).label;
const GROUP = SEED.projects.production.id;
const listRequests = () => sim.requests.filter((r) => r.path.endsWith('/clusters/orders-rs/backup/restoreJobs')).length;

async function cluster(m: ExplorerModel, projectName: string, name: string): Promise<ExplorerNode> {
  const project = (await m.whenSettled()).find((r) => label(r) === projectName)!;
  const c = (await m.whenSettled(project)).find((r) => r.kind === 'cluster' && r.clusterName === name);
  assert.ok(c, name);
  return c;
}

async function restoresOf(m: ExplorerModel, c: ExplorerNode): Promise<ExplorerNode> {
  const r = (await m.whenSettled(c)).find((x) => x.kind === 'restores');
  assert.ok(r, `a Restores row under ${c.id}`);
  return r;
}

describe('the Restores row', () => {
  test('lists the cluster’s restore jobs in Atlas’s order, fetched only when opened', async () => {
    const m = new ExplorerModel(client(), { timeZone: 'UTC' });
    const orders = await cluster(m, 'Production', 'orders-rs');
    const restores = await restoresOf(m, orders);
    // Opening the cluster reads its restore jobs once for its recovery posture (the tooltip's last restore).
    const before = listRequests();
    assert.ok(before <= 1, 'at most the recovery posture’s one list before the row is opened');
    const rows = await m.whenSettled(restores);
    assert.equal(listRequests(), before + 1, 'the row reads the list when opened');
    const atlas = (await client().listRestoreJobsPage(GROUP, 'orders-rs')).results;
    assert.ok(atlas.length >= 2, 'the seed has restores of orders-rs');
    assert.deepEqual(
      rows.map((r) => idOf(r)),
      atlas.map((j) => j.id),
      'Atlas’s order',
    );
    const onto = rows.find((r) => r.kind === 'restoreJob' && r.job.deliveryType === 'automated')!;
    const p = present(onto);
    assert.equal(p.label, `Restore onto ${(onto as { job: { targetClusterName: string } }).job.targetClusterName}`);
    assert.match(
      p.description!,
      /^completed · finished \d{4}-\d\d-\d\d \d\d:\d\d UTC$/,
      'no duration: not started here',
    );
    assert.match(p.tooltip!, /Duration: unknown/);
    assert.equal(p.contextValue, 'restoreJob');
    assert.deepEqual(jsonOf(onto), (onto as { job: unknown }).job);
  });

  test('a download shows its links with their expiry, as rows with Copy Link', async () => {
    const m = new ExplorerModel(client(), { timeZone: 'UTC' });
    const rows = await m.whenSettled(await restoresOf(m, await cluster(m, 'Production', 'orders-rs')));
    const download = rows.find((r) => r.kind === 'restoreJob' && r.job.deliveryType === 'download')!;
    const links = m.getChildren(download);
    const urls = (download as { job: { deliveryUrl?: string[] } }).job.deliveryUrl ?? [];
    assert.ok(urls.length > 0, 'the seeded download has its link');
    assert.equal(links.length, urls.length);
    const link = present(links[0]);
    assert.equal(link.contextValue, 'restoreLink');
    assert.match(link.description!, /^(expired|valid until) \d{4}-/);
    assert.match(present(download).description!, /links (expired|valid until)/);
  });

  test('a restore this editor started shows how long it took, from the start time it recorded', async () => {
    const m = new ExplorerModel(client(), { timeZone: 'UTC' });
    const atlas = (await client().listRestoreJobsPage(GROUP, 'orders-rs')).results;
    const done = atlas.find((j) => j.finishedAt)!;
    const start = new Date(Date.parse(done.finishedAt!) - 125_000).toISOString();
    m.setRestoreStarts(async (_a, g, c) =>
      g === GROUP && c === 'orders-rs' ? new Map([[done.id!, start]]) : undefined,
    );
    const rows = await m.whenSettled(await restoresOf(m, await cluster(m, 'Production', 'orders-rs')));
    const row = rows.find((r) => idOf(r) === done.id)!;
    assert.match(present(row).description!, /took 2m 05s/);
  });

  test('a cluster never restored says so; a failed list is an error row that retries', async () => {
    const m = new ExplorerModel(client(), { timeZone: 'UTC' });
    const analytics = await cluster(m, 'Production', 'analytics-nvme');
    const empty = await m.whenSettled(await restoresOf(m, analytics));
    assert.equal(empty.length, 1);
    assert.equal(empty[0].kind, 'empty');
    const orders = await cluster(m, 'Production', 'orders-rs');
    sim.faults.add({
      pathPrefix: `/api/atlas/v2/groups/${GROUP}/clusters/orders-rs/backup/restoreJobs`,
      status: 403,
      errorCode: 'USER_UNAUTHORIZED',
      detail: 'Backup Manager needed.',
      // The cluster's recovery posture reads the same list when the cluster opens: the fault meets both reads.
      count: 2,
    });
    const restores = await restoresOf(m, orders);
    const failed = await m.whenSettled(restores);
    assert.equal(failed[0].kind, 'error');
    assert.equal(label(failed[0]), "Couldn't load restores");
    assert.match(present(failed[0]).description!, /Backup Manager needed/);
    m.retry(failed[0]);
    const again = await m.whenSettled(restores);
    assert.ok(again.every((r) => r.kind === 'restoreJob'));
  });

  test('a watched job’s new state reaches its row without a request; a job not listed yet reloads the row once', async () => {
    const m = new ExplorerModel(client(), { timeZone: 'UTC' });
    const orders = await cluster(m, 'Production', 'orders-rs');
    const restores = await restoresOf(m, orders);
    const rows = await m.whenSettled(restores);
    const first = rows[0] as ExplorerNode & { kind: 'restoreJob' };
    const before = listRequests();
    m.restoreJobSeen(first.accountId, GROUP, 'orders-rs', { ...first.job, finishedAt: undefined, failed: true });
    assert.equal(present(first).description!.split(' · ')[0], 'failed');
    assert.equal(listRequests(), before);
    m.restoreJobSeen(first.accountId, GROUP, 'orders-rs', { id: 'f'.repeat(24), deliveryType: 'automated' });
    await m.whenSettled(restores);
    assert.equal(listRequests(), before + 1);
  });
});
