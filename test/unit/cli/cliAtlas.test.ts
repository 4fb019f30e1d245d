// pull, diff, push and delete against the in-process simulator: every exit code, and "nothing sent" on every
// refusal proved by the simulator's request log. The commands run in-process through main() (the same code the
// bin runs) so a person answering on a terminal can be played; a few runs spawn the built dist bundle.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { AtlasClient } from '../../../src/core/atlas';
import type { BackupSchedule } from '../../../src/core/atlas';
import { main } from '../../../src/cli/main';
import { readScheduleTarget, scheduleFingerprint } from '../../../src/core/schedule/scheduleFile';
import { AtlasSimulator, DEMO_CREDENTIALS, SEED } from '../../../src/simulator';

let sim: AtlasSimulator;
let url = '';
let tmp = '';
let client: AtlasClient;
const STAGING = SEED.projects.staging.id;
const PRODUCTION = SEED.projects.production.id;
const SECRETS = [DEMO_CREDENTIALS.serviceAccount.clientSecret, DEMO_CREDENTIALS.apiKey.privateKey, 'wrong-secret-xyz'];

interface Run {
  code: number;
  out: string;
  err: string;
}
const outputs: string[] = [];

function env(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    MONGODB_ATLAS_CLIENT_ID: DEMO_CREDENTIALS.serviceAccount.clientId,
    MONGODB_ATLAS_CLIENT_SECRET: DEMO_CREDENTIALS.serviceAccount.clientSecret,
    MONGODB_ATLAS_BASE_URL: url,
    ...extra,
  };
}

async function run(
  args: string[],
  opts: { env?: Record<string, string | undefined>; interactive?: boolean; answer?: string } = {},
): Promise<Run & { asked: string[] }> {
  let out = '',
    err = '';
  const asked: string[] = [];
  const code = await main(args, {
    out: (s) => {
      out += s;
    },
    err: (s) => {
      err += s;
    },
    env: opts.env ?? env(),
    interactive: opts.interactive ?? false,
    ask: async (q) => {
      asked.push(q);
      return opts.answer;
    },
  });
  outputs.push(out, err);
  return { code, out, err, asked };
}

/** Writes to the schedule seen by the simulator's log since the last reset. */
const writes = () => sim.requests.filter((r) => r.method !== 'GET' && r.path.includes('/backup/schedule'));
const file = (name: string) => path.join(tmp, name);
const readJson = (f: string) =>
  JSON.parse(fs.readFileSync(f, 'utf8')) as BackupSchedule & { atlas: { pulled: { fingerprint: string } } };

async function pullTo(name: string, cluster = 'legacy-app', groupId = STAGING): Promise<string> {
  const r = await run(['pull', cluster, '--projectId', groupId, '--out', file(name)]);
  assert.equal(r.code, 0, r.err);
  return file(name);
}
function edit(f: string, change: (s: BackupSchedule) => void): void {
  const doc = readJson(f);
  change(doc);
  fs.writeFileSync(f, JSON.stringify(doc, null, 2));
}
const nextHour = (s: BackupSchedule) => {
  s.referenceHourOfDay = ((s.referenceHourOfDay ?? 0) + 1) % 24;
};

before(async () => {
  sim = new AtlasSimulator({});
  ({ url } = await sim.start(0));
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-backup-cli-atlas-'));
  client = new AtlasClient({
    baseUrl: url,
    credentials: { kind: 'serviceAccount', ...DEMO_CREDENTIALS.serviceAccount },
    userAgent: 'cli-test/0',
  });
});
after(async () => {
  await sim.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
  // Never a secret in any output of any run above.
  for (const o of outputs)
    for (const s of SECRETS)
      assert.ok(
        !o.includes(s),
        `a secret reached the output: ${o.slice(Math.max(0, o.indexOf(s) - 300), o.indexOf(s) + 100)}`,
      );
});
beforeEach(() => sim.reset());

