#!/usr/bin/env node
// The integration suite under @vscode/test-electron (2.5.2; 3.x needs Node >= 22), for contributors whose
// machine can download VS Code desktop: it downloads VS Code 1.100.3 into .vscode-test/ and runs
// out-test/integration/index.js in its extension host, against the seeded simulator.
// `--shim`: no download; runTests() spawns test/e2e/code-web-shim.js instead, which runs the same suite in
// code-server + headless Chromium (proves this entry point on machines without VS Code desktop, like CI here).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { runTests } = require('@vscode/test-electron');
const lib = require('../e2e/lib');
const { buildIntegrationTests } = require('../e2e/build-tests');

async function main() {
  const shim = process.argv.includes('--shim');
  if (!process.argv.includes('--no-build')) {
    const b = spawnSync(process.execPath, ['esbuild.js'], { cwd: lib.ROOT, stdio: 'inherit' });
    if (b.status !== 0) throw new Error('build failed');
  }
  const built = await buildIntegrationTests();
  const runDir = lib.makeRunDir('electron');
  const sim = await lib.startSimulator({ runDir });
  const workspace = path.join(runDir, 'workspace');
  const userData = path.join(runDir, 'user-data');
  fs.mkdirSync(workspace, { recursive: true });
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  // Desktop VS Code reads the simulator URL from these user settings; the shim merges them into its own.
  fs.writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify({ 'atlasBackup.baseUrl': sim.url, 'workbench.startupEditor': 'none' }, null, 2),
  );
  const resultsFile = path.join(runDir, 'results.json');
  try {
    await runTests({
      version: '1.100.3',
      ...(shim ? { vscodeExecutablePath: path.join(lib.ROOT, 'test', 'e2e', 'code-web-shim.js') } : {}),
      extensionDevelopmentPath: lib.ROOT,
      extensionTestsPath: built.runner,
      launchArgs: [
        workspace,
        '--user-data-dir',
        userData,
        '--extensions-dir',
        path.join(runDir, 'extensions'),
        '--disable-extensions',
      ],
      extensionTestsEnv: { ...lib.credentialEnv(sim), ATLAS_TEST_RESULTS: resultsFile },
    });
    const r = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
    console.log(`\nelectron${shim ? ' (shim)' : ''}: ${r.passed} passed, ${r.failed} failed`);
    return r.failed === 0 && r.passed > 0 ? 0 : 1;
  } catch (e) {
    const r = fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, 'utf8')) : { passed: 0, failed: 1 };
    const msg = String(e && e.message ? e.message : e);
    console.error(msg);
    if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT/.test(msg) && !shim) {
      console.error(
        'VS Code desktop could not be downloaded from here. `node test/electron/run.js --shim` runs the same suite in code-server (or use `npm run test:integration`).',
      );
    }
    console.log(`\nelectron${shim ? ' (shim)' : ''}: ${r.passed} passed, ${Math.max(1, r.failed)} failed`);
    return 1;
  } finally {
    await sim.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
