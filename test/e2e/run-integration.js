#!/usr/bin/env node
// Integration tier: mocha runs *inside* code-server's Node extension host (test/integration/index.ts),
// against the seeded simulator, with the extension loaded from this folder (extensionDevelopmentPath).
// Prints the mocha output, then "integration: N passed, N failed"; exits non-zero on any failure or on 0 tests.
// Flags: --no-build (use the existing dist/ and out-test/), --grep <pattern>.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const lib = require('./lib');
const { buildIntegrationTests } = require('./build-tests');

const args = process.argv.slice(2);
const grepAt = args.indexOf('--grep');
const TIMEOUT_MS = Number(process.env.ATLAS_INTEGRATION_TIMEOUT_MS || 240000);

async function runInHost({ build = !args.includes('--no-build'), grep = grepAt >= 0 ? args[grepAt + 1] : process.env.ATLAS_TEST_GREP, extraEnv = {}, folder, devPath = lib.ROOT, log = console.log } = {}) {
  const t0 = Date.now();
  if (build) {
    const r = spawnSync(process.execPath, ['esbuild.js'], { cwd: lib.ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('npm run build failed');
  }
  const built = await buildIntegrationTests();
  const runDir = lib.makeRunDir('integration');
  const resultsFile = path.join(runDir, 'results.json');
  const sim = await lib.startSimulator({ runDir });
  let cs, browser, page;
  try {
    cs = await lib.startCodeServer({
      runDir, folder,
      settings: lib.baseSettings(sim.url),
      env: { ...lib.credentialEnv(sim), ATLAS_TEST_RESULTS: resultsFile, ...(grep ? { ATLAS_TEST_GREP: grep } : {}), ...extraEnv },
    });
    browser = await lib.launchBrowser();
    page = await lib.newPage(browser);
    // Extension-host console.* arrives in the page console, prefixed by the workbench; the mocha spec
    // reporter writes through console.log, so this is where the test output comes from.
    // index.ts tags every reporter line with "[mocha] ".
    let sawMocha = false;
    page.on('console', (m) => {
      const t = m.text();
      const at = t.indexOf('[mocha] ');
      if (at >= 0) sawMocha = true;
      if (at >= 0) log(t.slice(at).split('\n').map((l) => l.replace(/^\[mocha\] /, '')).join('\n'));
    });
    let done;
    const exited = new Promise((r) => { done = r; });
    await page.exposeFunction('codeAutomationExit', (code) => done(code)); // must be exposed before goto
    await page.goto(lib.workbenchUrl(cs.port, cs.folder, { devPath, testsPath: built.runner }));
    const code = await lib.withTimeout(exited, TIMEOUT_MS, 'in-host test run');
    const results = fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, 'utf8')) : null;
    if (!results) throw new Error(`the in-host runner wrote no results (exit code ${code}); code-server log:\n${lib.tail(cs.logFile)}`);
    // The file is the source of truth; repeat failures from it only if the console output was lost.
    if (!sawMocha) for (const r of results.results.filter((x) => x.state === 'failed')) log(`\nFAILED: ${r.title}\n${r.err}`);
    return { code, passed: results.passed, failed: results.failed, results, seconds: (Date.now() - t0) / 1000 };
  } catch (e) {
    await lib.reportFailure(page, cs, 'integration', e);
    throw e;
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (cs) await cs.stop();
    await sim.stop();
  }
}

module.exports = { runInHost };

if (require.main === module) {
  runInHost().then(
    (r) => {
      console.log(`\nintegration: ${r.passed} passed, ${r.failed} failed (${r.seconds.toFixed(1)} s)`);
      process.exit(r.code === 0 && r.failed === 0 && r.passed > 0 ? 0 : 1);
    },
    (e) => { console.error(e && e.message ? e.message : e); console.log('\nintegration: 0 passed, 1 failed'); process.exit(1); },
  );
}
