// The local history kept before every push and delete.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BackupSchedule } from '../../../../src/core/atlas/types';
import { historyKey, memoryHistoryStorage, ScheduleHistory } from '../../../../src/core/schedule/history';

const S = (days: number): BackupSchedule => ({
  policies: [
    { policyItems: [{ frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: days }] },
  ],
});
const target = { origin: 'http://127.0.0.1:4545', groupId: 'b04e6d9a21fdc0f1172b8106', clusterName: 'orders-rs' };

test('entries are kept per cluster, newest first, with time, action and sign-in', async () => {
  let t = Date.parse('2026-12-01T20:00:00Z');
  const storage = memoryHistoryStorage();
  const h = new ScheduleHistory(storage, { now: () => new Date(t) });
  await h.record({
    ...target,
    action: 'push',
    signIn: { label: 'Demo service account', accountId: 'a1' },
    schedule: S(7),
  });
  t += 60_000;
  const second = await h.record({ ...target, action: 'delete', signIn: { label: 'Demo API key' }, schedule: S(14) });
  await h.record({ ...target, clusterName: 'ledger-pit', action: 'push', signIn: { label: 'x' }, schedule: S(1) });
  const list = await h.list(target.origin, target.groupId, target.clusterName);
  assert.deepEqual(
    list.map((e) => [e.at, e.action, e.signIn.label, e.schedule.policies![0].policyItems[0].retentionValue]),
    [
      ['2026-12-01T20:01:00.000Z', 'delete', 'Demo API key', 14],
      ['2026-12-01T20:00:00.000Z', 'push', 'Demo service account', 7],
    ],
  );
  assert.deepEqual(await h.get(target.origin, target.groupId, target.clusterName, second.id), second);
  assert.deepEqual([...storage.files.keys()].sort(), [
    '127.0.0.1_4545/b04e6d9a21fdc0f1172b8106/ledger-pit.json',
    '127.0.0.1_4545/b04e6d9a21fdc0f1172b8106/orders-rs.json',
  ]);
});

test('concurrent records to one cluster keep both; the oldest beyond the limit are dropped', async () => {
  const h = new ScheduleHistory(memoryHistoryStorage(), {
    maxPerCluster: 3,
    now: () => new Date('2026-12-01T20:00:00Z'),
  });
  await Promise.all(
    [1, 2, 3, 4, 5].map((n) => h.record({ ...target, action: 'push', signIn: { label: 'x' }, schedule: S(n) })),
  );
  const list = await h.list(target.origin, target.groupId, target.clusterName);
  assert.equal(list.length, 3);
  assert.equal(new Set(list.map((e) => e.id)).size, 3, 'ids are unique even within one millisecond');
  assert.deepEqual(list.map((e) => e.schedule.policies![0].policyItems[0].retentionValue).sort(), [3, 4, 5]);
});

test('a corrupt file is an empty history, and a key cannot escape its folder', async () => {
  const storage = memoryHistoryStorage();
  storage.files.set(historyKey(target.origin, target.groupId, target.clusterName), '{ not json');
  assert.deepEqual(await new ScheduleHistory(storage).list(target.origin, target.groupId, target.clusterName), []);
  assert.equal(historyKey('https://cloud.mongodb.com', '../..', 'a/b'), 'cloud.mongodb.com/.._../a_b.json');
});

test('a truncated history file is kept aside (and the person told), never overwritten by the next entry', async () => {
  const storage = memoryHistoryStorage();
  const key = historyKey(target.origin, target.groupId, target.clusterName);
  const truncated = '{\n  "version": 1,\n  "entries": [\n    { "id": "2026-12-01T20:00:00.000Z-0", "at": "2026-12';
  storage.files.set(key, truncated);
  const told: string[] = [];
  const h = new ScheduleHistory(storage, { onKeptAside: (k, where) => told.push(`${k} → ${where}`) });
  await h.record({ ...target, action: 'push', signIn: { label: 'x' }, schedule: S(7) });
  const aside = [...storage.files.keys()].filter((k) => k !== key);
  assert.equal(aside.length, 1);
  assert.equal(storage.files.get(aside[0]), truncated, 'what the file held is kept');
  assert.deepEqual(told, [`${key} → ${aside[0]}`]);
  assert.equal((await h.list(target.origin, target.groupId, target.clusterName)).length, 1);
});

test('without a way to keep it aside, an unreadable history file is left alone and the write refused', async () => {
  const files = new Map<string, string>();
  const key = historyKey(target.origin, target.groupId, target.clusterName);
  files.set(key, '{ "entries": [');
  const h = new ScheduleHistory({
    read: (k) => Promise.resolve(files.get(k)),
    write: (k, t) => {
      files.set(k, t);
      return Promise.resolve();
    },
  });
  await assert.rejects(
    h.record({ ...target, action: 'push', signIn: { label: 'x' }, schedule: S(7) }),
    /cannot be read; it is left as it is/,
  );
  assert.equal(files.get(key), '{ "entries": [');
});

test('what came of a change is recorded on its entry; the others and a vanished entry are left alone', async () => {
  let t = Date.parse('2026-12-01T20:00:00Z');
  const h = new ScheduleHistory(memoryHistoryStorage(), { maxPerCluster: 2, now: () => new Date(t++) });
  const first = await h.record({ ...target, action: 'push', signIn: { label: 'x' }, schedule: S(1) });
  const second = await h.record({ ...target, action: 'delete', signIn: { label: 'x' }, schedule: S(2) });
  assert.equal(first.outcome, undefined, 'unknown until the answer comes');
  // The settle and a record made right after it do not lose each other.
  await Promise.all([h.settle(first, 'refused'), h.settle(second, 'unknown')]);
  const list = await h.list(target.origin, target.groupId, target.clusterName);
  assert.deepEqual(
    list.map((e) => [e.action, e.outcome]),
    [
      ['delete', 'unknown'],
      ['push', 'refused'],
    ],
  );
  const third = await h.record({ ...target, action: 'push', signIn: { label: 'x' }, schedule: S(3) }); // drops `first`
  await Promise.all([h.settle(third, 'applied'), h.settle(first, 'applied')]);
  assert.deepEqual(
    (await h.list(target.origin, target.groupId, target.clusterName)).map((e) => [
      e.schedule.policies![0].policyItems[0].retentionValue,
      e.outcome,
    ]),
    [
      [3, 'applied'],
      [2, 'unknown'],
    ],
  );
});
