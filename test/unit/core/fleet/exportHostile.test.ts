// Issue #16 items 1 and 2: a schedule file is hostile input that becomes code someone runs. Every exporter is fed
// hostile values and its output is either refused or parsed by the target language's own parser: HCL by
// @cdktf/hcl2json (HashiCorp's parser compiled to wasm, no Terraform needed) to exactly one resource holding exactly
// the values given; the curl script by bash itself (`bash -n`, then run under `bash -x` with a PATH holding only a
// fake curl that records its arguments and input, and the trace checked to hold no command but curl).
import { lintSchedule } from '../../../../src/core/schedule/lintSchedule';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../../../src/cli/main';
import {
  atlasCliCommand,
  ExportError,
  NotExportableError,
  readExportable,
  toAtlasCliDocument,
  toCurl,
  toTerraform,
  type ExportTarget,
} from '../../../../src/core/fleet/codeExport';
import type { BackupSchedule } from '../../../../src/core/atlas/types';
import { getNodeValue, parseTree } from '../../../../src/core/schedule/jsonc';

// Loaded at run time from node_modules (not bundled): the package finds its wasm next to itself.
const hcl2json = createRequire(path.join(process.cwd(), 'package.json'))('@cdktf/hcl2json') as {
  parse(file: string, text: string): Promise<Record<string, unknown>>;
};

const TARGET: ExportTarget = { groupId: '6f1c2a3b4d5e6f708192a3b4', clusterName: 'orders-rs' };

/** A Terraform program that runs a command on `terraform apply`, written so it closes the resource first. */
const ESCAPE_HCL =
  '3\n}\nresource "null_resource" "pwn" {\n  provisioner "local-exec" { command = "touch /tmp/pwned" }\n}\nresource "x" "y" {\n  z = 1';
const HOSTILE_STRINGS = [
  '${file("/etc/passwd")}',
  '%{ for x in [1] }${x}%{ endfor }',
  '"\n}\nresource "null_resource" "pwn" {}\n#',
  'back\\slash \\" \\${x} $${y} $$',
  "it's `id` $(touch /tmp/pwned) ; rm -rf ~",
  'esc \u001b]52;c;cHduZWQ=\u0007 c1 \u009b2J del \u007f bidi \u202e',
];

function schedule(over: Partial<Record<string, unknown>> = {}): BackupSchedule {
  return {
    referenceHourOfDay: 3,
    referenceMinuteOfHour: 30,
    restoreWindowDays: 7,
    autoExportEnabled: false,
    policies: [
      {
        id: '5f1c2a3b4d5e6f708192a3b4',
        policyItems: [
          { frequencyType: 'hourly', frequencyInterval: 6, retentionUnit: 'days', retentionValue: 2 },
          { frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7 },
        ],
      },
    ],
    ...over,
  };
}

/** Any control character but a line break, or a bidi override, written raw. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/;

/** How hcl2json writes a literal string (HCL's JSON syntax escapes `${` and `%{` the way HCL's native syntax does). */
const hclJsonLiteral = (s: string) => s.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');

async function oneResource(hcl: string): Promise<Record<string, unknown>> {
  const parsed = await hcl2json.parse('main.tf', hcl);
  assert.deepEqual(Object.keys(parsed), ['resource'], hcl);
  const resources = parsed.resource as Record<string, Record<string, unknown[]>>;
  assert.deepEqual(Object.keys(resources), ['mongodbatlas_cloud_backup_schedule'], hcl);
  const instances = resources.mongodbatlas_cloud_backup_schedule;
  assert.equal(Object.keys(instances).length, 1, hcl);
  const [body] = Object.values(instances);
  assert.equal(body.length, 1);
  return body[0] as Record<string, unknown>;
}

test('Terraform: a number or boolean field holding HCL is refused, naming the field, never stringified', () => {
  for (const [field, value, rule] of [
    ['referenceHourOfDay', ESCAPE_HCL, /referenceHourOfDay must be an integer/],
    ['referenceMinuteOfHour', '30 }', /referenceMinuteOfHour must be an integer/],
    ['restoreWindowDays', 1.5, /restoreWindowDays must be an integer/],
    ['restoreWindowDays', Infinity, /restoreWindowDays must be an integer/],
    ['autoExportEnabled', 'true\n}\nresource "x" "y" {', /autoExportEnabled must be true or false/],
    ['updateSnapshots', 1, /updateSnapshots must be true or false/],
  ] as const) {
    assert.throws(
      () => toTerraform(schedule({ [field]: value }), TARGET),
      (e: unknown) => e instanceof ExportError && rule.test(e.message),
      `${field} = ${JSON.stringify(value)}`,
    );
  }
  const item = { frequencyType: 'weekly', frequencyInterval: 1, retentionUnit: 'weeks', retentionValue: ESCAPE_HCL };
  assert.throws(
    () => toTerraform(schedule({ policies: [{ policyItems: [item] }] }), TARGET),
    /policies\[0\]\.policyItems\[0\]\.retentionValue must be an integer/,
  );
  const proto = { frequencyType: 'constructor', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 1 };
  const r = toTerraform(schedule({ policies: [{ policyItems: [proto] }] }), TARGET);
  assert.doesNotMatch(r.text, /function|native code/);
  assert.match(r.warnings.join('\n'), /frequency type "constructor" has no Terraform block/);
});

