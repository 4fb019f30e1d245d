// What the CLI and the extension share around a restore: the watch's back-off and loop, the targets a person picks
// from (compatible first, the others with why), the create request a plan describes, the newest completed snapshot,
// a point in time typed into the editor (a local time allowed and read in the machine's zone), the plan and the
// history as Markdown (names escaped), and the restore history's store.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildRestorePlan,
  nextWatchDelay,
  newestCompletedSnapshot,
  parsePointInTimeInput,
  rankRestoreTargets,
  RestoreHistory,
  restoreHistoryKey,
  restoreHistoryMarkdown,
  restorePlanMarkdown,
  restoreRequestFor,
  watchRestore,
  WATCH_FIRST_DELAY_MS,
  WATCH_MAX_DELAY_MS,
  type RestoreClusterFacts,
  type RestoreHistoryEntry,
  type RestorePlan,
  type RestoreSnapshotFacts,
} from '../../../../src/core/restore';
import { memoryHistoryStorage } from '../../../../src/core/schedule/history';
import type { RestoreJob } from '../../../../src/core/atlas';
import { projectSnapshotRestoreJob } from '../../../../src/core/restore/restoreJob';
import { restoreJobDuration } from '../../../../src/core/tree/restoreRows';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const G1 = 'a'.repeat(24);
const G2 = 'b'.repeat(24);
const source: RestoreClusterFacts = {
  groupId: G1,
  projectName: 'Production',
  name: 'orders-rs',
  tier: 'M30',
  mongoDBVersion: '7.0.14',
  topology: { kind: 'replicaSet' },
  continuousBackup: true,
  restoreWindowDays: 2,
};
const snapshot: RestoreSnapshotFacts = {
  id: 'c'.repeat(24),
  createdAt: '2026-11-21T18:00:00Z',
  status: 'completed',
  snapshotType: 'scheduled',
  frequencyType: 'daily',
  storageSizeBytes: 1_500_000_000,
};
const cluster = (over: Partial<RestoreClusterFacts>): RestoreClusterFacts => ({
  ...source,
  groupId: G2,
  projectName: 'Sandbox',
  name: 'scratch',
  mongoDBVersion: '8.0.4',
  ...over,
});
const planOnto = (target: RestoreClusterFacts): RestorePlan =>
  buildRestorePlan({ kind: 'automated', source, snapshot, target, nowMs: NOW });

describe('the watch', () => {
  test('backs off from a few seconds to at most 30 s, so a 10-minute restore costs at most 40 looks', () => {
    const delays: number[] = [];
    let d: number | undefined;
    for (let i = 0; i < 30; i++) delays.push((d = nextWatchDelay(d)));
    assert.equal(delays[0], WATCH_FIRST_DELAY_MS);
    assert.ok(delays[0] <= 5_000, 'the first look comes within a few seconds');
    for (let i = 1; i < delays.length; i++) assert.ok(delays[i] >= delays[i - 1], 'never shorter than the one before');
    assert.equal(delays.at(-1), WATCH_MAX_DELAY_MS);
    assert.equal(WATCH_MAX_DELAY_MS, 30_000);
    let elapsed = 0;
    let looks = 0;
    d = undefined;
    while (elapsed < 10 * 60_000) {
      elapsed += d = nextWatchDelay(d);
      looks++;
    }
    assert.ok(looks <= 40, `${looks} looks in 10 minutes`);
  });

  const running: RestoreJob = { id: 'j', deliveryType: 'automated' };
  const finished: RestoreJob = { ...running, finishedAt: '2026-11-22T12:05:00Z' };

  test('looks until the job ends, waiting by the clock it is given, and reports each look in between', async () => {
    const waits: number[] = [];
    const seen: RestoreJob[] = [];
    const answers = [running, running, finished];
    const r = await watchRestore({
      first: running,
      signal: new AbortController().signal,
      sleep: async (ms) => {
        waits.push(ms);
      },
      getJob: async () => answers.shift()!,
      onJob: (j) => seen.push(j),
    });
    assert.equal(r.stopped, false);
    assert.equal(r.looks, 3);
    assert.equal(r.job.finishedAt, finished.finishedAt);
    assert.deepEqual(waits, [3_000, 4_500, 6_750]);
    assert.equal(seen.length, 2, 'the two looks that did not end it');
  });

  test('a download ends the watch when its links appear, even before Atlas says it finished', async () => {
    const r = await watchRestore({
      first: { id: 'd', deliveryType: 'download' },
      signal: new AbortController().signal,
      sleep: async () => {},
      getJob: async () => ({ id: 'd', deliveryType: 'download', deliveryUrl: ['https://example.test/a.tar.gz'] }),
    });
    assert.equal(r.stopped, false);
    assert.deepEqual(r.job.deliveryUrl, ['https://example.test/a.tar.gz']);
  });

  test('stopping (nobody watches) ends the polling at once: no further look', async () => {
    const controller = new AbortController();
    let looks = 0;
    const r = await watchRestore({
      first: running,
      signal: controller.signal,
      sleep: async () => controller.abort(),
      getJob: async () => {
        looks++;
        return running;
      },
    });
    assert.equal(r.stopped, true);
    assert.equal(looks, 0);
  });

  test('a read that fails ends the watch with the error (the caller says the restore goes on)', async () => {
    await assert.rejects(
      watchRestore({
        first: running,
        signal: new AbortController().signal,
        sleep: async () => {},
        getJob: async () => {
          throw new Error('network down');
        },
      }),
      /network down/,
    );
  });
});

