// `atlas-backup audit` and the recovery posture, against the in-process simulator: a cluster whose schedules were all
// deleted fails the audit, every format carries `recovery`, and the two thresholds are flags with usage errors.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AtlasClient } from '../../../src/core/atlas';
import { main } from '../../../src/cli/main';
import { CONTINUOUS_BACKUP_RPO_SECONDS, DEFAULT_RESTORE_AGE_DAYS } from '../../../src/core/recovery';
import { COMMAND_HELP } from '../../../src/cli/help';
import type { RecoveryPosture } from '../../../src/core/fleet/types';
import { AtlasSimulator, DEMO_CREDENTIALS, SEED, describeSeed } from '../../../src/simulator';

const FACTS = describeSeed();
const projectId = (name: string) => FACTS.projects.find((p) => p.name === name)!.id;
let clock = Date.now();
const sim = new AtlasSimulator({ now: () => clock });
let url = '';
before(async () => {
  url = (await sim.start()).url;
});
after(async () => {
  await sim.stop();
});

function seedNow(): void {
  clock = Date.now();
  sim.reset();
  sim.setRateLimit({ limit: 100_000, windowSeconds: 60 });
}

async function audit(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '',
    err = '';
  const code = await main(['audit', '--base-url', url, ...args], {
    out: (s) => {
      out += s;
    },
    err: (s) => {
      err += s;
    },
    env: {
      MONGODB_ATLAS_PUBLIC_API_KEY: DEMO_CREDENTIALS.apiKey.publicKey,
      MONGODB_ATLAS_PRIVATE_API_KEY: DEMO_CREDENTIALS.apiKey.privateKey,
    },
  });
  return { code, out, err };
}

interface JsonRow {
  clusterName: string;
  backup: string;
  errors: number;
  recovery: RecoveryPosture | null;
  auditFindings: { ruleId: string; severity: string; message: string }[];
}
const rowsOf = (out: string) => (JSON.parse(out) as { clusters: JsonRow[] }).clusters;
const rules = (r: JsonRow | undefined) => (r?.auditFindings ?? []).map((f) => f.ruleId);

