// Writes that cannot be taken back, against the in-process simulator: a change made in Atlas while the confirmation
// is open is never overwritten (the schedule is read again right before the PATCH), Atlas's answer is compared with
// what was sent, a write whose answer was lost says it may have reached Atlas (never "try again"), and a file that
// cannot be written leaves the old one whole and fails the run.
import { after, before, beforeEach, describe, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import * as http from 'node:http';
import fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AtlasClient } from '../../../src/core/atlas';
import type { BackupSchedule } from '../../../src/core/atlas';
import { main } from '../../../src/cli/main';
import { AtlasSimulator, DEMO_CREDENTIALS, SEED } from '../../../src/simulator';

let sim: AtlasSimulator;
let url = '';
let tmp = '';
let client: AtlasClient;
const STAGING = SEED.projects.staging.id;
const SCHEDULE = `/api/atlas/v2/groups/${STAGING}/clusters/legacy-app/backup/schedule`;

interface Run {
  code: number;
  out: string;
  err: string;
  asked: string[];
}

async function run(
  args: string[],
  opts: { base?: string; interactive?: boolean; ask?: (q: string) => Promise<string | undefined> } = {},
): Promise<Run> {
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
    env: {
      MONGODB_ATLAS_CLIENT_ID: DEMO_CREDENTIALS.serviceAccount.clientId,
      MONGODB_ATLAS_CLIENT_SECRET: DEMO_CREDENTIALS.serviceAccount.clientSecret,
      MONGODB_ATLAS_BASE_URL: opts.base ?? url,
    },
    interactive: opts.interactive ?? false,
    ask: async (q) => {
      asked.push(q);
      return opts.ask ? opts.ask(q) : 'y';
    },
  });
  return { code, out, err, asked };
}

const writes = () => sim.requests.filter((r) => r.method !== 'GET' && r.path.includes('/backup/schedule'));
const file = (name: string) => path.join(tmp, name);

async function pullTo(name: string, base?: string): Promise<string> {
  const r = await run(['pull', 'legacy-app', '--projectId', STAGING, '--out', file(name)], { base });
  assert.equal(r.code, 0, r.err);
  return file(name);
}
function edit(f: string, change: (s: BackupSchedule) => void): void {
  const doc = JSON.parse(fs.readFileSync(f, 'utf8')) as BackupSchedule;
  change(doc);
  fs.writeFileSync(f, JSON.stringify(doc, null, 2));
}
const nextHour = (s: BackupSchedule) => {
  s.referenceHourOfDay = ((s.referenceHourOfDay ?? 0) + 1) % 24;
};
/** A colleague lengthens the daily item's retention by a week, through Atlas. */
async function colleagueChanges(): Promise<void> {
  const current = await client.getBackupSchedule(STAGING, 'legacy-app');
  const next = structuredClone(current);
  next.policies![0].policyItems.find((i) => i.frequencyType === 'daily')!.retentionValue += 7;
  await client.updateBackupSchedule(STAGING, 'legacy-app', next, { current });
}

before(async () => {
  sim = new AtlasSimulator({});
  ({ url } = await sim.start(0));
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-backup-writes-'));
  client = new AtlasClient({
    baseUrl: url,
    credentials: { kind: 'serviceAccount', ...DEMO_CREDENTIALS.serviceAccount },
    userAgent: 'writes-test/0',
  });
});
after(async () => {
  await sim.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});
beforeEach(() => sim.reset());

describe('no lost update: push reads Atlas again after the confirmation', () => {
  test('a change made in Atlas while the prompt is open: nothing sent, what moved is shown, exit 1', async () => {
    const f = await pullTo('moved.schedule.json');
    edit(f, nextHour);
    const r = await run(['push', f], {
      interactive: true,
      ask: async () => {
        await colleagueChanges();
        return 'y';
      },
    });
    assert.equal(r.asked.length, 1);
    assert.equal(r.code, 1, r.err);
    assert.match(r.err, /changed in Atlas after it was compared; nothing was sent/);
    assert.match(r.err, /Daily snapshot \(every day\) kept \d+ days → \d+ days \(longer\)/, 'what moved');
    assert.match(r.err, /Pull again/);
    assert.equal(writes().length, 1, "only the colleague's PATCH reached Atlas");
    const now = await client.getBackupSchedule(STAGING, 'legacy-app');
    assert.equal(
      now.policies![0].policyItems.find((i) => i.frequencyType === 'daily')!.retentionValue,
      14,
      "the colleague's change is still there",
    );
  });

  test('push to many: a target that moved after the plan is not pushed, the others are; exit 1', async () => {
    const f = await pullTo('many.schedule.json');
    edit(f, nextHour);
    const r = await run(['push', f, '--to', `${STAGING}/legacy-app`], {
      interactive: true,
      ask: async () => {
        await colleagueChanges();
        return 'y';
      },
    });
    assert.equal(r.code, 1, r.out + r.err);
    assert.match(r.out, /legacy-app.*not pushed\. The backup schedule of legacy-app.*changed in Atlas/s);
    assert.match(r.out, /1 changed in Atlas meanwhile \(not pushed\)/);
    assert.equal(writes().length, 1, "only the colleague's PATCH");
  });

  test('an ordinary push (an item replaced, another changed): Atlas has what was sent, and no difference is claimed', async () => {
    const f = await pullTo('plain.schedule.json');
    edit(f, (s) => {
      nextHour(s);
      const items = s.policies![0].policyItems;
      items.splice(
        items.findIndex((i) => i.frequencyType === 'weekly'),
        1,
      );
      items.find((i) => i.frequencyType === 'daily')!.retentionValue = 10;
      items.push({ frequencyType: 'weekly', frequencyInterval: 3, retentionUnit: 'weeks', retentionValue: 8 });
    });
    const r = await run(['push', '--yes', f]);
    assert.equal(r.code, 0, r.err);
    assert.doesNotMatch(r.err, /differs/);
  });

  test("Atlas's answer differs from what was sent (a proxy raising a value): said, with how to see Atlas's", async () => {
    // A loopback stand-in for Atlas applying its own floor: every PATCH answer comes back with the daily item kept
    // a week longer than asked.
    const target = new URL(url);
    const proxy = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const up = http.request(
          { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
          (ur) => {
            const body: Buffer[] = [];
            ur.on('data', (c: Buffer) => body.push(c));
            ur.on('end', () => {
              let text = Buffer.concat(body).toString('utf8');
              if (req.method === 'PATCH' && ur.statusCode === 200) {
                const s = JSON.parse(text) as BackupSchedule;
                s.policies![0].policyItems.find((i) => i.frequencyType === 'daily')!.retentionValue += 7;
                text = JSON.stringify(s);
              }
              const headers = { ...ur.headers, 'content-length': String(Buffer.byteLength(text)) };
              res.writeHead(ur.statusCode ?? 502, headers);
              res.end(text);
            });
          },
        );
        up.end(Buffer.concat(chunks));
      });
    });
    await new Promise<void>((ok) => proxy.listen(0, '127.0.0.1', ok));
    const base = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
    try {
      const f = await pullTo('answer.schedule.json', base);
      edit(f, nextHour);
      const r = await run(['push', '--yes', f], { base });
      assert.equal(r.code, 0, r.err);
      assert.match(r.err, /Atlas's answer for legacy-app .* differs from what was sent:\n {2}- Daily snapshot/);
      assert.match(r.err, /kept 7 days → 14 days/);
      assert.match(r.err, /keeps what was sent; pull it again to see Atlas's version/);
    } finally {
      await new Promise((ok) => proxy.close(ok));
    }
  });
});

