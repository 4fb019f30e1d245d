// What `atlas-backup audit` reports per cluster, and when it fails a CI job: every rule finding on the cluster's
// schedule (with its own context), plus the posture's own verdicts as findings of three audit rules. Exit 1 when any
// finding is an error: an error-severity rule finding, an overdue cluster, or backup off under an enforced policy.
import type { RuleInfo, Severity } from '../schedule/types';
import { formatDuration, type ClusterPosture } from './posture';

export const AUDIT_RULES: RuleInfo[] = [
  {
    id: 'snapshot-overdue',
    severity: 'error',
    summary:
      "The newest completed snapshot is older than the schedule promises (the most frequent item's interval plus a margin of max(1 h, 10 %)).",
    docs: 'src/fleet/README.md',
  },
  {
    id: 'backup-off',
    severity: 'warning',
    summary: 'Cloud backup is off for the cluster: nothing is being snapshotted.',
    docs: 'src/fleet/README.md',
  },
  {
    id: 'compliance-backup-off',
    severity: 'error',
    summary: "The project's Backup Compliance Policy is enforced but the cluster has backup off.",
    docs: 'src/fleet/README.md',
  },
  {
    id: 'not-read',
    severity: 'warning',
    summary: "Part of the cluster's posture could not be read from Atlas (a role is missing, or Atlas failed).",
    docs: 'src/fleet/README.md',
  },
];

export interface AuditFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  path: string;
}

export function auditFindings(r: ClusterPosture): AuditFinding[] {
  const out: AuditFinding[] = r.findings.map((f) => ({ ...f }));
  if (r.overdue) {
    out.push({
      ruleId: 'snapshot-overdue',
      severity: 'error',
      path: '',
      message: r.newestSnapshot
        ? `The newest completed snapshot (${r.newestSnapshot}) is ${formatDuration(r.snapshotAgeMs ?? 0)} old; the schedule promises one every ${formatDuration(r.promisedIntervalMs ?? 0)} (overdue after ${formatDuration(r.overdueAfterMs ?? 0)}).`
        : `No completed snapshot, although the schedule promises one every ${formatDuration(r.promisedIntervalMs ?? 0)}.`,
    });
  }
  if (r.backup === 'off') {
    if (r.compliance === 'not compliant')
      out.push({
        ruleId: 'compliance-backup-off',
        severity: 'error',
        path: '',
        message: "The project's Backup Compliance Policy is enforced, but cloud backup is off for this cluster.",
      });
    else
      out.push({
        ruleId: 'backup-off',
        severity: 'warning',
        path: '',
        message: 'Cloud backup is off for this cluster.',
      });
  }
  for (const e of r.loadErrors)
    out.push({ ruleId: 'not-read', severity: 'warning', path: '', message: `Not read: ${e}` });
  return out;
}

/** Whether the audit fails (exit 1). */
export function auditFails(rows: readonly ClusterPosture[]): boolean {
  return rows.some((r) => auditFindings(r).some((f) => f.severity === 'error'));
}
