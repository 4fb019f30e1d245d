// The CLI as it ships (src/cli/bin.ts bundled by esbuild), built into a fresh temporary folder for tests that run it
// as a child process.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export function repoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'src', 'cli', 'main.ts')))
      return dir;
    if (path.dirname(dir) === dir) throw new Error('repository root not found');
  }
}

/** Builds the CLI into a new temporary folder (prefix `prefix`): the folder and the built cli.js. */
export function buildCli(prefix: string): { tmp: string; cli: string } {
  const root = repoRoot();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const cli = path.join(tmp, 'cli.js');
  const r = spawnSync(
    path.join(root, 'node_modules', '.bin', 'esbuild'),
    [
      path.join(root, 'src', 'cli', 'bin.ts'),
      '--bundle',
      '--platform=node',
      '--format=cjs',
      '--target=node20',
      '--main-fields=module,main',
      `--outfile=${cli}`,
      '--log-level=warning',
    ],
    { encoding: 'utf8' },
  );
  assert.equal(r.status, 0, r.stderr);
  return { tmp, cli };
}
