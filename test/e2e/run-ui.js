#!/usr/bin/env node
// UI tier: the packaged .vsix installed into a fresh code-server, signed in to the seeded simulator through the
// environment, driven in headless Chromium like a user would. One code-server and one page for all journeys
// (each journey leaves the tree in a known state for the next). Prints one line per journey and
// "ui: N passed, N failed"; exits non-zero on any failure. Screenshots: test-results/screenshots/.
// Flags: --no-build (reuse dist/atlas-backup.vsix), --only <substring> (run matching journeys).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const lib = require('./lib');
const { ui } = lib;

const args = process.argv.slice(2);
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args[onlyAt + 1] : undefined;
const VSIX = path.join(lib.ROOT, 'dist', 'atlas-backup.vsix');

function buildAndPackage() {
  for (const [cmd, argv] of [
    [process.execPath, ['esbuild.js']],
    ['npm', ['run', '--silent', 'package']],
  ]) {
    // stdin closed: vsce's "missing repository/LICENSE" prompts then only warn instead of waiting for an answer.
    const r = spawnSync(cmd, argv, { cwd: lib.ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed`);
  }
}

/**
 * Every journey file in journeys/ (NN-name.js, run in name order; helpers.js is not one), each exporting
 * `(ctx) => journey[]`. One file per feature, so features add journeys without touching each other's.
 */
function loadJourneys(ctx) {
  const dir = path.join(__dirname, 'journeys');
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d+-.*\.js$/.test(f))
    .sort()
    .flatMap((f) => require(path.join(dir, f))(ctx));
}

async function main() {
  const t0 = Date.now();
  if (!args.includes('--no-build') || !fs.existsSync(VSIX)) buildAndPackage();
  fs.rmSync(lib.SHOTS_DIR, { recursive: true, force: true }); // a stale FAILED-*.png must not mislead
  const runDir = lib.makeRunDir('ui');
  const sim = await lib.startSimulator({ runDir });
  const ids = { Staging: await lib.projectId(sim, 'Staging'), Sandbox: await lib.projectId(sim, 'Sandbox') };
  let cs, browser, page;
  const outcomes = [];
  try {
    // The workspace holds the sample schedules (as `npm start` does): the Problems journey opens one.
    const folder = path.join(runDir, 'workspace');
    lib.seedWorkspace(folder);
    cs = await lib.startCodeServer({
      runDir,
      folder,
      settings: lib.baseSettings(sim.url),
      env: lib.credentialEnv(sim),
      vsix: VSIX,
    });
    browser = await lib.launchBrowser();
    page = await lib.newPage(browser);
    await page.goto(lib.workbenchUrl(cs.port, cs.folder));
    await ui.waitForWorkbench(page, 'Atlas Backup');
    await ui.resizeSidebar(page, 560); // so screenshots show whole descriptions
    for (const j of loadJourneys({ page, sim, ids })) {
      if (only && !j.name.includes(only)) continue;
      const t = Date.now();
      try {
        await ui.openViewContainer(page, 'Atlas Backup'); // no-op when already open; lets --only start anywhere
        await j.run();
        outcomes.push(true);
        console.log(`  ✔ ${j.name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
      } catch (e) {
        outcomes.push(false);
        console.log(`  ✘ ${j.name}`);
        await lib.reportFailure(page, cs, j.name, e);
        await sim.faults.clear().catch(() => {});
        await page.keyboard.press('Escape').catch(() => {});
      }
    }
  } catch (e) {
    await lib.reportFailure(page, cs, 'ui setup', e);
    outcomes.push(false);
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (cs) await cs.stop();
    await sim.stop();
  }
  const passed = outcomes.filter(Boolean).length,
    failed = outcomes.length - passed;
  console.log(`\nscreenshots: ${path.relative(lib.ROOT, lib.SHOTS_DIR)}/`);
  console.log(`ui: ${passed} passed, ${failed} failed (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  console.log('ui: 0 passed, 1 failed');
  process.exit(1);
});
