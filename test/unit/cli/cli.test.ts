// The built CLI, as CI would run it: src/cli/bin.ts is bundled with esbuild into a temp dir and spawned with node.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildCli, repoRoot } from './builtCli';

const root = repoRoot();
let tmp = '';
let cli = '';

const GOOD = `{
  // comments and trailing commas are fine
  "policies": [{ "policyItems": [
    { "frequencyType": "hourly", "frequencyInterval": 6, "retentionUnit": "days", "retentionValue": 2 },
    { "frequencyType": "daily", "frequencyInterval": 1, "retentionUnit": "days", "retentionValue": 7 },
  ] }],
  "referenceHourOfDay": 18,
  "referenceMinuteOfHour": 0,
}
`;
const BAD = `{
  "policies": [{ "policyItems": [
    { "frequencyType": "hourly", "frequencyInterval": 3, "retentionUnit": "days", "retentionValue": 2 },
    { "frequencyType": "weekly", "frequencyInterval": 6, "retentionUnit": "days", "retentionValue": 1 }
  ] }],
  "export": { "frequencyType": "weekly" }
}
`;

function write(name: string, text: string): string {
  const file = path.join(tmp, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

function run(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: tmp, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

before(() => {
  ({ tmp, cli } = buildCli('atlas-backup-cli-'));
  write('good.schedule.json', GOOD);
  write('bad.schedule.json', BAD);
});

after(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('atlas-backup lint', () => {
  test('a clean file: exit 0 and a summary', () => {
    const r = run('lint', 'good.schedule.json');
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, '0 errors, 0 warnings in 1 file\n');
  });

  test('text format: file:line:column  severity  message  rule-id, then the summary; exit 1 on errors', () => {
    const r = run('lint', 'bad.schedule.json', 'good.schedule.json');
    assert.equal(r.code, 1);
    const lines = r.out.trimEnd().split('\n');
    assert.equal(
      lines[0],
      'bad.schedule.json:3:55  error  policies[0].policyItems[0].frequencyInterval is 3, but an hourly item allows 1, 2, 4, 6, 8 or 12 hours  frequency-interval',
    );
    assert.ok(
      lines.some((l) =>
        /^bad\.schedule\.json:4:\d+ {2}warning {2}.*documented minimum.* {2}retention-minimum$/.test(l),
      ),
      r.out,
    );
    assert.ok(
      lines.some((l) =>
        /^bad\.schedule\.json:6:\d+ {2}warning {2}export\.frequencyType is "weekly".* {2}export-frequency$/.test(l),
      ),
      r.out,
    );
    assert.match(lines[lines.length - 1], /^\d+ errors?, \d+ warnings? in 2 files$/);
  });

  test('json format: the documented contract', () => {
    const r = run('lint', '--format', 'json', 'bad.schedule.json');
    assert.equal(r.code, 1);
    const rows = JSON.parse(r.out) as Record<string, unknown>[];
    assert.ok(Array.isArray(rows) && rows.length >= 3);
    for (const row of rows) {
      assert.deepEqual(Object.keys(row).sort(), ['column', 'file', 'line', 'message', 'path', 'ruleId', 'severity']);
      assert.equal(row.file, 'bad.schedule.json');
      assert.ok(
        Number.isInteger(row.line) &&
          (row.line as number) >= 1 &&
          Number.isInteger(row.column) &&
          (row.column as number) >= 1,
      );
      assert.ok(['error', 'warning', 'info'].includes(row.severity as string));
      assert.ok(Array.isArray(row.path));
    }
    assert.deepEqual(rows[0], {
      file: 'bad.schedule.json',
      ruleId: 'frequency-interval',
      severity: 'error',
      line: 3,
      column: 55,
      message: 'policies[0].policyItems[0].frequencyInterval is 3, but an hourly item allows 1, 2, 4, 6, 8 or 12 hours',
      path: ['policies', 0, 'policyItems', 0, 'frequencyInterval'],
    });
    const clean = run('lint', '--format=json', 'good.schedule.json');
    assert.equal(clean.code, 0);
    assert.deepEqual(JSON.parse(clean.out), []);
  });

  test('--nvme and --pit add the cluster context', () => {
    assert.match(
      run('lint', '--nvme', 'good.schedule.json').out,
      /on an NVMe cluster an hourly item allows only 12 hours {2}frequency-interval/,
    );
    const noHourly = write(
      'pit.schedule.json',
      '{ "policies": [{ "policyItems": [{ "frequencyType": "daily", "frequencyInterval": 1, "retentionUnit": "days", "retentionValue": 7 }] }] }',
    );
    const r = run('lint', '--pit', noHourly);
    assert.equal(r.code, 1);
    assert.match(r.out, /pit-hourly-item/);
    const oplogs = write(
      'oplogs.schedule.json',
      '{ "policies": [{ "policyItems": [] }], "copySettings": [{ "zoneId": "64b0c0ffee0000000000e0a1", "shouldCopyOplogs": true, "lastNumberOfSnapshots": 2 }] }',
    );
    assert.equal(run('lint', oplogs).code, 0);
    assert.match(run('lint', '--no-pit', oplogs).out, /copy-oplogs-pit/);
  });

  test('--compliance checks against a Backup Compliance Policy file', () => {
    write(
      'bcp.json',
      JSON.stringify({
        state: 'ACTIVE',
        authorizedEmail: 'a@example.com',
        authorizedUserFirstName: 'A',
        authorizedUserLastName: 'B',
        scheduledPolicyItems: [
          { frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 14 },
        ],
      }),
    );
    const r = run('lint', '--compliance', 'bcp.json', 'good.schedule.json');
    assert.equal(r.code, 1);
    assert.match(
      r.out,
      /good\.schedule\.json:5:\d+ {2}error {2}.*Backup Compliance Policy requires a daily item kept at least 14 days.* {2}compliance-item/,
    );
  });

  test('a directory lints its *.schedule.json files, recursively, and nothing else', () => {
    write('dir/a.schedule.json', GOOD);
    write('dir/nested/b.schedule.json', BAD);
    write('dir/notes.json', '{ not json');
    const r = run('lint', '--format', 'json', 'dir');
    assert.equal(r.code, 1);
    const files = [...new Set((JSON.parse(r.out) as { file: string }[]).map((x) => x.file))];
    assert.deepEqual(files, [path.join('dir', 'nested', 'b.schedule.json')]);
    assert.match(run('lint', 'dir').out, /in 2 files\n$/);
  });

  test('exit 2: bad flags, a bad --format, no files', () => {
    for (const args of [
      ['lint', '--frobnicate', 'good.schedule.json'],
      ['lint', '--format', 'xml', 'good.schedule.json'],
      ['lint'],
      ['frob'],
      [],
    ]) {
      const r = run(...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, /^atlas-backup: /);
      assert.match(r.err, /Usage:/);
      assert.equal(r.out, '');
    }
    // A mistake in one command shows that command's synopsis and where the rest is, not every command's help.
    const lint = run('lint', '--frobnicate', 'good.schedule.json').err;
    assert.match(lint, /atlas-backup lint \[--nvme\]/);
    assert.doesNotMatch(lint, /atlas-backup pull|--compliance FILE {4}/);
    assert.match(lint, /Run "atlas-backup lint --help"/);
  });

  test('exit 2 with a message naming the file: unreadable schedule, invalid compliance policy', () => {
    const missing = run('lint', 'good.schedule.json', 'nope.schedule.json');
    assert.equal(missing.code, 2);
    assert.equal(missing.err, 'atlas-backup: cannot read nope.schedule.json: no such file or directory\n');
    write('broken-bcp.json', '{ "scheduledPolicyItems": "daily" }');
    const bcp = run('lint', '--compliance', 'broken-bcp.json', 'good.schedule.json');
    assert.equal(bcp.code, 2);
    assert.match(
      bcp.err,
      /broken-bcp\.json is not a valid Backup Compliance Policy: scheduledPolicyItems must be an array/,
    );
    write('array-bcp.json', '[]');
    assert.match(
      run('lint', '--compliance', 'array-bcp.json', 'good.schedule.json').err,
      /array-bcp\.json is not a Backup Compliance Policy/,
    );
    assert.equal(run('lint', '--compliance', 'absent.json', 'good.schedule.json').code, 2);
  });

  test('a broken schedule file is a json-syntax problem (exit 1), not a crash', () => {
    write('broken.schedule.json', '{ "policies": [ ');
    const r = run('lint', 'broken.schedule.json');
    assert.equal(r.code, 1);
    assert.match(r.out, /json-syntax/);
  });
});

describe('atlas-backup --help, --version, schema', () => {
  test('--help prints the usage and exits 0', () => {
    const r = run('--help');
    assert.equal(r.code, 0);
    assert.match(
      r.out,
      /atlas-backup lint \[--nvme\] \[--pit\|--no-pit\] \[--compliance POLICY\.json\] \[--format text\|json\|sarif\]/,
    );
  });

  test('--version prints the package version', () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
    assert.equal(run('--version').out, `${version}\n`);
  });

  test('schema DIR writes backup-schedule.schema.json', () => {
    const r = run('schema', path.join(tmp, 'schemas'));
    assert.equal(r.code, 0, r.err);
    const schema = JSON.parse(fs.readFileSync(path.join(tmp, 'schemas', 'backup-schedule.schema.json'), 'utf8')) as {
      required: string[];
    };
    assert.deepEqual(schema.required, ['policies']);
  });
});
