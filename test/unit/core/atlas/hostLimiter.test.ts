// The one limiter: the client's per-host slots and the fleet loader's per-load slots.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { HostLimiter } from '../../../../src/core/atlas/hostLimiter';
import { isCancelled } from '../../../../src/core/atlas/errors';

/** Work that holds its slot until released: `started` resolves (with the release) once it runs. */
function held(limiter: HostLimiter, signal?: AbortSignal, result?: unknown) {
  let started!: (release: () => void) => void;
  const startedP = new Promise<() => void>((r) => (started = r));
  const done = limiter.run(() => new Promise<unknown>((r) => started(() => r(result))), signal);
  return { started: startedP, done };
}

test('at most `limit` run at once, in the order they came; a slot is freed however the work ends', async () => {
  const limiter = new HostLimiter(2);
  const order: number[] = [];
  const runs = [0, 1, 2, 3].map((i) => held(limiter, undefined, i));
  runs.forEach((r, i) => void r.started.then(() => order.push(i)));
  const [release0, release1] = await Promise.all([runs[0].started, runs[1].started]);
  assert.equal(limiter.inFlight, 2);
  assert.deepEqual(order, [0, 1], 'the third waits');
  release0();
  (await runs[2].started)();
  release1();
  (await runs[3].started)();
  assert.deepEqual(await Promise.all(runs.map((r) => r.done)), [0, 1, 2, 3]);
  assert.deepEqual(order, [0, 1, 2, 3]);
  assert.equal(limiter.peak, 2);
  assert.equal(limiter.inFlight, 0);
  await assert.rejects(
    limiter.run(() => Promise.reject(new Error('boom'))),
    /boom/,
  );
  assert.equal(limiter.inFlight, 0, 'a failure frees its slot too');
});

test('a thousand waiters on one signal add one abort listener; aborting cancels every one of them', async () => {
  const limiter = new HostLimiter(1);
  const abort = new AbortController();
  const first = held(limiter, abort.signal);
  const release = await first.started;
  const waiting = Array.from({ length: 1000 }, () => limiter.run(() => Promise.resolve('ran'), abort.signal));
  assert.equal(getEventListeners(abort.signal, 'abort').length, 1);
  abort.abort();
  const settled = await Promise.allSettled(waiting);
  assert.ok(settled.every((s) => s.status === 'rejected' && isCancelled(s.reason)));
  assert.equal(getEventListeners(abort.signal, 'abort').length, 0);
  release();
  await first.done;
  await assert.rejects(
    limiter.run(() => Promise.resolve('late'), abort.signal),
    isCancelled,
    'a later caller too',
  );
  assert.equal(limiter.inFlight, 0);
});

test('a waiter that got its slot stops listening to its signal', async () => {
  const limiter = new HostLimiter(1);
  const abort = new AbortController();
  const first = held(limiter);
  const release = await first.started;
  const second = held(limiter, abort.signal, 'second');
  assert.equal(getEventListeners(abort.signal, 'abort').length, 1);
  release();
  (await second.started)();
  assert.equal(await second.done, 'second');
  assert.equal(getEventListeners(abort.signal, 'abort').length, 0);
});
