// dist/cli/help.cjs: `atlas-backup --help` and `--version` answered by a small CommonJS file, so they start like
// `node -e 0` plus a little (the ESM loader and the command chunks are not loaded at all). The launcher dist/cli.js
// (written by esbuild.js) calls printedHelp() first and, only when it returns false, requires the bundle bundleFor()
// names: dist/cli/lint.cjs for lint and schema, dist/cli/main.cjs for every other command.
import { version } from '../../package.json';
import { LINT_BUNDLE, helpAsked, usage } from './help';
import { exitQuietlyOnClosedPipe } from './io';

/** Prints the help or the version when the arguments ask for it; false when a command is to run. */
export function printedHelp(args: string[]): boolean {
  const asked = helpAsked(args);
  if (!asked) return false;
  exitQuietlyOnClosedPipe(
    process.stdout,
    (code) => process.exit(code),
    (line) => process.stderr.write(line),
  );
  process.stdout.write(asked === 'version' ? `${version}\n` : `${usage()}\n`);
  return true;
}

/** The bundle (relative to dist/cli/) that runs the command `args` name. */
export function bundleFor(args: readonly string[]): 'lint.cjs' | 'main.cjs' {
  return LINT_BUNDLE.some((name) => name === args[0]) ? 'lint.cjs' : 'main.cjs';
}
