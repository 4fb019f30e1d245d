// What `atlas-backup audit` reports per cluster and per project, and when it fails a CI job: every rule finding on the
// cluster's schedule (with its own context), the posture's own verdicts as findings of audit rules, and everything
// that could not be read as a finding of its own. An audit that could not read part of the fleet is not a pass: a
// network error, a 5xx or a malformed answer fails it; a 403 (a read-only audit account cannot read compliance
// policies) is reported as not readable with this role and does not.
import { RECOVERY_RULES } from '../recovery/recoveryFindings';
import type { RuleInfo, Severity } from '../schedule/types';
import type { ProjectProblem } from './loader';
import { formatDuration, type ClusterPosture } from './posture';

export const AUDIT_RULES: RuleInfo[] = [
  {
    id: 'snapshot-overdue',
    severity: 'error',
    summary:
      "The newest completed snapshot is older than the schedule promises (the most frequent item's interval plus a margin of max(1 h, 10 %)).",
    docs: 'src/core/fleet/README.md',
  },
  {
    id: 'backup-off',
    severity: 'warning',
    summary: 'Cloud backup is off for the cluster: nothing is being snapshotted.',
    docs: 'src/core/fleet/README.md',
  },
  {
    id: 'compliance-backup-off',
    severity: 'error',
    summary: "The project's Backup Compliance Policy is enforced but the cluster has backup off.",
    docs: 'src/core/fleet/README.md',
  },
  {
    id: 'not-read',
    severity: 'error',
    summary:
      "Part of the cluster's posture could not be read from Atlas (a network error, an error from Atlas, or an answer that is not what Atlas sends): the audit cannot vouch for it.",
    docs: 'src/core/fleet/README.md',
  },
  {
    id: 'not-readable-with-role',
    severity: 'warning',
    summary:
      "Part of the cluster's posture is not readable with these credentials' role (Atlas answered 403); the audit goes on without it.",
    docs: 'src/core/fleet/README.md',
  },
  {
    id: 'project-not-read',
    severity: 'error',
    summary:
      "A project's clusters could not be listed (a network error, an error from Atlas, a malformed answer, or a project that is not visible): none of its clusters were audited.",
    docs: 'src/core/fleet/README.md',
  },
  {
    id: 'project-not-readable-with-role',
    severity: 'warning',
    summary: "A project's clusters are not readable with these credentials' role (Atlas answered 403).",
    docs: 'src/core/fleet/README.md',
  },
  // The recovery posture's findings come with the row (`findings`), like the schedule rules' ones.
  ...RECOVERY_RULES,
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
  const failures = r.readFailures ?? r.loadErrors.map((e) => ({ part: '', kind: 'failed' as const, message: e }));
  for (const f of failures) {
    const what = f.part ? `${f.part}: ${f.message}` : f.message;
    out.push(
      f.kind === 'role'
        ? {
            ruleId: 'not-readable-with-role',
            severity: 'warning',
            path: '',
            message: `Not readable with this role: ${what}`,
          }
        : { ruleId: 'not-read', severity: 'error', path: '', message: `Not read: ${what}` },
    );
  }
  return out;
}

/** A project that could not be read, as a finding of its own. */
export function projectFinding(p: ProjectProblem): AuditFinding {
  return p.kind === 'role'
    ? {
        ruleId: 'project-not-readable-with-role',
        severity: 'warning',
        path: '',
        message: `Not readable with this role: ${p.message}`,
      }
    : { ruleId: 'project-not-read', severity: 'error', path: '', message: `Not read: ${p.message}` };
}

/** What the run concludes: `pass`, `findings` (an error finding), `partial` (part of the fleet could not be read) or `unread` (nothing could). */
export type AuditVerdict = 'pass' | 'findings' | 'partial' | 'unread';

export function auditVerdict(rows: readonly ClusterPosture[], problems: readonly ProjectProblem[]): AuditVerdict {
  const failedRow = (r: ClusterPosture) => auditFindings(r).some((f) => f.ruleId === 'not-read');
  const unreadRows = rows.filter(failedRow).length;
  const unreadProjects = problems.filter((p) => p.kind === 'failed').length;
  const readRows = rows.length - unreadRows;
  if (!readRows && (unreadRows || problems.length)) return 'unread';
  if (unreadRows || unreadProjects) return 'partial';
  return auditFails(rows) ? 'findings' : 'pass';
}

/** Whether the audit fails (exit 1). */
export function auditFails(rows: readonly ClusterPosture[]): boolean {
  return rows.some((r) => auditFindings(r).some((f) => f.severity === 'error'));
}