describe('atlas-backup audit: recovery posture', () => {
  test('Delete All Backup Schedules on a cluster: the audit fails with "takes no scheduled snapshots"', async () => {
    seedNow();
    // A cluster with backup on in a project without a compliance policy (which would refuse the delete).
    const victim = FACTS.clusters.find((c) => c.backup === 'on' && c.projectName !== 'Production')!;
    const g = projectId(victim.projectName);
    const before = await audit(['--projectId', g, '--format', 'json']);
    const victimBefore = rowsOf(before.out).find((r) => r.clusterName === victim.name);
    assert.ok(!rules(victimBefore).includes('no-scheduled-snapshots'));
    const errorsOf = (out: string) =>
      rowsOf(out).flatMap((r) =>
        r.auditFindings.filter((f) => f.severity === 'error').map((f) => `${r.clusterName} ${f.ruleId}`),
      );
    const errorsBefore = errorsOf(before.out);
    assert.equal(before.code, errorsBefore.length ? 1 : 0);

    const client = new AtlasClient({
      baseUrl: url,
      credentials: { kind: 'apiKey', ...DEMO_CREDENTIALS.apiKey },
      userAgent: 'atlas-backup-test',
    });
    await client.deleteBackupSchedules(g, victim.name);

    const text = await audit(['--projectId', g]);
    assert.equal(text.code, 1, text.out + text.err);
    const block = text.out.slice(text.out.indexOf(`${victim.projectName}/${victim.name}  `));
    assert.match(
      block.split(/\n(?=\S)/)[0],
      /\n {2}error {2}Backup is on, but the cluster takes no scheduled snapshots: .* {2}no-scheduled-snapshots {2}policies/,
    );
    const json = await audit(['--projectId', g, '--format', 'json']);
    assert.equal(json.code, 1);
    // The deletion added exactly this error: it alone turns a clean project's audit into exit 1.
    assert.deepEqual(errorsOf(json.out).sort(), [...errorsBefore, `${victim.name} no-scheduled-snapshots`].sort());
    const row = rowsOf(json.out).find((r) => r.clusterName === victim.name)!;
    assert.ok(row.errors >= 1, 'counted as a cluster with errors in the posture');
    const f = row.auditFindings.find((x) => x.ruleId === 'no-scheduled-snapshots');
    assert.equal(f?.severity, 'error');
    // The schedule-file rule stays a warning: a file may be empty on purpose; a live cluster may not.
    for (const e of row.auditFindings.filter((x) => x.ruleId === 'empty-policy')) assert.equal(e.severity, 'warning');
    assert.match(text.out.trimEnd().split('\n').at(-1)!, / [1-9]\d* with errors /);

    const sarif = JSON.parse((await audit(['--projectId', g, '--format', 'sarif'])).out) as {
      runs: { results: { ruleId: string; level: string; message: { text: string } }[] }[];
    };
    assert.ok(
      sarif.runs[0].results.some(
        (x) => x.ruleId === 'no-scheduled-snapshots' && x.level === 'error' && x.message.text.includes(victim.name),
      ),
    );
  });

  test('json: recovery for every cluster, null with backup off; the last restore from Atlas, no duration or drill', async () => {
    seedNow();
    const r = await audit([
      '--projectId',
      SEED.projects.production.id,
      '--projectId',
      SEED.projects.staging.id,
      '--format',
      'json',
    ]);
    const rows = rowsOf(r.out);
    for (const row of rows) {
      if (row.backup === 'off') assert.equal(row.recovery, null, row.clusterName);
      else
        assert.deepEqual(Object.keys(row.recovery ?? {}).sort(), [
          'lastRestore',
          'pointInTime',
          'restorableFrom',
          'restorableTo',
          'restorePoints',
          'rpoSeconds',
        ]);
    }
    const orders = rows.find((x) => x.clusterName === 'orders-rs')!.recovery!;
    assert.equal(orders.pointInTime, false);
    assert.ok(orders.restorePoints! > 1);
    assert.ok(Date.parse(orders.restorableFrom!) < Date.parse(orders.restorableTo!));
    assert.equal(orders.lastRestore?.durationSeconds, null);
    assert.equal(orders.lastRestore?.drill, null);
    assert.ok(Date.now() - Date.parse(orders.lastRestore.finishedAt) < 90 * 86_400_000);
    for (const c of FACTS.clusters.filter((x) => x.backup === 'continuous' && x.projectName === 'Production')) {
      const rec = rows.find((x) => x.clusterName === c.name)!.recovery!;
      assert.equal(rec.rpoSeconds, CONTINUOUS_BACKUP_RPO_SECONDS);
      assert.equal(rec.pointInTime, true);
      assert.equal(rec.restorePoints, null);
    }
  });

  test('--restore-age-days and --rpo-target: warnings, not failures', async () => {
    seedNow();
    const g = SEED.projects.production.id;
    const dflt = rowsOf((await audit(['--projectId', g, '--format', 'json'])).out);
    const orders = (rows: JsonRow[]) => rows.find((x) => x.clusterName === 'orders-rs');
    assert.ok(!rules(orders(dflt)).includes('no-recent-restore'), 'restored within 90 days');
    assert.ok(!dflt.some((x) => rules(x).includes('rpo-over-target')), 'no target, no finding');

    const strict = rowsOf((await audit(['--projectId', g, '--format', 'json', '--restore-age-days', '1'])).out);
    const w = orders(strict)!.auditFindings.find((f) => f.ruleId === 'no-recent-restore');
    assert.equal(w?.severity, 'warning');
    assert.match(w.message, /none in the last 1 days/);

    const target = CONTINUOUS_BACKUP_RPO_SECONDS - 1;
    const tight = rowsOf((await audit(['--projectId', g, '--format', 'json', '--rpo-target', String(target)])).out);
    for (const row of tight.filter((x) => x.recovery))
      assert.equal(
        rules(row).includes('rpo-over-target'),
        row.recovery!.rpoSeconds === null || row.recovery!.rpoSeconds > target,
        row.clusterName,
      );
    assert.ok(tight.some((x) => x.backup === 'continuous' && rules(x).includes('rpo-over-target')));
  });

  test('text, Markdown and SARIF say the same recovery posture', async () => {
    seedNow();
    const g = SEED.projects.production.id;
    const text = await audit(['--projectId', g]);
    assert.match(
      text.out,
      /^Production\/orders-rs .*\n {2}recovery: RPO \S+ \S+.*; restorable from .* UTC to .* UTC \(\d+ snapshots\); last restore \d{4}-\d\d-\d\d \d\d:\d\d UTC \(automated, /m,
    );
    assert.match(
      text.out,
      / {2}recovery: RPO 60 s \(continuous\); restorable to any second from .* UTC to now; never restored\n/,
    );
    const md = (await audit(['--projectId', g, '--format', 'markdown'])).out;
    const header = md.split('\n').find((l) => l.startsWith('| Project |'))!;
    for (const col of ['RPO', 'Restorable from', 'Restorable to', 'Restore points', 'Last restore'])
      assert.ok(header.includes(`| ${col} |`), col);
    assert.match(md, /\| 60 s \(continuous\) \|/);
    assert.match(md, /\| any second \| never \|/);
    const json = rowsOf((await audit(['--projectId', g, '--format', 'json'])).out);
    const sarif = JSON.parse((await audit(['--projectId', g, '--format', 'sarif'])).out) as {
      runs: { logicalLocations: { fullyQualifiedName: string; kind: string; properties: { recovery: unknown } }[] }[];
    };
    const locs = sarif.runs[0].logicalLocations;
    assert.equal(locs.length, json.length, 'every cluster, with findings or not');
    // Two runs: a continuous window ends at each run's own "now", so only its other fields must agree.
    const stable = (r: RecoveryPosture | null) =>
      r?.pointInTime ? { ...r, restorableFrom: 'now − window', restorableTo: 'now' } : r;
    for (const row of json)
      assert.deepEqual(
        stable(
          locs.find((l) => l.fullyQualifiedName === `Production/${row.clusterName}`)?.properties
            .recovery as RecoveryPosture | null,
        ),
        stable(row.recovery),
      );
  });

  test('bad thresholds are usage errors naming the flag, before any request', async () => {
    seedNow();
    for (const [flag, value] of [
      ['--rpo-target', 'abc'],
      ['--rpo-target', '0'],
      ['--rpo-target', '1.5'],
      ['--restore-age-days', '0'],
      ['--restore-age-days', '99999'],
    ]) {
      const r = await audit([flag, value]);
      assert.equal(r.code, 2, `${flag} ${value}`);
      assert.match(
        r.err,
        new RegExp(`${flag} must be a whole number of \\w+ from 1 to \\d+, not "${value.replace('.', '\\.')}"`),
      );
    }
    assert.equal(sim.requests.length, 0);
  });
});

// The help is kept apart from the commands (help.ts imports nothing, so --help starts small): its default must still be
// the one the audit applies.
test('audit --help names the restore-age default the audit applies', () => {
  assert.match(
    COMMAND_HELP.audit.help,
    new RegExp(`--restore-age-days N[^]*?\\(default\\s+${DEFAULT_RESTORE_AGE_DAYS};`),
  );
});
