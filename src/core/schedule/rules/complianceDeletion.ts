import { bool, prop } from '../scheduleDocument';
import type { Rule } from '../rule';
import { activePolicy } from './compliance';

// Under a Backup Compliance Policy no one can delete snapshots (CANNOT_DELETE_SNAPSHOT_WITH_BACKUP_COMPLIANCE_POLICY),
// and with copy protection not their copies in other regions either
// (CANNOT_DELETE_COPY_SNAPSHOT_WITH_BACKUP_COMPLIANCE_POLICY_ENABLED).
export const complianceDeletion: Rule = {
  id: 'compliance-deletion',
  severity: 'error',
  summary:
    'Under a Backup Compliance Policy the schedule does not ask Atlas to delete snapshots (or, with copy protection, copies).',
  check(doc, ctx, report) {
    const policy = activePolicy(ctx);
    const root = doc.object;
    if (!policy || !root) return;
    const flag = (key: string, why: string) => {
      const n = prop(root, key);
      if (bool(n) !== true) return;
      report({
        path: [key],
        at: n!,
        onKey: true,
        message: `${key} is true, but the project's Backup Compliance Policy ${why}`,
        fixes: [{ title: `Remove ${key}`, edits: doc.edit([key], undefined), isPreferred: true }],
      });
    };
    flag('deleteSnapshots', 'forbids deleting snapshots (CANNOT_DELETE_SNAPSHOT_WITH_BACKUP_COMPLIANCE_POLICY)');
    if (policy.copyProtectionEnabled !== true) return;
    flag(
      'deleteCopySnapshots',
      'has copy protection, which forbids deleting snapshot copies (CANNOT_DELETE_COPY_SNAPSHOT_WITH_BACKUP_COMPLIANCE_POLICY_ENABLED)',
    );
    const copies = prop(root, 'deleteCopiedBackups');
    if (copies?.type === 'array' && (copies.children ?? []).length > 0) {
      report({
        path: ['deleteCopiedBackups'],
        at: copies,
        onKey: true,
        message:
          "deleteCopiedBackups asks Atlas to delete copies of removed copy settings, but the project's Backup Compliance Policy has copy protection, which forbids it (CANNOT_DELETE_COPY_SNAPSHOT_WITH_BACKUP_COMPLIANCE_POLICY_ENABLED)",
        fixes: [
          {
            title: 'Remove deleteCopiedBackups (keep the copies)',
            edits: doc.edit(['deleteCopiedBackups'], undefined),
            isPreferred: true,
          },
        ],
      });
    }
  },
};
