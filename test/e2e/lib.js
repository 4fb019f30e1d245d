// Harness for running the extension in a real VS Code (code-server 4.100.3 = VS Code 1.100.3) driven by
// headless Debian Chromium through playwright-core. Used by the integration tier (mocha inside the
// extension host), the UI tier (Playwright journeys against the packaged .vsix), `npm start` and the bench.
//
// Everything we spawn runs in its own process group and is killed on exit, on a signal and on a crash.
// A driver that was SIGKILLed cannot clean up, so every run dir records "<pid> <driver pid>" and the next
// driver reaps groups whose driver is dead (by PID, after checking the process's environment names the
// run dir; never by process name).
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const net = require('node:net');
const readline = require('node:readline');

const ROOT = path.resolve(__dirname, '..', '..');
const CODE_SERVER =
  process.env.CODE_SERVER_BIN || path.join(ROOT, '.vscode-e2e', 'node_modules', '.bin', 'code-server');
// The real binary skips the Debian wrapper script (its dev-shm check prints noise and it exports Google API keys).
const CHROMIUM =
  process.env.CHROMIUM_BIN ||
  ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => fs.existsSync(p)) ||
  '/usr/bin/chromium';
const RUN_PREFIX = 'atlas-e2e-';
const RESULTS_DIR = path.join(ROOT, 'test-results');
const SHOTS_DIR = path.join(RESULTS_DIR, 'screenshots');
const EXTENSION_ID = 'atlas-backup.atlas-backup';

// ---------------------------------------------------------------------------------------------------------
// Process hygiene
// ---------------------------------------------------------------------------------------------------------
const groups = new Set();
const cleanups = [];
let handlersInstalled = false;

function killGroup(pid, signal = 'SIGKILL') {
  try {
    process.kill(-pid, signal);
  } catch {
    /* already gone */
  }
}
function killAll() {
  for (const g of groups) killGroup(g);
  groups.clear();
  for (const dir of cleanups.splice(0)) {
    try {
      fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      /* best effort */
    }
  }
}
function installHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', killAll);
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'])
    process.on(s, () => {
      killAll();
      process.exit(130);
    });
  process.on('uncaughtException', (e) => {
    console.error(e);
    killAll();
    process.exit(1);
  });
  process.on('unhandledRejection', (e) => {
    console.error(e);
    killAll();
    process.exit(1);
  });
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

// Kill leftovers of drivers that died without cleaning up (kill -9, OOM, CI timeout without -k).
function reapOrphans() {
  const tmp = os.tmpdir();
  let entries = [];
  try {
    entries = fs.readdirSync(tmp).filter((n) => n.startsWith(RUN_PREFIX));
  } catch {
    return;
  }
  for (const name of entries) {
    const dir = path.join(tmp, name);
    let pidFiles = [];
    try {
      pidFiles = fs.readdirSync(dir).filter((f) => f.endsWith('.pid'));
    } catch {
      continue;
    }
    let driverDead = pidFiles.length > 0;
    const victims = [];
    for (const f of pidFiles) {
      const [pid, driver] = fs.readFileSync(path.join(dir, f), 'utf8').trim().split(/\s+/).map(Number);
      if (isAlive(driver)) {
        driverDead = false;
        break;
      }
      let environ = '';
      try {
        environ = fs.readFileSync(`/proc/${pid}/environ`, 'utf8');
      } catch {
        continue;
      }
      if (environ.split('\0').includes(`ATLAS_E2E_RUN=${dir}`)) victims.push(pid);
    }
    if (!driverDead) continue;
    for (const pid of victims) {
      killGroup(pid);
      console.error(`[e2e] reaped orphaned process group ${pid} from ${name}`);
    }
    try {
      fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      /* best effort */
    }
  }
}

