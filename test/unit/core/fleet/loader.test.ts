// The posture loader against the in-process simulator over real HTTP: fewest requests, the per-project fallback
// where the all-clusters listing answers 404, the client's in-flight limit, cancellation, progress and refusals.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AtlasClient, isCancelled, type Credentials } from '../../../../src/core/atlas';
import { defaultFetch, type FetchLike } from '../../../../src/core/atlas/transport';
import { loadPosture } from '../../../../src/core/fleet/loader';
import { summarizePosture } from '../../../../src/core/fleet/posture';
import { AtlasSimulator, DEMO_CREDENTIALS, SEED, describeSeed } from '../../../../src/simulator';

const SA: Credentials = { kind: 'serviceAccount', ...DEMO_CREDENTIALS.serviceAccount };
const READ_ONLY: Credentials = { kind: 'apiKey', ...DEMO_CREDENTIALS.readOnlyApiKey };
let clock = Date.parse('2026-11-22T06:00:00Z');
// Expected figures come from the seed's own description, so the tests hold when the demo data grows.
const FACTS = describeSeed();
const clustersOf = (projectName: string) => FACTS.projects.find((p) => p.name === projectName)!.clusters;
const sim = new AtlasSimulator({ now: () => clock });
let url = '';

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

const clientOptions = (credentials: Credentials = SA) => ({
  baseUrl: url,
  credentials,
  userAgent: 'atlas-backup-test',
  now: () => clock,
  retry: {
    sleep: (ms: number) => {
      clock += ms;
      return Promise.resolve();
    },
  },
});
const client = (credentials: Credentials = SA) => new AtlasClient(clientOptions(credentials));
const api = () => sim.requests.filter((r) => r.path.startsWith('/api/atlas/'));
const allClustersAvailable = async () => (await fetch(`${url}/api/atlas/v2/clusters`)).status !== 404;

/**
 * Extra snapshot pages the loader needs to find each replica set's oldest completed snapshot, from the simulator's own
 * answers: the last page when the first (10) is not all, and the one before it when the last holds no completed one.
 */
async function oldestSnapshotPages(): Promise<number> {
  const c = client();
  let extra = 0;
  for (const cl of FACTS.clusters) {
    if (cl.backup === 'off' || cl.clusterType !== 'REPLICASET') continue;
    const g = FACTS.projects.find((p) => p.name === cl.projectName)!.id;
    const first = await c.listSnapshotsPage(g, cl.name, { itemsPerPage: 10 });
    if (!first.hasNext || first.totalCount === undefined) continue;
    const last = Math.ceil(first.totalCount / 10);
    extra++;
    const lastPage = await c.listSnapshotsPage(g, cl.name, { itemsPerPage: 10, pageNum: last });
    if (!lastPage.results.some((s) => s.status === 'completed') && last - 1 > 1) extra++;
  }
  sim.reset();
  sim.setRateLimit({ limit: 100_000, windowSeconds: 60 });
  return extra;
}