describe('atlas-backup pull', () => {
  test('writes a schedule file naming project and cluster, with what it was pulled from', async () => {
    const r = await run(['pull', 'legacy-app', '--projectId', STAGING]);
    assert.equal(r.code, 0, r.err);
    const target = readScheduleTarget(r.out)!;
    assert.equal(target.groupId, STAGING);
    assert.equal(target.clusterName, 'legacy-app');
    assert.equal(target.pulled!.from, url);
    const atlas = await client.getBackupSchedule(STAGING, 'legacy-app');
    assert.equal(target.pulled!.fingerprint, scheduleFingerprint(atlas));
    assert.doesNotMatch(r.out, /"links"/);
    const revokes = sim.requests.filter((x) => x.path === '/api/oauth/revoke');
    assert.equal(revokes.length, 1, 'the service account token is revoked when the command ends');
    const f = await pullTo('pulled.schedule.json');
    assert.match(fs.readFileSync(f, 'utf8'), /"clusterName": "legacy-app"/);
    assert.deepEqual(writes(), []);
  });

  test('the project from MONGODB_ATLAS_PROJECT_ID; an API key signs in too', async () => {
    const r = await run(['pull', 'legacy-app'], {
      env: {
        MONGODB_ATLAS_PUBLIC_API_KEY: DEMO_CREDENTIALS.apiKey.publicKey,
        MONGODB_ATLAS_PRIVATE_API_KEY: DEMO_CREDENTIALS.apiKey.privateKey,
        MONGODB_ATLAS_BASE_URL: url,
        MONGODB_ATLAS_PROJECT_ID: STAGING,
      },
    });
    assert.equal(r.code, 0, r.err);
    assert.equal(readScheduleTarget(r.out)!.groupId, STAGING);
  });
});

describe('atlas-backup diff', () => {
  test('no differences: exit 0 even with --exit-code; differences: listed, exit 1 only with --exit-code', async () => {
    const f = await pullTo('diff.schedule.json');
    let r = await run(['diff', '--exit-code', f]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^No differences: /);
    edit(f, nextHour);
    r = await run(['diff', f]);
    assert.equal(r.code, 0);
    assert.match(
      r.out,
      /would make 1 change to legacy-app .*\n {2}• Snapshot time of day \d\d:\d\d UTC → \d\d:\d\d UTC/,
    );
    assert.equal((await run(['diff', '--exit-code', f])).code, 1);
    assert.deepEqual(writes(), []);
  });
});