/** A fresh temp dir for one run; removed on exit unless E2E_KEEP=1. */
function makeRunDir(label = 'run') {
  installHandlers();
  reapOrphans();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${RUN_PREFIX}${label}-`));
  if (process.env.E2E_KEEP !== '1') cleanups.push(dir);
  return dir;
}

/** Spawns `cmd` in its own process group, tracked for cleanup and recorded for the reaper. */
function spawnTracked(runDir, name, cmd, args, opts = {}) {
  const proc = spawn(cmd, args, {
    ...opts,
    detached: true,
    env: { ...process.env, ...(opts.env || {}), ATLAS_E2E_RUN: runDir },
  });
  if (proc.pid) {
    groups.add(proc.pid);
    fs.writeFileSync(path.join(runDir, `${name}.pid`), `${proc.pid} ${process.pid}`);
    proc.once('exit', () => groups.delete(proc.pid));
  }
  return proc;
}

async function stopProcess(proc, graceMs = 5000) {
  if (!proc.pid || proc.exitCode !== null || proc.signalCode !== null) {
    groups.delete(proc.pid);
    return;
  }
  const exited = new Promise((r) => proc.once('exit', r));
  killGroup(proc.pid, 'SIGTERM');
  let timer;
  const timedOut = await Promise.race([
    exited.then(() => false),
    new Promise((r) => {
      timer = setTimeout(() => r(true), graceMs);
    }),
  ]);
  clearTimeout(timer);
  // The group may hold children (extension host, file watcher) even after the leader exits.
  killGroup(proc.pid, 'SIGKILL');
  if (timedOut) await exited;
  groups.delete(proc.pid);
}

// ---------------------------------------------------------------------------------------------------------
// Small async helpers (state waits, never sleeps)
// ---------------------------------------------------------------------------------------------------------
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** Resolves when `probe()` returns truthy; polls because the things we wait on (HTTP, files) have no event. */
async function until(probe, { timeout = 15000, interval = 100, message = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end)
      throw new Error(`timed out after ${timeout} ms waiting for ${message}${last ? `: ${last.message}` : ''}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

async function waitForHttp(url, timeout = 30000, proc) {
  return until(
    async () => {
      if (proc && proc.exitCode !== null)
        throw Object.assign(new Error(`process exited with ${proc.exitCode}`), { fatal: true });
      const r = await fetch(url);
      return r.ok;
    },
    { timeout, interval: 100, message: url },
  );
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    }),
  ]);
}

