// The dry run of a Backup Compliance Policy PUT: what each cluster's schedule becomes, whether Atlas would refuse the
// whole request, what it costs in snapshots and what it forbids from then on. Our own reading of the documented
// behaviour; the test compares it with the simulator so the two readings stay honest with each other.
//
// Whether a schedule complies is decided by the schedule rules (compliance-item, compliance-restore-window,
// compliance-pit), the same ones the editor shows, so the dry run and the editor never disagree.
import type { BackupSchedule, PolicyItem } from '../atlas/types';
import { checkSchedule } from '../schedule/checkSchedule';
import { diffSchedules, type Change } from '../schedule/diff';
import { keptCount, type ItemSchedule } from '../schedule/estimates';
import { asDuration, isShorter } from '../schedule/retention';
import { defaultInterval, requirements } from '../schedule/rules/compliance';
import type { CompliancePolicy } from '../atlas/types';
import { looseningProblems } from './loosening';
import { validatePolicy, type PolicyProblem } from './validatePolicy';

export interface ClusterState {
  name: string;
  /** The schedule Atlas has now; absent when Cloud Backup is off. */
  schedule?: BackupSchedule;
  /** Continuous cloud backup (point-in-time restore) is on. */
  pitEnabled?: boolean;
  nvme?: boolean;
}

export interface DryRunInput {
  policy: CompliancePolicy;
  clusters: readonly ClusterState[];
  /** The policy in force now, when editing one. */
  current?: CompliancePolicy;
  overwriteBackupPolicies: boolean;
  /** For the snapshot estimate (epoch ms). */
  now: number;
}

export interface ClusterPlan {
  name: string;
  /** False when Cloud Backup is off: no schedule to raise. */
  backedUp: boolean;
  /** Why the schedule falls short of the policy, one sentence each (the schedule rules' words). */
  shortfalls: string[];
  /** The schedule under overwriteBackupPolicies=true (equal to the current one when it complies). */
  after?: BackupSchedule;
  /** The readable diff from today's schedule to `after`. */
  changes: Change[];
  /** The policy requires point-in-time restore and this cluster does not have it: Atlas turns it on. */
  turnsOnPointInTime: boolean;
  /** Snapshots kept at once under `after`, minus today (an estimate, per item). */
  extraSnapshots: number;
}

export interface DryRun {
  overwriteBackupPolicies: boolean;
  /** Problems with the policy document; Atlas would refuse it. */
  problems: PolicyProblem[];
  /** What of an edit loosens the current policy; Atlas refuses it. */
  loosening: PolicyProblem[];
  clusters: ClusterPlan[];
  /** With overwriteBackupPolicies=false: the clusters whose schedules make Atlas refuse the whole PUT. */
  refusingClusters: string[];
  extraSnapshots: number;
  /** What the policy forbids once it is in force. */
  forbidden: string[];
  /** True when nothing above says Atlas would refuse the PUT. */
  accepted: boolean;
}

const DEFAULT_RESTORE_WINDOW_DAYS = 7;
const COMPLIANCE_RULES = new Set(['compliance-item', 'compliance-restore-window', 'compliance-pit']);

function itemsOf(s: BackupSchedule): PolicyItem[] {
  return s.policies?.[0]?.policyItems ?? [];
}

function shortfallsOf(c: ClusterState, policy: CompliancePolicy): string[] {
  if (!c.schedule) return [];
  const ctx = { compliance: { ...policy, state: 'ACTIVE' }, nvme: c.nvme, pitEnabled: c.pitEnabled };
  return checkSchedule(JSON.stringify(c.schedule), ctx)
    .filter((p) => COMPLIANCE_RULES.has(p.ruleId))
    .map((p) => p.message);
}

