// dist/cli/help.cjs: `atlas-backup --help` and `--version` answered by a small CommonJS file, so they start like
// `node -e 0` plus a little (the ESM loader and the command chunks are not loaded at all). The launcher dist/cli.js
// (written by esbuild.js) calls printedHelp() first and imports dist/cli/main.mjs only when it returns false.
import { version } from '../../package.json';
import { helpAsked, usage } from './help';
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
