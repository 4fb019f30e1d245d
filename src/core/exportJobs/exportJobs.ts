// The export core: picking a bucket by id or name, reading `--custom-data k=v`, what an export job's state means for
// the person, and which schedules auto-export to a bucket. No `vscode`, no network: the CLI and the extension gather
// the facts and show the results.
import type { BackupLabel, BackupSchedule, ExportBucket, ExportJob, ExportJobState } from '../atlas/types';

const HEX24 = /^[a-f0-9]{24}$/;

export type BucketPick = { ok: true; bucket: ExportBucket } | { ok: false; error: string };

/** "AWS bucket acme-atlas-exports (5f…)": how a bucket is named to a person. */
export function describeBucket(b: ExportBucket): string {
  const what = b.cloudProvider === 'AZURE' ? 'Azure container' : `${b.cloudProvider} bucket`;
  return `${what} ${b.bucketName} (${b._id})`;
}

/**
 * The bucket `given` names: an id first (ids are unique), else a bucket name. A name that matches several buckets
 * (two providers, or two roles) picks none: the error lists them so the person can give the id.
 */
export function pickBucket(buckets: readonly ExportBucket[], given: string): BucketPick {
  if (HEX24.test(given)) {
    const byId = buckets.find((b) => b._id === given);
    if (byId) return { ok: true, bucket: byId };
  }
  const byName = buckets.filter((b) => b.bucketName === given);
  if (byName.length === 1) return { ok: true, bucket: byName[0] };
  if (byName.length > 1)
    return {
      ok: false,
      error: `bucket name "${given}" matches ${byName.length} export buckets: ${byName.map(describeBucket).join(', ')}; give the id instead`,
    };
  const known = buckets.length
    ? `the project's buckets are ${buckets.map(describeBucket).join(', ')}`
    : 'the project has no export bucket';
  return { ok: false, error: `no export bucket has the ${HEX24.test(given) ? 'id' : 'name'} "${given}": ${known}` };
}

export type CustomDataResult = { ok: true; labels: BackupLabel[] } | { ok: false; error: string };

/** `key=value` pairs (the value may hold `=`); a key given twice is refused rather than one silently kept. */
export function parseCustomData(pairs: readonly string[], flag = '--custom-data'): CustomDataResult {
  const labels: BackupLabel[] = [];
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) return { ok: false, error: `${flag} "${pair}" must be key=value with a non-empty key` };
    const key = pair.slice(0, at);
    if (labels.some((l) => l.key === key)) return { ok: false, error: `${flag} key "${key}" is given more than once` };
    labels.push({ key, value: pair.slice(at + 1) });
  }
  return { ok: true, labels };
}

export const FINAL_EXPORT_STATES: readonly ExportJobState[] = ['Successful', 'Failed', 'Cancelled'];

export function isExportFinished(job: ExportJob): boolean {
  return job.state !== undefined && FINAL_EXPORT_STATES.includes(job.state);
}

const STATE_WORDS: Record<ExportJobState, string> = {
  Queued: 'queued',
  InProgress: 'in progress',
  Successful: 'successful',
  Failed: 'failed',
  Cancelled: 'cancelled',
};

/**
 * An export's state as VS Code shows it (the Exports row, the progress notification): words in the tree's case,
 * like the restore rows' "in progress", instead of Atlas's enum ("InProgress"). The CLI keeps Atlas's values.
 */
export function exportStateWords(state: ExportJobState | undefined): string {
  return state ? (STATE_WORDS[state] ?? String(state)) : 'unknown state';
}

/** "3 of 12 collections exported" (or nothing to say yet). */
export function describeProgress(job: ExportJob): string | undefined {
  const s = job.exportStatus;
  if (s?.totalCollections === undefined) return undefined;
  return `${s.exportedCollections ?? 0} of ${s.totalCollections} collections exported`;
}

/**
 * What a failed or cancelled export leaves behind, in words: Atlas does not retry it, and what it already wrote stays
 * in the bucket under its prefix.
 */
export function describeUnfinishedExport(job: ExportJob, bucket: string): string {
  const why = job.stateReason?.message ?? job.stateReason?.errorCode;
  const where = job.prefix ? `${bucket} under ${job.prefix}` : bucket;
  return (
    `Export ${job.id ?? ''} ${job.state === 'Cancelled' ? 'was cancelled' : 'failed'}${why ? `: ${why}` : ''}. ` +
    `Atlas does not retry a failed export. Partial data may be left in ${where}; remove it or export again to a new prefix.`
  );
}

export interface ScheduleOfCluster {
  clusterName: string;
  schedule: Pick<BackupSchedule, 'autoExportEnabled' | 'export'> | undefined;
}

/** The clusters whose schedule auto-exports to the bucket: Atlas refuses to remove a bucket while any does. */
export function autoExportersOf(schedules: readonly ScheduleOfCluster[], exportBucketId: string): string[] {
  return schedules
    .filter((s) => s.schedule?.autoExportEnabled === true && s.schedule.export?.exportBucketId === exportBucketId)
    .map((s) => s.clusterName);
}

/** Why a bucket cannot be removed now, or undefined when nothing auto-exports to it. */
export function bucketRemovalRefusal(
  schedules: readonly ScheduleOfCluster[],
  bucket: ExportBucket,
): string | undefined {
  const users = autoExportersOf(schedules, bucket._id);
  if (!users.length) return undefined;
  return `${describeBucket(bucket)} cannot be removed: the backup schedule of ${users.join(', ')} exports to it automatically. Turn off automatic export there first.`;
}
