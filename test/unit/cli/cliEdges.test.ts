// Issue #16, the smaller ones at the CLI's edges: a named pipe, a device or a directory given as a file is refused at
// once (it used to block lint, push and pull --out forever); ATLAS_BACKUP_TIMEOUT_SECONDS is a sane number or a
// usage error naming it (Infinity used to become a 1 ms timeout); a base URL's path prefix is kept, the same way the
// extension keeps it. Named pipes are tested through the built CLI in a child process with a time cap, since a
// blocked read would hang the test runner itself.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { checkBaseUrl } from '../../../src/core/accounts/baseUrl';
import { parseArgs, type CliContext } from '../../../src/cli/args';
import { baseUrlFrom } from '../../../src/cli/atlas';
import { main } from '../../../src/cli/main';
import { AtlasSimulator, DEMO_CREDENTIALS, SEED } from '../../../src/simulator';
import { buildCli } from './builtCli';

const STAGING = SEED.projects.staging.id;
let tmp = '';
let cli = '';
let sim: AtlasSimulator;
let url = '';

const credentials = {
  MONGODB_ATLAS_CLIENT_ID: DEMO_CREDENTIALS.serviceAccount.clientId,
  MONGODB_ATLAS_CLIENT_SECRET: DEMO_CREDENTIALS.serviceAccount.clientSecret,
};

async function run(args: string[], env: Record<string, string | undefined>): Promise<{ code: number; err: string }> {
  let err = '';
  const code = await main(args, {
    out: () => undefined,
    err: (s) => {
      err += s;
    },
    env,
    interactive: false,
    ask: () => Promise.resolve(undefined),
  });
  return { code, err };
}

/** The built CLI under a 15 s cap; a blocked read shows as `signal` set. */
function spawnCli(args: string[]): { code: number | null; signal: NodeJS.Signals | null; err: string } {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: tmp,
    encoding: 'utf8',
    timeout: 15_000,
    killSignal: 'SIGKILL',
    env: { ...process.env, ...credentials, MONGODB_ATLAS_BASE_URL: url },
  });
  return { code: r.status, signal: r.signal, err: r.stderr };
}

before(async () => {
  ({ tmp, cli } = buildCli('atlas-backup-cli-edges-'));
  sim = new AtlasSimulator({});
  ({ url } = await sim.start(0));
});
after(async () => {
  await sim.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('files that are not regular files', { skip: process.platform === 'win32' && 'no mkfifo' }, () => {
  let fifo = '';
  before(() => {
    fifo = path.join(tmp, 'pipe.schedule.json');
    const r = spawnSync('mkfifo', [fifo]);
    assert.equal(r.status, 0, `mkfifo: ${String(r.stderr)}`);
  });

  test('lint, push and pull --out refuse a named pipe at once with exit 2, and nothing is sent', () => {
    sim.reset();
    for (const [args, what] of [
      [['lint', fifo], /cannot read .*pipe\.schedule\.json: it is a named pipe \(FIFO\), not a regular file/],
      [['lint', '--compliance', fifo, fifo], /it is a named pipe \(FIFO\)/],
      [['push', '--yes', fifo], /cannot read .*pipe\.schedule\.json: it is a named pipe \(FIFO\)/],
      [
        ['pull', 'legacy-app', '--projectId', STAGING, '--out', fifo],
        /cannot write --out .*pipe\.schedule\.json: it is a named pipe \(FIFO\), not a regular file/,
      ],
    ] as const) {
      const r = spawnCli([...args]);
      assert.equal(r.signal, null, `${args.join(' ')} was still blocked after 15 s`);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
      assert.match(r.err, what);
    }
    assert.deepEqual(sim.requests, [], 'nothing was sent');
  });

  test('a device and a directory given as a schedule file are refused too', () => {
    const dev = spawnCli(['lint', '/dev/zero']);
    assert.equal(dev.signal, null, 'lint /dev/zero was still reading after 15 s');
    assert.equal(dev.code, 2, dev.err);
    assert.match(dev.err, /cannot read \/dev\/zero: it is a device, not a regular file/);
    const dir = spawnCli(['push', '--yes', tmp]);
    assert.equal(dir.code, 2, dir.err);
    assert.match(dir.err, /it is a directory, not a regular file/);
  });
});

describe('ATLAS_BACKUP_TIMEOUT_SECONDS', () => {
  test('Infinity, NaN, 0, a negative number, words or more than 600 s: a usage error naming it, nothing sent', async () => {
    for (const value of ['Infinity', 'NaN', '0', '-5', 'abc', '1e3', '601', '30s']) {
      sim.reset();
      const r = await run(['pull', 'legacy-app', '--projectId', STAGING], {
        ...credentials,
        MONGODB_ATLAS_BASE_URL: url,
        ATLAS_BACKUP_TIMEOUT_SECONDS: value,
      });
      assert.equal(r.code, 2, `${value}: ${r.err}`);
      assert.match(
        r.err,
        new RegExp(
          `ATLAS_BACKUP_TIMEOUT_SECONDS must be a number of seconds greater than 0 and at most 600, not "${value}"`,
        ),
      );
      assert.deepEqual(sim.requests, [], `${value}: nothing sent`);
    }
  });

  test('a sane value (2.5, or unset, or empty) works', async () => {
    for (const value of ['2.5', undefined, '']) {
      const r = await run(['pull', 'legacy-app', '--projectId', STAGING], {
        ...credentials,
        MONGODB_ATLAS_BASE_URL: url,
        ATLAS_BACKUP_TIMEOUT_SECONDS: value,
      });
      assert.equal(r.code, 0, `${value}: ${r.err}`);
    }
  });
});

describe('a base URL with a path (an Ops Manager or a gateway in front of Atlas)', () => {
  test('the CLI keeps the prefix exactly as the extension does', () => {
    const ctx = { env: {} } as unknown as CliContext;
    for (const given of [
      'https://gw.example.com/atlas/',
      'https://gw.example.com/a/b',
      'https://cloud.mongodbgov.com/',
    ]) {
      const fromCli = baseUrlFrom(parseArgs(['--base-url', given], { values: ['--base-url'] }), ctx);
      const check = checkBaseUrl(given, 'atlasBackup.baseUrl');
      assert.ok(check.ok);
      assert.equal(fromCli, check.baseUrl, given);
    }
    assert.equal(
      baseUrlFrom(parseArgs(['--base-url', 'https://gw.example.com/atlas/'], { values: ['--base-url'] }), ctx),
      'https://gw.example.com/atlas',
    );
  });

  test('every request of a pull goes under the prefix', async () => {
    const paths: string[] = [];
    const server = http.createServer((req, res) => {
      paths.push(req.url ?? '');
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end('{"error":404,"errorCode":"RESOURCE_NOT_FOUND","detail":"not here"}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/gateway/`;
      const r = await run(['pull', 'legacy-app', '--projectId', STAGING, '--base-url', base], credentials);
      assert.notEqual(r.code, 0);
      assert.ok(paths.length > 0, 'something was asked');
      for (const p of paths) assert.match(p, /^\/gateway\/api\//, `${p} is outside the prefix`);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
