// Schedule validation speed: p50/p99 of checkSchedule (rules) and lintSchedule (schema + rules) for a typical
// schedule (5 items + copy settings + export) and a pathological one (thousands of items). The typical schedule must
// stay under 2 ms for checkSchedule: the editor re-validates on every keystroke. Then lint at scale (8,000 to 100,000
// items, each with a problem): the rules alone, and the whole of what `atlas-backup lint` does (schema + rules + a
// line and column for every problem); both must grow linearly (issue #16: it was quadratic, 100,000 items never ended).
// Standalone: npx esbuild bench/validate.bench.ts --bundle --platform=node --outfile=/tmp/b.js && node /tmp/b.js
import { performance } from 'node:perf_hooks';
import { checkSchedule, lintSchedule, type ScheduleContext } from '../src/core/schedule/index';
import { LineIndex } from '../src/core/schedule/lineIndex';

const ZONE = '64b0c0ffee0000000000e0a1';
const ctx: ScheduleContext = {
  pitEnabled: true,
  zones: [{ zoneId: ZONE, zoneName: 'EMEA', providers: ['AWS'] }],
  compliance: {
    state: 'ACTIVE',
    restoreWindowDays: 2,
    scheduledPolicyItems: [{ frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7 }],
  },
};

const TYPICAL = `{
  // typical production schedule
  "atlas": { "groupId": "64b0c0ffee00000000000100", "clusterName": "orders-rs" },
  "policies": [{ "id": "64b0c0ffee00000000000300", "policyItems": [
    { "id": "64b0c0ffee00000000000001", "frequencyType": "hourly", "frequencyInterval": 6, "retentionUnit": "days", "retentionValue": 2 },
    { "id": "64b0c0ffee00000000000002", "frequencyType": "daily", "frequencyInterval": 1, "retentionUnit": "days", "retentionValue": 7 },
    { "frequencyType": "weekly", "frequencyInterval": 6, "retentionUnit": "weeks", "retentionValue": 4 },
    { "frequencyType": "monthly", "frequencyInterval": 40, "retentionUnit": "months", "retentionValue": 12 },
    { "frequencyType": "yearly", "frequencyInterval": 12, "retentionUnit": "years", "retentionValue": 1 },
  ] }],
  "referenceHourOfDay": 18, "referenceMinuteOfHour": 0, "restoreWindowDays": 2,
  "autoExportEnabled": true, "export": { "exportBucketId": "64b0c0ffee00000000000400", "frequencyType": "monthly" },
  "copyPolicyItemsEnabled": true,
  "copySettings": [{ "zoneId": "${ZONE}", "cloudProvider": "AWS", "regionName": "EU_CENTRAL_1", "shouldCopyOplogs": true,
    "copyPolicyItems": [{ "frequencyType": "daily", "retentionUnit": "days", "retentionValue": 7 }, { "frequencyType": "ondemand" }] }],
}`;

const TYPES = ['weekly', 'monthly', 'yearly'] as const;
const pathologicalItems = Array.from({ length: 5000 }, (_, i) => {
  const t = TYPES[i % 3];
  const interval = t === 'weekly' ? 1 + (i % 9) : t === 'monthly' ? 1 + (i % 41) : 1 + (i % 14); // some invalid
  return `{ "frequencyType": "${t}", "frequencyInterval": ${interval}, "retentionUnit": "${['days', 'weeks', 'months'][i % 3]}", "retentionValue": ${1 + (i % 60)} }`;
});
const PATHOLOGICAL = `{ "policies": [{ "policyItems": [\n${pathologicalItems.join(',\n')}\n] }], "referenceHourOfDay": 3, "referenceMinuteOfHour": 0 }`;

