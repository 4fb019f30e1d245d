// `atlas-backup export`: golden files for each format, the Terraform names checked against the provider's
// documented attributes, and text from the file that cannot break out of an HCL string or the shell.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../../../src/cli/main';
import {
  hclString,
  resourceName,
  shellQuote,
  TERRAFORM_ATTRIBUTES,
  toCurl,
  toTerraform,
} from '../../../../src/core/fleet/codeExport';

const GOLDEN = path.join(process.cwd(), 'test/unit/core/fleet/golden');
const INPUT = path.join(GOLDEN, 'orders-rs.schedule.json');
const golden = (name: string) => fs.readFileSync(path.join(GOLDEN, name), 'utf8');

async function runCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '',
    err = '';
  const code = await main(args, {
    out: (s) => {
      out += s;
    },
    err: (s) => {
      err += s;
    },
    env: {},
  });
  return { code, out, err };
}

for (const [format, file] of [
  ['terraform', 'orders-rs.tf'],
  ['atlas-cli', 'orders-rs.atlas-cli.json'],
  ['curl', 'orders-rs.curl.sh'],
] as const) {
  test(`export --format ${format} matches ${file}`, async () => {
    const r = await runCli(['export', '--format', format, INPUT]);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, golden(file));
  });
}

test('every Terraform attribute and block written is one the provider documents', () => {
  const tf = golden('orders-rs.tf');
  const names = [...tf.matchAll(/^\s*([a-z_]+)\s*(?:=|\{)/gm)].map((m) => m[1]);
  const allowed = new Set<string>(Object.values(TERRAFORM_ATTRIBUTES).flat());
  assert.ok(names.length > 20);
  for (const n of names)
    assert.ok(allowed.has(n), `${n} is not a documented attribute of mongodbatlas_cloud_backup_schedule`);
  assert.match(tf, /^resource "mongodbatlas_cloud_backup_schedule" "orders_rs" \{$/m);
  // Every item of the input is there, hourly and daily as single blocks.
  for (const block of [
    'policy_item_hourly',
    'policy_item_daily',
    'policy_item_weekly',
    'policy_item_monthly',
    'policy_item_yearly',
    'copy_settings',
  ])
    assert.match(tf, new RegExp(`^  ${block} \\{$`, 'm'));
});

test('the atlas-cli file is the PATCH body: no read-only or file-only fields; the command line names the file', async () => {
  const body = JSON.parse(golden('orders-rs.atlas-cli.json')) as Record<string, unknown>;
  for (const k of ['atlas', 'clusterId', 'clusterName', 'nextSnapshot', 'links']) assert.ok(!(k in body), k);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'export-'));
  const out = path.join(dir, 'orders.json');
  const r = await runCli(['export', '--format', 'atlas-cli', '--out', out, INPUT]);
  assert.equal(r.code, 0);
  assert.equal(
    r.out,
    `atlas backups schedule update --clusterName orders-rs --projectId 6f1c2a3b4d5e6f708192a3b4 --file ${out}\n`,
  );
  assert.equal(fs.readFileSync(out, 'utf8'), golden('orders-rs.atlas-cli.json'));
});

test('curl carries no secret: the key comes from the Atlas CLI variables, Digest, the pinned version', () => {
  const sh = golden('orders-rs.curl.sh');
  assert.match(sh, /--digest/);
  assert.match(sh, /--user "\$\{MONGODB_ATLAS_PUBLIC_API_KEY\}:\$\{MONGODB_ATLAS_PRIVATE_API_KEY\}"/);
  assert.match(sh, /application\/vnd\.atlas\.2024-08-05\+json/);
  assert.match(
    toCurl({ policies: [] }, { groupId: 'a'.repeat(24), clusterName: 'x' }, 'http://127.0.0.1:4545/').text,
    /PATCH http:\/\/127\.0\.0\.1:4545\/api\/atlas\/v2\/groups\/a{24}\/clusters\/x\/backup\/schedule/,
  );
});

test('text cannot escape: HCL strings, resource names, shell words', () => {
  assert.equal(hclString('a"b\\c${x}%{y}\n'), '"a\\"b\\\\c$${x}%%{y}\\n"');
  assert.equal(resourceName('9-lives'), 'cluster_9_lives');
  assert.equal(shellQuote("it's"), `'it'\\''s'`);
  assert.throws(
    () =>
      toTerraform(
        {
          policies: [
            {
              policyItems: [
                { frequencyType: 'hourly', frequencyInterval: 6, retentionUnit: 'days', retentionValue: 2 },
                { frequencyType: 'hourly', frequencyInterval: 12, retentionUnit: 'days', retentionValue: 2 },
              ],
            },
          ],
        },
        { groupId: 'a'.repeat(24), clusterName: 'x' },
      ),
    /more than one hourly/,
  );
});

test('what Terraform cannot say is a warning on stderr, not silently lost', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'export-'));
  const f = path.join(dir, 'x.schedule.json');
  const doc = JSON.parse(fs.readFileSync(INPUT, 'utf8').replace(/^\s*\/\/.*$/m, ''));
  doc.copySettings[0] = {
    ...doc.copySettings[0],
    frequencies: undefined,
    copyPolicyItems: [{ frequencyType: 'daily', retentionUnit: 'days', retentionValue: 7 }],
  };
  doc.copyPolicyItemsEnabled = true;
  fs.writeFileSync(f, JSON.stringify(doc));
  const r = await runCli(['export', '--format', 'terraform', f]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /warning: copySettings\[0\]\.copyPolicyItems has no attribute/);
});
