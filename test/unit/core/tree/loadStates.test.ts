// The explorer's load state under its one rule: cells and paged lists are fetched once, reused while fresh, kept
// shown while they reload, cancelled by a refresh or a collapse, and a cancelled fetch changes nothing.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LoadStates, type PagedList, type PageOf } from '../../../../src/core/tree/loadStates';

/** A fetch the test answers by hand; records each call's signal. */
function manual<T>() {
  const calls: { signal: AbortSignal; resolve: (v: T) => void; reject: (e: unknown) => void }[] = [];
  const fetch = (signal: AbortSignal): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      calls.push({ signal, resolve, reject });
      signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    });
  return { calls, fetch };
}

/** Resolves once `settled` has been called `n` times in all. */
function settledCounter() {
  let count = 0;
  let wake: (() => void) | undefined;
  return {
    changes: [] as boolean[],
    settled(changed = true) {
      this.changes.push(changed);
      count++;
      wake?.();
    },
    async until(n: number) {
      while (count < n) await new Promise<void>((r) => (wake = r));
    },
  };
}

describe('load states: a cell', () => {
  test('loads once, is reused while fresh, reloads in the background after the time-to-live', async () => {
    let now = 0;
    const states = new LoadStates(60_000, () => now);
    const cell = states.cell<string>('a/schedule');
    const f = manual<string>();
    const done = settledCounter();
    const how = { fetch: f.fetch, same: (x: string, y: string) => x === y, settled: (c: boolean) => done.settled(c) };

    states.ensure(cell, how);
    assert.equal(cell.state.status, 'loading');
    assert.equal(states.busy('a/schedule'), true);
    states.ensure(cell, how);
    assert.equal(f.calls.length, 1, 'no second fetch while one is in flight');
    f.calls[0].resolve('v1');
    await done.until(1);
    assert.deepEqual(cell.state, { status: 'loaded', value: 'v1', at: 0 });
    assert.equal(states.busy('a/schedule'), false);

    now = 60_000;
    states.ensure(cell, how);
    assert.equal(f.calls.length, 1, 'fresh: reused');
    now = 60_001;
    states.ensure(cell, how);
    assert.equal(f.calls.length, 2, 'expired: fetched again');
    assert.equal(cell.state.status, 'loaded', 'the old value stays shown while it reloads');
    f.calls[1].resolve('v1');
    await done.until(2);
    assert.deepEqual(done.changes, [true, false], 'the same answer again is no change');
  });

  test('a failure stays until it is forgotten; then it loads again', async () => {
    const states = new LoadStates(60_000, () => 0);
    const cell = states.cell<string>('k');
    const f = manual<string>();
    const done = settledCounter();
    const how = { fetch: f.fetch, settled: () => done.settled() };
    states.ensure(cell, how);
    f.calls[0].reject(new Error('boom'));
    await done.until(1);
    assert.equal(cell.state.status, 'failed');
    states.ensure(cell, how);
    assert.equal(f.calls.length, 1, 'no retry loop');
    states.forget('k');
    assert.equal(cell.state.status, 'idle');
    states.ensure(cell, how);
    assert.equal(f.calls.length, 2);
  });

  test('stale: a loaded value stays and is fetched again when next shown; one in flight is cancelled and ignored', async () => {
    const states = new LoadStates(60_000, () => 0);
    const cell = states.cell<string>('k');
    const f = manual<string>();
    const done = settledCounter();
    const how = { fetch: f.fetch, settled: () => done.settled() };
    states.ensure(cell, how);
    f.calls[0].resolve('old');
    await done.until(1);

    states.stale('k');
    assert.equal(cell.state.status === 'loaded' && cell.state.value, 'old');
    states.ensure(cell, how);
    assert.equal(f.calls.length, 2, 'refetched although younger than the time-to-live');
    states.stale('k');
    assert.equal(f.calls[1].signal.aborted, true, 'a refresh cancels the reload in flight');
    f.calls[1].resolve('too late');
    await Promise.resolve();
    assert.equal(cell.state.status === 'loaded' && cell.state.value, 'old', 'a cancelled fetch changes nothing');
    states.ensure(cell, how);
    f.calls[2].resolve('new');
    await done.until(2);
    assert.equal(cell.state.status === 'loaded' && cell.state.value, 'new');
  });

  test('stale or cancel without a value forgets: the next look starts afresh', () => {
    const states = new LoadStates(60_000, () => 0);
    const cell = states.cell<string>('k');
    const f = manual<string>();
    const how = { fetch: f.fetch, settled: () => {} };
    states.ensure(cell, how);
    states.cancel('k');
    assert.equal(f.calls[0].signal.aborted, true);
    assert.equal(cell.state.status, 'idle');
    assert.equal(states.busy('k'), false);
    states.ensure(cell, how);
    states.stale('k');
    assert.equal(f.calls[1].signal.aborted, true);
    assert.equal(cell.state.status, 'idle');
  });

  test('collapse cancels a reload but keeps the value shown, still due to be fetched again', async () => {
    const states = new LoadStates(60_000, () => 0);
    const cell = states.cell<string>('k');
    const f = manual<string>();
    const done = settledCounter();
    const how = { fetch: f.fetch, settled: () => done.settled() };
    states.ensure(cell, how);
    f.calls[0].resolve('v');
    await done.until(1);
    states.stale('k');
    states.ensure(cell, how);
    states.cancel('k');
    assert.equal(f.calls[1].signal.aborted, true);
    assert.equal(cell.state.status === 'loaded' && cell.state.value, 'v');
    states.ensure(cell, how);
    assert.equal(f.calls.length, 3, 'opened again: fetched again');
  });
});

