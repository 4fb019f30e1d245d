// The schedule editor's own share of "ready for input": what the extension computes for each state it sends the
// webview (the rule engine's problems + the form view-model + the retention picture) and its size on the wire,
// for the sample schedules and a long one (it is computed while the page is built, before the webview starts). The
// end-to-end figure is measured in code-server by bench/run.js, as a ratio to a blank webview editor (goal ≤ 1.2)
// and as our share in the webview (our script requested → first state drawn; goal < 30 ms).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { checkSchedule } from '../src/core/schedule/index';
import type { ScheduleContext } from '../src/core/schedule/index';
import { formModel, intentEdits } from '../src/core/schedule/formModel';

const ctx: ScheduleContext = {
  nvme: false,
  pitEnabled: true,
  zones: [{ zoneId: '64b0c0ffee0000000000e0a1', zoneName: 'EMEA', providers: ['AWS'] }],
  compliance: {
    state: 'ACTIVE',
    restoreWindowDays: 2,
    scheduledPolicyItems: [
      { frequencyType: 'hourly', frequencyInterval: 6, retentionUnit: 'days', retentionValue: 2 },
      { frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7 },
    ],
  },
};

function quantile(xs: number[], q: number): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

function measure(name: string, text: string, runs: number): void {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const problems = checkSchedule(text, ctx);
    const model = formModel(text, ctx, { now: Date.now(), timeZone: 'Europe/Berlin', problems });
    bytes = JSON.stringify(model).length;
    times.push(performance.now() - t);
  }
  const e = performance.now();
  for (let i = 0; i < runs; i++)
    intentEdits(text, { kind: 'set', path: ['policies', 0, 'policyItems', 0, 'retentionValue'], value: 3 + i }, ctx);
  const editMs = (performance.now() - e) / runs;
  console.log(
    `  ${name.padEnd(34)} state p50 ${quantile(times, 0.5).toFixed(2)} ms  p99 ${quantile(times, 0.99).toFixed(2)} ms  · ${(bytes / 1024).toFixed(1)} KiB to the webview · intent → edit ${editMs.toFixed(2)} ms`,
  );
}

const root = path.join(__dirname, '..', '..', '..', 'samples');
const dir = fs.existsSync(root) ? root : path.join(process.cwd(), 'samples');
console.log('schedule editor: checkSchedule + formModel + picture per state (plain Node)');
for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.schedule.json')))
  measure(f, fs.readFileSync(path.join(dir, f), 'utf8'), 200);
const items = Array.from(
  { length: 200 },
  (_, i) =>
    `{ "frequencyType": "${['hourly', 'daily', 'weekly', 'monthly', 'yearly'][i % 5]}", "frequencyInterval": ${1 + (i % 7)}, "retentionUnit": "days", "retentionValue": ${1 + i} }`,
);
measure(
  '200 items (broken on purpose)',
  `{ "referenceHourOfDay": 3, "referenceMinuteOfHour": 0, "policies": [{ "policyItems": [\n${items.join(',\n')}\n] }] }`,
  20,
);
