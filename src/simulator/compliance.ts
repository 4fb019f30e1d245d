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
