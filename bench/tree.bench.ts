// The Projects tree at scale: the explorer model against the simulator's scale seed (300 projects, 50 clusters in
// "Scale Fleet", 5,000 snapshots on history-5000) with 80 ms added to every request. For each step a user takes —
// open the project list, a project, a cluster, its schedule, its snapshots — it prints the requests made, the time
// to the first rows, and that time over (fewest round trips the API allows × 80 ms); the goal is 1.2 or less.
// Then it pages through all 5,000 snapshots with Load more and prints the heap after each page. Figures, no asserts.
// The simulator runs in a child process (this same file with --serve), so its own work does not share the tree's
// thread; what is left over 1.0 is the simulator's answer time and the model's own.
// Standalone: npx esbuild bench/tree.bench.ts --bundle --platform=node --outfile=/tmp/t.js && node /tmp/t.js
import { performance } from 'node:perf_hooks';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { fork } from 'node:child_process';
import { AtlasClient } from '../src/core/atlas';
import { defaultFetch, type FetchLike } from '../src/core/atlas/transport';
import { AtlasSimulator, DEMO_CREDENTIALS } from '../src/simulator';
import { SCALE } from '../src/simulator/scaleSeed';
import { ExplorerModel, present } from '../src/core/tree/explorerModel';
import type { ExplorerNode } from '../src/core/tree/explorerModel';

const LATENCY_MS = 80;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const heapMiB = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const requested: string[] = [];
const slowFetch: FetchLike = async (url, init) => {
  requested.push(new URL(url).pathname);
  await sleep(LATENCY_MS);
  return defaultFetch(url, init);
};

async function serve(): Promise<void> {
  const sim = new AtlasSimulator({ seed: 'scale' });
  const { url } = await sim.start(0);
  process.send!({ url });
  process.on('disconnect', () => {
    void sim.stop().then(() => process.exit(0));
  });
}

function startSimulator(): Promise<{ url: string; stop(): void }> {
  const child = fork(__filename, ['--serve'], { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('message', (m: { url: string }) => resolve({ url: m.url, stop: () => child.disconnect() }));
    child.once('exit', (code) => reject(new Error(`simulator exited ${code}`)));
  });
}

function label(n: ExplorerNode): string {
  return present(n).label;
}

/** Resolves when `check` holds, re-tested on every change the model reports. */
async function until(model: ExplorerModel, check: () => boolean): Promise<void> {
  while (!check())
    await new Promise<void>((resolve) => {
      const s = model.onDidChange(() => {
        s.dispose();
        resolve();
      });
    });
}

