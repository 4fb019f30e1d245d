// The recovery posture's own findings, beside the schedule rules' ones: a cluster that takes no scheduled snapshots
// (an error: the schedule-file rule `empty-policy` stays a warning, since a file may be empty on purpose, but a live
// cluster with backup on and nothing scheduled is one of the worst states to call fine), no successful restore for
// too long, an RPO above the target. Pure.
import { formatDuration } from '../fleet/summary';
import type { Finding, RecoveryPosture } from '../fleet/types';
import type { RuleInfo } from '../schedule/types';
import { DEFAULT_RESTORE_AGE_DAYS } from './recoveryPosture';

const DAY_MS = 86_400_000;

export const RECOVERY_RULES: RuleInfo[] = [
  {
    id: 'no-scheduled-snapshots',
    severity: 'error',
    summary:
      'Backup is on but the schedule has no hourly, daily, weekly, monthly or yearly item: the cluster takes no scheduled snapshots.',
    docs: 'src/core/recovery/README.md',
  },
  {
    id: 'no-recent-restore',
    severity: 'warning',
    summary:
      "No successful restore of the cluster in the last N days (--restore-age-days, default 90) in Atlas's list of its restore jobs: nothing proves its backups restore.",
    docs: 'src/core/recovery/README.md',
  },
  {
    id: 'rpo-over-target',
    severity: 'warning',
    summary: 'The worst-case data loss (RPO) is above the target (--rpo-target SECONDS).',
    docs: 'src/core/recovery/README.md',
  },
];

export interface RecoveryOptions {
  /** Warn when no restore succeeded in this many days. Default 90. */
  restoreAgeDays?: number;
  /** Warn when the RPO is above this many seconds (or unbounded: nothing to restore from). No target when absent. */
  rpoTargetSeconds?: number;
}

export interface RecoveryFindingInput {
  recovery: RecoveryPosture;
  /** The schedule was read and schedules nothing (no item with a frequency other than on-demand). */
  nothingScheduled: boolean;
  /** The restore jobs were read (without them, "never restored" cannot be said). */
  restoreJobsRead: boolean;
  /** The snapshots were read (without them, the RPO is unknown, not unbounded). */
  snapshotsRead: boolean;
  nowMs: number;
}

const seconds = (s: number) => (s < 120 ? `${s} s` : formatDuration(s * 1000));

export function recoveryFindings(o: RecoveryFindingInput, opts: RecoveryOptions = {}): Finding[] {
  const out: Finding[] = [];
  const r = o.recovery;
  if (o.nothingScheduled)
    out.push({
      ruleId: 'no-scheduled-snapshots',
      severity: 'error',
      path: 'policies',
      message:
        'Backup is on, but the cluster takes no scheduled snapshots: its schedule has no policy items. Nothing new can be restored.',
    });
  if (o.restoreJobsRead) {
    const days = opts.restoreAgeDays ?? DEFAULT_RESTORE_AGE_DAYS;
    const last = r.lastRestore;
    const ageMs = last ? o.nowMs - Date.parse(last.finishedAt) : Infinity;
    if (ageMs > days * DAY_MS)
      out.push({
        ruleId: 'no-recent-restore',
        severity: 'warning',
        path: '',
        message: last
          ? `The last successful restore finished ${last.finishedAt}, ${formatDuration(ageMs)} ago: none in the last ${days} days.`
          : `Never restored: no successful restore in Atlas's list of this cluster's restore jobs (nothing proves its backups restore).`,
      });
  }
  const target = opts.rpoTargetSeconds;
  if (target !== undefined && o.snapshotsRead) {
    if (r.rpoSeconds === null)
      out.push({
        ruleId: 'rpo-over-target',
        severity: 'warning',
        path: '',
        message: `No completed snapshot to restore from, so no RPO can be met (target ${seconds(target)}).`,
      });
    else if (r.rpoSeconds > target)
      out.push({
        ruleId: 'rpo-over-target',
        severity: 'warning',
        path: '',
        message: `RPO ${seconds(r.rpoSeconds)} is above the target of ${seconds(target)}.`,
      });
  }
  return out;
}

/**
 * The thresholds from the extension's settings (`atlasBackup.restoreAgeDays`, `atlasBackup.rpoTargetSeconds`): a value
 * that is not a whole number in range (a hand-edited settings.json) falls back to the default, and no target.
 */
export function recoveryOptionsFrom(restoreAgeDays: unknown, rpoTargetSeconds: unknown): RecoveryOptions {
  const whole = (v: unknown, max: number) =>
    typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= max ? v : undefined;
  return { restoreAgeDays: whole(restoreAgeDays, 3650), rpoTargetSeconds: whole(rpoTargetSeconds, 366 * 86_400) };
}

const SCHEDULED = new Set(['hourly', 'daily', 'weekly', 'monthly', 'yearly']);

/**
 * Whether a schedule takes scheduled snapshots: an hourly (every N > 0 hours), daily, weekly, monthly or yearly item.
 * None at all, or on-demand items only, is the `no-scheduled-snapshots` state (what Delete All Backup Schedules
 * leaves). One definition for the posture, the audit and the tree.
 */
export function takesScheduledSnapshots(
  schedule: { policies?: readonly ({ policyItems?: readonly unknown[] } | null | undefined)[] } | undefined,
): boolean {
  return (schedule?.policies ?? []).some((p) =>
    (p?.policyItems ?? []).some((item) => {
      if (typeof item !== 'object' || item === null) return false;
      const { frequencyType: type, frequencyInterval: n } = item as Record<string, unknown>;
      return typeof type === 'string' && SCHEDULED.has(type) && (type !== 'hourly' || (typeof n === 'number' && n > 0));
    }),
  );
}
