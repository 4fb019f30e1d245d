// Restore job states (derived: Atlas has no state field) and the JSON projection `--format json` prints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  collectionRestoreJobState,
  flexRestoreJobState,
  isRestoreJobDone,
  isoUtc,
  projectCollectionRestoreJob,
  projectFlexRestoreJob,
  projectSnapshotRestoreJob,
  restoreJobState,
} from '../../../../src/core/restore';
import type { RestoreJob } from '../../../../src/core/atlas';

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

test("collection jobs: Atlas's state kept as atlasState, mapped onto ours; createdAt from Atlas; the write strategy in words", () => {
  const states: [string, string][] = [
    ['INITIALIZING', 'in-progress'],
    ['IN_PROGRESS', 'in-progress'],
    ['FINALIZING', 'in-progress'],
    ['SUCCESSFUL', 'completed'],
    ['CANCELED', 'cancelled'],
    ['FAILED', 'failed'],
  ];
  for (const [atlas, ours] of states) assert.equal(collectionRestoreJobState(atlas), ours, atlas);
  const p = projectCollectionRestoreJob({
    id: 'f'.repeat(24),
    state: 'SUCCESSFUL',
    writeStrategy: 'OVERWRITE_EXISTING',
    pointInTimeUtcSeconds: 1_795_000_000,
    targetGroupId: 'a'.repeat(24),
    targetClusterName: 'scratch',
    createdAt: '2026-11-22T12:00:00Z',
    finishedAt: '2026-11-22T12:05:00Z',
  });
  assert.deepEqual(
    { kind: p.kind, deliveryType: p.deliveryType, state: p.state, atlasState: p.atlasState, createdAt: p.createdAt },
    {
      kind: 'collection',
      deliveryType: 'overwrite',
      state: 'completed',
      atlasState: 'SUCCESSFUL',
      createdAt: '2026-11-22T12:00:00Z',
    },
  );
  assert.equal(p.pointInTimeUtc, isoUtc(1_795_000_000));
  assert.equal(projectCollectionRestoreJob({ writeStrategy: 'CREATE_NEW' }).deliveryType, 'create-new');
});

test('Flex jobs: RESTORE is automated, DOWNLOAD a download with its one link; a completed download stays completed', () => {
  assert.equal(flexRestoreJobState('PENDING'), 'in-progress');
  assert.equal(flexRestoreJobState('QUEUED'), 'in-progress');
  assert.equal(flexRestoreJobState('RUNNING'), 'in-progress');
  assert.equal(flexRestoreJobState('FAILED'), 'failed');
  const download = projectFlexRestoreJob({
    id: 'f'.repeat(24),
    status: 'COMPLETED',
    deliveryType: 'DOWNLOAD',
    snapshotUrl: 'https://flex.example/s.tar.gz',
    restoreScheduledDate: '2026-11-22T12:00:00Z',
    restoreFinishedDate: '2026-11-22T12:01:00Z',
    expirationDate: '2026-11-22T16:01:00Z',
  });
  assert.deepEqual(
    [
      download.kind,
      download.deliveryType,
      download.state,
      download.atlasState,
      download.deliveryUrl,
      download.expiresAt,
    ],
    ['flex', 'download', 'completed', 'COMPLETED', ['https://flex.example/s.tar.gz'], '2026-11-22T16:01:00Z'],
  );
  const restore = projectFlexRestoreJob({
    status: 'RUNNING',
    deliveryType: 'RESTORE',
    targetDeploymentItemName: 'dev',
    targetProjectId: 'b'.repeat(24),
  });
  assert.deepEqual(
    [restore.deliveryType, restore.state, restore.targetClusterName, restore.targetGroupId, restore.deliveryUrl],
    ['automated', 'in-progress', 'dev', 'b'.repeat(24), null],
  );
});