async function main(): Promise<void> {
  const sim = await startSimulator();
  const url = sim.url;
  const requests = {
    get length() {
      return requested.length;
    },
    slice: (n: number) => requested.slice(n),
  };
  try {
    const client = new AtlasClient({
      baseUrl: url,
      credentials: { kind: 'serviceAccount', ...DEMO_CREDENTIALS.serviceAccount },
      userAgent: 'atlas-backup-bench/0',
      fetch: slowFetch,
    });
    await client.listProjectsPage({ itemsPerPage: 1 }); // the token round trip is sign-in's, not the tree's
    present({
      kind: 'snapshot',
      id: 'warm-up',
      parentId: '',
      accountId: '',
      groupId: '',
      clusterName: '',
      sharded: false,
      snapshot: { createdAt: new Date().toISOString() },
    });
    // (that first present() loads the time-zone data once, as the tree's first tooltip would)
    const model = new ExplorerModel(client);
    const rows: string[][] = [['step', 'requests', 'first rows', 'fewest RTs', 'ratio']];

    async function step(name: string, fewest: number, act: () => void, ready: () => boolean): Promise<number> {
      const before = requests.length;
      const t = performance.now();
      act();
      await until(model, ready);
      const ms = performance.now() - t;
      rows.push([
        name,
        String(requests.length - before),
        `${ms.toFixed(0)} ms`,
        String(fewest),
        (ms / (fewest * LATENCY_MS)).toFixed(2),
      ]);
      return ms;
    }

    let projects: ExplorerNode[] = [];
    await step(
      'project list (300)',
      1,
      () => {
        projects = model.getChildren();
      },
      () => (projects = model.getChildren()).some((p) => p.kind === 'project'),
    );
    const fleet = projects.find((p) => label(p) === SCALE.fleetProject)!;
    let clusters: ExplorerNode[] = [];
    await step(
      'project (50 clusters)',
      1,
      () => {
        model.getChildren(fleet);
      },
      () => (clusters = model.getChildren(fleet)).some((c) => c.kind === 'cluster'),
    );
    const clusterRows = clusters.filter((c) => c.kind === 'cluster').length;
    const big = clusters.find((c) => label(c) === SCALE.bigCluster)!;

    // Opening the cluster: its rows are there at once; the summaries they show need one round trip.
    let children: ExplorerNode[] = [];
    const tRows = performance.now();
    children = model.getChildren(big);
    const rowsAtOnce = performance.now() - tRows;
    const schedule = children.find((c) => c.kind === 'schedule')!;
    const snapshots = children.find((c) => c.kind === 'snapshots')!;
    const t0 = performance.now();
    const before = requests.length;
    // The user opens the schedule and the snapshots right after the cluster: measured from the cluster's expansion.
    let tSchedule = 0;
    let tSnapshots = 0;
    let tSummaries = 0;
    await Promise.all([
      until(model, () => model.getChildren(schedule).some((r) => r.kind === 'detail')).then(() => {
        tSchedule = performance.now() - t0;
      }),
      until(model, () => model.getChildren(snapshots).some((r) => r.kind === 'snapshot')).then(() => {
        tSnapshots = performance.now() - t0;
      }),
      until(
        model,
        () =>
          !/loading/.test(present(schedule).description ?? '') && /total/.test(present(snapshots).description ?? ''),
      ).then(() => {
        tSummaries = performance.now() - t0;
      }),
    ]);
    await model.whenSettled(big);
    const clusterRequests = requests.length - before;
    rows.push(['cluster (rows)', '0', `${rowsAtOnce.toFixed(1)} ms`, '0', '—']);
    rows.push([
      'cluster (summaries)',
      String(clusterRequests),
      `${tSummaries.toFixed(0)} ms`,
      '1',
      (tSummaries / LATENCY_MS).toFixed(2),
    ]);
    rows.push(['schedule (items)', '0 more', `${tSchedule.toFixed(0)} ms`, '1', (tSchedule / LATENCY_MS).toFixed(2)]);
    rows.push([
      'snapshots (first 500 of 5,000)',
      '0 more',
      `${tSnapshots.toFixed(0)} ms`,
      '1',
      (tSnapshots / LATENCY_MS).toFixed(2),
    ]);

    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    console.log(
      `latency ${LATENCY_MS} ms a request; ${clusterRows} clusters listed in ${SCALE.fleetProject}; cluster requests: ${requests
        .slice(before)
        .map((p) => p.replace(/.*\/clusters\/[^/]+/, '…'))
        .join(', ')}`,
    );
    for (const r of rows)
      console.log(`  ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('   ')}`);

    // Paging through all 5,000 with Load more: one request a page, heap after each; twice, with a Refresh between,
    // to show the heap returns to where it was (flat across cycles) rather than growing with every pass.
    const heap0 = heapMiB();
    for (let cycle = 1; cycle <= 2; cycle++) {
      const pages: string[] = [];
      const pageReq = requests.length;
      const tPaging = performance.now();
      let shown = 0;
      for (;;) {
        const list = model.getChildren(snapshots);
        const more = list.find((r) => r.kind === 'loadMore');
        shown = list.filter((r) => r.kind === 'snapshot').length;
        if (cycle === 1) pages.push(`${String(shown).padStart(5)} rows  ${heapMiB().toFixed(1).padStart(6)} MiB`);
        if (!more) break;
        model.loadMore(more);
        await model.whenSettled(snapshots);
      }
      const pagingMs = performance.now() - tPaging;
      const tRender = performance.now();
      for (const r of model.getChildren(snapshots)) present(r);
      const renderMs = performance.now() - tRender;
      const heapAll = heapMiB();
      console.log(
        `\npass ${cycle}: ${shown.toLocaleString('en-US')} snapshots with ${requests.length - pageReq} more requests (one a page) in ${(pagingMs / 1000).toFixed(2)} s`,
      );
      for (const p of pages) console.log(`  ${p}`);
      console.log(
        `  heap with all rows loaded: ${heapAll.toFixed(1)} MiB (${(((heapAll - heap0) * 1024 * 1024) / shown).toFixed(0)} bytes a row over the first page); getChildren + present() of every row: ${renderMs.toFixed(1)} ms`,
      );
      model.refreshNode(snapshots);
      await model.whenSettled(snapshots);
      console.log(
        `  after Refresh (back to the first page): ${heapMiB().toFixed(1)} MiB (first page before paging: ${heap0.toFixed(1)} MiB)`,
      );
    }
    model.dispose();
  } finally {
    sim.stop();
  }
}

if (process.argv.includes('--serve')) void serve();
else
  main().then(
    () => process.exit(0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