describe('restore targets', () => {
  test('compatible clusters first (the source’s own project first), the others with the failed check’s reason', () => {
    const ranked = rankRestoreTargets(
      source,
      [
        cluster({ name: 'old-version', mongoDBVersion: '6.0.1' }),
        cluster({ name: 'b-scratch' }),
        cluster({ name: 'sharded', topology: { kind: 'sharded', shards: 2 } }),
        cluster({ name: 'a-scratch' }),
        cluster({ groupId: G1, projectName: 'Production', name: 'z-same-project' }),
        { ...source },
      ],
      planOnto,
    );
    assert.deepEqual(
      ranked.map((c) => [c.target.name, c.compatible]),
      [
        ['z-same-project', true],
        ['a-scratch', true],
        ['b-scratch', true],
        ['orders-rs', false],
        ['old-version', false],
        ['sharded', false],
      ],
    );
    const why = (name: string) => ranked.find((c) => c.target.name === name)!.reason!;
    assert.match(why('old-version'), /older than/);
    assert.match(why('sharded'), /replica set|sharded/i);
    assert.match(why('orders-rs'), /orders-rs/);
    assert.equal(ranked[0].reason, undefined);
  });

  test("a drill's scratch cluster: other projects first, the source's own project last (still compatible first)", () => {
    const ranked = rankRestoreTargets(
      source,
      [
        cluster({ groupId: G1, projectName: 'Production', name: 'a-same-project' }),
        cluster({ name: 'b-scratch' }),
        cluster({ groupId: G1, projectName: 'Production', name: 'old-same', mongoDBVersion: '6.0.1' }),
        cluster({ name: 'old-version', mongoDBVersion: '6.0.1' }),
      ],
      planOnto,
      { sourceProjectLast: true },
    );
    assert.deepEqual(
      ranked.map((c) => c.target.name),
      ['b-scratch', 'a-same-project', 'old-version', 'old-same'],
    );
  });

  test('the create request is what the plan describes: a snapshot onto the target, or the point in time', () => {
    const target = cluster({});
    assert.deepEqual(restoreRequestFor(planOnto(target)), {
      deliveryType: 'automated',
      snapshotId: snapshot.id,
      targetGroupId: G2,
      targetClusterName: 'scratch',
    });
    const pit = (pointInTime: Parameters<typeof buildRestorePlan>[0] & { kind: 'pointInTime' }) =>
      restoreRequestFor(buildRestorePlan(pointInTime));
    const common = {
      kind: 'pointInTime' as const,
      source,
      target,
      sourceSnapshots: { oldestMs: NOW - 86_400_000 * 3, newestMs: NOW - 3_600_000, count: 5 },
      nowMs: NOW,
    };
    assert.deepEqual(pit({ ...common, pointInTime: { kind: 'seconds', epochSeconds: NOW / 1000 - 600 } }), {
      deliveryType: 'pointInTime',
      targetGroupId: G2,
      targetClusterName: 'scratch',
      pointInTimeUTCSeconds: NOW / 1000 - 600,
    });
    assert.deepEqual(pit({ ...common, pointInTime: { kind: 'oplog', ts: NOW / 1000 - 600, inc: 3 } }), {
      deliveryType: 'pointInTime',
      targetGroupId: G2,
      targetClusterName: 'scratch',
      oplogTs: NOW / 1000 - 600,
      oplogInc: 3,
    });
    assert.deepEqual(restoreRequestFor(buildRestorePlan({ kind: 'download', source, snapshot, nowMs: NOW })), {
      deliveryType: 'download',
      snapshotId: snapshot.id,
    });
  });

  test('the newest completed snapshot is a drill’s default; queued or failed ones are skipped', () => {
    const s = (id: string, createdAt: string, status = 'completed') => ({ id, createdAt, status });
    assert.equal(
      newestCompletedSnapshot([
        s('a', '2026-11-20T00:00:00Z'),
        s('b', '2026-11-22T00:00:00Z', 'queued'),
        s('c', '2026-11-21T00:00:00Z'),
        s('d', '2026-11-22T06:00:00Z', 'failed'),
      ])?.id,
      'c',
    );
    assert.equal(newestCompletedSnapshot([s('q', '2026-11-20T00:00:00Z', 'inProgress')]), undefined);
  });
});

