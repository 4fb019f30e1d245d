// The commands dist/cli/lint.cjs carries alone (lintBin.ts), so that `atlas-backup lint` never parses the Atlas
// client, restore, export, audit or policy code: they need only the schedule rules and the JSON language service.
// main.ts's COMMANDS starts with these entries; the launcher picks lint.cjs for the names in LINT_BUNDLE (help.ts,
// which help.cjs carries), and a unit test keeps the two lists equal.
import { COMMAND_HELP } from './help';
import type { CommandEntry } from './dispatch';

export const LINT_COMMANDS: readonly CommandEntry[] = [
  { ...COMMAND_HELP.lint, load: () => import('./lint').then((m) => m.lintCommand) },
  { ...COMMAND_HELP.schema, load: () => import('./schema').then((m) => m.schemaCommand) },
];