function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
    let out = '';
    p.stdout.on('data', (d) => {
      out += d;
    });
    p.stderr.on('data', (d) => {
      out += d;
    });
    p.on('error', reject);
    p.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${path.basename(cmd)} ${args.join(' ')} exited ${code}\n${out}`)),
    );
  });
}

function tail(file, lines = 40) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

// ---------------------------------------------------------------------------------------------------------
// The Atlas simulator (dist/simulator.js) and its control plane
// ---------------------------------------------------------------------------------------------------------
/**
 * Starts `node dist/simulator.js --port 0 --json` and returns
 * { url, credentials, faults: { add, clear }, reset, requests, rateLimit, stop }.
 */
async function startSimulator({ runDir = makeRunDir('sim'), port = 0, quiet = true } = {}) {
  const bin = process.env.ATLAS_SIMULATOR_BIN || path.join(ROOT, 'dist', 'simulator.js');
  if (!fs.existsSync(bin))
    throw new Error(`${path.relative(ROOT, bin)} is missing: run \`npm run build\` (needs src/simulator/main.ts)`);
  const logFile = path.join(runDir, 'simulator.log');
  const log = fs.openSync(logFile, 'a');
  const proc = spawnTracked(runDir, 'simulator', process.execPath, [bin, '--port', String(port), '--json'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', log],
  });
  const rl = readline.createInterface({ input: proc.stdout });
  const info = await withTimeout(
    new Promise((resolve, reject) => {
      proc.once('exit', (code) =>
        reject(new Error(`simulator exited with ${code} before listening:\n${tail(logFile)}`)),
      );
      rl.on('line', (line) => {
        const t = line.trim();
        if (!t.startsWith('{')) return;
        try {
          const j = JSON.parse(t);
          if (j && typeof j.url === 'string') resolve(j);
        } catch {
          /* not our line */
        }
      });
    }),
    15000,
    'simulator start',
  );
  // Keep draining stdout so the simulator never blocks on a full pipe.
  rl.on('line', (line) => {
    if (!quiet) console.log(`[sim] ${line}`);
  });
  const url = info.url.replace(/\/$/, '');
  const control = async (method, p, body) => {
    const r = await fetch(`${url}${p}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!r.ok) throw new Error(`simulator ${method} ${p} -> ${r.status} ${await r.text()}`);
    const text = await r.text();
    return text ? JSON.parse(text) : undefined;
  };
  return {
    url,
    credentials: info.credentials,
    proc,
    logFile,
    faults: {
      add: (rule) => control('POST', '/__sim/faults', rule),
      clear: () => control('DELETE', '/__sim/faults'),
    },
    reset: () => control('POST', '/__sim/reset'),
    requests: () => control('GET', '/__sim/requests'),
    rateLimit: (limit, windowSeconds) => control('POST', '/__sim/rate-limit', { limit, windowSeconds }),
    stop: () => stopProcess(proc),
  };
}

/** Environment (Atlas CLI names) that signs the extension in with the simulator's service account. */
function credentialEnv(sim) {
  const sa = sim.credentials && sim.credentials.serviceAccount;
  if (!sa) throw new Error('simulator did not report a serviceAccount credential');
  return { MONGODB_ATLAS_CLIENT_ID: sa.clientId, MONGODB_ATLAS_CLIENT_SECRET: sa.clientSecret, ATLAS_SIM_URL: sim.url };
}

/** GET one Atlas API path from the simulator with its service account (so the harness needs no copy of SEED). */
async function simApiGet(sim, apiPath) {
  const sa = sim.credentials.serviceAccount;
  const tok = await fetch(`${sim.url}/api/oauth/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${sa.clientId}:${sa.clientSecret}`).toString('base64')}`,
    },
    body: 'grant_type=client_credentials',
  });
  if (!tok.ok) throw new Error(`simulator token endpoint -> ${tok.status}`);
  const { access_token: token } = await tok.json();
  const r = await fetch(`${sim.url}${apiPath}`, {
    headers: { authorization: `Bearer ${token}`, accept: 'application/vnd.atlas.2023-01-01+json' },
  });
  if (!r.ok) throw new Error(`simulator GET ${apiPath} -> ${r.status}`);
  return r.json();
}

/** Looks up a seeded project's id by name through the simulator's own API. */
async function projectId(sim, name) {
  const body = await simApiGet(sim, '/api/atlas/v2/groups?itemsPerPage=500');
  const p = (body.results || []).find((g) => g.name === name);
  if (!p) throw new Error(`no project named ${name} in the simulator`);
  return p.id;
}

/**
 * What the simulator holds now, counted from its all-clusters listing: `{ clusters, backupOff }`. A journey
 * compares what a page shows with these rather than with figures of today's seed, which grows.
 */
async function fleetCounts(sim) {
  const body = await simApiGet(sim, '/api/atlas/v2/clusters?itemsPerPage=500');
  const clusters = (body.results || []).flatMap((g) => g.clusters || []);
  if (body.totalCount !== undefined && body.totalCount !== (body.results || []).length)
    throw new Error('the all-clusters listing has more than one page of projects');
  return { clusters: clusters.length, backupOff: clusters.filter((c) => c.backupEnabled === false).length };
}

// ---------------------------------------------------------------------------------------------------------
// code-server
// ---------------------------------------------------------------------------------------------------------
const baseSettings = (simUrl) => ({
  ...(simUrl ? { 'atlasBackup.baseUrl': simUrl } : {}),
  'workbench.startupEditor': 'none', // else "Walkthrough: Setup VS Code Web" opens as an editor
  'security.workspace.trust.enabled': false, // Restricted Mode would disable the extension
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'window.confirmBeforeClose': 'never',
  'workbench.editor.enablePreview': false,
});

