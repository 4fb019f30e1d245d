// The restorable window, shared by the restore plan and the recovery posture.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completedSpan, describeWindow, restorableWindow } from '../../../../src/core/restore';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const DAY = 86_400_000;

test('continuous backup: from now − restoreWindowDays to now when older snapshots exist', () => {
  const w = restorableWindow({
    continuous: true,
    restoreWindowDays: 2,
    completed: { oldestMs: NOW - 30 * DAY, newestMs: NOW - 3_600_000, count: 200 },
    nowMs: NOW,
  });
  assert.deepEqual(w, { fromMs: NOW - 2 * DAY, toMs: NOW, continuous: true, restorePoints: null });
  assert.equal(describeWindow(w), 'from 2026-11-20 12:00:00 UTC to 2026-11-22 12:00:00 UTC, any second');
});

test('continuous backup: bounded by the oldest completed snapshot; 7 days when the schedule does not say', () => {
  const young = restorableWindow({
    continuous: true,
    restoreWindowDays: 5,
    completed: { oldestMs: NOW - DAY, newestMs: NOW - DAY, count: 1 },
    nowMs: NOW,
  });
  assert.equal(young?.fromMs, NOW - DAY);
  const unsaid = restorableWindow({
    continuous: true,
    completed: { oldestMs: NOW - 30 * DAY, newestMs: NOW, count: 9 },
    nowMs: NOW,
  });
  assert.equal(unsaid?.fromMs, NOW - 7 * DAY);
});

test('without continuous backup: oldest to newest completed snapshot, with the number of restore points', () => {
  const w = restorableWindow({
    continuous: false,
    restoreWindowDays: 2,
    completed: { oldestMs: NOW - 10 * DAY, newestMs: NOW - 6 * 3_600_000, count: 14 },
    nowMs: NOW,
  });
  assert.deepEqual(w, { fromMs: NOW - 10 * DAY, toMs: NOW - 6 * 3_600_000, continuous: false, restorePoints: 14 });
  assert.match(describeWindow(w), /, 14 snapshots to choose from$/);
  const one = restorableWindow({
    continuous: false,
    completed: { oldestMs: NOW, newestMs: NOW, count: 1 },
    nowMs: NOW,
  });
  assert.match(describeWindow(one!), /, 1 snapshot to choose from$/);
});

test('no completed snapshot: nothing is restorable, continuous or not', () => {
  assert.equal(
    restorableWindow({ continuous: true, restoreWindowDays: 2, completed: undefined, nowMs: NOW }),
    undefined,
  );
  assert.equal(restorableWindow({ continuous: false, completed: undefined, nowMs: NOW }), undefined);
});

test("completedSpan reads Atlas's snapshot list, skipping snapshots not completed and unreadable times", () => {
  const span = completedSpan([
    { createdAt: '2026-11-22T06:00:00Z', status: 'inProgress' },
    { createdAt: '2026-11-21T06:00:00Z', status: 'completed' },
    { createdAt: '2026-11-01T06:00:00Z', status: 'completed' },
    { createdAt: 'yesterday', status: 'completed' },
    { status: 'completed' },
  ]);
  assert.deepEqual(span, {
    oldestMs: Date.parse('2026-11-01T06:00:00Z'),
    newestMs: Date.parse('2026-11-21T06:00:00Z'),
    count: 2,
  });
  assert.equal(completedSpan([{ createdAt: '2026-11-22T06:00:00Z', status: 'queued' }]), undefined);
});