describe('a write whose answer was lost says it may have reached Atlas', () => {
  test('a DELETE applied and then reset: "may have reached Atlas: look before trying again", items printed first', async () => {
    sim.faults.add({ pathPrefix: SCHEDULE, method: 'DELETE', after: 'drop' });
    const r = await run(['delete', 'legacy-app', '--projectId', STAGING, '--confirm', 'legacy-app']);
    assert.equal(r.code, 3);
    assert.match(r.out, /^Removing every policy item of legacy-app .*:\n {2}- /, 'the items, before sending');
    assert.match(r.err, /The delete of legacy-app's backup schedule .* may have reached Atlas/);
    assert.match(r.err, /Look before trying again: run atlas-backup pull legacy-app/);
    assert.doesNotMatch(r.err.replace(/Look before trying again/g, ''), /try again/i);
    assert.equal(writes().length, 1, 'never retried');
    assert.deepEqual((await client.getBackupSchedule(STAGING, 'legacy-app')).policies![0].policyItems, []);
  });

  test('a PATCH answered 200 with a body that is not JSON: it may have reached Atlas (exit 3), not retried', async () => {
    const f = await pullTo('garbled.schedule.json');
    edit(f, nextHour);
    const before = fs.readFileSync(f, 'utf8');
    sim.faults.add({ pathPrefix: SCHEDULE, method: 'PATCH', after: 'malformed' });
    const r = await run(['push', '--yes', f]);
    assert.equal(r.code, 3);
    assert.match(r.err, /may have reached Atlas: Atlas accepted it \(HTTP 200\) but its answer could not be read/);
    assert.match(r.err, /Look before trying again: run atlas-backup diff/);
    assert.equal(writes().length, 1);
    assert.equal(fs.readFileSync(f, 'utf8'), before, 'the file still holds what was pushed');
  });

  test('a PATCH applied and then reset says so too', async () => {
    const f = await pullTo('reset.schedule.json');
    edit(f, nextHour);
    sim.faults.add({ pathPrefix: SCHEDULE, method: 'PATCH', after: 'drop' });
    const r = await run(['push', '--yes', f]);
    assert.equal(r.code, 3);
    assert.match(r.err, /may have reached Atlas: the connection ended before Atlas's answer came/);
    assert.equal(writes().length, 1);
  });
});

describe('atomic file writes', () => {
  test('pushed, then the file cannot be replaced: the old file is whole and the run fails (exit 2)', async () => {
    const f = await pullTo('atomic.schedule.json');
    edit(f, nextHour);
    const before = fs.readFileSync(f, 'utf8');
    const rename = mock.method(fs, 'renameSync', () => {
      throw Object.assign(new Error('simulated'), { code: 'EIO' });
    });
    let r: Run;
    try {
      r = await run(['push', '--yes', f]);
    } finally {
      rename.mock.restore();
    }
    assert.equal(r.code, 2, r.err);
    assert.match(
      r.err,
      /Pushed: legacy-app .* has the new schedule, but cannot write .*atomic\.schedule\.json \(EIO\)/,
    );
    assert.match(r.err, /Pull it again before the next push/);
    assert.equal(fs.readFileSync(f, 'utf8'), before, 'old content intact');
    assert.deepEqual(
      fs.readdirSync(tmp).filter((n) => n.endsWith('.tmp')),
      [],
      'no temporary file left behind',
    );
  });

  test('pull --out onto a directory: exit 2, the directory untouched, nothing half-written', async () => {
    const dir = file('in-the-way.schedule.json');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'keep'), 'x');
    const r = await run(['pull', 'legacy-app', '--projectId', STAGING, '--out', dir]);
    assert.equal(r.code, 2);
    assert.match(r.err, /cannot write .*in-the-way\.schedule\.json: it is a directory, not a regular file/);
    assert.deepEqual(fs.readdirSync(dir), ['keep']);
  });
});