function codeServerInstalled() {
  return fs.existsSync(CODE_SERVER) && fs.existsSync(CHROMIUM);
}

/**
 * Starts code-server with a fresh user-data-dir and extensions-dir on 127.0.0.1.
 * Options: folder (workspace; default a fresh one in the run dir), settings, env, vsix (installed first),
 * port (default: a free one), runDir.
 */
async function startCodeServer({
  folder,
  settings = baseSettings(),
  env = {},
  vsix,
  port,
  runDir = makeRunDir('cs'),
} = {}) {
  if (!fs.existsSync(CODE_SERVER))
    throw new Error(`code-server is not installed at ${CODE_SERVER}: run \`bash tools/setup-code-server.sh\``);
  const data = path.join(runDir, 'data');
  const exts = path.join(runDir, 'extensions');
  folder = folder || path.join(runDir, 'workspace');
  fs.mkdirSync(path.join(data, 'User'), { recursive: true });
  fs.mkdirSync(exts, { recursive: true });
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(data, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  // Machine-scoped settings (atlasBackup.baseUrl) are read from the remote's settings in a remote window such as
  // code-server's: the local user settings only count until the extension's configuration is registered.
  const machine = Object.fromEntries(Object.entries(settings).filter(([k]) => k === 'atlasBackup.baseUrl'));
  if (Object.keys(machine).length) {
    fs.mkdirSync(path.join(data, 'Machine'), { recursive: true });
    fs.writeFileSync(path.join(data, 'Machine', 'settings.json'), JSON.stringify(machine, null, 2));
  }
  const common = ['--user-data-dir', data, '--extensions-dir', exts];
  if (vsix) {
    const out = await run(CODE_SERVER, [...common, '--install-extension', vsix], {
      env: { ...process.env, ATLAS_E2E_RUN: runDir },
    });
    if (!/successfully installed/i.test(out)) throw new Error(`installing ${vsix} failed:\n${out}`);
  }
  port = port || (await freePort());
  const logFile = path.join(runDir, 'code-server.log');
  const log = fs.openSync(logFile, 'a');
  const proc = spawnTracked(
    runDir,
    'code-server',
    CODE_SERVER,
    [
      ...common,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      '--disable-file-downloads',
      '--log',
      process.env.E2E_LOG_LEVEL || 'info',
      folder,
    ],
    { stdio: ['ignore', log, log], env, cwd: ROOT },
  );
  try {
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, 30000, proc);
  } catch (e) {
    await stopProcess(proc);
    throw new Error(`code-server did not come up: ${e.message}\n${tail(logFile)}`);
  }
  return { port, runDir, folder, logFile, proc, url: `http://127.0.0.1:${port}/`, stop: () => stopProcess(proc) };
}

/**
 * Workbench URL; `payload` is the only way to pass extensionDevelopmentPath/extensionTestsPath to code-server.
 * `openFile` (an absolute path) opens that file in an editor once the workbench is up.
 */
function workbenchUrl(port, folder, { devPath, testsPath, openFile } = {}) {
  const auth = `127.0.0.1:${port}`; // must be the very host:port the page is loaded from
  const payload = [];
  if (devPath) payload.push(['extensionDevelopmentPath', `vscode-remote://${auth}${devPath}`]);
  if (testsPath) payload.push(['extensionTestsPath', `vscode-remote://${auth}${testsPath}`]);
  if (openFile) payload.push(['openFile', `vscode-remote://${auth}${openFile}`]);
  return (
    `http://${auth}/?folder=${encodeURIComponent(folder)}` +
    (payload.length ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : '')
  );
}

// ---------------------------------------------------------------------------------------------------------
// Chromium
// ---------------------------------------------------------------------------------------------------------
const CHROMIUM_ARGS = [
  '--disable-gpu',
  '--disable-quic',
  '--disable-sync',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-dev-shm-usage',
  // Without this, Debian Chromium still resolves Google hosts even with the flags above.
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
];

