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
  for (const [cmd, argv] of [[process.execPath, ['esbuild.js']], ['npm', ['run', '--silent', 'package']]]) {
    // stdin closed: vsce's "missing repository/LICENSE" prompts then only warn instead of waiting for an answer.
    const r = spawnSync(cmd, argv, { cwd: lib.ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed`);
  }
}

const sidebar = (page) => page.locator('.part.sidebar');
const row = (page, label) => ui.treeItem(sidebar(page), label);
const label = (loc) => loc.getAttribute('aria-label');

async function expectNoRow(page, re) {
  const n = await sidebar(page).getByRole('treeitem', { name: re }).count();
  if (n) throw new Error(`unexpected row(s) matching ${re}: ${await sidebar(page).getByRole('treeitem', { name: re }).first().getAttribute('aria-label')}`);
}

function journeys(ctx) {
  const { page, sim } = ctx;
  return [
    {
      name: 'projects tree lists the seeded projects and Production\'s clusters',
      async run() {
        await ui.openViewContainer(page, 'Atlas Backup');
        for (const p of ['Production', 'Staging', 'Sandbox', 'Empty']) await row(page, p).waitFor();
        const prod = row(page, 'Production');
        if (!/\d+ clusters?/.test(await label(prod))) throw new Error(`Production row has no cluster count: ${await label(prod)}`);
        await ui.expand(prod);
        const orders = row(page, 'orders-rs');
        await orders.waitFor();
        await row(page, 'analytics-nvme').waitFor();
        await row(page, 'ledger-pit').waitFor();
        const desc = await label(orders);
        if (!/M30/.test(desc) || !/AWS/.test(desc) || !/backup on/.test(desc)) throw new Error(`orders-rs description is not like "M30 · AWS · backup on": ${desc}`);
        await lib.screenshot(page, '01-tree.png');
      },
    },
    {
      name: 'an Atlas 500 on Staging shows an error row with the reason, and Retry recovers',
      async run() {
        await ui.collapse(row(page, 'Production'));
        const detail = 'Simulated outage injected by the UI test.';
        const prefix = `/api/atlas/v2/groups/${ctx.ids.Staging}/clusters`;
        const before = (await sim.requests()).length;
        await sim.faults.add({ pathPrefix: prefix, method: 'GET', count: 1, status: 500, errorCode: 'UNEXPECTED_ERROR', detail });
        await ui.expand(row(page, 'Staging'));
        const err = row(page, /^Couldn't load/);
        await err.waitFor();
        const text = await label(err);
        if (!text.includes(detail) && !text.includes('UNEXPECTED_ERROR')) throw new Error(`error row does not carry Atlas's reason: ${text}`);
        const served = (await sim.requests()).slice(before).filter((r) => r.path === prefix).map((r) => r.status);
        if (served.join() !== '500') throw new Error(`expected exactly one 500 on ${prefix} (a 500 is not retried), saw ${served.join(', ')}`);
        await lib.screenshot(page, '02-error-row.png');
        await sim.faults.clear();
        // The row's inline Retry action (shown on hover); a click on the row itself runs the same command,
        // which the integration tier covers.
        await err.hover();
        await err.locator('.actions .action-label[aria-label^="Retry"]').click();
        await row(page, 'staging-rs').waitFor();
        await row(page, 'legacy-app').waitFor();
        await expectNoRow(page, /^Couldn't load/);
        await lib.screenshot(page, '03-after-retry.png');
        await ui.collapse(row(page, 'Staging'));
      },
    },
    {
      name: 'a 429 storm on Sandbox\'s clusters is ridden out by GET retries (no error row)',
      async run() {
        const prefix = `/api/atlas/v2/groups/${ctx.ids.Sandbox}/clusters`;
        const before = (await sim.requests()).length;
        await sim.faults.add({ pathPrefix: prefix, method: 'GET', count: 2, status: 429, errorCode: 'RATE_LIMITED', retryAfterSeconds: 1 });
        await ui.expand(row(page, 'Sandbox'));
        await row(page, 'sandbox-001').waitFor({ timeout: 30000 });
        await expectNoRow(page, /^Couldn't load/);
        const mine = (await sim.requests()).slice(before).filter((r) => r.path === prefix);
        const statuses = mine.map((r) => r.status);
        if (statuses.filter((s) => s === 429).length !== 2 || !statuses.includes(200)) throw new Error(`expected two 429s then a 200 on ${prefix}, saw ${statuses.join(', ')}`);
        await ui.collapse(row(page, 'Sandbox'));
      },
    },
    {
      name: 'the Empty project shows the empty row',
      async run() {
        await ui.expand(row(page, 'Empty'));
        await row(page, /^No clusters/).waitFor();
        await lib.screenshot(page, '04-empty.png');
        await ui.collapse(row(page, 'Empty'));
      },
    },
    {
      name: 'a schedule file with a mistake shows it in the Problems panel',
      async run() {
        await ui.quickOpen(page, 'analytics-nvme.schedule.json');
        await page.locator('.editor-instance .monaco-editor').first().waitFor();
        await page.keyboard.press('Control+Shift+M');
        const markers = page.locator('.markers-panel');
        await markers.getByText(/referenceHourOfDay is set but referenceMinuteOfHour is missing/).first().waitFor({ timeout: 30000 });
        await markers.getByText(/shorter than the 3 days of the hourly item/).first().waitFor();
        await lib.screenshot(page, '06-problems.png');
        await ui.runCommand(page, 'View: Close All Editors');
        await ui.runCommand(page, 'View: Hide Panel');
      },
    },
    {
      name: 'command palette: "Atlas Backup: Refresh" reloads the projects from Atlas',
      async run() {
        const count = async () => (await sim.requests()).filter((r) => r.method === 'GET' && /^\/api\/atlas\/v2\/groups\/?$/.test(r.path)).length;
        const before = await count();
        await ui.runCommand(page, 'Atlas Backup: Refresh');
        await lib.until(async () => (await count()) > before, { message: 'a new GET /api/atlas/v2/groups after Refresh' });
        for (const p of ['Production', 'Staging', 'Sandbox', 'Empty']) await row(page, p).waitFor();
        await lib.screenshot(page, '05-after-refresh.png');
      },
    },
    {
      name: 'Sign Out shows the welcome view; signing in by hand with an API key brings the projects back',
      async run() {
        const creds = sim.credentials.apiKey;
        await ui.runCommand(page, 'Atlas Backup: Sign Out');
        const signIn = sidebar(page).locator('.welcome-view-content').getByRole('button', { name: 'Sign In' });
        await signIn.waitFor();
        await expectNoRow(page, /^Production\b/);
        await page.locator('.notifications-toasts').getByText(/environment will not be used again until you sign in/).first().waitFor();
        await lib.screenshot(page, '07-signed-out.png');
        await signIn.click();
        const widget = page.locator('.quick-input-widget');
        const input = widget.locator('input.input');
        await widget.locator('.quick-input-list .monaco-list-row', { hasText: 'API Key' }).click();
        await widget.locator('.quick-input-title', { hasText: 'Public key' }).waitFor();
        await input.fill(creds.publicKey);
        await page.keyboard.press('Enter');
        await widget.locator('.quick-input-title', { hasText: 'Private key' }).waitFor();
        if ((await input.getAttribute('type')) !== 'password') throw new Error('the private key is not typed into a password box');
        await input.fill(creds.privateKey);
        await page.keyboard.press('Enter');
        await row(page, 'Production').waitFor();
        await page.locator('.notifications-toasts').getByText(/Signed in to 127\.0\.0\.1:\d+/).first().waitFor();
        const digest = (await sim.requests()).filter((r) => r.auth === 'digest' && r.status === 200);
        if (!digest.length) throw new Error('no request was signed with HTTP Digest after signing in with an API key');
        await lib.screenshot(page, '08-signed-in-by-hand.png');
      },
    },
  ];
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
    cs = await lib.startCodeServer({ runDir, folder, settings: lib.baseSettings(sim.url), env: lib.credentialEnv(sim), vsix: VSIX });
    browser = await lib.launchBrowser();
    page = await lib.newPage(browser);
    await page.goto(lib.workbenchUrl(cs.port, cs.folder));
    await ui.waitForWorkbench(page, 'Atlas Backup');
    await ui.resizeSidebar(page, 560); // so screenshots show whole descriptions
    for (const j of journeys({ page, sim, ids })) {
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
  const passed = outcomes.filter(Boolean).length, failed = outcomes.length - passed;
  console.log(`\nscreenshots: ${path.relative(lib.ROOT, lib.SHOTS_DIR)}/`);
  console.log(`ui: ${passed} passed, ${failed} failed (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

main().catch((e) => { console.error(e); console.log('ui: 0 passed, 1 failed'); process.exit(1); });
