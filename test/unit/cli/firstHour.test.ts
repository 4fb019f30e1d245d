// What a new user trips over on the command line: --out into a missing folder, errors in command-line words (not the
// extension's), a mistyped project id, projects with their ids, times with their zone, and on drift which side
// changed what. Against the in-process simulator, through main() as the bin runs it.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AtlasApiError, AtlasClient, type BackupSchedule } from '../../../src/core/atlas';
import { main } from '../../../src/cli/main';
import { pulledBase } from '../../../src/cli/pulledBase';
import { cliAtlasMessage } from '../../../src/cli/words';
import { scheduleFingerprint } from '../../../src/core/schedule/scheduleFile';
import { AtlasSimulator, DEMO_CREDENTIALS } from '../../../src/simulator';
import { describeSeed } from '../../../src/simulator/seed';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the plain-JS script start.js uses
const { cliEnvLines } = require('../../../scripts/cliEnv.js') as {
  cliEnvLines: (o: {
    url: string;
    clientId: string;
    clientSecret: string;
    projects?: { name: string; id: string }[];
  }) => string[];
};

let sim: AtlasSimulator;
let url = '';
let tmp = '';
let client: AtlasClient;
const seed = describeSeed();
// A project without a compliance policy and one of its clusters with backup on.
const cluster = seed.clusters.find((c) => c.backup === 'on' && c.projectName !== 'Production')!;
const project = seed.projects.find((p) => p.name === cluster.projectName)!;

const env = (extra: Record<string, string> = {}) => ({
  MONGODB_ATLAS_CLIENT_ID: DEMO_CREDENTIALS.serviceAccount.clientId,
  MONGODB_ATLAS_CLIENT_SECRET: DEMO_CREDENTIALS.serviceAccount.clientSecret,
  MONGODB_ATLAS_BASE_URL: url,
  ...extra,
});

async function run(
  args: string[],
  e: Record<string, string> = env(),
): Promise<{ code: number; out: string; err: string }> {
  let out = '',
    err = '';
  const code = await main(args, {
    out: (s) => (out += s),
    err: (s) => (err += s),
    env: e,
    interactive: false,
  });
  return { code, out, err };
}

before(async () => {
  sim = new AtlasSimulator({});
  ({ url } = await sim.start(0));
  client = new AtlasClient({
    baseUrl: url,
    credentials: { kind: 'serviceAccount', ...DEMO_CREDENTIALS.serviceAccount },
    userAgent: 'first-hour-test/0',
    fetch: (await import('node-fetch')).default,
  });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-first-hour-'));
});
after(async () => {
  await sim.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});
beforeEach(() => sim.reset());

