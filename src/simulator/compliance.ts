// Backup Compliance Policy enforcement: what Atlas refuses while a project's policy is ACTIVE.
// Codes from Atlas's error-codes page; the plural BACKUP_POLICIES_… spelling is the one real
// responses carry (Terraform provider docs quote it), not the page's singular one.
import { SimApiError } from './apiError';
import { isNvme, retentionDays, type Cluster, type CompliancePolicy, type PolicyItem, type Schedule } from './model';

export function activePolicy(p: { compliance?: CompliancePolicy }): CompliancePolicy | undefined {
  return p.compliance && p.compliance.state !== 'DISABLING' ? p.compliance : undefined;
}

const describe = (i: PolicyItem) =>
  `${i.frequencyType}${i.frequencyType === 'hourly' ? ` every ${i.frequencyInterval}h` : ''} kept ${i.retentionValue} ${i.retentionUnit}`;

/** Items of the policy the schedule falls short of. Non-hourly intervals are ignored, as the spec says. */
export function shortfalls(items: readonly PolicyItem[], c: Cluster, policy: CompliancePolicy): PolicyItem[] {
  return policy.scheduledPolicyItems.filter((req) => {
    const have = items.find((x) => x.frequencyType === req.frequencyType);
    if (!have) return true;
    if (retentionDays(have.retentionUnit, have.retentionValue) < retentionDays(req.retentionUnit, req.retentionValue))
      return true;
    // NVMe clusters accept only 12 as the hourly interval, so they cannot be held to a denser one.
    return req.frequencyType === 'hourly' && !isNvme(c) && have.frequencyInterval > req.frequencyInterval;
  });
}

export function notMeeting(missing: PolicyItem[]): SimApiError {
  return new SimApiError(
    400,
    'BACKUP_POLICIES_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS',
    `The following backup policies do not comply with the specified backup compliance policy: [${missing.map(describe).join(', ')}]`,
    { parameters: missing.map(describe) },
  );
}

export function checkScheduleChange(prev: Schedule, next: Schedule, c: Cluster, policy: CompliancePolicy): void {
  if (
    c.pitEnabled &&
    prev.restoreWindowDays !== undefined &&
    next.restoreWindowDays !== undefined &&
    next.restoreWindowDays < prev.restoreWindowDays
  ) {
    throw new SimApiError(
      400,
      'CANNOT_DECREASE_PIT_WINDOW_WITH_BACKUP_COMPLIANCE_POLICY',
      "You can't reduce the Continuous Cloud Backup Restore Window while you have a Backup Compliance Policy enabled. The security or legal representative specified for the Backup Compliance Policy must request support to reduce the Continuous Cloud Backup Restore Window.",
      { fields: [{ field: 'restoreWindowDays', description: `must stay at least ${prev.restoreWindowDays}` }] },
    );
  }
  const missing = shortfalls(next.items, c, policy);
  if (missing.length) throw notMeeting(missing);
}

/** With overwriteBackupPolicies=true, Atlas raises non-complying schedules to the policy's minimum. */
export function raiseToPolicy(s: Schedule, c: Cluster, policy: CompliancePolicy, newId: () => string): Schedule {
  const items = s.items.map((x) => ({ ...x }));
  for (const req of shortfalls(items, c, policy)) {
    const have = items.find((x) => x.frequencyType === req.frequencyType);
    if (have) {
      if (
        retentionDays(have.retentionUnit, have.retentionValue) < retentionDays(req.retentionUnit, req.retentionValue)
      ) {
        have.retentionUnit = req.retentionUnit;
        have.retentionValue = req.retentionValue;
      }
      if (req.frequencyType === 'hourly' && !isNvme(c) && have.frequencyInterval > req.frequencyInterval)
        have.frequencyInterval = req.frequencyInterval;
    } else {
      const interval =
        req.frequencyType === 'hourly'
          ? isNvme(c)
            ? 12
            : req.frequencyInterval
          : req.frequencyType === 'weekly'
            ? 6
            : req.frequencyType === 'monthly'
              ? 40
              : req.frequencyType === 'yearly'
                ? 12
                : 1;
      items.push({ ...req, id: newId(), frequencyInterval: interval });
    }
  }
  const out: Schedule = { ...s, items };
  if (c.pitEnabled && policy.restoreWindowDays !== undefined && (s.restoreWindowDays ?? 0) < policy.restoreWindowDays)
    out.restoreWindowDays = policy.restoreWindowDays;
  return out;
}

/**
 * How long an ENABLING or UPDATING policy takes to become ACTIVE on the simulator's clock (GUESS: Atlas documents
 * the states, not their length; a minute is long enough for `--watch` to be seen waiting).
 */
