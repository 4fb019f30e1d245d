// The entry of dist/cli/lint.cjs: `atlas-backup lint` and `schema` (dist/cli.js loads it for the names in
// LINT_BUNDLE), with the same dispatch, words and exit codes as main.cjs.
import { runProcess } from './dispatch';
import { LINT_COMMANDS } from './lintCommands';

void runProcess(LINT_COMMANDS);