describe('a point in time typed into the editor', () => {
  const plusOne = () => 60;
  test('a time without a zone is read in the machine’s zone (here UTC+01:00) and says so', () => {
    const r = parsePointInTimeInput('2026-11-20 10:30', { offsetMinutes: plusOne });
    assert.equal(r.local, true);
    assert.deepEqual(r.result, {
      ok: true,
      value: { kind: 'seconds', epochSeconds: Date.parse('2026-11-20T09:30:00Z') / 1000 },
    });
    const t = parsePointInTimeInput('2026-11-20T10:30:15', { offsetMinutes: plusOne });
    assert.deepEqual(t.result, {
      ok: true,
      value: { kind: 'seconds', epochSeconds: Date.parse('2026-11-20T09:30:15Z') / 1000 },
    });
  });
  test('everything the CLI accepts is read the same way; bad input names the field and the rule', () => {
    assert.deepEqual(parsePointInTimeInput('2026-11-20T10:30:00Z').result, {
      ok: true,
      value: { kind: 'seconds', epochSeconds: Date.parse('2026-11-20T10:30:00Z') / 1000 },
    });
    assert.deepEqual(parsePointInTimeInput('1795000000:4').result, {
      ok: true,
      value: { kind: 'oplog', ts: 1795000000, inc: 4 },
    });
    const bad = parsePointInTimeInput('1795000000:0').result;
    assert.equal(bad.ok, false);
    assert.match(!bad.ok ? bad.error : '', /^Point in time "1795000000:0" .*inc/);
    const notADate = parsePointInTimeInput('2026-02-30 10:00', { offsetMinutes: plusOne }).result;
    assert.equal(notADate.ok, false);
    assert.match(!notADate.ok ? notADate.error : '', /^Point in time .*calendar/);
  });
});

