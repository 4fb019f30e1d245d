// A restore job's state and its JSON projection (`--format json`, the restore history, the tree). Atlas's snapshot
// restore jobs carry no state field and no creation time, so both are derived here, once.
import type { RestoreDeliveryType, RestoreJob } from '../atlas/types';

export type RestoreJobState = 'cancelled' | 'failed' | 'completed' | 'expired' | 'in-progress';

/**
 * In this order: cancelled, failed, completed (finished; a finished download stays completed after its links
 * expire), expired (expired before finishing), else in progress.
 */
export function restoreJobState(
  j: Pick<RestoreJob, 'cancelled' | 'failed' | 'expired' | 'finishedAt'>,
): RestoreJobState {
  if (j.cancelled === true) return 'cancelled';
  if (j.failed === true) return 'failed';
  if (j.finishedAt !== undefined && j.finishedAt !== '') return 'completed';
  if (j.expired === true) return 'expired';
  return 'in-progress';
}

/** Whether the job's state can still change (polling stops when this is false). */
export function isRestoreJobDone(state: RestoreJobState): boolean {
  return state !== 'in-progress';
}

export interface RestoreJobProjection {
  id: string;
  kind: 'snapshot' | 'collection' | 'flex';
  deliveryType: RestoreDeliveryType | (string & {});
  state: RestoreJobState;
  /** Atlas's own state where the job has one (collection and Flex jobs); snapshot jobs have none: null. */
  atlasState: string | null;
  snapshotId: string | null;
  pointInTimeUtc: string | null;
  targetGroupId: string | null;
  targetClusterName: string | null;
  /** Atlas keeps no creation time for snapshot jobs: known only for restores we started (our history). */
  createdAt: string | null;
  finishedAt: string | null;
  expiresAt: string | null;
  /** Download links (one per shard for a sharded cluster); null for restores onto a cluster or before they appear. */
  deliveryUrl: string[] | null;
}

/** An Atlas time, or epoch seconds, as `2026-11-20T12:00:00Z`; null when absent or unreadable. */
export function isoUtc(value: string | number | undefined): string | null {
  if (value === undefined || value === '') return null;
  const ms = typeof value === 'number' ? value * 1000 : Date.parse(value);
  if (!Number.isFinite(ms)) return null;
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * A snapshot restore job as one JSON value, `null` where Atlas does not say. `known.createdAt` is the start time we
 * recorded for a restore we started ourselves; Atlas's `timestamp` is the snapshot's time, never the job's.
 */
export function projectSnapshotRestoreJob(j: RestoreJob, known: { createdAt?: string } = {}): RestoreJobProjection {
  const urls = j.deliveryUrl?.length
    ? [...j.deliveryUrl]
    : (j.components ?? []).map((c) => c.downloadUrl).filter((u): u is string => typeof u === 'string' && u !== '');
  return {
    id: j.id ?? '',
    kind: 'snapshot',
    deliveryType: j.deliveryType,
    state: restoreJobState(j),
    atlasState: null,
    snapshotId: j.snapshotId ?? null,
    pointInTimeUtc: isoUtc(j.pointInTimeUTCSeconds ?? j.oplogTs),
    targetGroupId: j.targetGroupId ?? null,
    targetClusterName: j.targetClusterName ?? null,
    createdAt: isoUtc(known.createdAt),
    finishedAt: isoUtc(j.finishedAt),
    expiresAt: isoUtc(j.expiresAt),
    deliveryUrl: urls.length ? urls : null,
  };
}

/** The fields of a collection restore job (`ApiAtlasCollectionRestoreJobResponse`, 2025-03-12) the projection reads. */
export interface CollectionRestoreJobLike {
  id?: string;
  state?: string;
  writeStrategy?: string;
  snapshotId?: string;
  /** Note Atlas's spelling here: `Utc`, where snapshot restore jobs say `UTC`. */
  pointInTimeUtcSeconds?: number;
  oplogTs?: number;
  targetGroupId?: string;
  targetClusterName?: string;
  createdAt?: string;
  finishedAt?: string;
}

/** The fields of a Flex restore job (`FlexBackupRestoreJob20241113`) the projection reads. */
export interface FlexRestoreJobLike {
  id?: string;
  status?: string;
  deliveryType?: string;
  snapshotId?: string;
  targetProjectId?: string;
  targetDeploymentItemName?: string;
  restoreScheduledDate?: string;
  restoreFinishedDate?: string;
  expirationDate?: string;
  snapshotUrl?: string;
}

/** Atlas's collection-job states: SUCCESSFUL, CANCELED, FAILED end it; INITIALIZING, IN_PROGRESS, FINALIZING do not. */
export function collectionRestoreJobState(atlasState: string | undefined): RestoreJobState {
  if (atlasState === 'SUCCESSFUL') return 'completed';
  if (atlasState === 'CANCELED') return 'cancelled';
  if (atlasState === 'FAILED') return 'failed';
  return 'in-progress';
}

/** Flex jobs: COMPLETED and FAILED end it; PENDING, QUEUED, RUNNING do not. A completed download stays completed. */
export function flexRestoreJobState(status: string | undefined): RestoreJobState {
  if (status === 'COMPLETED') return 'completed';
  if (status === 'FAILED') return 'failed';
  return 'in-progress';
}

/**
 * A collection restore job in the same projection. `deliveryType` is its write strategy in the CLI's words
 * (`create-new`, `overwrite`): a collection job is always a restore onto a cluster, and how it writes is what differs.
 */
export function projectCollectionRestoreJob(j: CollectionRestoreJobLike): RestoreJobProjection {
  return {
    id: j.id ?? '',
    kind: 'collection',
    deliveryType:
      j.writeStrategy === 'OVERWRITE_EXISTING'
        ? 'overwrite'
        : j.writeStrategy === 'CREATE_NEW'
          ? 'create-new'
          : (j.writeStrategy ?? ''),
    state: collectionRestoreJobState(j.state),
    atlasState: j.state ?? null,
    snapshotId: j.snapshotId ?? null,
    pointInTimeUtc: isoUtc(j.pointInTimeUtcSeconds ?? j.oplogTs),
    targetGroupId: j.targetGroupId ?? null,
    targetClusterName: j.targetClusterName ?? null,
    createdAt: isoUtc(j.createdAt),
    finishedAt: isoUtc(j.finishedAt),
    expiresAt: null,
    deliveryUrl: null,
  };
}

/** A Flex restore job in the same projection: RESTORE is a restore onto a cluster (`automated`), DOWNLOAD a download. */
export function projectFlexRestoreJob(j: FlexRestoreJobLike): RestoreJobProjection {
  const download = j.deliveryType === 'DOWNLOAD';
  return {
    id: j.id ?? '',
    kind: 'flex',
    deliveryType: download ? 'download' : j.deliveryType === 'RESTORE' ? 'automated' : (j.deliveryType ?? ''),
    state: flexRestoreJobState(j.status),
    atlasState: j.status ?? null,
    snapshotId: j.snapshotId ?? null,
    pointInTimeUtc: null,
    targetGroupId: j.targetProjectId ?? null,
    targetClusterName: j.targetDeploymentItemName ?? null,
    createdAt: isoUtc(j.restoreScheduledDate),
    finishedAt: isoUtc(j.restoreFinishedDate),
    expiresAt: isoUtc(j.expirationDate),
    deliveryUrl: j.snapshotUrl ? [j.snapshotUrl] : null,
  };
}
