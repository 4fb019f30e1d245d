// Backup posture of one cluster, computed from what Atlas returned for it: backup state, the schedule in one line,
// the rules' findings with the cluster's own context, compliance with the project's Backup Compliance Policy, and
// whether the newest completed snapshot is as recent as the schedule promises. Pure and vscode-free.
import { describeCluster } from '../atlas/describeCluster';
import { AtlasApiError } from '../atlas/errors';
import type { BackupSchedule, ClusterDescription, CompliancePolicy, PolicyItem, RestoreJob } from '../atlas/types';
import { recoveryFindings, takesScheduledSnapshots, type RecoveryOptions } from '../recovery/recoveryFindings';
import { recoveryPosture, type KnownRestore } from '../recovery/recoveryPosture';
import type { SnapshotSpan } from '../restore/restorableWindow';
import { checkSchedule } from '../schedule/checkSchedule';
import { scheduleContextFrom } from '../schedule/contextFromAtlas';
import type { CompliancePolicy as RuleCompliancePolicy } from '../schedule/types';
import { scheduleItems, summarizeSchedule } from '../schedule/describeSchedule';
import type {
  BackupState,
  ClusterPosture,
  ComplianceState,
  Finding,
  ReadFailure,
  ReadFailureKind,
  SnapshotState,
} from './types';

export type {
  BackupState,
  ClusterPosture,
  ComplianceState,
  Finding,
  LastRestore,
  ReadFailure,
  ReadFailureKind,
  RecoveryPosture,
  SnapshotState,
} from './types';
export type { RecoveryOptions } from '../recovery/recoveryFindings';

/** Why a part could not be read: a 403 is the role's limit (not a failure of the audit); anything else failed. */
export function readFailureKind(e: Error): ReadFailureKind {
  return e instanceof AtlasApiError && e.status === 403 ? 'role' : 'failed';
}
export { compareRows, formatDuration, summarizePosture, summaryLine, type PostureSummary } from './summary';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * How late a snapshot may be before the cluster counts as overdue: one hour, or a tenth of the promised interval
 * when that is longer (a snapshot takes time to complete and Atlas starts scheduled ones late under load). So an
 * every-6-hours schedule is overdue after 7 h without a completed snapshot, daily after 26.4 h, weekly after 7.7 d.
 */
export const OVERDUE_MARGIN = { minimumMs: HOUR_MS, fraction: 0.1 } as const;

export function overdueMarginMs(intervalMs: number): number {
  return Math.max(OVERDUE_MARGIN.minimumMs, intervalMs * OVERDUE_MARGIN.fraction);
}

/**
 * The longest gap between two snapshots an item allows: hourly every N hours, daily 24 h, weekly 7 days, monthly 31
 * days (the longest month), yearly 366 days.
 */
export function itemIntervalMs(item: Pick<PolicyItem, 'frequencyType' | 'frequencyInterval'>): number | undefined {
  switch (item.frequencyType) {
    case 'hourly':
      return item.frequencyInterval > 0 ? item.frequencyInterval * HOUR_MS : undefined;
    case 'daily':
      return DAY_MS;
    case 'weekly':
      return 7 * DAY_MS;
    case 'monthly':
      return 31 * DAY_MS;
    case 'yearly':
      return 366 * DAY_MS;
    case 'ondemand':
      return undefined;
    default:
      return undefined;
  }
}

/** The most frequent item's interval: what the schedule promises between snapshots. */
export function promisedIntervalMs(schedule: BackupSchedule | undefined): number | undefined {
  const intervals = scheduleItems(schedule)
    .map(itemIntervalMs)
    .filter((n): n is number => n !== undefined);
  return intervals.length ? Math.min(...intervals) : undefined;
}

