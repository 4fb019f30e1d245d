// Watching the policy after the PUT: until ACTIVE, cancelled by the person, out of polls, or a failed read — each
// ending says which, with the last state read.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompliancePolicy } from '../../../../src/core/atlas';
import { watchPolicy } from '../../../../src/core/compliance/watchPolicy';

function reader(states: (string | Error)[]) {
  const reads: number[] = [];
  return {
    reads,
    getCompliancePolicy: (): Promise<CompliancePolicy | undefined> => {
      reads.push(reads.length);
      const s = states.shift();
      if (s instanceof Error) return Promise.reject(s);
      return Promise.resolve({ state: s } as CompliancePolicy);
    },
  };
}
const slept: number[] = [];
const sleep = (ms: number) => {
  slept.push(ms);
  return Promise.resolve();
};

describe('watching the policy until ACTIVE', () => {
  test('reads every interval until ACTIVE, reporting each state', async () => {
    const r = reader(['ENABLING', 'ENABLING', 'ACTIVE', 'ACTIVE']);
    const seen: (string | undefined)[] = [];
    slept.length = 0;
    const out = await watchPolicy(r, 'g', 'ENABLING', {
      intervalMs: 5000,
      maxPolls: 10,
      sleep,
      onState: (s) => seen.push(s),
    });
    assert.deepEqual(out, { state: 'ACTIVE', ended: 'active' });
    assert.deepEqual(seen, ['ENABLING', 'ENABLING', 'ACTIVE']);
    assert.deepEqual(slept, [5000, 5000, 5000]);
  });

  test('an ACTIVE answer to the PUT needs no read', async () => {
    const r = reader([]);
    assert.deepEqual(await watchPolicy(r, 'g', 'ACTIVE', { intervalMs: 1, maxPolls: 3, sleep }), {
      state: 'ACTIVE',
      ended: 'active',
    });
    assert.equal(r.reads.length, 0);
  });

  test('gives up after maxPolls, cancelled by the signal, and a failed read ends it with the last state', async () => {
    assert.deepEqual(
      await watchPolicy(reader(['UPDATING', 'UPDATING']), 'g', 'UPDATING', { intervalMs: 1, maxPolls: 2, sleep }),
      {
        state: 'UPDATING',
        ended: 'gave-up',
      },
    );
    const c = new AbortController();
    const r = reader(['ENABLING', 'ENABLING']);
    const out = await watchPolicy(r, 'g', 'ENABLING', {
      intervalMs: 1,
      maxPolls: 5,
      sleep,
      signal: c.signal,
      onState: () => c.abort(),
    });
    assert.deepEqual([out.ended, r.reads.length], ['cancelled', 1]);
    const failed = await watchPolicy(reader([new Error('socket hang up')]), 'g', 'ENABLING', {
      intervalMs: 1,
      maxPolls: 5,
      sleep,
    });
    assert.equal(failed.ended, 'read-failed');
    assert.equal(failed.state, 'ENABLING');
  });
});
