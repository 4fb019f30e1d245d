// The dry run in words, for the CLI and notifications: one block per cluster with the readable schedule diff, then
// what Atlas would refuse, the snapshot estimate and what becomes forbidden.
import { formatChanges } from '../schedule/diff';
import type { DryRun } from './dryRun';

export function formatDryRun(d: DryRun, projectName: string): string {
  const lines: string[] = [];
  if (d.problems.length) {
    lines.push('The policy has problems; Atlas would refuse it:');
    for (const p of d.problems) lines.push(`  ✗ ${p.message}`);
    return lines.join('\n');
  }
  lines.push(
    d.overwriteBackupPolicies
      ? `With --overwrite-schedules (overwriteBackupPolicies=true), Atlas raises every schedule in ${projectName} that falls short:`
      : `With --keep-schedules (overwriteBackupPolicies=false), Atlas changes no schedule and refuses the whole request if any schedule in ${projectName} falls short:`,
  );
  for (const c of d.clusters) {
    if (!c.backedUp) {
      lines.push(`  ${c.name}: Cloud Backup is off; the policy applies once it is turned on`);
      continue;
    }
    if (!c.shortfalls.length && !c.changes.length && !c.turnsOnPointInTime) {
      lines.push(`  ${c.name}: already complies; unchanged`);
      continue;
    }
    if (!d.overwriteBackupPolicies) {
      lines.push(`  ${c.name}: falls short, so Atlas refuses the request:`);
      for (const s of c.shortfalls) lines.push(`      - ${s}`);
      continue;
    }
    lines.push(`  ${c.name}: would change:`);
    if (c.turnsOnPointInTime) lines.push('      ! point-in-time restore (continuous cloud backup) turned on');
    if (c.changes.length) lines.push(formatChanges(c.changes, '      '));
    if (c.extraSnapshots)
      lines.push(`      about ${c.extraSnapshots > 0 ? '+' : ''}${c.extraSnapshots} snapshots kept at once`);
  }
  if (d.refusingClusters.length)
    lines.push(
      `Atlas would refuse the request (BACKUP_POLICIES_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS) until these schedules are raised: ${d.refusingClusters.join(', ')}; or choose --overwrite-schedules.`,
    );
  if (d.overwriteBackupPolicies)
    lines.push(
      `Estimate: about ${d.extraSnapshots} more snapshots kept at once across the project (an upper bound: counted per item).`,
    );
  if (d.loosening.length) {
    lines.push('This edit loosens the policy in force, and Atlas refuses that (a policy may only be tightened):');
    for (const p of d.loosening) lines.push(`  ✗ ${p.message}`);
  }
  lines.push('Once the policy is in force, Atlas forbids:');
  for (const f of d.forbidden) lines.push(`  - ${f}`);
  lines.push('The policy cannot be turned off without MongoDB Support.');
  return lines.join('\n');
}
