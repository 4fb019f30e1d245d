// `atlas-backup compliance-policy` against the in-process simulator on a clock the test drives: show, plan (sends
// nothing), apply with its confirmation and schedule choice, every refusal proved by the request log to send
// nothing, --watch to ACTIVE, and a PUT that may have reached Atlas never repeated.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import { AtlasSimulator, DEMO_CREDENTIALS, SEED, describeSeed } from '../../../src/simulator';

let clock = Date.parse('2027-03-01T00:15:00Z');
const sim = new AtlasSimulator({ now: () => clock });
let url = '';
let tmp = '';
const STAGING = SEED.projects.staging.id;
const PRODUCTION = SEED.projects.production.id;
const nameOf = (id: string) => describeSeed().projects.find((p) => p.id === id)!.name;

before(async () => {
  ({ url } = await sim.start(0));
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-backup-cli-compliance-'));
});
after(async () => {
  await sim.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});
beforeEach(() => sim.reset());

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '',
    err = '';
  const code = await main(args, {
    out: (s) => (out += s),
    err: (s) => (err += s),
    env: {
      MONGODB_ATLAS_CLIENT_ID: DEMO_CREDENTIALS.serviceAccount.clientId,
      MONGODB_ATLAS_CLIENT_SECRET: DEMO_CREDENTIALS.serviceAccount.clientSecret,
      MONGODB_ATLAS_BASE_URL: url,
    },
    // A watch moves the simulator's clock instead of sleeping.
    sleep: async (ms) => {
      clock += ms;
    },
  });
  return { code, out, err };
}

const writes = () => sim.requests.filter((r) => r.path.startsWith('/api/atlas/') && r.method !== 'GET');
const item = (t: string, n: number, u: string, v: number) => ({
  frequencyType: t,
  frequencyInterval: n,
  retentionUnit: u,
  retentionValue: v,
});
// Stricter than the seeded policy everywhere, so a seeded schedule somewhere falls short of it.
const STRICT = {
  authorizedEmail: 'officer@example.com',
  authorizedUserFirstName: 'Dana',
  authorizedUserLastName: 'Reyes',
  restoreWindowDays: 3,
  onDemandPolicyItem: item('ondemand', 0, 'days', 5),
  scheduledPolicyItems: [
    item('hourly', 4, 'days', 3),
    item('daily', 1, 'days', 10),
    item('weekly', 1, 'weeks', 5),
    item('monthly', 1, 'months', 13),
  ],
};
function policyFile(name: string, doc: unknown): string {
  const f = path.join(tmp, name);
  fs.writeFileSync(f, typeof doc === 'string' ? doc : JSON.stringify(doc));
  return f;
}

describe('compliance-policy show and plan', () => {
  test('show describes the policy in force, or says there is none', async () => {
    const prod = await run(['compliance-policy', 'show', '--projectId', PRODUCTION]);
    assert.equal(prod.code, 0, prod.err);
    assert.match(prod.out, /Backup Compliance Policy \(ACTIVE\)/);
    assert.match(prod.out, /MongoDB Support/);
    const json = await run(['compliance-policy', 'show', '--projectId', PRODUCTION, '--format', 'json']);
    assert.equal((JSON.parse(json.out) as { state: string }).state, 'ACTIVE');
    const none = await run(['compliance-policy', 'show', '--projectId', STAGING]);
    assert.equal(none.code, 0);
    assert.match(none.out, /has no Backup Compliance Policy/);
  });

  test('plan shows both choices, names what would be refused, and sends nothing', async () => {
    const f = policyFile('strict.json', STRICT);
    const r = await run(['compliance-policy', 'plan', '--projectId', STAGING, '--file', f]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /With --overwrite-schedules/);
    assert.match(r.out, /With --keep-schedules/);
    assert.match(r.out, /BACKUP_POLICIES_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS/);
    assert.match(r.out, /cannot be turned off without MongoDB Support/);
    const j = await run([
      'compliance-policy',
      'plan',
      '--projectId',
      STAGING,
      '--file',
      f,
      '--keep-schedules',
      '--format',
      'json',
    ]);
    const plans = JSON.parse(j.out) as { refusingClusters: string[]; accepted: boolean }[];
    assert.equal(plans.length, 1);
    assert.ok(plans[0].refusingClusters.length > 0);
    assert.equal(j.code, 1, 'a plan Atlas would refuse is a finding');
    assert.deepEqual(writes(), []);
  });
});

