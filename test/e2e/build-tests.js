// Compiles test/integration/*.ts into out-test/integration/*.js for the in-host runner.
// Each file is its own esbuild entry, bundled with `vscode` and `mocha` left external: the tests must get the
// extension host's `vscode` API object (the one the extension got, since out-test/ is inside the extension
// folder) and the runner must load mocha from node_modules, while helper modules and vscode-free core modules
// they import (e.g. the simulator's SEED ids) are inlined so a test file never depends on src/ being compiled.
'use strict';
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const SRC = path.join(ROOT, 'test', 'integration');
const OUT = path.join(ROOT, 'out-test', 'integration');

// ATLAS_TEST_FILES=smoke,explorer builds only the test files whose names contain one of those substrings.
async function buildIntegrationTests({ only = (process.env.ATLAS_TEST_FILES || '').split(',').filter(Boolean) } = {}) {
  const entries = fs
    .readdirSync(SRC)
    .filter(
      (f) => f === 'index.ts' || (f.endsWith('.test.ts') && (only.length === 0 || only.some((o) => f.includes(o)))),
    )
    .map((f) => path.join(SRC, f));
  fs.rmSync(OUT, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: entries,
    outdir: OUT,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
    external: ['vscode', 'mocha'],
    // Same as esbuild.js: jsonc-parser and vscode-json-languageservice only bundle from their ESM entry.
    mainFields: ['module', 'main'],
  });
  return {
    outDir: OUT,
    runner: path.join(OUT, 'index.js'),
    tests: entries.filter((e) => !e.endsWith('index.ts')).map((e) => path.basename(e)),
  };
}

module.exports = { buildIntegrationTests };
if (require.main === module)
  buildIntegrationTests().then(
    (r) => console.log(`built ${r.tests.length} test files into ${path.relative(ROOT, r.outDir)}`),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