test('Terraform: hostile strings parse back to one resource with exactly the values given', async () => {
  for (const s of HOSTILE_STRINGS) {
    const hcl = toTerraform(
      schedule({
        policies: [
          {
            policyItems: [{ frequencyType: 'daily', frequencyInterval: 1, retentionUnit: s, retentionValue: 7 }],
          },
        ],
        copySettings: [{ zoneId: s, cloudProvider: 'AWS', regionName: s, shouldCopyOplogs: true, frequencies: [s] }],
        export: { exportBucketId: s, frequencyType: 'monthly' },
      }),
      TARGET,
    ).text;
    const r = await oneResource(hcl);
    const lit = hclJsonLiteral(s);
    assert.equal(r.reference_hour_of_day, 3);
    assert.equal(r.auto_export_enabled, false);
    assert.equal(r.project_id, TARGET.groupId);
    assert.deepEqual(r.policy_item_daily, [{ frequency_interval: 1, retention_unit: lit, retention_value: 7 }]);
    assert.deepEqual(r.copy_settings, [
      { cloud_provider: 'AWS', region_name: lit, zone_id: lit, should_copy_oplogs: true, frequencies: [lit] },
    ]);
    assert.deepEqual(r.export, [{ export_bucket_id: lit, frequency_type: 'monthly' }]);
    assert.doesNotMatch(hcl, RAW_CONTROL, 'no raw control character');
  }
});

test('every exporter refuses a cluster name or project id that Atlas would not accept (they reach comments and commands)', () => {
  for (const clusterName of ['a\ntouch /tmp/pwned', 'x$(id)', 'x`id`', "x'y", '-rf', 'x y', '']) {
    const t = { groupId: TARGET.groupId, clusterName };
    for (const run of [
      () => toTerraform(schedule(), t),
      () => toCurl(schedule(), t),
      () => toAtlasCliDocument(schedule(), t),
      () => atlasCliCommand(t, 'x.json'),
    ])
      assert.throws(run, /atlas\.clusterName .* is not an Atlas cluster name/, JSON.stringify(clusterName));
  }
  for (const groupId of ['6f1c2a3b4d5e6f708192a3b4\n', 'x'.repeat(24), '$(id)']) {
    assert.throws(
      () => toCurl(schedule(), { groupId, clusterName: 'a' }),
      /atlas\.groupId .* is not an Atlas project id/,
    );
  }
});

test('the Atlas CLI document: the command in its comment cannot be broken out of, and the JSON is the PATCH body', () => {
  for (const s of HOSTILE_STRINGS) {
    const doc = toAtlasCliDocument(schedule({ copySettings: [{ zoneId: s }] }), TARGET).text;
    const lines = doc.split('\n');
    assert.equal(lines[0], '// Save as orders-rs.atlas-cli.json, then run:');
    assert.equal(
      lines[1],
      '// atlas backups schedule update --clusterName orders-rs --projectId 6f1c2a3b4d5e6f708192a3b4 --file orders-rs.atlas-cli.json',
    );
    const body = getNodeValue(parseTree(doc)!) as BackupSchedule;
    assert.equal(body.copySettings?.[0].zoneId, s);
    assert.doesNotMatch(doc, RAW_CONTROL);
  }
});