describe('compliance-policy apply', () => {
  test('every refusal sends nothing, with the exit code of its kind', async () => {
    const f = policyFile('strict.json', STRICT);
    const staging = nameOf(STAGING);
    const cases: [string[], number, RegExp][] = [
      [['--confirm', staging], 2, /--overwrite-schedules.*--keep-schedules/],
      [['--confirm', staging, '--overwrite-schedules', '--keep-schedules'], 2, /not both/],
      [['--overwrite-schedules'], 2, /--confirm <projectName>/],
      [['--overwrite-schedules', '--confirm', 'not-the-name'], 2, /is not the project's name/],
      [['--keep-schedules', '--confirm', staging], 1, /falls short/],
    ];
    for (const [extra, code, message] of cases) {
      const r = await run(['compliance-policy', 'apply', '--projectId', STAGING, '--file', f, ...extra]);
      assert.equal(r.code, code, `${extra.join(' ')}: ${r.err}`);
      assert.match(r.err, message);
    }
    const bad = policyFile('bad.json', { ...STRICT, authorizedUserLastName: '' });
    const r = await run([
      'compliance-policy',
      'apply',
      '--projectId',
      STAGING,
      '--file',
      bad,
      '--overwrite-schedules',
      '--confirm',
      staging,
    ]);
    assert.equal(r.code, 1);
    assert.match(r.err, /authorizedUserLastName is required/);
    const notJson = policyFile('nope.json', '{ not json');
    assert.equal((await run(['compliance-policy', 'plan', '--projectId', STAGING, '--file', notJson])).code, 2);
    // Production has a policy: a shorter restore window loosens it.
    const looser = policyFile('looser.json', { ...STRICT, restoreWindowDays: 1 });
    const l = await run([
      'compliance-policy',
      'apply',
      '--projectId',
      PRODUCTION,
      '--file',
      looser,
      '--overwrite-schedules',
      '--confirm',
      nameOf(PRODUCTION),
    ]);
    assert.equal(l.code, 1);
    assert.match(l.out, /restoreWindowDays/);
    assert.match(l.err, /loosens the policy/);
    assert.deepEqual(writes(), []);
  });

  test('--overwrite-schedules with the name typed: one PUT, schedules raised as planned, --watch until ACTIVE', async () => {
    const f = policyFile('strict.json', STRICT);
    const r = await run([
      'compliance-policy',
      'apply',
      '--projectId',
      STAGING,
      '--file',
      f,
      '--overwrite-schedules',
      '--confirm',
      nameOf(STAGING),
      '--watch',
    ]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /cannot be turned off without MongoDB Support/);
    assert.match(r.out, /would change:/);
    assert.match(r.out, /The policy is ACTIVE/);
    const puts = writes();
    assert.equal(puts.length, 1);
    assert.equal(puts[0].method, 'PUT');
    assert.equal(puts[0].query['overwriteBackupPolicies'], 'true');
    // Now every schedule complies: a plan with --keep-schedules has nothing left to refuse.
    const again = await run([
      'compliance-policy',
      'plan',
      '--projectId',
      STAGING,
      '--file',
      f,
      '--keep-schedules',
      '--format',
      'json',
    ]);
    assert.deepEqual((JSON.parse(again.out) as { refusingClusters: string[] }[])[0].refusingClusters, []);
  });

  test('--watch shows each state read until ACTIVE; a read that fails while watching ends it as an Atlas failure (exit 3)', async () => {
    const f = policyFile('strict.json', STRICT);
    const args = [
      'compliance-policy',
      'apply',
      '--projectId',
      STAGING,
      '--file',
      f,
      '--overwrite-schedules',
      '--confirm',
      nameOf(STAGING),
      '--watch',
    ];
    const ok = await run(args);
    assert.equal(ok.code, 0, ok.err);
    const states = [...ok.err.matchAll(/^ {2}policy (\S+)$/gm)].map((m) => m[1]);
    assert.ok(states.length >= 1, ok.err);
    assert.equal(states.at(-1), 'ACTIVE');
    assert.ok(!states.slice(0, -1).includes('ACTIVE'), 'stops at the first ACTIVE');
    sim.reset();
    // The policy's reads fail from the first wait on (after the PUT): the watch ends with Atlas's error, PUT not repeated.
    let out = '',
      err = '';
    const code = await main(args, {
      out: (x) => (out += x),
      err: (x) => (err += x),
      env: {
        MONGODB_ATLAS_CLIENT_ID: DEMO_CREDENTIALS.serviceAccount.clientId,
        MONGODB_ATLAS_CLIENT_SECRET: DEMO_CREDENTIALS.serviceAccount.clientSecret,
        MONGODB_ATLAS_BASE_URL: url,
      },
      sleep: async (ms) => {
        if (!sim.faults.list().length)
          sim.faults.add({
            pathPrefix: `/api/atlas/v2/groups/${STAGING}/backupCompliancePolicy`,
            method: 'GET',
            status: 500,
            count: 1000,
          });
        clock += ms;
      },
    });
    assert.equal(code, 3, err);
    assert.match(err, /^atlas-backup: Atlas had an internal error\. .*HTTP 500/m);
    assert.doesNotMatch(out, /The policy is ACTIVE/);
    assert.equal(writes().filter((w) => w.method === 'PUT').length, 1);
  });

  test('a PUT that may have reached Atlas is sent once and says to look before trying again', async () => {
    const f = policyFile('strict.json', STRICT);
    sim.faults.add({
      pathPrefix: `/api/atlas/v2/groups/${STAGING}/backupCompliancePolicy`,
      method: 'PUT',
      status: 503,
      count: 3,
    });
    const r = await run([
      'compliance-policy',
      'apply',
      '--projectId',
      STAGING,
      '--file',
      f,
      '--overwrite-schedules',
      '--confirm',
      nameOf(STAGING),
    ]);
    assert.equal(r.code, 3);
    assert.match(r.err, /compliance-policy show/);
    assert.equal(writes().length, 1);
  });
});
