// The CLI starts like a small tool: `--help` loads no command, and `lint` loads neither the Atlas client (node-fetch)
// nor the fleet's loader nor the push core. The shipped main.cjs is one file whose import()s esbuild turns into lazy
// initialisers; whether main.ts imports every command lazily shows best in an ESM split build of the same options
// (esbuild's metafile: what `import` statements reach from main). So a command imported statically into main.ts fails
// here rather than in a benchmark.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { repoRoot } from './builtCli';

interface Meta {
  outputs: Record<
    string,
    { imports: { path: string; kind: string }[]; inputs: Record<string, unknown>; entryPoint?: string }
  >;
}

test('--help loads only main.mjs and its static imports; lint adds no Atlas client, fleet loader or push core', async () => {
  const root = repoRoot();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- esbuild.js is plain CommonJS
  const { cliBuild } = require(path.join(root, 'esbuild.js')) as { cliBuild: Record<string, unknown> };
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the build tool itself, as esbuild.js uses it
  const esbuild = require(path.join(root, 'node_modules', 'esbuild')) as {
    build(o: Record<string, unknown>): Promise<{ metafile: Meta }>;
  };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-cli-split-'));
  try {
    const { outfile: _shipped, ...options } = cliBuild;
    const { metafile } = await esbuild.build({
      ...options,
      entryPoints: ['src/cli/main.ts'],
      format: 'esm',
      splitting: true,
      outExtension: { '.js': '.mjs' },
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
      absWorkingDir: root,
      outdir: tmp,
      sourcemap: false,
      metafile: true,
      logLevel: 'error',
    });
    const byName = new Map(Object.entries(metafile.outputs).map(([k, v]) => [path.resolve(root, k), v]));
    /** Every output loaded by `import` statements from `file` (not by `import()`), with itself. */
    const staticClosure = (file: string, seen = new Set<string>()): Set<string> => {
      if (seen.has(file)) return seen;
      seen.add(file);
      for (const i of byName.get(file)?.imports ?? [])
        if (i.kind === 'import-statement') staticClosure(path.resolve(root, i.path), seen);
      return seen;
    };
    const inputsOf = (files: Set<string>) => [...files].flatMap((f) => Object.keys(byName.get(f)?.inputs ?? {}));
    const main = path.join(tmp, 'main.mjs');
    const atStart = inputsOf(staticClosure(main));
    for (const heavy of [
      'src/cli/lint.ts',
      'src/core/atlas/AtlasClient.ts',
      'vscode-json-languageservice',
      'node-fetch',
    ])
      assert.ok(!atStart.some((i) => i.includes(heavy)), `${heavy} is loaded by every command (import it lazily)`);

    const lintChunk = [...byName].find(([, v]) => Object.keys(v.inputs).some((i) => i === 'src/cli/lint.ts'))![0];
    const forLint = inputsOf(staticClosure(lintChunk, staticClosure(main)));
    for (const heavy of [
      'src/core/atlas/AtlasClient.ts',
      'node-fetch',
      'src/core/fleet/loader.ts',
      'src/core/push/pushCore.ts',
    ])
      assert.ok(!forLint.some((i) => i.includes(heavy)), `lint loads ${heavy}`);

    // And main runs from that build: --help.
    fs.writeFileSync(path.join(tmp, 'cli.js'), "import('./main.mjs').then((m) => m.runProcess());\n");
    const r = spawnSync(process.execPath, [path.join(tmp, 'cli.js'), '--help'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Usage:\n {2}atlas-backup lint/);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