// One item of three kinds, each wrong in its own way (a rule's error; a schema error and a rule's warning; an unknown
// field with a rename suggestion and a type error), as in test/unit/cli/lintScale.test.ts.
const SCALE_KINDS = [
  '{ "frequencyType": "hourly", "frequencyInterval": 3, "retentionUnit": "days", "retentionValue": 2 }',
  '{ "frequencyType": "weekly", "frequencyInterval": 1, "retentionUnit": "dayz", "retentionValue": 30 }',
  '{ "frequencyType": "monthly", "frequencyInterval": "3", "retentionUnit": "months", "retentionValue": 2, "retentionValu": 1 }',
];
function scaleDocument(items: number): string {
  const list = Array.from({ length: items }, (_, i) => `    ${SCALE_KINDS[i % 3]}`);
  return `{\n  "policies": [{ "policyItems": [\n${list.join(',\n')}\n  ] }],\n  "referenceHourOfDay": 1,\n  "referenceMinuteOfHour": 0\n}\n`;
}

async function lintAtScale(): Promise<void> {
  console.log("  lint at scale (one run each; wall time and this process's CPU time):");
  for (const items of [8000, 16000, 32000, 100000]) {
    const text = scaleDocument(items);
    const cpu0 = process.cpuUsage();
    let t = performance.now();
    const ruled = checkSchedule(text, {}).length;
    const rulesMs = performance.now() - t;
    const rulesCpu = process.cpuUsage(cpu0);
    const cpu1 = process.cpuUsage();
    t = performance.now();
    const problems = await lintSchedule(text, {});
    const lines = new LineIndex(text);
    const placed = problems.map((p) => [lines.at(p.offset), lines.at(p.offset + p.length)]);
    const lintMs = performance.now() - t;
    const lintCpu = process.cpuUsage(cpu1);
    const ms = (c: NodeJS.CpuUsage) => ((c.user + c.system) / 1000).toFixed(0);
    console.log(
      `    ${String(items).padStart(6)} items ${(text.length / 1e6).toFixed(1).padStart(4)} MB   rules ${rulesMs.toFixed(0).padStart(6)} ms (cpu ${ms(rulesCpu)}, ${ruled} problems)   whole lint ${lintMs.toFixed(0).padStart(6)} ms (cpu ${ms(lintCpu)}, ${placed.length} problems placed)`,
    );
  }
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function measure(
  name: string,
  runs: number,
  fn: () => unknown,
): Promise<{ p50: number; p90: number; p99: number }> {
  for (let i = 0; i < Math.min(200, runs); i++) await fn(); // warm-up (JIT tiers, lazy language-service load)
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const r = { p50: quantile(times, 0.5), p90: quantile(times, 0.9), p99: quantile(times, 0.99) };
  console.log(
    `  ${name.padEnd(44)} p50 ${r.p50.toFixed(3).padStart(8)} ms   p90 ${r.p90.toFixed(3).padStart(8)} ms   p99 ${r.p99.toFixed(3).padStart(8)} ms   (${runs} runs)`,
  );
  return r;
}

async function main(): Promise<void> {
  console.log('\nschedule validation (bench/validate.bench.ts)');
  console.log(
    `  typical: ${TYPICAL.length} chars; pathological: ${pathologicalItems.length} items, ${PATHOLOGICAL.length} chars`,
  );
  const typicalProblems = checkSchedule(TYPICAL, ctx).length;
  const pathoProblems = checkSchedule(PATHOLOGICAL, ctx).length;
  const lintProbe = await lintSchedule(TYPICAL, ctx);
  console.log(`  problems: typical ${typicalProblems}, pathological ${pathoProblems}`);
  if (lintProbe.some((p) => p.ruleId === 'internal')) {
    console.log(
      '  NOTE: the schema check could not load in this bundle (jsonc-parser/vscode-json-languageservice need esbuild mainFields ["module","main"]); lintSchedule figures below cover the rules only',
    );
  }
  const typical = await measure('checkSchedule  typical', 5000, () => checkSchedule(TYPICAL, ctx));
  await measure('lintSchedule   typical', 2000, () => lintSchedule(TYPICAL, ctx));
  await measure('checkSchedule  pathological (5000 items)', 30, () => checkSchedule(PATHOLOGICAL, ctx));
  await measure('lintSchedule   pathological (5000 items)', 10, () => lintSchedule(PATHOLOGICAL, ctx));
  await lintAtScale();
  console.log(
    `  budget: checkSchedule typical under 2 ms (p50 and p90): ${typical.p50 < 2 && typical.p90 < 2 ? 'ok' : 'OVER BUDGET'}; p99 includes GC pauses and other load on the machine`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