/** What the loader gathered for one cluster. `undefined` parts were not needed; `Error`s could not be read. */
export interface ClusterFacts {
  accountId?: string;
  groupId: string;
  projectName: string;
  cluster: ClusterDescription;
  /** The project's policy: undefined = none; an Error = could not be read. */
  compliance?: CompliancePolicy | RuleCompliancePolicy | Error;
  schedule?: BackupSchedule | Error;
  /** Newest completed snapshot's createdAt; null = none; an Error = could not be read. */
  newestSnapshot?: string | null | Error;
  /**
   * Oldest, newest and number of the completed snapshots (the restorable window); null = none. When absent and
   * `newestSnapshot` was read, the window is said from the newest snapshot alone (one restore point known).
   */
  snapshotSpan?: SnapshotSpan | null;
  /** The cluster's snapshot restore jobs (Atlas's list); an Error = could not be read; absent = not asked. */
  restoreJobs?: readonly RestoreJob[] | Error;
  /** What our own restore history knows of those jobs (start time, drill), by job id. */
  knownRestores?: ReadonlyMap<string, KnownRestore>;
}

function jsonPath(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function policyEnforced(policy: RuleCompliancePolicy | undefined): policy is RuleCompliancePolicy {
  return !!policy && (policy.state === undefined || policy.state === 'ACTIVE');
}

export function computePosture(facts: ClusterFacts, nowMs: number, opts: RecoveryOptions = {}): ClusterPosture {
  const info = describeCluster(facts.cluster);
  const backup: BackupState = !info.backupEnabled ? 'off' : info.pitEnabled ? 'continuous' : 'on';
  const loadErrors: string[] = [];
  const readFailures: ReadFailure[] = [];
  const unread = (part: string, e: Error) => {
    loadErrors.push(`${part}: ${e.message}`);
    readFailures.push({ part, kind: readFailureKind(e), message: e.message });
  };
  const policy = facts.compliance instanceof Error ? undefined : facts.compliance;
  if (facts.compliance instanceof Error) unread('compliance policy', facts.compliance);
  const schedule = facts.schedule instanceof Error ? undefined : facts.schedule;
  if (facts.schedule instanceof Error) unread('schedule', facts.schedule);
  if (facts.newestSnapshot instanceof Error) unread('snapshots', facts.newestSnapshot);
  if (backup !== 'off' && facts.restoreJobs instanceof Error) unread('restore jobs', facts.restoreJobs);

  let findings: Finding[] = [];
  if (schedule) {
    const ctx = scheduleContextFrom({ cluster: facts.cluster, compliance: policy, schedule });
    findings = checkSchedule(JSON.stringify(schedule, null, 2), ctx).map((p) => ({
      ruleId: p.ruleId,
      severity: p.severity,
      message: p.message,
      path: jsonPath(p.path),
    }));
  }
  const promised = backup === 'off' ? undefined : promisedIntervalMs(schedule);
  let recovery: ClusterPosture['recovery'] = null;
  if (backup !== 'off') {
    const newest = facts.newestSnapshot;
    const newestMs = typeof newest === 'string' ? Date.parse(newest) : NaN;
    const completed =
      newest instanceof Error || newest === undefined
        ? undefined
        : facts.snapshotSpan !== undefined
          ? facts.snapshotSpan
          : Number.isFinite(newestMs)
            ? { oldestMs: newestMs, newestMs, count: 1 }
            : null;
    const jobs = Array.isArray(facts.restoreJobs) ? facts.restoreJobs : undefined;
    recovery = recoveryPosture({
      continuous: backup === 'continuous',
      restoreWindowDays: schedule?.restoreWindowDays,
      promisedIntervalMs: promised,
      completed,
      restoreJobs: jobs,
      known: facts.knownRestores,
      nowMs,
    });
    findings.push(
      ...recoveryFindings(
        {
          recovery,
          nothingScheduled: !!schedule && !takesScheduledSnapshots(schedule),
          restoreJobsRead: !!jobs,
          snapshotsRead: completed !== undefined,
          nowMs,
        },
        opts,
      ),
    );
  }
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;

  let compliance: ComplianceState;
  const complianceReasons: string[] = [];
  if (facts.compliance instanceof Error) compliance = 'unknown';
  else if (!policyEnforced(policy)) compliance = 'no policy';
  else if (backup === 'off') {
    compliance = 'not compliant';
    complianceReasons.push('backup is off');
  } else if (!schedule) compliance = 'unknown';
  else {
    complianceReasons.push(...findings.filter((f) => f.ruleId.startsWith('compliance')).map((f) => f.message));
    compliance = complianceReasons.length ? 'not compliant' : 'compliant';
  }

  const overdueAfterMs = promised === undefined ? undefined : promised + overdueMarginMs(promised);
  let snapshotState: SnapshotState = 'n/a';
  let newestSnapshot: string | undefined;
  let snapshotAgeMs: number | undefined;
  if (backup !== 'off') {
    if (facts.newestSnapshot instanceof Error) snapshotState = 'unknown';
    else if (typeof facts.newestSnapshot === 'string') {
      newestSnapshot = facts.newestSnapshot;
      snapshotAgeMs = Math.max(0, nowMs - Date.parse(facts.newestSnapshot));
      if (overdueAfterMs !== undefined) snapshotState = snapshotAgeMs > overdueAfterMs ? 'overdue' : 'ok';
    } else if (facts.newestSnapshot === null && overdueAfterMs !== undefined) {
      const created = facts.cluster.createDate ? Date.parse(facts.cluster.createDate) : NaN;
      // No snapshot at all: overdue once the cluster is older than the promise (or its age is unknown).
      snapshotState = Number.isFinite(created) && nowMs - created <= overdueAfterMs ? 'pending' : 'overdue';
    } else if (!schedule) snapshotState = facts.schedule instanceof Error ? 'unknown' : 'n/a';
  }

  return {
    ...(facts.accountId ? { accountId: facts.accountId } : {}),
    groupId: facts.groupId,
    projectName: facts.projectName,
    clusterName: info.name,
    clusterType: info.clusterType,
    tier: info.instanceSize ?? '',
    providers: info.providers,
    nvme: info.nvme,
    backup,
    scheduleSummary: schedule ? summarizeSchedule(schedule) : facts.schedule instanceof Error ? '?' : '—',
    findings,
    ...(schedule ? { itemTypes: (schedule.policies?.[0]?.policyItems ?? []).map((i) => i.frequencyType ?? '') } : {}),
    errors,
    warnings,
    compliance,
    complianceReasons,
    ...(newestSnapshot ? { newestSnapshot } : {}),
    ...(snapshotAgeMs !== undefined ? { snapshotAgeMs } : {}),
    ...(promised !== undefined ? { promisedIntervalMs: promised } : {}),
    ...(overdueAfterMs !== undefined ? { overdueAfterMs } : {}),
    snapshotState,
    overdue: snapshotState === 'overdue',
    ...(schedule?.nextSnapshot ? { nextSnapshot: schedule.nextSnapshot } : {}),
    loadErrors,
    readFailures,
    recovery,
  };
}

/**
 * Whether Atlas's answer has the shape of a backup schedule as far as the posture reads it (an object; `policies` a
 * list of objects whose `policyItems` is a list of objects): anything else is a malformed answer, that cluster's
 * finding, not the end of the audit.
 */
export function malformedSchedule(v: unknown): string | undefined {
  const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  if (!isObj(v)) return 'it is not a JSON object';
  if (v.policies === undefined) return undefined;
  if (!Array.isArray(v.policies)) return '"policies" is not a list';
  for (const [i, p] of v.policies.entries()) {
    if (!isObj(p)) return `policies[${i}] is not an object`;
    if (p.policyItems === undefined) continue;
    if (!Array.isArray(p.policyItems)) return `policies[${i}].policyItems is not a list`;
    const j = p.policyItems.findIndex((it) => !isObj(it));
    if (j >= 0) return `policies[${i}].policyItems[${j}] is not an object`;
  }
  return undefined;
}
