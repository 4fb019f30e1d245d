// Push-review speed: p50/p99 of the readable diff, the three-way compare (with its merge) and the aligned JSON
// documents for a typical schedule, and the whole fleet's change lists (120 clusters, as apply-to-many would).
// Standalone: npx esbuild bench/diff.bench.ts --bundle --platform=node --outfile=/tmp/d.js && node /tmp/d.js
import { performance } from 'node:perf_hooks';
import type { BackupSchedule } from '../src/core/atlas/types';
import { alignedDocuments, diffSchedules, threeWay } from '../src/core/schedule/diff';
import { scheduleFingerprint } from '../src/core/schedule/scheduleFile';

const base: BackupSchedule = {
  policies: [
    {
      id: '64b0c0ffee00000000000300',
      policyItems: [
        {
          id: '64b0c0ffee00000000000001',
          frequencyType: 'hourly',
          frequencyInterval: 6,
          retentionUnit: 'days',
          retentionValue: 7,
        },
        {
          id: '64b0c0ffee00000000000002',
          frequencyType: 'daily',
          frequencyInterval: 1,
          retentionUnit: 'days',
          retentionValue: 7,
        },
        {
          id: '64b0c0ffee00000000000003',
          frequencyType: 'weekly',
          frequencyInterval: 6,
          retentionUnit: 'weeks',
          retentionValue: 4,
        },
        {
          id: '64b0c0ffee00000000000004',
          frequencyType: 'monthly',
          frequencyInterval: 40,
          retentionUnit: 'months',
          retentionValue: 12,
        },
        {
          id: '64b0c0ffee00000000000005',
          frequencyType: 'yearly',
          frequencyInterval: 12,
          retentionUnit: 'years',
          retentionValue: 1,
        },
      ],
    },
  ],
  referenceHourOfDay: 18,
  referenceMinuteOfHour: 0,
  restoreWindowDays: 7,
  autoExportEnabled: false,
  copyPolicyItemsEnabled: true,
  copySettings: [
    {
      zoneId: '64b0c0ffee0000000000e0a1',
      cloudProvider: 'AWS',
      regionName: 'EU_CENTRAL_1',
      shouldCopyOplogs: false,
      copyPolicyItems: [{ frequencyType: 'daily', retentionUnit: 'days', retentionValue: 7 }],
    },
  ],
};
const remote = structuredClone(base);
remote.referenceHourOfDay = 2;
const local = structuredClone(base);
local.policies![0].policyItems[1].retentionValue = 14;
local.policies![0].policyItems.splice(4, 1);
local.copySettings = [];

function measure(name: string, n: number, f: () => unknown): void {
  for (let i = 0; i < 200; i++) f();
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    f();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  const q = (p: number) => t[Math.min(t.length - 1, Math.floor(p * t.length))].toFixed(3);
  console.log(`  ${name.padEnd(48)} p50 ${q(0.5)} ms  p99 ${q(0.99)} ms  (${n} runs)`);
}

console.log('push review (bench/diff.bench.ts)');
measure('diffSchedules, typical schedule, 3 changes', 5000, () => diffSchedules(remote, local));
measure('threeWay with merge and fingerprints', 2000, () =>
  threeWay({ schedule: base, fingerprint: scheduleFingerprint(base) }, remote, local, scheduleFingerprint),
);
measure('alignedDocuments (the full JSON diff)', 2000, () => alignedDocuments(remote, local));
const fleet = Array.from({ length: 120 }, (_, i) => {
  const s = structuredClone(base);
  s.referenceHourOfDay = i % 24;
  return s;
});
measure('change lists for 120 clusters (apply-to-many)', 50, () => fleet.map((s) => diffSchedules(s, local)));
