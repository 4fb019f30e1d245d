#!/usr/bin/env node
// Proves `npm start` end to end, as a user would meet it: runs scripts/start.js in the background, takes the
// URL it prints, opens it in headless Chromium, expands Production in the Atlas Backup sidebar, saves
// test-results/screenshots/start-sidebar.png, then stops start.js with SIGINT (Ctrl+C) and checks that
// nothing it started is left running. Prints "start: 1 passed, 0 failed" (or 0/1).
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const lib = require('./lib');

async function main() {
  lib.installHandlers();
  const port = await lib.freePort();
  const child = spawn(
    process.execPath,
    [path.join(lib.ROOT, 'scripts', 'start.js'), '--no-open', '--port', String(port)],
    { cwd: lib.ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    out += d;
  });
  const exited = new Promise((r) => child.once('exit', r));
  let browser;
  try {
    const url = await lib.until(() => (out.match(/^\s*(http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)\s*$/m) || [])[1], {
      timeout: 180000,
      message: 'start.js to print the workbench URL',
    });
    console.log(`start.js printed: ${url}`);
    browser = await lib.launchBrowser();
    const page = await lib.newPage(browser);
    await page.goto(url);
    await lib.ui.waitForWorkbench(page, 'Atlas Backup');
    await lib.ui.openViewContainer(page, 'Atlas Backup');
    await lib.ui.resizeSidebar(page, 560);
    const sidebar = page.locator('.part.sidebar');
    const prod = lib.ui.treeItem(sidebar, 'Production');
    await prod.waitFor({ timeout: 30000 });
    await lib.ui.expand(prod);
    await lib.ui.treeItem(sidebar, 'orders-rs').waitFor();
    // The README's promise: a sample schedule is open, with its problems checked.
    await page.locator('.tabs-container .tab', { hasText: 'analytics-nvme.schedule.json' }).waitFor({ timeout: 30000 });
    console.log(`screenshot: ${path.relative(lib.ROOT, await lib.screenshot(page, 'start-sidebar.png'))}`);
    await browser.close();
    browser = undefined;
    // Ctrl+C: start.js must stop code-server and the simulator it started.
    // Process groups start.js recorded for the reaper ("<pid> <driver pid>"), ours only.
    const pids = fs
      .readdirSync(os.tmpdir())
      .filter((n) => n.startsWith('atlas-e2e-start-'))
      .flatMap((d) => {
        try {
          return fs
            .readdirSync(path.join(os.tmpdir(), d))
            .filter((f) => f.endsWith('.pid'))
            .map((f) =>
              fs
                .readFileSync(path.join(os.tmpdir(), d, f), 'utf8')
                .trim()
                .split(/\s+/)
                .map(Number),
            )
            .filter(([, driver]) => driver === child.pid)
            .map(([pid]) => pid);
        } catch {
          return [];
        }
      });
    process.kill(child.pid, 'SIGINT');
    await lib.withTimeout(exited, 15000, 'start.js to exit on SIGINT');
    // A zombie (exited, not yet reaped by init) counts as gone.
    const alive = pids.filter((pid) => {
      try {
        return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
      } catch {
        return false;
      }
    });
    if (alive.length) throw new Error(`still running after Ctrl+C: ${alive.join(', ')}`);
    console.log(`stopped cleanly (${pids.length} process groups gone)`);
    console.log('start: 1 passed, 0 failed');
    return 0;
  } catch (e) {
    console.error(e && e.message ? e.message : e);
    console.error(`start.js output:\n${out}`);
    console.log('start: 0 passed, 1 failed');
    return 1;
  } finally {
    if (browser) await browser.close().catch(() => {});
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

main().then((code) => process.exit(code));
