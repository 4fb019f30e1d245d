#!/usr/bin/env node
// Integration tier: mocha runs *inside* code-server's Node extension host (test/integration/index.ts),
// against the seeded simulator, with the extension loaded from this folder (extensionDevelopmentPath).
// Prints the mocha output, then "integration: N passed, N failed"; exits non-zero on any failure or on 0 tests.
// Flags: --no-build (use the existing dist/), --grep <pattern>.
'use strict';
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const lib = require('./lib');
const { buildIntegrationTests } = require('./build-tests');

const args = process.argv.slice(2);
const grepAt = args.indexOf('--grep');
const grep = grepAt >= 0 ? args[grepAt + 1] : process.env.ATLAS_TEST_GREP;

async function main() {
  const t0 = Date.now();
  if (!args.includes('--no-build')) {
    const r = spawnSync(process.execPath, ['esbuild.js'], { cwd: lib.ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('build failed');
  }
  const built = await buildIntegrationTests();
  const runDir = lib.makeRunDir('integration');
  const sim = await lib.startSimulator({ runDir });
  try {
    const r = await lib.runExtensionTests({
      runDir,
      devPath: lib.ROOT,
      testsPath: built.runner,
      settings: lib.baseSettings(sim.url),
      env: { ...lib.credentialEnv(sim), ...(grep ? { ATLAS_TEST_GREP: grep } : {}) },
      timeoutMs: Number(process.env.ATLAS_INTEGRATION_TIMEOUT_MS || 240000),
    });
    return { ...r, seconds: (Date.now() - t0) / 1000 };
  } finally {
    await sim.stop();
  }
}

main().then(
  (r) => {
    console.log(`\nintegration: ${r.passed} passed, ${r.failed} failed (${r.seconds.toFixed(1)} s)`);
    process.exit(r.code === 0 && r.failed === 0 && r.passed > 0 ? 0 : 1);
  },
  (e) => {
    console.error(e && e.message ? e.message : e);
    console.log('\nintegration: 0 passed, 1 failed');
    process.exit(1);
  },
);
