// Restore job states (derived: Atlas has no state field) and the JSON projection `--format json` prints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isRestoreJobDone, projectSnapshotRestoreJob, restoreJobState } from '../../../../src/core/restore';
import type { RestoreJob } from '../../../../src/atlas';

test('state, in order: cancelled, failed, completed, expired, else in progress', () => {
  assert.equal(restoreJobState({ cancelled: true, failed: true, finishedAt: '2026-11-22T12:00:00Z' }), 'cancelled');
  assert.equal(restoreJobState({ failed: true, finishedAt: '2026-11-22T12:00:00Z', expired: true }), 'failed');
  assert.equal(restoreJobState({ finishedAt: '2026-11-22T12:00:00Z' }), 'completed');
  assert.equal(
    restoreJobState({ finishedAt: '2026-11-22T12:00:00Z', expired: true }),
    'completed',
    'a finished download stays completed after its links expire',
  );
  assert.equal(restoreJobState({ expired: true }), 'expired', 'expired before it finished');
  assert.equal(restoreJobState({ cancelled: false, failed: false, expired: false }), 'in-progress');
  assert.equal(restoreJobState({}), 'in-progress');
  assert.equal(isRestoreJobDone('in-progress'), false);
  for (const s of ['cancelled', 'failed', 'completed', 'expired'] as const) assert.equal(isRestoreJobDone(s), true);
});

test('a finished download: links, expiry, times in UTC, null where Atlas does not say', () => {
  const job: RestoreJob = {
    id: 'd'.repeat(24),
    deliveryType: 'download',
    snapshotId: 'e'.repeat(24),
    cancelled: false,
    failed: false,
    expired: true,
    finishedAt: '2026-11-22T12:09:00Z',
    expiresAt: '2026-11-22T13:09:00.000+00:00',
    timestamp: '2026-11-22T06:00:00Z',
    deliveryUrl: ['https://restore.example.mongodb.net/x.tar.gz'],
  };
  assert.deepEqual(projectSnapshotRestoreJob(job), {
    id: 'd'.repeat(24),
    kind: 'snapshot',
    deliveryType: 'download',
    state: 'completed',
    atlasState: null,
    snapshotId: 'e'.repeat(24),
    pointInTimeUtc: null,
    targetGroupId: null,
    targetClusterName: null,
    createdAt: null,
    finishedAt: '2026-11-22T12:09:00Z',
    expiresAt: '2026-11-22T13:09:00Z',
    deliveryUrl: ['https://restore.example.mongodb.net/x.tar.gz'],
  });
});

test("a point-in-time restore onto a cluster, with the start time we recorded (never the snapshot's timestamp)", () => {
  const p = projectSnapshotRestoreJob(
    {
      id: 'd'.repeat(24),
      deliveryType: 'pointInTime',
      pointInTimeUTCSeconds: 1_795_000_000,
      targetGroupId: 'a'.repeat(24),
      targetClusterName: 'scratch',
      timestamp: '2026-11-01T00:00:00Z',
    },
    { createdAt: '2026-11-22T12:00:00.123Z' },
  );
  assert.equal(p.state, 'in-progress');
  assert.equal(p.pointInTimeUtc, new Date(1_795_000_000_000).toISOString().replace('.000', ''));
  assert.equal(p.createdAt, '2026-11-22T12:00:00Z');
  assert.equal(p.targetClusterName, 'scratch');
  assert.equal(p.deliveryUrl, null);
  const byOplog = projectSnapshotRestoreJob({ deliveryType: 'pointInTime', oplogTs: 1_795_000_000, oplogInc: 4 });
  assert.equal(byOplog.pointInTimeUtc, p.pointInTimeUtc);
});

test('a sharded download whose links are only in components still shows them', () => {
  const p = projectSnapshotRestoreJob({
    deliveryType: 'download',
    finishedAt: '2026-11-22T12:09:00Z',
    components: [
      { replicaSetName: 'c-shard-0', downloadUrl: 'https://x/0' },
      { replicaSetName: 'c-config-0', downloadUrl: 'https://x/c' },
    ],
  });
  assert.deepEqual(p.deliveryUrl, ['https://x/0', 'https://x/c']);
});
