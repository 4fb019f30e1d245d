// Apply-to-many plans and results in words, for the CLI and the extension's review document. vscode-free.
import { formatChanges } from '../schedule/diff';
import type { ApplyResult, TargetPlan } from './applyToMany';

export function targetName(p: { target: { clusterName: string; projectName?: string; groupId: string } }): string {
  return `${p.target.projectName ?? p.target.groupId} / ${p.target.clusterName}`;
}

/** Every target: what would change, or why it is refused or left alone. */
export function formatPlans(plans: readonly TargetPlan[]): string {
  return plans
    .map((p) => {
      const head = targetName(p);
      switch (p.status) {
        case 'ready':
          return `${head}: ${p.changes.length} change${p.changes.length === 1 ? '' : 's'}\n${formatChanges(p.changes)}`;
        case 'nothing':
          return `${head}: nothing to change (it already has this schedule)`;
        case 'refused':
          return `${head}: REFUSED, nothing will be sent to it:\n${p.errors.map((e) => `  ✗ ${e.message} (${e.ruleId})`).join('\n')}`;
        case 'unreadable':
          return `${head}: NOT READ, nothing will be sent to it: ${p.message ?? ''}`;
      }
    })
    .join('\n\n');
}

export function formatResults(results: readonly ApplyResult[]): string {
  return results
    .map((r) => `${r.outcome === 'pushed' ? '✓' : r.outcome === 'failed' ? '✗' : '–'} ${r.message}`)
    .join('\n');
}
