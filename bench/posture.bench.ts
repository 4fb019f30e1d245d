// The fleet's Backup Posture report at 80 ms a request and under a rate limit: for the demo seed (127 clusters) and
// the scale seed (300 projects, ~3,100 clusters) it prints the requests made, the time to the full report, that time
// over (fewest round trips the API allows × 80 ms), and over the bound the client's 4-in-flight limit sets
// (⌈requests / 4⌉ round trips). Figures, no asserts.
//
// Time is virtual: the simulator, the client's clock, its retry waits and the 80 ms of each request all run on one
// clock that jumps to the next timer whenever no request is being answered, so minutes of rate-limit waits cost
// seconds. The rate limit is the simulator's stand-in (1,000 requests a minute per credential, fixed window): Atlas
// publishes no figure for these endpoints (its limits are token buckets per endpoint set, FACTS §8), so the run is
// repeated without a limit to show the floor.
// Standalone: npx esbuild bench/posture.bench.ts --bundle --platform=node --outfile=/tmp/p.js && node /tmp/p.js
import { performance } from 'node:perf_hooks';
import { AtlasClient } from '../src/core/atlas';
import { defaultFetch, type FetchLike } from '../src/core/atlas/transport';
import { loadPosture } from '../src/core/fleet/loader';
import { summarizePosture, summaryLine } from '../src/core/fleet/summary';
import { AtlasSimulator, DEMO_CREDENTIALS } from '../src/simulator';

const LATENCY_MS = 80;
const IN_FLIGHT = 4;

/** One clock for everything; advances to the next timer once nothing real is in flight. */
class VirtualClock {
  now = Date.parse('2026-12-01T12:00:00Z');
  private timers: { at: number; seq: number; go: () => void }[] = [];
  private seq = 0;
  inflight = 0;

  readonly sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(new Error('aborted'));
        return;
      }
      const t = { at: this.now + Math.max(0, ms), seq: this.seq++, go: resolve };
      this.timers.push(t);
      signal?.addEventListener(
        'abort',
        () => {
          this.timers = this.timers.filter((x) => x !== t);
          reject(new Error('aborted'));
        },
        { once: true },
      );
    });

  async run<T>(work: Promise<T>): Promise<T> {
    let done = false;
    void work.then(
      () => {
        done = true;
      },
      () => {
        done = true;
      },
    );
    let idle = 0;
    while (!done) {
      await new Promise((r) => setImmediate(r));
      if (this.inflight > 0) {
        idle = 0;
        continue;
      }
      if (++idle < 3 || !this.timers.length) continue;
      idle = 0;
      const at = Math.min(...this.timers.map((t) => t.at));
      const due = this.timers.filter((t) => t.at <= at).sort((a, b) => a.seq - b.seq);
      this.timers = this.timers.filter((t) => t.at > at);
      this.now = Math.max(this.now, at);
      for (const t of due) t.go();
    }
    return work;
  }
}

async function measure(seed: true | 'scale', opts: { rateLimit: boolean; allClusters: boolean }) {
  const clock = new VirtualClock();
  const sim = new AtlasSimulator({ seed, now: () => clock.now });
  const { url } = await sim.start(0);
  sim.setRateLimit(opts.rateLimit ? { limit: 1000, windowSeconds: 60 } : { limit: 10_000_000, windowSeconds: 60 });
  if (!opts.allClusters)
    sim.faults.add({ pathPrefix: '/api/atlas/v2/clusters', status: 404, errorCode: 'RESOURCE_NOT_FOUND', count: 1 });
  let requests = 0,
    throttled = 0;
  const slowFetch: FetchLike = async (u, init) => {
    const api = new URL(u).pathname.startsWith('/api/atlas/');
    if (api) requests++;
    await clock.sleep(LATENCY_MS);
    clock.inflight++;
    try {
      const res = await defaultFetch(u, init);
      if (res.status === 429) throttled++;
      const text = await res.text();
      return { status: res.status, headers: res.headers, text: () => Promise.resolve(text) };
    } finally {
      clock.inflight--;
    }
  };
  const client = new AtlasClient({
    baseUrl: url,
    credentials: { kind: 'serviceAccount', ...DEMO_CREDENTIALS.serviceAccount },
    userAgent: 'atlas-backup-bench/0',
    fetch: slowFetch,
    now: () => clock.now,
    retry: { sleep: clock.sleep },
    maxInFlightPerHost: IN_FLIGHT,
  });
  await clock.run(client.listProjectsPage({ itemsPerPage: 1 })); // sign-in's token round trip is not the report's
  requests = 0;
  throttled = 0;
  const t0 = clock.now,
    real0 = performance.now();
  const report = await clock.run(loadPosture(client, { now: () => clock.now }));
  const ms = clock.now - t0;
  const realMs = performance.now() - real0;
  await sim.stop();
  // The listing, then each project's clusters and policy, then each cluster's schedule, newest snapshots and restore
  // jobs, then (replica sets with more than a page of snapshots) the oldest snapshots' page.
  const depth = 4;
  return { report, requests, throttled, ms, realMs, depth, peak: client.peakInFlight };
}

async function main(): Promise<void> {
  const rows: string[][] = [
    [
      'seed',
      'listing',
      'rate limit',
      'clusters',
      'requests',
      '429s',
      'full report',
      'fewest RTs',
      'ratio',
      '⌈req/4⌉ RTs',
      'ratio',
      'peak in flight',
      'real',
    ],
  ];
  let scaleSummary = '';
  for (const [name, seed] of [
    ['demo', true],
    ['scale', 'scale'],
  ] as const) {
    for (const v of [
      { rateLimit: true, allClusters: true },
      { rateLimit: false, allClusters: true },
      { rateLimit: true, allClusters: false },
    ]) {
      const r = await measure(seed, v);
      const bound = Math.ceil(r.requests / IN_FLIGHT);
      rows.push([
        name,
        r.report.listing,
        v.rateLimit ? '1000/min' : 'none',
        String(r.report.rows.length),
        String(r.requests),
        String(r.throttled),
        `${(r.ms / 1000).toFixed(1)} s`,
        String(r.depth),
        (r.ms / (r.depth * LATENCY_MS)).toFixed(1),
        String(bound),
        (r.ms / (bound * LATENCY_MS)).toFixed(2),
        String(r.peak),
        `${(r.realMs / 1000).toFixed(1)} s`,
      ]);
      if (seed === 'scale' && v.rateLimit && v.allClusters) scaleSummary = summaryLine(summarizePosture(r.report.rows));
    }
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  console.log(
    `\nposture report: ${LATENCY_MS} ms a request, at most ${IN_FLIGHT} in flight (virtual time; "real" is this machine's wall clock)`,
  );
  for (const r of rows) console.log(`  ${r.map((c, i) => c.padEnd(widths[i])).join('  ')}`);
  console.log(`  scale seed: ${scaleSummary}`);
  console.log(
    "  fewest RTs = the dependency depth (4): what unlimited parallelism would take; ⌈req/4⌉ = the floor under the client's in-flight limit;",
  );
  console.log(
    '  under 1000 requests a minute, ~8,900 requests cannot take less than 9 minutes whatever the client does.',
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