describe('the plan and the history in Markdown', () => {
  test('the plan says source, target, what happens and every check; names from Atlas are escaped', () => {
    const evil = cluster({ name: '[click](https://evil.test)', projectName: '<b>Sandbox</b>' });
    const md = restorePlanMarkdown(planOnto(evil), { offsetMinutes: () => 0 });
    assert.match(md, /^# Restore a snapshot onto a cluster: plan/);
    assert.match(md, /Nothing has been sent yet/);
    assert.match(md, /## Source[\s\S]*orders\\-rs/);
    assert.match(md, /## What happens[\s\S]*deleted and replaced/);
    for (const c of planOnto(evil).checks) assert.ok(md.includes(`\`${c.id}\``), c.id);
    assert.ok(!md.includes('[click](https://evil.test)'), 'no live link from a cluster name');
    assert.ok(!md.includes('<b>'), 'no HTML from a project name');
    const refused = restorePlanMarkdown(planOnto(cluster({ mongoDBVersion: '6.0.0' })));
    assert.match(refused, /a check failed/);
    assert.match(refused, /\| \*\*FAILED\*\* \| `mongodb-version`/);
  });

  test('the history lists restores newest first, drills marked, with the duration we timed', () => {
    const entry = (id: string, at: string, over: Partial<RestoreHistoryEntry> = {}): RestoreHistoryEntry => ({
      id,
      at,
      origin: 'https://cloud.mongodb.com',
      groupId: G1,
      clusterName: 'orders-rs',
      kind: 'automated',
      drill: false,
      plan: planOnto(cluster({})),
      outcome: 'completed',
      ...over,
    });
    const md = restoreHistoryMarkdown(
      [
        entry('j2', '2026-11-22T10:00:00Z', { drill: true, finishedAt: '2026-11-22T10:03:05Z' }),
        entry('j1', '2026-11-21T10:00:00Z'),
      ],
      { offsetMinutes: () => 0 },
    );
    const rows = md.split('\n').filter((l) => l.startsWith('| 2026'));
    assert.equal(rows.length, 2);
    assert.match(rows[0], /\*\*Drill\*\*.*completed \| 3m 05s/);
    assert.doesNotMatch(rows[1], /Drill/);
    assert.match(restoreHistoryMarkdown([]), /No restores started from here yet/);
  });

  test('the history says the same duration as the Restores row for a start with milliseconds', () => {
    const at = '2026-11-22T10:00:00.789Z';
    const finishedAt = '2026-11-22T10:00:03Z';
    const md = restoreHistoryMarkdown(
      [
        {
          id: 'j3',
          at,
          origin: 'https://cloud.mongodb.com',
          groupId: G1,
          clusterName: 'orders-rs',
          kind: 'download',
          drill: false,
          plan: planOnto(cluster({})),
          outcome: 'completed',
          finishedAt,
        },
      ],
      { offsetMinutes: () => 0 },
    );
    const row = restoreJobDuration(
      projectSnapshotRestoreJob({ id: 'j3', deliveryType: 'download', finishedAt }, { createdAt: at }),
    );
    assert.equal(row, '3s');
    assert.match(md, /\| completed \| 3s \|/);
  });
});

describe('the restore history store', () => {
  const origin = 'https://cloud.mongodb.com';
  const entry = (
    id: string,
    at: string,
    outcome: RestoreHistoryEntry['outcome'] = 'in-progress',
  ): RestoreHistoryEntry => ({
    id,
    at,
    origin,
    groupId: G1,
    clusterName: 'orders-rs',
    kind: 'automated',
    drill: false,
    plan: planOnto(cluster({})),
    outcome,
  });

  test('keeps each restore with its plan and start; an update records how it ended; running ones are listed', async () => {
    const storage = memoryHistoryStorage();
    const h = new RestoreHistory(storage);
    await h.record(entry('j1', '2026-11-21T10:00:00Z', 'completed'));
    await h.record(entry('j2', '2026-11-22T10:00:00Z'));
    assert.deepEqual(
      (await h.running(origin)).map((e) => e.id),
      ['j2'],
    );
    await h.update(origin, 'j2', { outcome: 'completed', finishedAt: '2026-11-22T10:04:00Z' });
    assert.deepEqual(await h.running(origin), []);
    const [newest] = await h.list(origin);
    assert.equal(newest.id, 'j2');
    assert.equal(newest.finishedAt, '2026-11-22T10:04:00Z');
    assert.equal(newest.plan.target?.clusterName, 'scratch');
    assert.equal(await h.startedAt(origin, 'j1'), '2026-11-21T10:00:00Z');
    assert.deepEqual([...storage.files.keys()], [restoreHistoryKey(origin)]);
    assert.equal(restoreHistoryKey(origin), 'cloud.mongodb.com/restores.json');
  });

  test('two quick writes keep both entries; an update of an unknown job changes nothing', async () => {
    const storage = memoryHistoryStorage();
    const h = new RestoreHistory(storage);
    await Promise.all([h.record(entry('a', '2026-11-22T10:00:00Z')), h.record(entry('b', '2026-11-22T10:00:01Z'))]);
    assert.deepEqual(
      (await h.list(origin)).map((e) => e.id),
      ['b', 'a'],
    );
    const before = storage.files.get(restoreHistoryKey(origin));
    await h.update(origin, 'nope', { outcome: 'failed' });
    assert.equal(storage.files.get(restoreHistoryKey(origin)), before);
  });

  test('a file that cannot be parsed is kept aside, never overwritten, and a new history starts', async () => {
    const storage = memoryHistoryStorage();
    storage.files.set(restoreHistoryKey(origin), '{"version":1,"entries":[{"id":');
    const told: string[] = [];
    const h = new RestoreHistory(storage, { onKeptAside: (_k, where) => told.push(where) });
    assert.deepEqual(await h.list(origin), []);
    await h.record(entry('j', '2026-11-22T10:00:00Z'));
    assert.equal(told.length, 1);
    assert.equal(storage.files.get(told[0]), '{"version":1,"entries":[{"id":');
    assert.deepEqual(
      (await h.list(origin)).map((e) => e.id),
      ['j'],
    );
  });
});