test('curl: bash -n accepts it, and run it calls curl and nothing else, with the body exactly as given', (t) => {
  const which = spawnSync('bash', ['-c', 'command -v bash'], { encoding: 'utf8' });
  if (which.status !== 0) return t.skip('no bash on this machine');
  const bash = which.stdout.trim();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'curl-export-'));
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  // Only shell builtins: with PATH = bin, any other command the script ran would be "command not found".
  fs.writeFileSync(
    path.join(bin, 'curl'),
    `#!${bash}\n` +
      'for a in "$@"; do printf \'%s\\0\' "$a"; done > "$RECORD.argv"\n' +
      'IFS= read -r -d \'\' body; printf \'%s\' "$body" > "$RECORD.stdin"\n',
    { mode: 0o755 },
  );
  const sentinel = path.join(dir, 'pwned');
  for (const [n, s] of [
    ...HOSTILE_STRINGS.map((x) => x.replace('/tmp/pwned', sentinel)),
    `\nATLAS_BACKUP_SCHEDULE_JSON\ntouch ${sentinel}\n`,
  ].entries()) {
    const sched = schedule({ copySettings: [{ zoneId: s, regionName: `'$(touch ${sentinel})'` }] });
    const script = path.join(dir, `export-${n}.sh`);
    fs.writeFileSync(script, toCurl(sched, TARGET, "https://cloud.mongodb.com/it's").text);
    const syntax = spawnSync(bash, ['-n', script], { encoding: 'utf8' });
    assert.equal(syntax.status, 0, syntax.stderr);
    const record = path.join(dir, `record-${n}`);
    const run = spawnSync(bash, ['-x', script], {
      encoding: 'utf8',
      env: { PATH: bin, RECORD: record, MONGODB_ATLAS_PUBLIC_API_KEY: 'pub', MONGODB_ATLAS_PRIVATE_API_KEY: 'priv' },
    });
    assert.equal(run.status, 0, run.stderr);
    const traced = run.stderr.split('\n').filter((l) => l.startsWith('+'));
    assert.equal(traced.length, 1, run.stderr);
    assert.match(traced[0], /^\+ curl /);
    assert.equal(fs.existsSync(sentinel), false, 'no other command ran');
    const argv = fs.readFileSync(`${record}.argv`, 'utf8').split('\0').slice(0, -1);
    assert.equal(
      argv[argv.indexOf('PATCH') + 1],
      "https://cloud.mongodb.com/it's/api/atlas/v2/groups/6f1c2a3b4d5e6f708192a3b4/clusters/orders-rs/backup/schedule",
    );
    assert.equal(argv[argv.indexOf('--user') + 1], 'pub:priv');
    const body = JSON.parse(fs.readFileSync(`${record}.stdin`, 'utf8')) as BackupSchedule;
    assert.equal(body.copySettings?.[0].zoneId, s);
    assert.equal(body.copySettings?.[0].regionName, `'$(touch ${sentinel})'`);
  }
});

test('readExportable (the door the CLI and the editor share) refuses what the schema refuses, naming field and rule', async () => {
  const text = JSON.stringify({ atlas: TARGET, ...schedule({ referenceHourOfDay: ESCAPE_HCL }) });
  await assert.rejects(
    readExportable(text, lintSchedule),
    (e: unknown) =>
      e instanceof NotExportableError &&
      e.problems.some((p) => /^referenceHourOfDay: .*\[reference-time-range\]$/.test(p)),
  );
  const badName = JSON.stringify({ atlas: { ...TARGET, clusterName: 'a\nb' }, ...schedule() });
  await assert.rejects(readExportable(badName, lintSchedule), /atlas\.clusterName/);
  const ok = await readExportable(JSON.stringify({ atlas: TARGET, ...schedule() }), lintSchedule);
  assert.deepEqual(ok.target, TARGET);
});

test('atlas-backup export refuses a schedule file that does not pass the schema: exit 1, field and rule named, nothing written', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'export-'));
  const file = path.join(dir, 'x.schedule.json');
  fs.writeFileSync(file, JSON.stringify({ atlas: TARGET, ...schedule({ referenceHourOfDay: ESCAPE_HCL }) }, null, 2));
  for (const format of ['terraform', 'curl', 'atlas-cli']) {
    const out = path.join(dir, `out-${format}`);
    let stdout = '',
      stderr = '';
    const code = await main(['export', '--format', format, '--out', out, file], {
      out: (s) => (stdout += s),
      err: (s) => (stderr += s),
      env: {},
    });
    assert.equal(code, 1, stderr);
    assert.equal(stdout, '');
    assert.match(stderr, /referenceHourOfDay: .*\[reference-time-range\]/);
    assert.equal(fs.existsSync(out), false);
  }
});

test('the Atlas CLI command line: a hostile --out file name stays one argument, and atlas is the only command', (t) => {
  const which = spawnSync('bash', ['-c', 'command -v bash'], { encoding: 'utf8' });
  if (which.status !== 0) return t.skip('no bash on this machine');
  const bash = which.stdout.trim();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-cli-export-'));
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, 'atlas'), `#!${bash}\nfor a in "$@"; do printf '%s\\0' "$a"; done > "$RECORD"\n`, {
    mode: 0o755,
  });
  const sentinel = path.join(dir, 'pwned');
  for (const file of [
    `it's $(touch ${sentinel}).json`,
    `\`touch ${sentinel}\`.json`,
    `a\ntouch ${sentinel}\n.json`,
    '-x.json',
  ]) {
    const record = path.join(dir, 'argv');
    const script = path.join(dir, 'command.sh');
    fs.writeFileSync(script, `${atlasCliCommand(TARGET, file)}\n`);
    const run = spawnSync(bash, ['-x', script], {
      encoding: 'utf8',
      env: { PATH: bin, RECORD: record },
    });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr.split('\n').filter((l) => l.startsWith('+')).length, 1, run.stderr);
    assert.equal(fs.existsSync(sentinel), false);
    assert.deepEqual(fs.readFileSync(record, 'utf8').split('\0').slice(0, -1), [
      'backups',
      'schedule',
      'update',
      '--clusterName',
      'orders-rs',
      '--projectId',
      TARGET.groupId,
      '--file',
      file,
    ]);
  }
});
