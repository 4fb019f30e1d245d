// `atlas-backup push FILE --to P/C...` against the in-process simulator: refusals send nothing; --force pushes only
// the targets that pass; --yes / a terminal's answer; one result per cluster.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AtlasClient } from '../../../../src/core/atlas';
import { main } from '../../../../src/cli/main';
import { AtlasSimulator, DEMO_CREDENTIALS, SEED } from '../../../../src/simulator';

const sim = new AtlasSimulator({});
let url = '';
before(async () => {
  url = (await sim.start()).url;
});
after(async () => {
  await sim.stop();
});
beforeEach(() => {
  sim.reset();
});
const PROD = SEED.projects.production.id,
  SANDBOX = SEED.projects.sandbox.id;
const patches = () => sim.requests.filter((r) => r.method === 'PATCH');
const env = () => ({
  MONGODB_ATLAS_CLIENT_ID: DEMO_CREDENTIALS.serviceAccount.clientId,
  MONGODB_ATLAS_CLIENT_SECRET: DEMO_CREDENTIALS.serviceAccount.clientSecret,
  MONGODB_ATLAS_BASE_URL: url,
});

async function run(args: string[], o: { interactive?: boolean; answer?: string } = {}) {
  let out = '',
    err = '';
  const code = await main(args, {
    out: (s) => {
      out += s;
    },
    err: (s) => {
      err += s;
    },
    env: env(),
    interactive: o.interactive ?? false,
    ask: async () => o.answer,
  });
  return { code, out, err };
}

async function sourceFile(): Promise<string> {
  const c = new AtlasClient({
    baseUrl: url,
    credentials: { kind: 'serviceAccount', ...DEMO_CREDENTIALS.serviceAccount },
    userAgent: 't',
  });
  const s = await c.getBackupSchedule(PROD, 'orders-rs');
  const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pushto-')), 'standard.schedule.json');
  fs.writeFileSync(f, JSON.stringify(s, null, 2));
  sim.reset();
  return f;
}

describe('atlas-backup push --to', () => {
  test('an NVMe target among them: refused, nothing sent to anyone (exit 1)', async () => {
    const f = await sourceFile();
    const r = await run(['push', f, '--yes', '--to', `${PROD}/analytics-nvme`, '--to', `${SANDBOX}/sandbox-001`]);
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /Production \/ analytics-nvme: REFUSED, nothing will be sent to it:\n {2}✗ .*NVMe/);
    assert.match(r.out, /Sandbox \/ sandbox-001: \d+ changes?/);
    assert.match(r.err, /1 target refused or not read .*nothing was sent/);
    assert.equal(patches().length, 0);
  });

  test('--force pushes the targets that pass, never the refused one; one result per cluster', async () => {
    const f = await sourceFile();
    const r = await run([
      'push',
      f,
      '--yes',
      '--force',
      '--to',
      `${PROD}/analytics-nvme`,
      '--to',
      `${SANDBOX}/sandbox-001`,
      `--to=${SANDBOX}/sandbox-002`,
    ]);
    assert.equal(r.code, 1, 'a refused target still makes the run exit 1');
    assert.match(r.out, /✓ sandbox-001 \(Sandbox\): pushed \d+ changes?\n✓ sandbox-002 \(Sandbox\): pushed/);
    assert.deepEqual(
      patches()
        .map((x) => x.path.split('/')[7])
        .sort(),
      ['sandbox-001', 'sandbox-002'],
    );
  });

  test('without a terminal and without --yes nothing is sent; on a terminal "y" pushes after listing every cluster', async () => {
    const f = await sourceFile();
    assert.equal((await run(['push', f, '--to', `${SANDBOX}/sandbox-001`])).code, 1);
    assert.equal(patches().length, 0);
    const r = await run(['push', f, '--to', `${SANDBOX}/sandbox-001`, '--to', `${SANDBOX}/sandbox-004`], {
      interactive: true,
      answer: 'y',
    });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /changes 2 clusters:\n {2}Sandbox \/ sandbox-001 .*\n {2}Sandbox \/ sandbox-004/);
    assert.equal(patches().length, 2);
  });

  test('bad targets are usage errors before any request', async () => {
    const f = await sourceFile();
    const before = sim.requests.length;
    assert.equal((await run(['push', f, '--to', 'nope'])).code, 2);
    assert.equal((await run(['push', f, '--to', `${SANDBOX}/bad name`])).code, 2);
    assert.equal((await run(['push', f, '--to', `${SANDBOX}/a`, '--to', `${SANDBOX}/a`])).code, 2);
    assert.equal(sim.requests.length, before);
  });
});