export const POLICY_SETTLE_MS = 60_000;

/** The state a reader sees at `nowMs`: ENABLING and UPDATING settle to ACTIVE once `activeAtMs` has passed. */
export function policyState(p: CompliancePolicy, nowMs: number): CompliancePolicy['state'] {
  return (p.state === 'ENABLING' || p.state === 'UPDATING') && nowMs >= (p.activeAtMs ?? 0) ? 'ACTIVE' : p.state;
}

/**
 * What of an update loosens the policy in force: a protection turned off, a retention or the restore window
 * shortened, an item dropped, hourly snapshots less often. Atlas takes loosening only through MongoDB Support.
 */
export function loosenings(prev: CompliancePolicy, next: CompliancePolicy): { field: string; description: string }[] {
  const out: { field: string; description: string }[] = [];
  for (const k of ['copyProtectionEnabled', 'encryptionAtRestEnabled', 'pitEnabled'] as const)
    if (prev[k] && !next[k]) out.push({ field: k, description: 'cannot be turned off' });
  if (prev.restoreWindowDays !== undefined && (next.restoreWindowDays ?? 0) < prev.restoreWindowDays)
    out.push({ field: 'restoreWindowDays', description: `cannot go below ${prev.restoreWindowDays}` });
  prev.scheduledPolicyItems.forEach((old) => {
    const i = next.scheduledPolicyItems.findIndex((x) => x.frequencyType === old.frequencyType);
    if (i < 0) {
      out.push({ field: 'scheduledPolicyItems', description: `must keep the ${old.frequencyType} item` });
      return;
    }
    const now = next.scheduledPolicyItems[i];
    if (retentionDays(now.retentionUnit, now.retentionValue) < retentionDays(old.retentionUnit, old.retentionValue))
      out.push({
        field: `scheduledPolicyItems[${i}].retentionValue`,
        description: `cannot be shorter than ${describe(old)}`,
      });
    if (old.frequencyType === 'hourly' && now.frequencyInterval > old.frequencyInterval)
      out.push({
        field: `scheduledPolicyItems[${i}].frequencyInterval`,
        description: `cannot exceed ${old.frequencyInterval}`,
      });
  });
  const od = prev.onDemandPolicyItem;
  if (
    od &&
    (!next.onDemandPolicyItem ||
      retentionDays(next.onDemandPolicyItem.retentionUnit, next.onDemandPolicyItem.retentionValue) <
        retentionDays(od.retentionUnit, od.retentionValue))
  )
    out.push({ field: 'onDemandPolicyItem', description: `cannot keep on-demand snapshots less than ${describe(od)}` });
  return out;
}

/** Why a cluster stops a PUT with overwriteBackupPolicies=false: missing items, point-in-time off, a short window. */
export function clusterShortfalls(c: Cluster, policy: CompliancePolicy): string[] {
  const out = shortfalls(c.schedule!.items, c, policy).map(describe);
  if (policy.pitEnabled && !c.pitEnabled) out.push('continuous cloud backup off');
  const rw = c.schedule!.restoreWindowDays;
  if (c.pitEnabled && policy.restoreWindowDays !== undefined && rw !== undefined && rw < policy.restoreWindowDays)
    out.push(`restore window ${rw} days`);
  return out;
}

export function notMeetingCluster(clusterName: string, why: string[]): SimApiError {
  return new SimApiError(
    400,
    'BACKUP_POLICIES_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS',
    `The backup policy of cluster ${clusterName} does not comply with the specified backup compliance policy: [${why.join(', ')}]`,
    { parameters: [clusterName, ...why] },
  );
}

export const complianceErrors = {
  deleteSnapshot: () =>
    new SimApiError(
      400,
      'CANNOT_DELETE_SNAPSHOT_WITH_BACKUP_COMPLIANCE_POLICY',
      "You can't delete snapshots while you have a Backup Compliance Policy enabled.",
    ),
  decreaseRetention: () =>
    new SimApiError(
      400,
      'CANNOT_DECREASE_SNAPSHOT_RETENTION_WITH_BACKUP_COMPLIANCE_POLICY',
      "You can't decrease the snapshot rentention while you have a Backup Compliance Policy enabled.",
    ),
  onDemandRetention: (min: PolicyItem) =>
    new SimApiError(
      400,
      'SNAPSHOT_RETENTION_LESS_THAN_BACKUP_COMPLIANCE_POLICY',
      "You can't create a snapshot with a retention less than the Backup Compliance Policy setting while you have a Backup Compliance Policy enabled.",
      {
        fields: [
          { field: 'retentionInDays', description: `must be at least ${min.retentionValue} ${min.retentionUnit}` },
        ],
      },
    ),
};
