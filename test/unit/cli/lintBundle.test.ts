// `atlas-backup lint` and `schema` run from dist/cli/lint.cjs, which carries the schedule rules and the JSON
// language service but none of the Atlas client, restore, export, audit or policy code (parsing that was a third of
// lint's start-up). Built here with the shipped options (esbuild's metafile says what the bundle holds), then run as
// dist/cli.js runs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { repoRoot } from './builtCli';
import { LINT_BUNDLE } from '../../../src/cli/help';
import { bundleFor } from '../../../src/cli/helpEntry';
import { LINT_COMMANDS } from '../../../src/cli/lintCommands';
import { COMMANDS } from '../../../src/cli/main';

test('the launcher sends exactly the commands lint.cjs carries to it, and every other command to main.cjs', () => {
  assert.deepEqual(
    LINT_COMMANDS.map((c) => c.name),
    [...LINT_BUNDLE],
  );
  for (const c of COMMANDS)
    assert.equal(bundleFor([c.name, 'x']), LINT_BUNDLE.includes(c.name as never) ? 'lint.cjs' : 'main.cjs', c.name);
  assert.equal(bundleFor([]), 'main.cjs');
  assert.equal(bundleFor(['lint.cjs']), 'main.cjs');
});

test('lint.cjs holds no Atlas client, restore, export, audit or policy code, and lints as main.cjs does', async () => {
  const root = repoRoot();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- esbuild.js is plain CommonJS
  const { cliBuild } = require(path.join(root, 'esbuild.js')) as { cliBuild: Record<string, unknown> };
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the build tool itself, as esbuild.js uses it
  const esbuild = require(path.join(root, 'node_modules', 'esbuild')) as {
    build(o: Record<string, unknown>): Promise<{ metafile: { inputs: Record<string, unknown> } }>;
  };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-cli-lint-'));
  try {
    const { outfile: _shipped, ...options } = cliBuild;
    const build = async (entry: string, outfile: string) =>
      Object.keys(
        (
          await esbuild.build({
            ...options,
            entryPoints: [entry],
            absWorkingDir: root,
            outfile: path.join(tmp, outfile),
            sourcemap: false,
            metafile: true,
            logLevel: 'error',
          })
        ).metafile.inputs,
      );
    const inLint = await build('src/cli/lintBin.ts', 'lint.cjs');
    const inMain = await build('src/cli/bin.ts', 'main.cjs');
    for (const heavy of [
      'src/core/atlas/AtlasClient.ts',
      'src/core/restore/',
      'src/core/exportJobs/',
      'src/core/compliance/',
      'src/core/fleet/audit.ts',
      'src/core/push/pushCore.ts',
      'src/cli/restore.ts',
    ]) {
      assert.ok(
        inMain.some((i) => i.includes(heavy)),
        `main.cjs holds ${heavy} (else this check proves nothing)`,
      );
      assert.ok(!inLint.some((i) => i.includes(heavy)), `lint.cjs holds ${heavy}`);
    }
    assert.ok(inLint.some((i) => i.includes('vscode-json-languageservice')));

    const run = (bundle: string, args: string[]) =>
      spawnSync(process.execPath, [path.join(tmp, bundle), ...args], { cwd: root, encoding: 'utf8' });
    const viaLint = run('lint.cjs', ['lint', '--format', 'json', 'samples/']);
    const viaMain = run('main.cjs', ['lint', '--format', 'json', 'samples/']);
    assert.equal(viaLint.status, viaMain.status, viaLint.stderr);
    assert.equal(viaLint.stdout, viaMain.stdout);
    assert.ok(viaLint.stdout.length > 0);
    const schema = run('lint.cjs', ['schema']);
    assert.equal(schema.status, 0, schema.stderr);
    assert.equal(schema.stdout, run('main.cjs', ['schema']).stdout);
    // A usage error there says the same as in main.cjs: one line and lint's synopsis.
    const bad = run('lint.cjs', ['lint', '--format', 'yaml', 'samples/']);
    assert.equal(bad.status, 2);
    assert.equal(bad.stderr, run('main.cjs', ['lint', '--format', 'yaml', 'samples/']).stderr);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
