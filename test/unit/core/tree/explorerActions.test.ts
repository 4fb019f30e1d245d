// What the snapshot actions allow before any request is sent, and how a new snapshot is watched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompliancePolicy } from '../../../../src/core/atlas';
import {
  checkDescription,
  checkRetentionDays,
  deleteRefusal,
  expiryFor,
  expiryRefusal,
  onDemandMinimumDays,
  parseRetention,
  pollSnapshot,
} from '../../../../src/core/tree/explorerActions';

const policy = (over: Partial<CompliancePolicy> = {}): CompliancePolicy => ({
  authorizedEmail: 'dana@example.com',
  authorizedUserFirstName: 'Dana',
  authorizedUserLastName: 'Reyes',
  state: 'ACTIVE',
  onDemandPolicyItem: { frequencyType: 'ondemand', frequencyInterval: 0, retentionUnit: 'days', retentionValue: 3 },
  ...over,
});

test("retention days: a whole number of at least 1, and at least the policy's on-demand minimum", () => {
  assert.equal(checkRetentionDays('7'), undefined);
  assert.match(checkRetentionDays('')!, /Retention \(days\) must be a whole number/);
  assert.match(checkRetentionDays('2.5')!, /whole number/);
  assert.match(checkRetentionDays('0')!, /at least 1 day/);
  assert.match(
    checkRetentionDays('2', onDemandMinimumDays(policy()))!,
    /at least 3 days: the project's Backup Compliance Policy/,
  );
  assert.equal(checkRetentionDays('3', onDemandMinimumDays(policy())), undefined);
  assert.equal(
    onDemandMinimumDays(
      policy({
        onDemandPolicyItem: {
          frequencyType: 'ondemand',
          frequencyInterval: 0,
          retentionUnit: 'weeks',
          retentionValue: 2,
        },
      }),
    ),
    14,
  );
  assert.equal(onDemandMinimumDays(undefined), undefined);
  assert.equal(onDemandMinimumDays(policy({ state: 'DISABLING' })), undefined);
});

test('description: one line, bounded', () => {
  assert.equal(checkDescription(''), undefined);
  assert.match(checkDescription('a\nb')!, /single line/);
  assert.match(checkDescription('x'.repeat(1001))!, /at most 1000/);
});

test('a typed retention for Change expiry', () => {
  assert.deepEqual(parseRetention('30 days'), { retentionUnit: 'DAYS', retentionValue: 30 });
  assert.deepEqual(parseRetention(' 8w '), { retentionUnit: 'WEEKS', retentionValue: 8 });
  assert.deepEqual(parseRetention('1 year'), { retentionUnit: 'YEARS', retentionValue: 1 });
  assert.match(parseRetention('soon') as string, /a number and a unit/);
  assert.match(parseRetention('0 days') as string, /at least 1/);
  assert.equal(
    expiryFor('2026-01-31T10:00:00Z', { retentionUnit: 'WEEKS', retentionValue: 2 }).toISOString(),
    '2026-02-14T10:00:00.000Z',
  );
});

test('under an active policy a shorter retention is refused before asking Atlas; a longer one is allowed', () => {
  const s = { createdAt: '2026-11-01T00:00:00Z', expiresAt: '2026-12-31T00:00:00Z' };
  const now = Date.parse('2026-12-01T00:00:00Z');
  assert.match(
    expiryRefusal(s, { retentionUnit: 'DAYS', retentionValue: 40 }, policy(), now)!,
    /does not allow shortening/,
  );
  assert.equal(expiryRefusal(s, { retentionUnit: 'DAYS', retentionValue: 40 }, undefined, now), undefined);
  assert.equal(expiryRefusal(s, { retentionUnit: 'MONTHS', retentionValue: 6 }, policy(), now), undefined);
  assert.match(
    expiryRefusal(s, { retentionUnit: 'DAYS', retentionValue: 10 }, undefined, now)!,
    /already have expired/,
  );
});

test('deleting is refused under an active policy, naming the project and who authorised it', () => {
  assert.match(
    deleteRefusal(policy(), 'Production')!,
    /Snapshots of project Production cannot be deleted: its Backup Compliance Policy is active \(authorized by Dana Reyes\)/,
  );
  assert.equal(deleteRefusal(undefined, 'Staging'), undefined);
  assert.equal(deleteRefusal(policy({ state: 'DISABLING' }), 'Production'), undefined);
});

test('polling backs off until the snapshot completes or fails, and stops when cancelled', async () => {
  const waits: number[] = [];
  const statuses = ['queued', 'inProgress', 'inProgress', 'completed'];
  const seen: string[] = [];
  const r = await pollSnapshot(async () => ({ status: statuses.shift() }), {
    sleep: async (ms) => {
      waits.push(ms);
    },
    firstDelayMs: 1000,
    factor: 2,
    maxDelayMs: 3000,
    onStatus: (s) => seen.push(s!),
  });
  assert.equal(r.outcome, 'completed');
  assert.deepEqual(waits, [1000, 2000, 3000, 3000]);
  assert.deepEqual(seen, ['queued', 'inProgress', 'inProgress', 'completed']);
  const failed = await pollSnapshot(async () => ({ status: 'failed' }), { sleep: async () => {} });
  assert.equal(failed.outcome, 'failed');
  const abort = new AbortController();
  let reads = 0;
  const cancelled = await pollSnapshot(
    async () => {
      reads++;
      abort.abort();
      return { status: 'queued' };
    },
    { signal: abort.signal, sleep: async () => {} },
  );
  assert.deepEqual([cancelled.outcome, reads], ['cancelled', 1]);
});
