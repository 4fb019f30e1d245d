// The restore plan's time (goal: under 5 ms): buildRestorePlan for an automated restore, a point in time (with the
// restorable window) and a download, plus reading a typed point in time. The plan is shown before every restore, in
// the CLI and in VS Code, so it must never be what the person waits for.
// Standalone: npx esbuild bench/restorePlan.bench.ts --bundle --platform=node --outfile=/tmp/b.js && node /tmp/b.js
import { performance } from 'node:perf_hooks';
import {
  buildCollectionRestorePlan,
  buildRestorePlan,
  parsePointInTime,
  type RestoreClusterFacts,
} from '../src/core/restore/index';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const source: RestoreClusterFacts = {
  groupId: 'a'.repeat(24),
  projectName: 'Production',
  name: 'catalog-sharded',
  tier: 'M50',
  mongoDBVersion: '8.0.4',
  topology: { kind: 'sharded', shards: 2, configServerType: 'DEDICATED' },
  encryptionAtRestProvider: 'AWS',
  continuousBackup: true,
  restoreWindowDays: 2,
};
const target: RestoreClusterFacts = { ...source, groupId: 'b'.repeat(24), name: 'scratch', mongoDBVersion: '8.0.6' };
const snapshot = {
  id: 'c'.repeat(24),
  createdAt: '2026-11-21T18:00:00Z',
  status: 'completed',
  snapshotType: 'scheduled',
  frequencyType: 'daily',
  storageSizeBytes: 60_000_000_000,
  mongodVersion: '8.0.4',
};
const span = { oldestMs: NOW - 30 * 86_400_000, newestMs: NOW - 3_600_000, count: 356 };

function measure(name: string, runs: number, fn: () => unknown): void {
  for (let i = 0; i < 500; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
  console.log(
    `restore plan: ${name}: p50 ${q(0.5).toFixed(4)} ms, p99 ${q(0.99).toFixed(4)} ms, max ${q(1).toFixed(3)} ms (goal < 5 ms)`,
  );
}

const first = performance.now();
buildRestorePlan({ kind: 'automated', source, target, snapshot, nowMs: NOW });
console.log(`restore plan: first plan (cold) ${(performance.now() - first).toFixed(3)} ms`);
measure('automated', 20_000, () => buildRestorePlan({ kind: 'automated', source, target, snapshot, nowMs: NOW }));
measure('point in time', 20_000, () =>
  buildRestorePlan({
    kind: 'pointInTime',
    source,
    target,
    pointInTime: { kind: 'seconds', epochSeconds: NOW / 1000 - 3600 },
    sourceSnapshots: span,
    nowMs: NOW,
  }),
);
measure('download', 20_000, () => buildRestorePlan({ kind: 'download', source, snapshot, nowMs: NOW }));
measure('parse --point-in-time', 20_000, () => parsePointInTime('2026-11-22T11:00:00+01:00'));
// A collection restore of 100 namespaces (Atlas's most) checked against a snapshot holding 50 databases of 40.
const held = new Map(
  Array.from({ length: 50 }, (_, d) => [`db${d}`, Array.from({ length: 40 }, (_, c) => `coll${c}`)] as const),
);
const namespaces = Array.from({ length: 100 }, (_, i) => ({ source: `db${i % 50}.coll${i % 40}`, target: null }));
measure('collection restore, 100 namespaces', 20_000, () =>
  buildCollectionRestorePlan({
    source,
    target,
    snapshot,
    held,
    namespaceKind: 'collection',
    namespaces,
    writeStrategy: 'create-new',
    indexStrategy: 'all',
    nowMs: NOW,
  }),
);
