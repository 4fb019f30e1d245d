// The posture report's rows as plain data: shared by the core, the CLI, the extension and the report's webview
// (which must not bundle the rule engine). No imports beyond types.
import type { Severity } from '../schedule/types';

export type BackupState = 'off' | 'on' | 'continuous';
/** `no policy`: the project has none; `unknown`: it could not be read (it needs Project Owner) or the schedule could not. */
export type ComplianceState = 'compliant' | 'not compliant' | 'no policy' | 'unknown';
/**
 * `ok` recent enough · `overdue` older than promised (or none at all on a cluster older than the promise) ·
 * `pending` no snapshot yet on a cluster younger than the promise · `n/a` backup off or nothing scheduled ·
 * `unknown` the snapshots could not be read.
 */
export type SnapshotState = 'ok' | 'overdue' | 'pending' | 'n/a' | 'unknown';

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** JSON path in the schedule, e.g. `policies[0].policyItems[1].frequencyInterval`. */
  path: string;
}

export interface ClusterPosture {
  accountId?: string;
  groupId: string;
  projectName: string;
  clusterName: string;
  clusterType: string;
  /** First electable instance size, e.g. `M40_NVME`; empty when unknown. */
  tier: string;
  providers: string[];
  nvme: boolean;
  backup: BackupState;
  /** `6h·2d  1d·7d  …`; `—` when there is no schedule (backup off) and `?` when it could not be read. */
  scheduleSummary: string;
  findings: Finding[];
  /** The schedule's item frequency types in order, so a finding can name "the daily item" (absent without one). */
  itemTypes?: string[];
  errors: number;
  warnings: number;
  compliance: ComplianceState;
  /** Why it is not compliant (the compliance findings, or "backup is off"). */
  complianceReasons: string[];
  /** ISO time the newest completed snapshot was taken. */
  newestSnapshot?: string;
  snapshotAgeMs?: number;
  /** The most frequent item's interval. */
  promisedIntervalMs?: number;
  /** Age beyond which the cluster is overdue (interval + margin). */
  overdueAfterMs?: number;
  snapshotState: SnapshotState;
  overdue: boolean;
  /** Atlas's `nextSnapshot`. */
  nextSnapshot?: string;
  /** Parts that could not be read, each a sentence (Atlas's message). */
  loadErrors: string[];
  /** The same parts with why: `role` (a 403: not readable with these credentials' role), `failed` (anything else). */
  readFailures?: ReadFailure[];
  /** How much could be lost and how far back the cluster can go; null when backup is off. See src/core/recovery. */
  recovery: RecoveryPosture | null;
}

/** The newest successful restore among the cluster's snapshot restore jobs (Atlas's list). */
export interface LastRestore {
  /** ISO time in UTC, without milliseconds. */
  finishedAt: string;
  /** Known only for restores we started and timed (Atlas keeps no start time for snapshot restore jobs); else null. */
  durationSeconds: number | null;
  /** `automated`, `pointInTime`, `download`. */
  deliveryType: string;
  /** Whether it was a restore drill: only our own restore history knows; null from Atlas alone. */
  drill: boolean | null;
}

export interface RecoveryPosture {
  /** Worst-case data loss if the cluster failed now, in seconds; null when nothing is restorable or it is unknown. */
  rpoSeconds: number | null;
  /** ISO times in UTC of the restorable window; null when nothing is restorable (or the snapshots were not read). */
  restorableFrom: string | null;
  restorableTo: string | null;
  /** Any second of the window can be restored (continuous backup), not only the snapshots' own times. */
  pointInTime: boolean;
  /** Completed snapshots in the window; null with continuous backup (every second is a restore point) or unknown. */
  restorePoints: number | null;
  /** Null when never restored, or when the restore jobs could not be read (see readFailures). */
  lastRestore: LastRestore | null;
}

/**
 * `role`: Atlas answered 403 (a read-only audit account cannot read compliance policies): reported, not a failure of
 * the run. `failed`: a network error, a 5xx, an answer that is not what Atlas sends, anything else: the run fails.
 */
export type ReadFailureKind = 'role' | 'failed';

export interface ReadFailure {
  /** `compliance policy`, `schedule`, `snapshots`, `clusters`. */
  part: string;
  kind: ReadFailureKind;
  message: string;
}