describe('atlas-backup push', () => {
  test('--yes: pushes the change once, records what Atlas has in the file, and the next push has nothing to send', async () => {
    const f = await pullTo('push.schedule.json');
    edit(f, nextHour);
    const want = readJson(f).referenceHourOfDay;
    const r = await run(['push', '--yes', f]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /makes 1 change to legacy-app.*Snapshot time of day/s);
    assert.match(r.out, /Pushed: /);
    assert.deepEqual(
      writes().map((w) => w.method),
      ['PATCH'],
    );
    assert.equal((await client.getBackupSchedule(STAGING, 'legacy-app')).referenceHourOfDay, want);
    assert.equal(
      readJson(f).atlas.pulled.fingerprint,
      scheduleFingerprint(await client.getBackupSchedule(STAGING, 'legacy-app')),
    );
    const again = await run(['push', '--yes', f]);
    assert.equal(again.code, 0, again.err);
    assert.match(again.out, /^Nothing to change: .*Nothing was sent/);
    assert.equal(writes().length, 1, 'still one PATCH');
  });

  test('nothing to change: says so, sends nothing, exit 0', async () => {
    const f = await pullTo('same.schedule.json');
    const r = await run(['push', f]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Nothing to change/);
    assert.deepEqual(writes(), []);
  });

  test('lint errors: exit 1 naming the rules, and no request reaches Atlas at all', async () => {
    const f = await pullTo('bad.schedule.json');
    edit(f, (s) => {
      s.policies![0].policyItems.find((i) => i.frequencyType === 'hourly')!.frequencyInterval = 3;
    });
    sim.reset();
    const r = await run(['push', '--yes', f]);
    assert.equal(r.code, 1);
    assert.match(r.err, /bad\.schedule\.json:\d+:\d+ {2}error {2}.*frequency-interval/);
    assert.match(r.err, /refusing to push .*1 error \(frequency-interval\); nothing was sent/);
    assert.deepEqual(sim.requests, []);
  });

  test('a file that is not JSON is a json-syntax refusal (exit 1), before any request', async () => {
    const f = file('broken.schedule.json');
    fs.writeFileSync(f, '{ "atlas": { "groupId": "x" }, "policies": [ ');
    sim.reset();
    const r = await run(['push', '--yes', f]);
    assert.equal(r.code, 1);
    assert.match(r.err, /errors \([^)]*json-syntax[^)]*\); nothing was sent/);
    assert.deepEqual(sim.requests, []);
  });

  test('context errors (the compliance policy) refuse too, before any write', async () => {
    const f = await pullTo('bcp.schedule.json', 'orders-rs', PRODUCTION);
    edit(f, (s) => {
      s.policies![0].policyItems = s.policies![0].policyItems.filter((i) => i.frequencyType !== 'daily');
    });
    const r = await run(['push', '--yes', f]);
    assert.equal(r.code, 1);
    assert.match(r.err, /compliance-item/);
    assert.deepEqual(writes(), []);
  });

  test('Atlas changed since the pull: refused, saying what differs; --force overwrites', async () => {
    const f = await pullTo('conflict.schedule.json');
    const current = await client.getBackupSchedule(STAGING, 'legacy-app');
    const colleague = structuredClone(current);
    colleague.policies![0].policyItems.find((i) => i.frequencyType === 'daily')!.retentionValue += 7;
    await client.updateBackupSchedule(STAGING, 'legacy-app', colleague, { current });
    const before = writes().length;
    edit(f, nextHour);
    const r = await run(['push', '--yes', f]);
    assert.equal(r.code, 1);
    assert.match(r.err, /changed since \S*conflict\.schedule\.json was pulled/);
    // Which side changed what: the colleague's change under Atlas (the push would undo it), the edit under the file.
    const [inAtlas, inFile] = r.err.split(/Changed in \S*conflict\.schedule\.json:/);
    assert.match(inAtlas, /Changed in Atlas since .*pushing would undo these/);
    assert.match(inAtlas, /Daily snapshot \(every day\) kept \d+ days → \d+ days \(longer\)/, "the colleague's change");
    assert.match(inFile, /Snapshot time of day/);
    assert.match(r.err, /--force/);
    assert.equal(writes().length, before, 'nothing sent');
    const forced = await run(['push', '--yes', '--force', f]);
    assert.equal(forced.code, 0, forced.err);
    assert.equal(writes().length, before + 1);
  });

  test('a file without a pulled fingerprint is refused unless --force', async () => {
    const f = await pullTo('nofp.schedule.json');
    edit(f, (s) => {
      delete (s as { atlas: { pulled?: unknown } } & BackupSchedule).atlas.pulled;
      nextHour(s);
    });
    const r = await run(['push', '--yes', f]);
    assert.equal(r.code, 1);
    assert.match(r.err, /no "atlas.pulled" fingerprint/);
    assert.deepEqual(writes(), []);
  });

  test('without a terminal and without --yes: refused, nothing sent', async () => {
    const f = await pullTo('notty.schedule.json');
    edit(f, nextHour);
    const r = await run(['push', f], { interactive: false });
    assert.equal(r.code, 1);
    assert.match(r.err, /pass --yes/);
    assert.deepEqual(r.asked, []);
    assert.deepEqual(writes(), []);
  });

  test('on a terminal: asks naming cluster and project; "n" declines (exit 1, nothing sent), "y" pushes', async () => {
    const f = await pullTo('tty.schedule.json');
    edit(f, nextHour);
    const no = await run(['push', f], { interactive: true, answer: 'n' });
    assert.equal(no.code, 1);
    assert.deepEqual(no.asked, [`Push these changes to legacy-app in project ${STAGING}? [y/N] `]);
    assert.match(no.err, /declined; nothing was sent/);
    assert.deepEqual(writes(), []);
    const eof = await run(['push', f], { interactive: true, answer: undefined });
    assert.equal(eof.code, 1);
    const yes = await run(['push', f], { interactive: true, answer: 'y' });
    assert.equal(yes.code, 0, yes.err);
    assert.deepEqual(
      writes().map((w) => w.method),
      ['PATCH'],
    );
  });

  test("Atlas refuses the PATCH: exit 3 with Atlas's reason; never retried", async () => {
    const f = await pullTo('fail.schedule.json');
    edit(f, nextHour);
    sim.faults.add({
      pathPrefix: `/api/atlas/v2/groups/${STAGING}/clusters/legacy-app/backup/schedule`,
      method: 'PATCH',
      status: 503,
      count: 5,
    });
    const r = await run(['push', '--yes', f]);
    assert.equal(r.code, 3);
    assert.match(
      r.err,
      /The push to legacy-app .* may have reached Atlas: .*HTTP 503.*Look before trying again: run atlas-backup diff/s,
    );
    assert.doesNotMatch(r.err, /try again in/, 'a write that may have happened is never "try again"');
    assert.equal(writes().length, 1, 'one PATCH, not retried');
  });
});