async function launchBrowser() {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`Chromium is not installed at ${CHROMIUM}: run \`bash tools/setup-code-server.sh\``);
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    chromiumSandbox: false,
    args: CHROMIUM_ARGS,
  });
  // Chromium is Playwright's child and talks to it over a pipe, so it also exits when a killed driver's pipe
  // closes (checked with kill -9); on a normal exit, make sure it does not outlive us.
  process.once('exit', () => {
    try {
      browser.process()?.kill('SIGKILL');
    } catch {
      /* gone */
    }
  });
  return browser;
}

async function newPage(browser) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(15000);
  return page;
}

// ---------------------------------------------------------------------------------------------------------
// Page objects (VS Code workbench DOM as of 1.100)
// ---------------------------------------------------------------------------------------------------------
const ui = {
  /** Waits for the workbench and for our activity-bar icon (only then are our contributions registered). */
  async waitForWorkbench(page, title = 'Atlas Backup', timeout = 60000) {
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout });
    await page.locator(`.activitybar a.action-label[aria-label^="${title}"]`).waitFor({ timeout });
  },
  async openViewContainer(page, title = 'Atlas Backup') {
    const label = `a.action-label[aria-label^="${title}"]`;
    // Clicking the icon of the container that is already showing would close the sidebar.
    const li = page.locator('.activitybar li.action-item', { has: page.locator(label) });
    // Just after a (re)load the workbench may swallow the click while it restores its layout: click again, but only
    // while the container is still not showing.
    const open = async () => (await li.getAttribute('aria-selected')) === 'true';
    for (let i = 0; !(await open()); i++) {
      if (i === 5) throw new Error(`${title} view container did not open after 5 clicks on its icon`);
      await page.locator(`.activitybar ${label}`).click();
      try {
        await until(open, { timeout: 3000, message: `${title} view container to open` });
      } catch {
        /* swallowed: again */
      }
    }
    await page.locator('.part.sidebar .composite.title', { hasText: title }).waitFor();
  },
  /** Drags the sidebar's sash so it is `width` px wide (VS Code has no setting for it). */
  async resizeSidebar(page, width) {
    const box = await page.locator('.part.sidebar').boundingBox();
    if (!box) return;
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width - 1, y);
    await page.mouse.down();
    await page.mouse.move(box.x + width, y, { steps: 5 });
    await page.mouse.up();
  },
  viewPane: (page, title) =>
    page.locator('.part.sidebar .pane', { has: page.locator('.pane-header', { hasText: title }) }),
  /** A tree row whose aria-label ("<label> <description>") starts with `label`. */
  treeItem(scope, label) {
    const re = label instanceof RegExp ? label : new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s|$)`);
    return scope.getByRole('treeitem', { name: re });
  },
  /** Expands a row via its twistie (clicking a row with a command would run the command). */
  // A click that lands while the tree re-renders the row (its description arriving: "356 total") is lost, so
  // click the twistie again while the row has not changed state; each click is checked before the next.
  async expand(row) {
    await toggleRow(row, 'true');
  },
  async collapse(row) {
    await toggleRow(row, 'false');
  },
  /** VS Code arms menu items' mouseup ~100 ms after render: the one documented wait, then re-click until it runs. */
  async clickContextMenuItem(page, name) {
    const item = page.getByRole('menuitem', { name, exact: true });
    await item.waitFor();
    await page.waitForTimeout(150);
    for (let i = 0; i < 10; i++) {
      await item.click().catch(() => {});
      try {
        await item.waitFor({ state: 'hidden', timeout: 500 });
        return;
      } catch {
        /* swallowed click: retry */
      }
    }
    throw new Error(`context menu item '${name}' did not run`);
  },
  /** Runs "Category: Title" from the command palette; reopens it if our command is not listed yet. */
  async runCommand(page, label) {
    const input = page.locator('.quick-input-widget input.input');
    for (let a = 0; a < 4; a++) {
      // F1 typed into a webview stays there: give the focus back to the workbench first. And a webview that takes
      // the focus back a moment later (after a quick pick closes, VS Code restores the editor's focus) closes the
      // palette under us: then the fill or the click below fails on a hidden input, and we simply open it again.
      await page.evaluate(() => {
        const el = document.activeElement;
        if (el && el.tagName === 'IFRAME' && el instanceof HTMLElement) el.blur();
      });
      await page.keyboard.press('F1');
      const row = page.locator(`.quick-input-list .monaco-list-row[aria-label^=${JSON.stringify(label)}]`).first();
      try {
        await input.waitFor({ timeout: 5000 });
        await input.fill('>' + label, { timeout: 3000 });
        await row.waitFor({ timeout: 3000 });
        await row.click({ timeout: 3000 });
      } catch {
        if (await input.isVisible()) await page.keyboard.press('Escape');
        continue;
      }
      // The palette closes; a command that asks something (Sign In) may open its own quick input at once, so
      // "closed" is: hidden, or showing something other than the palette's '>' query.
      await page.waitForFunction(
        () => {
          const el = document.querySelector('.quick-input-widget input.input');
          return !el || el.offsetParent === null || !el.value.startsWith('>');
        },
        undefined,
        { timeout: 15000 },
      );
      return;
    }
    throw new Error(`command '${label}' could not be run from the palette (not listed, or the palette kept closing)`);
  },
  async quickOpen(page, fileName) {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input.input');
    await input.waitFor();
    await input.fill(fileName);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: fileName }).first().click();
    await input.waitFor({ state: 'hidden' });
  },
  // The webview showing: editors whose tab is hidden keep their (hidden) iframe, as the schedule editor retains its context.
  activeWebview: (page) => page.frameLocator('iframe.webview.ready:visible').frameLocator('#active-frame'),
  modalDialog: (page) => page.locator('.monaco-dialog-box[role="dialog"]'),
  notifications: (page) => page.locator('.notifications-toasts .notification-toast'),
  async clearNotifications(page) {
    if (await page.locator('.notifications-toasts .notification-toast').count())
      await ui.runCommand(page, 'Notifications: Clear All Notifications');
  },
};

async function toggleRow(row, want) {
  const is = async () => ((await row.getAttribute('aria-expanded')) === 'true' ? 'true' : 'false');
  if ((await is()) === want) return;
  for (let i = 0; i < 5; i++) {
    await row.locator('.monaco-tl-twistie').click();
    try {
      await until(async () => (await is()) === want, { timeout: 3000, message: 'row' });
      return;
    } catch {
      /* lost to a re-render */
    }
  }
  throw new Error(`row did not ${want === 'true' ? 'expand' : 'collapse'} after 5 clicks on its twistie`);
}

async function screenshot(page, name) {
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  const file = path.join(SHOTS_DIR, name.endsWith('.png') ? name : `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** On a failure: a screenshot and the tail of the code-server log, so CI output alone explains it. */
async function reportFailure(page, cs, name, err) {
  console.error(`\n✗ ${name}: ${err && err.stack ? err.stack : err}`);
  if (page) {
    try {
      console.error(
        `  screenshot: ${path.relative(ROOT, await screenshot(page, `FAILED-${name.replace(/[^\w-]+/g, '_')}`))}`,
      );
    } catch {
      /* page gone */
    }
  }
  if (cs) console.error(`  code-server log (tail):\n${tail(cs.logFile, 30).replace(/^/gm, '    ')}`);
  // The extension's own log ("Atlas Backup" output channel) of each window: what it did and refused.
  for (const f of cs ? findFiles(path.join(cs.runDir, 'data', 'logs'), (n) => n.includes('Atlas Backup')) : []) {
    console.error(`  extension log ${path.relative(cs.runDir, f)} (tail):\n${tail(f, 25).replace(/^/gm, '    ')}`);
  }
}