/** The schedule raised to the policy, the way Atlas does it with overwriteBackupPolicies=true. */
export function raiseSchedule(c: ClusterState, policy: CompliancePolicy): BackupSchedule | undefined {
  if (!c.schedule) return undefined;
  const s = structuredClone(c.schedule);
  const policies = s.policies && s.policies.length ? s.policies : [{ policyItems: [] }];
  s.policies = policies;
  const items = (policies[0].policyItems ??= []);
  for (const req of requirements(policy)) {
    const sameType = items.filter((i) => i.frequencyType === req.type);
    const often = (i: PolicyItem) => req.interval === undefined || !!c.nvme || i.frequencyInterval <= req.interval;
    const raise = (i: PolicyItem) => {
      const d = asDuration(i.retentionValue, i.retentionUnit);
      if (!d || isShorter(d, req.retention)) {
        i.retentionUnit = req.retention.unit;
        i.retentionValue = req.retention.value;
      }
    };
    const matches = sameType.filter(often);
    if (matches.length) {
      const longest = matches.reduce((best, i) => {
        const d = asDuration(i.retentionValue, i.retentionUnit),
          b = asDuration(best.retentionValue, best.retentionUnit);
        return d && b && isShorter(b, d) ? i : best;
      });
      raise(longest);
    } else if (sameType.length) {
      // An hourly item that snapshots too seldom is made as frequent as the policy, not doubled.
      sameType[0].frequencyInterval = req.interval!;
      raise(sameType[0]);
    } else {
      items.push({
        frequencyType: req.type as PolicyItem['frequencyType'],
        frequencyInterval: defaultInterval(req.type, req.interval, !!c.nvme),
        retentionUnit: req.retention.unit,
        retentionValue: req.retention.value,
      });
    }
  }
  const rw = policy.restoreWindowDays;
  if (policy.pitEnabled === true && c.pitEnabled !== true) {
    // Continuous backup is turned on with the policy's window, or Atlas's default of 7 days when it sets none.
    s.restoreWindowDays = typeof rw === 'number' ? rw : DEFAULT_RESTORE_WINDOW_DAYS;
  } else if (c.pitEnabled === true && typeof rw === 'number' && (s.restoreWindowDays ?? 0) < rw) {
    s.restoreWindowDays = rw;
  }
  return s;
}

function kept(s: BackupSchedule, now: number): number {
  const ref = { hour: s.referenceHourOfDay ?? 0, minute: s.referenceMinuteOfHour ?? 0 };
  return itemsOf(s).reduce((n, i) => n + keptCount(i as ItemSchedule, ref, now), 0);
}

export function forbiddenUnder(policy: CompliancePolicy): string[] {
  const out = [
    'shortening the retention of a snapshot or of a schedule item below the policy',
    'removing a schedule item the policy requires, or deleting a cluster’s backup schedule',
    'deleting snapshots (they expire on their own)',
    'turning Cloud Backup off on a cluster, and so deleting a cluster that has snapshots',
    'disabling the policy itself, which takes a request to MongoDB Support by the authorised user',
  ];
  if (policy.pitEnabled === true) out.push('turning point-in-time restore (continuous cloud backup) off');
  if (typeof policy.restoreWindowDays === 'number')
    out.push(`shortening the point-in-time restore window below ${policy.restoreWindowDays} days`);
  if (policy.copyProtectionEnabled === true)
    out.push('deleting snapshot copies in other regions, even after removing the copy region');
  if (policy.encryptionAtRestEnabled === true)
    out.push('running a cluster without encryption at rest using customer key management');
  return out;
}

export function dryRun(input: DryRunInput): DryRun {
  const { policy, overwriteBackupPolicies: overwrite } = input;
  const problems = validatePolicy(policy);
  const loosening = input.current ? looseningProblems(input.current, policy) : [];
  // A malformed policy cannot be applied to schedules meaningfully; report the document first.
  const clusters: ClusterPlan[] = (problems.length ? [] : input.clusters).map((c) => {
    const shortfalls = shortfallsOf(c, policy);
    const after = raiseSchedule(c, policy);
    const turnsOnPointInTime = !!c.schedule && policy.pitEnabled === true && c.pitEnabled !== true;
    return {
      name: c.name,
      backedUp: !!c.schedule,
      shortfalls,
      after,
      changes: c.schedule && after ? diffSchedules(c.schedule, after) : [],
      turnsOnPointInTime,
      extraSnapshots: c.schedule && after ? kept(after, input.now) - kept(c.schedule, input.now) : 0,
    };
  });
  const refusingClusters = overwrite ? [] : clusters.filter((c) => c.shortfalls.length).map((c) => c.name);
  return {
    overwriteBackupPolicies: overwrite,
    problems,
    loosening,
    clusters,
    refusingClusters,
    extraSnapshots: overwrite ? clusters.reduce((n, c) => n + c.extraSnapshots, 0) : 0,
    forbidden: forbiddenUnder(policy),
    accepted: !problems.length && !loosening.length && !refusingClusters.length,
  };
}
