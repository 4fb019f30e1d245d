// The entry of dist/cli/main.cjs (dist/cli.js loads it). Kept apart from main.ts so that tests can import main() without running the CLI.
import { runProcess } from './main';

void runProcess();
