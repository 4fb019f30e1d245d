// The tree asks the restore history while drawing a row: the cache answers at once, reads on the first question and
// again after each write, and tells the tree only when it learned something (so a drill's row is drawn again).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KnownRestoreCache, type KnownRestoreEntry } from '../../../../src/core/recovery/knownRestoreCache';

function fixture(initial: KnownRestoreEntry[]) {
  let entries = initial;
  let reads = 0;
  let changes = 0;
  let fail = false;
  const cache = new KnownRestoreCache(
    () => {
      reads++;
      return fail ? Promise.reject(new Error('unreadable')) : Promise.resolve(entries);
    },
    () => changes++,
  );
  return {
    cache,
    set: (e: KnownRestoreEntry[]) => (entries = e),
    failing: () => (fail = true),
    get reads() {
      return reads;
    },
    get changes() {
      return changes;
    },
  };
}

const A = { id: 'job-a', at: '2026-11-20T06:00:00Z', drill: true };
const B = { id: 'job-b', at: '2026-11-21T06:00:00Z', drill: false };

test('nothing is read until asked; the first question answers null at once and the tree is told once it knows', async () => {
  const f = fixture([A]);
  f.cache.invalidate();
  assert.equal(f.reads, 0, 'a write before anyone asked reads nothing');
  assert.equal(f.cache.lookup('job-a'), null);
  await f.cache.refresh();
  assert.deepEqual(f.cache.lookup('job-a'), { startedAt: A.at, drill: true });
  assert.equal(f.changes, 1);
  assert.equal(f.cache.lookup('unknown'), null, 'a job we did not start stays unknown');
  assert.equal(f.reads, 2, 'questions once read cost no read of their own');
});

test('a write to the history is read again; the tree is told only when a job became known', async () => {
  const f = fixture([A]);
  await f.cache.refresh();
  assert.equal(f.changes, 1);
  f.set([B, A]);
  f.cache.invalidate();
  await f.cache.refresh();
  assert.deepEqual(f.cache.lookup('job-b'), { startedAt: B.at, drill: false });
  assert.equal(f.changes, 2, 'the new job re-draws the tree');
  const before = f.changes;
  await f.cache.refresh();
  assert.equal(f.changes, before, 'a read that learns nothing re-draws nothing');
  assert.deepEqual([...f.cache.snapshot().keys()].sort(), ['job-a', 'job-b']);
});

test('an unreadable history knows nothing and throws nothing', async () => {
  const f = fixture([A]);
  f.failing();
  assert.equal(f.cache.lookup('job-a'), null);
  await f.cache.refresh();
  assert.equal(f.cache.lookup('job-a'), null);
  assert.equal(f.changes, 0);
});