function findFiles(dir, match) {
  let out = [];
  let entries = [];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out = out.concat(findFiles(p, match));
    else if (match(e.name)) out.push(p);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// In-host test run (shared by run-integration.js and the @vscode/test-electron shim)
// ---------------------------------------------------------------------------------------------------------
/**
 * Opens the workbench with extensionDevelopmentPath + extensionTestsPath, forwards the mocha output (tagged
 * "[mocha] " by test/integration/index.ts) to `log`, waits for codeAutomationExit and reads the results file.
 * Resolves { code, passed, failed, results }; throws if the host wrote no results.
 */
async function runExtensionTests({
  folder,
  devPath,
  testsPath,
  settings = baseSettings(),
  env = {},
  runDir = makeRunDir('tests'),
  timeoutMs = 240000,
  log = console.log,
}) {
  const resultsFile = env.ATLAS_TEST_RESULTS || process.env.ATLAS_TEST_RESULTS || path.join(runDir, 'results.json');
  try {
    fs.rmSync(resultsFile, { force: true });
  } catch {
    /* a stale file must not pass for this run */
  }
  let cs, browser, page;
  try {
    cs = await startCodeServer({ runDir, folder, settings, env: { ...env, ATLAS_TEST_RESULTS: resultsFile } });
    browser = await launchBrowser();
    page = await newPage(browser);
    let sawMocha = false;
    page.on('console', (m) => {
      const t = m.text();
      const at = t.indexOf('[mocha] ');
      if (at < 0) return;
      sawMocha = true;
      log(
        t
          .slice(at)
          .split('\n')
          .map((l) => l.replace(/^\[mocha\] /, ''))
          .join('\n'),
      );
    });
    let done;
    const exited = new Promise((r) => {
      done = r;
    });
    await page.exposeFunction('codeAutomationExit', (code) => done(code)); // must be exposed before goto
    await page.goto(workbenchUrl(cs.port, cs.folder, { devPath, testsPath }));
    const code = await withTimeout(exited, timeoutMs, 'in-host test run');
    const results = fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, 'utf8')) : null;
    if (!results) throw new Error(`the in-host runner wrote no results (exit code ${code})`);
    // The file is the source of truth; repeat failures from it only if the console output was lost.
    if (!sawMocha)
      for (const r of results.results.filter((x) => x.state === 'failed')) log(`\nFAILED: ${r.title}\n${r.err}`);
    return { code, passed: results.passed, failed: results.failed, results };
  } catch (e) {
    await reportFailure(page, cs, 'in-host tests', e);
    throw e;
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (cs) await cs.stop();
  }
}

