// `atlas-backup`, the command-line tool (bin.ts is bundled to dist/cli/main.cjs, which dist/cli.js, the bin, loads;
// lint and schema are also bundled alone as dist/cli/lint.cjs, see lintCommands.ts). One dispatch table: adding a
// command is one file exporting a `Command`, its help in help.ts and one line in COMMANDS. Dispatch and exit codes
// are in dispatch.ts.
import type { CliContext, Io } from './args';
import { COMMAND_HELP, type CommandHelp } from './help';
import { dispatch, runProcess as runCommands, shortUsage as usageOf, type CommandEntry } from './dispatch';
import { LINT_COMMANDS } from './lintCommands';

/**
 * Every command, in the order the usage lists them: its help, and how to load it. A command's module (and what it
 * needs: the JSON language service, the Atlas client, node-fetch) is loaded only when that command runs, so
 * `atlas-backup --help` and `atlas-backup lint` start like small tools; keep new commands lazy the same way.
 */
export const COMMANDS: readonly CommandEntry[] = [
  ...LINT_COMMANDS,
  { ...COMMAND_HELP.pull, load: () => import('./pull').then((m) => m.pullCommand) },
  { ...COMMAND_HELP.diff, load: () => import('./diff').then((m) => m.diffCommand) },
  { ...COMMAND_HELP.push, load: () => import('./push').then((m) => m.pushCommand) },
  { ...COMMAND_HELP.delete, load: () => import('./delete').then((m) => m.deleteCommand) },
  { ...COMMAND_HELP.audit, load: () => import('./audit').then((m) => m.auditCommand) },
  { ...COMMAND_HELP.export, load: () => import('./export').then((m) => m.exportCommand) },
  { ...COMMAND_HELP.restore, load: () => import('./restore').then((m) => m.restoreCommand) },
  { ...COMMAND_HELP.restores, load: () => import('./restores').then((m) => m.restoresCommand) },
  { ...COMMAND_HELP.drill, load: () => import('./drill').then((m) => m.drillCommand) },
  { ...COMMAND_HELP['export-snapshot'], load: () => import('./exportSnapshot').then((m) => m.exportSnapshotCommand) },
  { ...COMMAND_HELP.exports, load: () => import('./exports').then((m) => m.exportsCommand) },
  {
    ...COMMAND_HELP['compliance-policy'],
    load: () => import('./compliancePolicy').then((m) => m.compliancePolicyCommand),
  },
];

/** What a usage error shows: the synopsis of the command it is about (every command's when none), not the whole help. */
export function shortUsage(command?: CommandHelp): string {
  return usageOf(COMMANDS, command);
}

/** Runs the CLI with `args` (without node and the script); resolves to the exit status. */
export function main(args: string[], io: Io & Partial<CliContext>): Promise<number> {
  return dispatch(COMMANDS, args, io);
}

/** Runs the CLI on this process's arguments and streams (bin.ts, the bundle's entry, calls it). */
export function runProcess(): Promise<void> {
  return runCommands(COMMANDS);
}