describe('load states: a paged list', () => {
  type Item = { id: string; at: string };
  const page = (ids: string[], hasNext: boolean, totalCount?: number): PageOf<Item> => ({
    results: ids.map((id) => ({ id, at: id })),
    hasNext,
    totalCount,
  });

  function setup() {
    const states = new LoadStates(60_000, () => 0);
    const list = states.list<PagedList<Item>>('c/snapshots', {});
    const calls: {
      pageNum: number;
      signal: AbortSignal;
      answer: (p: PageOf<Item>) => void;
      fail: (e: unknown) => void;
    }[] = [];
    const done = settledCounter();
    let restarts = 0;
    const how = {
      fetch: (pageNum: number, signal: AbortSignal) =>
        new Promise<PageOf<Item>>((answer, fail) => {
          calls.push({ pageNum, signal, answer, fail });
          signal.addEventListener('abort', () => fail(new DOMException('aborted', 'AbortError')));
        }),
      idOf: (i: Item) => i.id,
      order: (xs: Item[]) => [...xs].sort((a, b) => b.at.localeCompare(a.at)),
      restarted: () => restarts++,
      settled: () => done.settled(),
    };
    return { states, list, calls, done, how, restarts: () => restarts };
  }

  test('pages append in order without duplicates; the total comes from Atlas or the last page', async () => {
    const { states, list, calls, done, how, restarts } = setup();
    states.fetchPage(list, how);
    assert.equal(list.status, 'loading');
    assert.equal(states.busy(list.key), true);
    calls[0].answer(page(['1', '3', '2'], true));
    await done.until(1);
    assert.deepEqual(
      list.items.map((i) => i.id),
      ['3', '2', '1'],
    );
    assert.equal(list.total, undefined, 'unknown until the last page');
    states.fetchPage(list, how);
    assert.equal(calls[1].pageNum, 2);
    calls[1].answer(page(['1', '0'], false));
    await done.until(2);
    assert.deepEqual(
      list.items.map((i) => i.id),
      ['3', '2', '1', '0'],
    );
    assert.equal(list.total, 4);
    assert.equal(list.hasNext, false);
    assert.equal(restarts(), 1, 'only the first page replaced what was shown');
  });

  test('a refresh starts again from page one, showing the old items until it lands', async () => {
    const { states, list, calls, done, how, restarts } = setup();
    states.fetchPage(list, how);
    calls[0].answer(page(['1'], true, 9));
    await done.until(1);
    states.stale(list.key);
    assert.equal(list.stale, true);
    states.fetchPage(list, how);
    assert.equal(calls[1].pageNum, 1);
    assert.deepEqual(
      list.items.map((i) => i.id),
      ['1'],
      'old items shown meanwhile',
    );
    calls[1].answer(page(['2'], true, 9));
    await done.until(2);
    assert.deepEqual(
      list.items.map((i) => i.id),
      ['2'],
    );
    assert.equal(list.stale, false);
    assert.equal(restarts(), 2);
  });

  test('collapse during a refresh keeps the items and the refresh still due; forget empties the list', async () => {
    const { states, list, calls, done, how } = setup();
    states.fetchPage(list, how);
    calls[0].answer(page(['1'], true));
    await done.until(1);
    states.stale(list.key);
    states.fetchPage(list, how);
    states.cancel(list.key);
    assert.equal(calls[1].signal.aborted, true);
    assert.equal(list.status, 'loaded');
    assert.equal(list.stale, true, 'fetched from page one again when shown');
    states.forget(list.key);
    assert.deepEqual([list.items.length, list.pages, list.status, list.hasNext], [0, 0, 'idle', true]);
  });

  test('a failed page keeps what was shown and is not fetched again by itself', async () => {
    const { states, list, calls, done, how } = setup();
    states.fetchPage(list, how);
    calls[0].answer(page(['1'], true));
    await done.until(1);
    states.stale(list.key);
    states.fetchPage(list, how);
    calls[1].fail(new Error('down'));
    await done.until(2);
    assert.equal(list.status, 'failed');
    assert.equal(list.stale, false);
    assert.equal(list.items.length, 1);
  });
});

test('every key under a row id, and clear cancels everything', () => {
  const states = new LoadStates(60_000, () => 0);
  const f = manual<number>();
  states.ensure(states.cell<number>('a/p:1/c:x/legacy'), { fetch: f.fetch, settled: () => {} });
  states.cell('a/p:1/compliance');
  states.cell('a/p:10/compliance');
  assert.deepEqual(states.keysUnder('a/p:1').sort(), ['a/p:1/c:x/legacy', 'a/p:1/compliance']);
  states.clear();
  assert.equal(f.calls[0].signal.aborted, true);
  assert.deepEqual(states.keys(), []);
});