/**
 * Copies samples/*.schedule.json into a workspace folder (as `npm start` and the UI tier both do), keeping any
 * file already there so a user's edits to the demo workspace survive the next start.
 */
function seedWorkspace(dir) {
  const samples = path.join(ROOT, 'samples');
  if (!fs.existsSync(samples)) return;
  fs.mkdirSync(dir, { recursive: true });
  for (const f of fs.readdirSync(samples)) {
    const dest = path.join(dir, f);
    if (f.endsWith('.schedule.json') && !fs.existsSync(dest)) fs.copyFileSync(path.join(samples, f), dest);
  }
}

module.exports = {
  runExtensionTests,
  ROOT,
  CODE_SERVER,
  CHROMIUM,
  EXTENSION_ID,
  RESULTS_DIR,
  SHOTS_DIR,
  installHandlers,
  reapOrphans,
  makeRunDir,
  spawnTracked,
  stopProcess,
  killAll,
  freePort,
  portIsFree,
  until,
  waitForHttp,
  withTimeout,
  run,
  tail,
  startSimulator,
  credentialEnv,
  projectId,
  simApiGet,
  fleetCounts,
  seedWorkspace,
  baseSettings,
  codeServerInstalled,
  startCodeServer,
  workbenchUrl,
  launchBrowser,
  newPage,
  ui,
  screenshot,
  reportFailure,
};