describe('posture loader against the simulator', () => {
  test('every seeded cluster gets a row, with the fewest requests', async () => {
    const oldestPages = await oldestSnapshotPages();
    const c = client();
    const progress: number[] = [];
    const seen: string[] = [];
    const report = await loadPosture(c, {
      now: () => clock,
      onProgress: (p) => progress.push(p.clusters),
      onRow: (r) => seen.push(r.clusterName),
    });
    const byName = new Map(report.rows.map((r) => [r.clusterName, r]));
    assert.equal(report.rows.length, FACTS.clusters.length);
    assert.deepEqual(
      report.rows.map((r) => `${r.projectName}/${r.clusterName}`).sort(),
      FACTS.clusters.map((c) => `${c.projectName}/${c.name}`).sort(),
    );
    assert.equal(seen.length, FACTS.clusters.length, 'each row was reported as it was ready');
    assert.deepEqual(report.problems, []);
    assert.equal(byName.get('staging-rs')?.backup, 'off');
    assert.equal(byName.get('ledger-pit')?.backup, 'continuous');
    assert.equal(byName.get('analytics-nvme')?.nvme, true);
    assert.equal(byName.get('orders-rs')?.compliance, 'compliant');
    assert.equal(byName.get('staging-rs')?.compliance, 'no policy');
    assert.ok(byName.get('orders-rs')?.newestSnapshot, 'the newest completed snapshot is found');
    assert.ok(byName.get('catalog-sharded')?.newestSnapshot, 'sharded clusters read the sharded snapshot list');
    assert.equal(byName.get('orders-rs')?.overdue, false);
    const s = summarizePosture(report.rows);
    assert.equal(s.off, FACTS.backupOff, 'every seeded cluster with backup off');
    assert.deepEqual(
      report.rows.filter((r) => r.backup === 'continuous').map((r) => r.clusterName),
      FACTS.clusters.filter((c) => c.backup === 'continuous').map((c) => c.name),
    );
    // The loader gives each cluster's rules its own context (NVMe, continuous backup, sharding, zones, legacy):
    // these seeded schedules are valid for their clusters, so any error here is wrong context.
    for (const name of ['orders-rs', 'analytics-nvme', 'catalog-sharded', 'global-users', 'ledger-pit', 'legacy-app'])
      assert.equal(
        byName.get(name)?.errors,
        0,
        `${name}: ${byName
          .get(name)
          ?.findings.map((f) => f.message)
          .join('; ')}`,
      );
    assert.equal(s.withErrors, report.rows.filter((r) => r.errors > 0).length);
    // The demo seeds one cluster for each posture filter, so none of them shows an empty table.
    assert.ok(FACTS.scheduleErrors.length && FACTS.overdue.length && FACTS.notCompliant.length);
    const named = (keep: (r: (typeof report.rows)[number]) => boolean) =>
      report.rows
        .filter(keep)
        .map((r) => r.clusterName)
        .sort();
    assert.deepEqual(
      named((r) => r.overdue),
      [...FACTS.overdue].sort(),
    );
    assert.deepEqual(
      named((r) => r.compliance === 'not compliant'),
      [...FACTS.notCompliant].sort(),
    );
    for (const name of FACTS.scheduleErrors) {
      const row = byName.get(name);
      assert.ok(
        row?.findings.some((f) => f.severity === 'error' && !f.ruleId.startsWith('compliance-')),
        `${name} has a schedule error of the rules: ${row?.findings.map((f) => f.ruleId).join(', ')}`,
      );
      assert.equal(row?.overdue, false, `${name} shows one finding, not overdue too`);
    }
    for (const name of FACTS.notCompliant)
      assert.ok(byName.get(name)?.errors, `${name}: a schedule below the policy is an error too`);
    assert.equal(progress.at(-1), FACTS.clusters.length);

    // Projects: one listing; per project with clusters: its clusters and its policy; per cluster with backup: 3 (the
    // schedule, the newest snapshots, the restore jobs); per replica set with more than a page of snapshots, 1 or 2
    // more for the oldest.
    const backupOn = FACTS.clusters.length - FACTS.backupOff;
    const withClusters = FACTS.projects.filter((p) => p.clusters.length > 0).length;
    const listing = report.listing === 'all-clusters' ? 1 : 2; // the fallback first meets the 404
    assert.ok(oldestPages <= backupOn * 2);
    assert.equal(api().filter((r) => r.status !== 401).length, listing + withClusters * 2 + backupOn * 3 + oldestPages);
    assert.ok(
      !api().some((r) => r.path === `/api/atlas/v2/groups/${SEED.projects.empty.id}/clusters`),
      'the empty project is not listed',
    );
    assert.ok(c.peakInFlight <= 4);
  });

  test('recovery: the window and restore points match the whole snapshot list; the last restore comes from Atlas', async () => {
    const c = client();
    const prod = SEED.projects.production.id;
    // The truth, read in full (every page), before the load reads it with at most three requests.
    const all = [];
    for await (const s of c.listSnapshots(prod, 'orders-rs', { itemsPerPage: 500 })) all.push(s);
    const done = all.filter((s) => s.status === 'completed').map((s) => Date.parse(s.createdAt!));
    const jobs = [];
    for await (const j of c.listRestoreJobs(prod, 'orders-rs')) jobs.push(j);
    const finished = jobs.filter((j) => j.finishedAt && !j.failed && !j.cancelled);
    const report = await loadPosture(c, { projectIds: [prod], now: () => clock });
    const orders = report.rows.find((r) => r.clusterName === 'orders-rs')!;
    assert.ok(done.length > 10, 'more snapshots than the first page');
    assert.equal(orders.recovery?.restorePoints, done.length);
    assert.equal(orders.recovery?.restorableFrom, new Date(Math.min(...done)).toISOString().replace('.000Z', 'Z'));
    assert.equal(orders.recovery?.restorableTo, new Date(Math.max(...done)).toISOString().replace('.000Z', 'Z'));
    assert.equal(orders.recovery?.pointInTime, false);
    const newestJob = finished.sort((a, b) => Date.parse(b.finishedAt!) - Date.parse(a.finishedAt!))[0];
    assert.equal(orders.recovery?.lastRestore?.finishedAt, newestJob.finishedAt!.replace(/\.\d{3}Z$/, 'Z'));
    assert.equal(orders.recovery?.lastRestore?.deliveryType, newestJob.deliveryType);
    assert.equal(orders.recovery?.lastRestore?.durationSeconds, null, 'Atlas keeps no start time');
    assert.equal(orders.recovery?.lastRestore?.drill, null, 'only our own history knows');
    for (const r of report.rows) {
      if (r.backup === 'off') assert.equal(r.recovery, null, r.clusterName);
      else if (r.clusterName !== 'orders-rs') {
        assert.equal(r.recovery?.lastRestore, null, `${r.clusterName} was never restored`);
        assert.ok(
          r.findings.some((f) => f.ruleId === 'no-recent-restore'),
          r.clusterName,
        );
      }
    }
    assert.ok(!orders.findings.some((f) => f.ruleId === 'no-recent-restore'), 'restored two days ago');
  });

  test('without the all-clusters listing it walks the projects (the 404 fallback)', async () => {
    if (await allClustersAvailable())
      sim.faults.add({ pathPrefix: '/api/atlas/v2/clusters', status: 404, errorCode: 'RESOURCE_NOT_FOUND', count: 1 });
    const report = await loadPosture(client(), { now: () => clock });
    assert.equal(report.listing, 'projects');
    assert.equal(report.rows.length, FACTS.clusters.length);
    assert.ok(api().some((r) => r.path === '/api/atlas/v2/groups'));
  });

  test('--projectId: only that project; an unknown id is a problem, not a crash', async () => {
    const report = await loadPosture(client(), {
      projectIds: [SEED.projects.production.id, 'f'.repeat(24)],
      now: () => clock,
    });
    assert.deepEqual(
      report.rows.map((r) => r.clusterName).sort(),
      clustersOf('Production')
        .map((c) => c.name)
        .sort(),
    );
    assert.equal(report.problems.length, 1);
    assert.match(report.problems[0].message, /No project with ID f{24}/);
  });

  test('read-only credentials: the compliance policy is unknown, everything else is there', async () => {
    const report = await loadPosture(client(READ_ONLY), {
      projectIds: [SEED.projects.production.id],
      now: () => clock,
    });
    assert.equal(report.rows.length, clustersOf('Production').length);
    for (const r of report.rows) {
      assert.equal(r.compliance, 'unknown');
      assert.match(r.loadErrors.join(' '), /compliance policy: .*Project Owner/);
    }
  });

  test('a project whose clusters cannot be listed is reported; the others load', async () => {
    sim.faults.add({ pathPrefix: `/api/atlas/v2/groups/${SEED.projects.staging.id}/clusters`, status: 500, count: 1 });
    const report = await loadPosture(client(), { now: () => clock });
    assert.equal(report.problems.length, 1);
    assert.equal(report.problems[0].projectName, 'Staging');
    assert.equal(report.rows.length, FACTS.clusters.length - clustersOf('Staging').length);
  });

  test('cancelling stops the load: it rejects as cancelled and sends nothing more', async () => {
    // Counted where requests leave, not where they arrive: requests sent before the abort may reach the simulator
    // after the load rejected (later on a loaded machine), and are not "more".
    let sent = 0;
    const inFlight = new Set<Promise<unknown>>();
    const counting: FetchLike = (u, init) => {
      sent++;
      const r = defaultFetch(u, init);
      const settled: Promise<unknown> = r.then(
        () => inFlight.delete(settled),
        () => inFlight.delete(settled),
      );
      inFlight.add(settled);
      return r;
    };
    const ctl = new AbortController();
    let rows = 0;
    const p = loadPosture(new AtlasClient({ ...clientOptions(), fetch: counting }), {
      signal: ctl.signal,
      now: () => clock,
      onRow: () => {
        if (++rows === 5) ctl.abort();
      },
    });
    await assert.rejects(p, (e) => isCancelled(e));
    const atRejection = sent;
    while (inFlight.size) await Promise.all([...inFlight]);
    await new Promise((r) => setImmediate(r));
    // A full load, at the least: the projects and the 404 fallback, two per project with clusters, three per
    // cluster with backup (the oldest snapshots' pages left out).
    const fullLoad =
      2 +
      FACTS.projects.filter((p) => p.clusters.length > 0).length * 2 +
      (FACTS.clusters.length - FACTS.backupOff) * 3;
    assert.ok(atRejection < fullLoad, `stopped early (${atRejection} of a full load's ${fullLoad} requests)`);
    assert.equal(sent, atRejection, 'nothing was sent after the load rejected');
  });
});