describe('atlas-backup delete', () => {
  test('--confirm repeats the name: removes every policy item, exit 0', async () => {
    const r = await run(['delete', 'legacy-app', '--projectId', STAGING, '--confirm', 'legacy-app']);
    assert.equal(r.code, 0, r.err);
    assert.match(
      r.out,
      /Removing every policy item of legacy-app .*:\n {2}- Hourly snapshot.*Removed: legacy-app takes no scheduled snapshots now\./s,
    );
    assert.match(r.out, /Existing snapshots stay until they expire/);
    assert.deepEqual(
      writes().map((w) => w.method),
      ['DELETE'],
    );
    assert.deepEqual((await client.getBackupSchedule(STAGING, 'legacy-app')).policies![0].policyItems, []);
  });

  test('under a Backup Compliance Policy: exit 1 before any write', async () => {
    const r = await run(['delete', 'orders-rs', '--projectId', PRODUCTION, '--confirm', 'orders-rs']);
    assert.equal(r.code, 1);
    assert.match(
      r.err,
      /Backup Compliance Policy .* is active: it forbids removing a cluster's backup schedule, so nothing was sent/,
    );
    assert.deepEqual(writes(), []);
  });

  test('usage (exit 2, nothing sent): missing or wrong --confirm, bad cluster name, bad project id', async () => {
    for (const args of [
      ['delete', 'legacy-app', '--projectId', STAGING],
      ['delete', 'legacy-app', '--projectId', STAGING, '--confirm', 'legacy'],
      ['delete', '../x', '--projectId', STAGING, '--confirm', '../x'],
      ['delete', 'legacy-app', '--projectId', 'not-a-project', '--confirm', 'legacy-app'],
      ['delete', 'legacy-app', '--confirm', 'legacy-app'],
    ]) {
      const r = await run(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
      assert.match(r.err, /^atlas-backup: /);
    }
    assert.deepEqual(sim.requests, []);
  });
});

describe('connection: usage (2) and Atlas or network (3)', () => {
  test('no credentials, a non-loopback http URL, an unknown flag: exit 2 before any request', async () => {
    const none = await run(['pull', 'legacy-app', '--projectId', STAGING], { env: { MONGODB_ATLAS_BASE_URL: url } });
    assert.equal(none.code, 2);
    assert.match(none.err, /no credentials: set MONGODB_ATLAS_CLIENT_ID/);
    const http = await run(['pull', 'legacy-app', '--projectId', STAGING, '--base-url', 'http://atlas.example.com']);
    assert.equal(http.code, 2);
    assert.match(http.err, /must use https/);
    assert.equal((await run(['push', '--frob', 'x.schedule.json'])).code, 2);
    assert.equal((await run(['diff', file('missing.schedule.json')])).code, 2);
    assert.deepEqual(sim.requests, []);
  });

  test('a single-value flag given twice is a usage error naming it (never the last one silently), nothing sent', async () => {
    for (const args of [
      ['pull', 'legacy-app', '--projectId', STAGING, '--projectId', PRODUCTION],
      ['delete', 'legacy-app', '--projectId=' + STAGING, '--confirm', 'legacy-app', '--projectId', STAGING],
      ['pull', 'legacy-app', '--projectId', STAGING, '--base-url', url, '--base-url=https://atlas.example.com'],
    ]) {
      const r = await run(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(
        r.err,
        new RegExp(`^atlas-backup: ${args.includes('--base-url') ? '--base-url' : '--projectId'} given more than once`),
      );
    }
    assert.deepEqual(sim.requests, []);
  });

  test('wrong credentials: exit 3, and the secret is in no output', async () => {
    const r = await run(['pull', 'legacy-app', '--projectId', STAGING], {
      env: env({ MONGODB_ATLAS_CLIENT_SECRET: 'wrong-secret-xyz' }),
    });
    assert.equal(r.code, 3);
    assert.match(r.err, /client ID or secret/i);
    assert.ok(!r.err.includes('wrong-secret-xyz'));
  });

  test('unreachable host: exit 3', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const r = await run(['pull', 'legacy-app', '--projectId', STAGING], {
      env: env({ MONGODB_ATLAS_BASE_URL: `http://127.0.0.1:${port}` }),
    });
    assert.equal(r.code, 3);
    assert.match(r.err, /refused|connect/i);
  });
});

describe('the built bin', () => {
  let cli = '';
  before(() => {
    cli = path.join(tmp, 'cli.js');
    let dir = __dirname;
    while (!fs.existsSync(path.join(dir, 'src', 'cli', 'bin.ts'))) {
      assert.notEqual(path.dirname(dir), dir, 'repository root not found');
      dir = path.dirname(dir);
    }
    const r = spawnSync(
      path.join(dir, 'node_modules', '.bin', 'esbuild'),
      [
        path.join(dir, 'src', 'cli', 'bin.ts'),
        '--bundle',
        '--platform=node',
        '--format=cjs',
        '--target=node20',
        '--main-fields=module,main',
        `--outfile=${cli}`,
        '--log-level=warning',
      ],
      { encoding: 'utf8' },
    );
    assert.equal(r.status, 0, r.stderr);
  });
  // spawn (not spawnSync): the simulator answers from this process's event loop.
  const exec = (args: string[], e: Record<string, string | undefined>) =>
    new Promise<Run>((resolve) => {
      const child = spawn(process.execPath, [cli, ...args], {
        env: { PATH: process.env.PATH, ...e },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let out = '',
        err = '';
      child.stdout.on('data', (d) => {
        out += d;
      });
      child.stderr.on('data', (d) => {
        err += d;
      });
      child.stdin.end();
      child.on('close', (code) => {
        outputs.push(out, err);
        resolve({ code: code ?? -1, out, err });
      });
    });

  test('a push from a pipe without --yes is refused (exit 1); with --yes it is sent', async () => {
    const f = await pullTo('bin.schedule.json');
    edit(f, nextHour);
    const r = await exec(['push', f], env());
    assert.equal(r.code, 1, r.err);
    assert.match(r.err, /pass --yes/);
    assert.deepEqual(writes(), []);
    const ok = await exec(['push', '--yes', f], env());
    assert.equal(ok.code, 0, ok.err);
    assert.deepEqual(
      writes().map((w) => w.method),
      ['PATCH'],
    );
  });

  test('--help lists every command', async () => {
    const r = await exec(['--help'], {});
    assert.equal(r.code, 0);
    for (const c of ['lint', 'schema', 'pull', 'diff', 'push', 'delete'])
      assert.match(r.out, new RegExp(`atlas-backup ${c}\\b`));
  });
});