describe('the CLI in its first hour', () => {
  test('pull --out into a folder that does not exist creates it, and the time is written with its zone', async () => {
    const out = path.join(tmp, 'new', 'schedules', 'x.schedule.json');
    const r = await run(['pull', cluster.name, '--projectId', project.id, '--out', out]);
    assert.equal(r.code, 0, r.err);
    assert.ok(fs.statSync(out).isFile());
    assert.match(r.err, /Created the folder .*new/);
    assert.match(r.err, / as of \d{4}-\d\d-\d\d \d\d:\d\d UTC\.\n/);
    assert.doesNotMatch(r.err, /ENOENT/);
  });

  test('--out under a file (not a folder): one line naming the folder, nothing written, exit 2', async () => {
    const blocker = path.join(tmp, 'blocker');
    fs.writeFileSync(blocker, 'a file');
    const out = path.join(blocker, 'sub', 'x.schedule.json');
    const r = await run(['pull', cluster.name, '--projectId', project.id, '--out', out]);
    assert.equal(r.code, 2);
    assert.match(
      r.err,
      /^atlas-backup: cannot write --out .*: its folder .*blocker.sub cannot be created \(\w+\); nothing was written\n$/,
    );
  });

  test('a mistyped project id reads "no project with ID … (check --projectId …)", not "no longer exists"', async () => {
    const wrong = project.id.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
    const r = await run(['pull', cluster.name, '--projectId', wrong]);
    assert.equal(r.code, 3);
    assert.match(r.err, new RegExp(`no project with ID ${wrong}.*\\(check --projectId`));
    assert.doesNotMatch(r.err, /no longer exist|Atlas Backup view|sign in/i);
  });

  test('a mistyped cluster name names the cluster and how to list the clusters', async () => {
    const r = await run(['pull', `${cluster.name}-typo`, '--projectId', project.id]);
    assert.equal(r.code, 3);
    assert.match(r.err, new RegExp(`no cluster named ${cluster.name}-typo in project ${project.id}`));
    assert.doesNotMatch(r.err, /no longer exist|Atlas Backup view/i);
  });

  test('wrong credentials: what to check on a command line, never "sign in again"', async () => {
    const r = await run(
      ['pull', cluster.name, '--projectId', project.id],
      env({ MONGODB_ATLAS_CLIENT_SECRET: 'wrong-secret-xyz' }),
    );
    assert.equal(r.code, 3);
    assert.match(r.err, /MONGODB_ATLAS_CLIENT_SECRET/);
    assert.doesNotMatch(r.err, /sign in/i);
  });

  test('audit lists each project with clusters by name and ID', async () => {
    const r = await run(['audit']);
    const header = r.out.split('\n')[0];
    for (const p of seed.projects.filter((x) => x.clusters.length))
      assert.ok(header.includes(`${p.name} (ID ${p.id})`), header);
  });

  test('on drift, diff and push say which side changed each difference', async () => {
    const file = path.join(tmp, 'drift.schedule.json');
    assert.equal((await run(['pull', cluster.name, '--projectId', project.id, '--out', file])).code, 0);
    // A colleague lengthens the daily retention in Atlas; the file moves the reference hour.
    const current = await client.getBackupSchedule(project.id, cluster.name);
    const next = structuredClone(current);
    const daily = next.policies![0].policyItems.find((i) => i.frequencyType === 'daily')!;
    daily.retentionValue += 7;
    await client.updateBackupSchedule(project.id, cluster.name, next, { current });
    const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as { referenceHourOfDay: number };
    doc.referenceHourOfDay = (doc.referenceHourOfDay + 1) % 24;
    fs.writeFileSync(file, JSON.stringify(doc, null, 2));

    const d = await run(['diff', file]);
    assert.equal(d.code, 0, d.err);
    const [inAtlas, inFile] = d.err.split(`Changed in ${file}:`);
    assert.match(inAtlas, /Changed in Atlas since .* was pulled \(\d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    assert.match(inAtlas, /Daily/i);
    assert.doesNotMatch(inAtlas, /reference/i);
    assert.match(inFile, /reference|snapshot time/i);
    assert.doesNotMatch(inFile, /Daily/i);

    const p = await run(['push', '--yes', file]);
    assert.equal(p.code, 1);
    assert.match(p.err, /nothing was sent/);
    assert.ok(p.err.indexOf('Changed in Atlas') < p.err.indexOf(`Changed in ${file}:`), p.err);
  });

  test('the schedule as pulled is found from its fingerprint alone; none when both sides changed the same part', () => {
    const base: BackupSchedule = {
      referenceHourOfDay: 3,
      restoreWindowDays: 7,
      policies: [
        {
          id: 'p',
          policyItems: [
            {
              id: 'a',
              frequencyType: 'daily',
              frequencyInterval: 1,
              retentionUnit: 'days',
              retentionValue: 7,
            },
          ],
        },
      ],
    };
    const remote = structuredClone(base);
    remote.restoreWindowDays = 5;
    const local = structuredClone(base);
    local.referenceHourOfDay = 4;
    local.policies![0].policyItems.push({
      frequencyType: 'weekly',
      frequencyInterval: 6,
      retentionUnit: 'weeks',
      retentionValue: 4,
    });
    assert.deepEqual(pulledBase(remote, local, scheduleFingerprint(base)), structuredClone(base));
    const both = structuredClone(local);
    both.restoreWindowDays = 9;
    assert.equal(pulledBase(remote, both, scheduleFingerprint(base)), undefined);
  });
});

describe('npm start prints what the CLI needs', () => {
  test('the printed MONGODB_ATLAS_* lines, pasted into an environment, are enough for the CLI', async () => {
    const projects = seed.projects.map((p) => ({ name: p.name, id: p.id }));
    const lines = cliEnvLines({
      url,
      clientId: DEMO_CREDENTIALS.serviceAccount.clientId,
      clientSecret: DEMO_CREDENTIALS.serviceAccount.clientSecret,
      projects,
    });
    const pasted: Record<string, string> = {};
    for (const l of lines) {
      const m = /^\s*export (MONGODB_ATLAS_\w+)=(\S+)$/.exec(l);
      if (m) pasted[m[1]] = m[2];
    }
    assert.deepEqual(Object.keys(pasted).sort(), [
      'MONGODB_ATLAS_BASE_URL',
      'MONGODB_ATLAS_CLIENT_ID',
      'MONGODB_ATLAS_CLIENT_SECRET',
      'MONGODB_ATLAS_PROJECT_ID',
    ]);
    // pull needs the project from MONGODB_ATLAS_PROJECT_ID: the one printed, with a cluster of it.
    const printed = seed.projects.find((p) => p.id === pasted.MONGODB_ATLAS_PROJECT_ID)!;
    const r = await run(['pull', printed.clusters[0].name], pasted);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /"atlas"/);
    for (const p of projects.slice(1)) assert.ok(lines.join('\n').includes(p.id), `${p.name} listed with its id`);
  });
});

describe('Atlas errors in command-line words', () => {
  const apiError = (status: number, errorCode: string, message: string, hint?: string) =>
    new AtlasApiError(message + (hint ? ` ${hint}` : ''), {
      status,
      errorCode,
      method: 'GET',
      path: `/api/atlas/v2/groups/${project.id}/clusters/${cluster.name}/backup/schedule`,
      hint,
    });

  test("the extension's advice is replaced by what to do on a command line", () => {
    const gone = cliAtlasMessage(
      apiError(
        404,
        'RESOURCE_NOT_FOUND',
        'Atlas could not find that resource. (RESOURCE_NOT_FOUND, HTTP 404)',
        'The project or cluster may no longer exist, or these credentials cannot see it; refresh the Atlas Backup view.',
      ),
    );
    assert.doesNotMatch(gone, /Atlas Backup view/);
    const old = cliAtlasMessage(
      apiError(
        410,
        'VERSION_GONE',
        'This version of the Atlas API has been retired; update the Atlas Backup extension.',
      ),
    );
    assert.match(old, /update atlas-backup/);
    assert.doesNotMatch(old, /extension/);
  });
});
