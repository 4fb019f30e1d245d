// Issue #16, item 9: lint placed each problem by scanning the file from its start, so its time grew with the square
// of the number of problems (32,000 items: 40 s; 100,000: not done after two minutes). The built CLI lints a file
// of 64,000 items with 106,000 problems in a child process under a time cap, so a regression fails the test instead
// of holding the machine. Linear, this takes about 5 s of CPU; quadratic, well over a minute. The budget is on the
// child's CPU time (the wall clock only kills it), so a machine busy with other work does not fail the test.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LineIndex } from '../../../src/core/schedule/lineIndex';
import { buildCli } from './builtCli';

let tmp = '';
let cli = '';
const ITEMS = 64_000;
const CPU_BUDGET_MS = 15_000;
const WALL_CAP_MS = 60_000;
// Three kinds of item, each wrong in its own way: a rule's error, a schema error with a rule's warning, an unknown
// field with a rename suggestion and a type error.
const KINDS = [
  '{ "frequencyType": "hourly", "frequencyInterval": 3, "retentionUnit": "days", "retentionValue": 2 }',
  '{ "frequencyType": "weekly", "frequencyInterval": 1, "retentionUnit": "dayz", "retentionValue": 30 }',
  '{ "frequencyType": "monthly", "frequencyInterval": "3", "retentionUnit": "months", "retentionValue": 2, "retentionValu": 1 }',
];

before(() => {
  ({ tmp, cli } = buildCli('atlas-backup-lint-scale-'));
  fs.writeFileSync(
    path.join(tmp, 'cpu.js'),
    `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(path.join(tmp, 'cpu.json'))}, JSON.stringify(process.cpuUsage())));\n`,
  );
  const items = Array.from({ length: ITEMS }, (_, i) => `    ${KINDS[i % 3]}`);
  fs.writeFileSync(
    path.join(tmp, 'big.schedule.json'),
    `{\n  "policies": [{ "policyItems": [\n${items.join(',\n')}\n  ] }],\n  "referenceHourOfDay": 1,\n  "referenceMinuteOfHour": 0\n}\n`,
  );
  const keys = Array.from({ length: 40_000 }, () => '"referenceHourOfDa": 1').join(',\n');
  fs.writeFileSync(path.join(tmp, 'keys.schedule.json'), `{ ${keys}, "policies": [{ "policyItems": [] }] }`);
  const daily = '{ "frequencyType": "daily", "frequencyInterval": 1, "retentionUnit": "days", "retentionValue": 7 }';
  const copy = '{ "cloudProvider": "AWS", "regionName": "X", "frequencies": ["DAILY"] }';
  fs.writeFileSync(
    path.join(tmp, 'copy.schedule.json'),
    `{ "policies": [{ "policyItems": [${Array(20_000).fill(daily).join(',')}] }], "copySettings": [${Array(4_000).fill(copy).join(',')}] }`,
  );
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Lints `files` with the built CLI in a child process: its output, exit code and CPU time, or a kill after the cap. */
async function lintInChild(
  files: string[],
): Promise<{ out: string; code: number | null; cpuMs: number; wallMs: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--require', path.join(tmp, 'cpu.js'), cli, 'lint', ...files], {
    cwd: tmp,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), WALL_CAP_MS);
  let out = '',
    err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((r) =>
    child.on('close', (c, s) => r([c, s])),
  );
  clearTimeout(timer);
  assert.equal(
    signal,
    null,
    `lint was still running after ${WALL_CAP_MS / 1000} s (killed); stderr: ${err.slice(0, 500)}`,
  );
  const cpu = JSON.parse(fs.readFileSync(path.join(tmp, 'cpu.json'), 'utf8')) as { user: number; system: number };
  return { out, code, cpuMs: (cpu.user + cpu.system) / 1000, wallMs: performance.now() - started };
}

test(`lint of ${ITEMS} items with a problem each takes under ${CPU_BUDGET_MS / 1000} s of CPU, every problem on its line`, async (t) => {
  const { out, code, cpuMs, wallMs } = await lintInChild(['big.schedule.json']);
  t.diagnostic(`CPU ${Math.round(cpuMs)} ms, wall ${Math.round(wallMs)} ms`);
  assert.ok(cpuMs < CPU_BUDGET_MS, `lint took ${Math.round(cpuMs)} ms of CPU (budget ${CPU_BUDGET_MS} ms)`);
  assert.equal(code, 1);
  const lines = out.trimEnd().split('\n');
  assert.match(lines[lines.length - 1], /^\d+ errors, \d+ warnings in 1 file$/);
  // Item i is on line i + 3: the last item's problems are reported there.
  const last = ITEMS - 1;
  const onLast = lines.filter((l) => l.startsWith(`big.schedule.json:${last + 3}:`));
  assert.ok(onLast.length > 0, 'the last item has its problems on its own line');
  assert.ok(lines.length > ITEMS, `at least one line a problem (${lines.length})`);
});

test('the other rules stay linear too: 40,000 misspelt keys in one object, 4,000 copy settings over 20,000 items on one line', async (t) => {
  // unknown-field looked each suggestion up among all keys; the copy settings' fix filtered every item again for each
  // setting and looked back over the whole line for its indentation. Before: over a minute and a half.
  const { out, code, cpuMs, wallMs } = await lintInChild(['keys.schedule.json', 'copy.schedule.json']);
  t.diagnostic(`CPU ${Math.round(cpuMs)} ms, wall ${Math.round(wallMs)} ms`);
  assert.ok(cpuMs < CPU_BUDGET_MS, `lint took ${Math.round(cpuMs)} ms of CPU (budget ${CPU_BUDGET_MS} ms)`);
  assert.equal(code, 1);
  assert.match(
    out,
    /keys\.schedule\.json:\d+:\d+ {2}warning {2}referenceHourOfDa is not a field .*did you mean "referenceHourOfDay"\?/,
  );
  assert.match(out, /copy\.schedule\.json:1:\d+ {2}warning {2}copySettings\[3999\]\.frequencies is deprecated/);
});

test('LineIndex gives the line and column that counting newlines gives, for every offset', () => {
  const texts = ['', '\n', 'a', 'ab\ncd\n\nef', '\r\n{\r\n  "x": 1\r\n}', '{\n"é": "\u{1F600}"\n}\n'];
  for (const text of texts) {
    const index = new LineIndex(text);
    for (let offset = -1; offset <= text.length + 1; offset++) {
      const before = text.slice(0, Math.max(0, offset));
      const line = before.split('\n').length;
      const column = offset - (before.lastIndexOf('\n') + 1) + 1;
      assert.deepEqual(index.at(offset), { line, column }, `${JSON.stringify(text)} @ ${offset}`);
    }
  }
});
