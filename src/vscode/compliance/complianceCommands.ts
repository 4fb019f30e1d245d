// Set Up / Edit Compliance Policy as commands. The form and its dry run come from dist/compliance.js beside this
// bundle (esbuild.js builds it from compliancePanel.ts): only a policy set-up needs them, so the extension's own
// bundle stays within its budget and its activation does not pay for them.
import type { ComplianceDeps } from './compliancePanel';

type PanelModule = typeof import('./compliancePanel');

export function loadCompliance(): PanelModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a file of our own, loaded only when used
  return require(`${__dirname}/compliance.js`) as PanelModule;
}

/** Opens the form on a project row, its policy row, or (palette) a picked project. */
export async function openCompliancePolicy(deps: ComplianceDeps, arg: unknown, mode: 'setUp' | 'edit'): Promise<void> {
  await loadCompliance().openCompliancePolicy(deps, arg, mode);
}
