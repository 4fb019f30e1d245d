#!/usr/bin/env node
// `npm run bench`: figures, not a test. Never fails on a number (only if something cannot run at all).
//  1. Production build (`node esbuild.js --production`), then bundle sizes in KiB (raw and gzip); for dist/extension.js
//     and every bundle it loads: whether activation loads it or a first use, and one `require` of it in a fresh process.
//  2. Activation time in a *stub host*: dist/extension.js loaded in plain Node with a permissive `vscode` stub,
//     timing require() + activate(). It measures our own code's start-up cost only, not VS Code's.
//  3. Activation time as VS Code itself reports it (code-server, "Developer: Show Running Extensions"), if
//     code-server and Chromium are installed (skip with --no-vscode).
//     In the same code-server: the schedule editor's time from "open" to a form that takes input, as a ratio to a
//     blank webview custom editor opened the same way (bench/blank-editor; goal ≤ 1.2), our own share as the webview
//     measures it (goal < 30 ms), and why later opens in a window are slower than the first.
//  4. Every bench/*.bench.ts, bundled with esbuild and run in Node; their output is printed as is (validate: schedule
//     validation p50/p99; tree: the Projects tree against the scale seed with 80 ms a request — round trips, time to
//     first rows and its ratio to the fewest round trips, heap while paging 5,000 snapshots). `--only NAME` runs one.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const Module = require('node:module');
const { spawnSync } = require('node:child_process');
const { performance } = require('node:perf_hooks');

const ROOT = path.resolve(__dirname, '..');
const argv = process.argv.slice(2);
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;

function build() {
  const t = performance.now();
  const r = spawnSync(process.execPath, ['esbuild.js', '--production'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('production build failed');
  console.log(`production build: ${((performance.now() - t) / 1000).toFixed(2)} s`);
}

// The .vsix as it would ship: packaged from the production build, written outside dist/ so the developer's
// own dist/atlas-backup.vsix is left alone.
function packageVsix() {
  const out = path.join(ROOT, 'out-test', 'bench');
  fs.mkdirSync(out, { recursive: true });
  const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  // The same vsce flags as the `package` script, with only the output path changed.
  const script = require(path.join(ROOT, 'package.json')).scripts.package || '';
  const flags = (script.split(/vsce package/)[1] || '--no-dependencies')
    .split('&&')[0]
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  const o = flags.indexOf('-o');
  if (o >= 0) flags.splice(o, 2);
  const r = spawnSync(process.execPath, [vsce, 'package', ...flags, '-o', path.join(out, 'atlas-backup.vsix')], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.status !== 0) console.log(`(vsce package failed: ${String(r.stderr).split('\n')[0]})`);
}

/** bench/blank-editor as a .vsix (vsce needs no network), for code-server to install beside ours. */
function packageBlankEditor() {
  const out = path.join(ROOT, 'out-test', 'bench', 'blank-webview-editor.vsix');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const args = ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', out];
  const r = spawnSync(process.execPath, [vsce, ...args], {
    cwd: path.join(__dirname, 'blank-editor'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.status !== 0) throw new Error(`packaging bench/blank-editor failed: ${String(r.stderr).split('\n')[0]}`);
  return out;
}

function sizes() {
  // dist/extension.js and the bundles it loads have their own table (extensionBundles, after the activation figures).
  const files = ['dist/cli.js', 'dist/simulator.js'];
  const wv = path.join(ROOT, 'dist', 'webview');
  if (fs.existsSync(wv))
    for (const f of fs.readdirSync(wv).filter((f) => f.endsWith('.js') || f.endsWith('.css')))
      files.push(`dist/webview/${f}`);
  files.push('out-test/bench/atlas-backup.vsix');
  console.log('\nbundle sizes (production build)');
  for (const f of files) {
    const p = path.join(ROOT, f);
    if (!fs.existsSync(p)) {
      console.log(`  ${f.padEnd(34)} (not built)`);
      continue;
    }
    const buf = fs.readFileSync(p);
    const gz = f.endsWith('.vsix') ? '' : `  gzip ${kib(zlib.gzipSync(buf, { level: 9 }).length)}`;
    const note = f.endsWith('.vsix') ? '  (vsce package of this production build)' : '';
    console.log(`  ${f.padEnd(34)} ${kib(buf.length).padStart(11)}${gz}${note}`);
  }
  // The CLI behind dist/cli.js: --help and --version from help.cjs alone, every command from main.cjs.
  for (const f of ['dist/cli/help.cjs', 'dist/cli/main.cjs']) {
    const p = path.join(ROOT, f);
    if (fs.existsSync(p)) console.log(`  ${f.padEnd(34)} ${kib(fs.statSync(p).size).padStart(11)}`);
  }
}

// A `vscode` module that accepts anything: every property is a callable, constructible proxy whose calls
// return another such proxy, so activate() can register commands, views and channels without a host.
// The top level is a plain object with the real API's export names (read from @types/vscode), because
// esbuild's ESM interop copies own properties and would see none on a bare proxy.
function makeVscodeStub() {
  const noop = () => {};
  const fallback = (name, prop) => {
    if (prop === 'then') return undefined; // never thenable: `await stub` must not hang
    if (prop === Symbol.toPrimitive) return () => '';
    if (prop === Symbol.iterator) return function* () {};
    if (typeof prop === 'symbol') return undefined;
    if (prop === 'dispose') return noop;
    if (prop === 'get') return (_key, dflt) => dflt; // configuration.get(key, default)
    return make(`${name}.${String(prop)}`);
  };
  // An instance: real own/prototype members first (subclasses of TreeItem etc. keep their fields), stub for the rest.
  const instance = (name, proto) =>
    new Proxy(Object.create(proto || Object.prototype), {
      get: (o, p) => (p in o ? Reflect.get(o, p) : fallback(name, p)),
    });
  function make(name) {
    const target = function () {};
    return new Proxy(target, {
      get: (t, p) => (p === 'prototype' || p === 'name' || p === 'length' ? Reflect.get(t, p) : fallback(name, p)),
      apply: () => make(`${name}()`),
      // Assignments (statusBarItem.name = …) must not throw on a function's read-only own properties.
      set: (t, p, v) => Reflect.defineProperty(t, p, { value: v, writable: true, configurable: true }) || true,
      construct: (_t, _a, newTarget) => instance(`new ${name}`, newTarget.prototype),
    });
  }
  const dts = fs.readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
  const names = new Set(
    [...dts.matchAll(/^[\t ]+export (?:class|enum|namespace|function|const|let|var) (\w+)/gm)].map((m) => m[1]),
  );
  const stub = {};
  for (const n of names) stub[n] = make(`vscode.${n}`);
  const memento = () => {
    const m = new Map();
    return {
      get: (k, d) => (m.has(k) ? m.get(k) : d),
      update: async (k, v) => {
        m.set(k, v);
      },
      keys: () => [...m.keys()],
      setKeysForSync: noop,
    };
  };
  const secrets = () => {
    const m = new Map();
    return {
      get: async (k) => m.get(k),
      store: async (k, v) => {
        m.set(k, v);
      },
      delete: async (k) => {
        m.delete(k);
      },
      onDidChange: () => ({ dispose: noop }),
    };
  };
  const context = () => {
    const base = {
      subscriptions: [],
      extensionPath: ROOT,
      extensionUri: stub.Uri.file(ROOT),
      globalState: memento(),
      workspaceState: memento(),
      secrets: secrets(),
      asAbsolutePath: (p) => path.join(ROOT, p),
      extensionMode: 1,
      storageUri: undefined,
      globalStorageUri: stub.Uri.file(path.join(ROOT, '.bench-storage')),
      logUri: stub.Uri.file(path.join(ROOT, '.bench-log')),
    };
    return new Proxy(base, { get: (t, p) => (p in t ? t[p] : fallback('context', p)) });
  };
  return { stub, context, names: names.size };
}

/** Resolves to the dist/ files the first activate() had loaded (the rest of the extension's bundles wait for use). */
async function stubActivation(runs = 20) {
  const bundle = path.join(ROOT, 'dist', 'extension.js');
  const dist = path.join(ROOT, 'dist') + path.sep;
  const loaded = new Set();
  const { stub, context } = makeVscodeStub();
  const origLoad = Module._load;
  Module._load = function (request, ...rest) {
    return request === 'vscode' ? stub : origLoad.call(this, request, ...rest);
  };
  // No credentials in the environment: sign-in would go to the network, which is not start-up cost.
  for (const k of Object.keys(process.env)) if (k.startsWith('MONGODB_ATLAS_')) delete process.env[k];
  const times = [];
  // Work the extension starts after activate() (reading drafts through a stubbed workspace.fs, say) fails on stub
  // values; that is not start-up cost, and it must not end the bench.
  let late = 0;
  const swallow = () => {
    late++;
  };
  process.on('unhandledRejection', swallow);
  try {
    for (let i = 0; i < runs; i++) {
      delete require.cache[require.resolve(bundle)];
      const t0 = performance.now();
      const ext = require(bundle);
      const t1 = performance.now();
      const ctx = context();
      await ext.activate(ctx);
      const t2 = performance.now();
      if (i === 0)
        for (const f of Object.keys(require.cache)) if (f.startsWith(dist)) loaded.add(path.relative(ROOT, f));
      times.push({ require: t1 - t0, activate: t2 - t1 });
      for (const d of ctx.subscriptions) {
        try {
          d.dispose();
        } catch {
          /* stubbed */
        }
      }
      if (ext.deactivate) await ext.deactivate();
    }
  } finally {
    Module._load = origLoad;
    await new Promise((r) => setTimeout(r, 50)); // let the stubbed background work settle before unhooking
    process.off('unhandledRejection', swallow);
  }
  const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(
    `\nactivation in a stub host (plain Node ${process.version}, vscode API stubbed; our code only, not VS Code's)`,
  );
  console.log(
    `  first load:  require ${times[0].require.toFixed(1)} ms + activate() ${times[0].activate.toFixed(1)} ms`,
  );
  console.log(
    `  median of ${runs - 1} warm loads: require ${median(times.slice(1).map((t) => t.require)).toFixed(1)} ms + activate() ${median(times.slice(1).map((t) => t.activate)).toFixed(1)} ms`,
  );
  return loaded;
}

/**
 * dist/extension.js and every bundle it loads (esbuild.js's extensionBundles): size, whether activation loads it (as
 * the stub host saw it) or only a first use, and the time one `require` of it takes in a fresh Node process with
 * `vscode` stubbed (bench/requireTime.js; the median of several processes, beside an empty file's): reading, compiling
 * and running the bundle's top level, the part of activation that grows with the bundle.
 */
function extensionBundles(atActivation, runs = 9) {
  const files = require(path.join(ROOT, 'esbuild.js')).extensionBundles.map((b) => b.outfile);
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const requireMs = (file) => {
    const xs = [];
    for (let i = 0; i < runs; i++) {
      const r = spawnSync(process.execPath, [path.join(__dirname, 'requireTime.js'), file], { encoding: 'utf8' });
      if (r.status !== 0) return NaN;
      xs.push(Number(r.stdout.trim()));
    }
    return median(xs);
  };
  const empty = path.join(ROOT, 'out-test', 'bench', 'empty.js');
  fs.mkdirSync(path.dirname(empty), { recursive: true });
  fs.writeFileSync(empty, '');
  console.log(
    `\nthe extension's bundles (production build): size, when loaded, one require in a fresh process (median of ${runs}, vscode stubbed)`,
  );
  const total = { activation: 0, later: 0 };
  for (const f of files) {
    const p = path.join(ROOT, f);
    if (!fs.existsSync(p)) {
      console.log(`  ${f.padEnd(22)} (not built)`);
      continue;
    }
    const buf = fs.readFileSync(p);
    const when = !atActivation ? '?' : atActivation.has(f) ? 'at activation' : 'on first use';
    if (atActivation) total[atActivation.has(f) ? 'activation' : 'later'] += buf.length;
    const ms = requireMs(p);
    const budget =
      f === 'dist/extension.js' ? `  (budget 300 KiB: ${buf.length < 300 * 1024 ? 'within' : 'OVER'})` : '';
    console.log(
      `  ${f.padEnd(22)} ${kib(buf.length).padStart(10)}  gzip ${kib(zlib.gzipSync(buf, { level: 9 }).length).padStart(9)}  ${when.padEnd(13)}  require ${Number.isNaN(ms) ? 'failed' : `${ms.toFixed(1)} ms`}${budget}`,
    );
  }
  console.log(`  (an empty file: require ${requireMs(empty).toFixed(1)} ms)`);
  if (atActivation)
    console.log(
      `  loaded at activation: ${kib(total.activation)}; loaded on first use of a feature: ${kib(total.later)}`,
    );
}

// VS Code's own figure: the Running Extensions editor shows each extension's activation time.
async function vscodeActivation() {
  const lib = require('../test/e2e/lib');
  if (!lib.codeServerInstalled()) {
    console.log(
      '\nactivation in VS Code: skipped (code-server/Chromium not installed; run tools/setup-code-server.sh)',
    );
    return;
  }
  if (!fs.existsSync(path.join(ROOT, 'dist', 'simulator.js'))) {
    console.log('\nactivation in VS Code: skipped (dist/simulator.js missing)');
    return;
  }
  const runDir = lib.makeRunDir('bench');
  const sim = await lib.startSimulator({ runDir });
  let cs, browser;
  try {
    const folder = path.join(runDir, 'workspace');
    lib.seedWorkspace(folder); // the sample schedules, for the editor's figure
    cs = await lib.startCodeServer({
      runDir,
      folder,
      settings: lib.baseSettings(sim.url),
      env: lib.credentialEnv(sim),
      // VS Code's own baseline beside ours: a blank webview editor (bench/blank-editor), installed as a .vsix
      // (code-server's web workbench loads one development extension only).
      vsix: packageBlankEditor(),
    });
    browser = await lib.launchBrowser();
    const page = await lib.newPage(browser);
    await page.goto(lib.workbenchUrl(cs.port, cs.folder, { devPath: ROOT }));
    await lib.ui.waitForWorkbench(page, 'Atlas Backup', 60000);
    await lib.ui.openViewContainer(page, 'Atlas Backup'); // activation event: onView
    await lib.ui.treeItem(page.locator('.part.sidebar'), 'Production').waitFor({ timeout: 30000 });
    await lib.ui.runCommand(page, 'Developer: Show Running Extensions');
    // A development extension is listed under its id (aria-label = the manifest name).
    const entry = page.locator('.runtime-extensions-editor .monaco-list-row[aria-label="atlas-backup"]');
    await entry.waitFor();
    const time = entry.locator('.activation-time');
    const timeText = ((await time.textContent()) || '').trim();
    // Its hover explains the figure (activation event; code loading vs. activate() call).
    await time.hover();
    const hover = page.locator('.workbench-hover, .monaco-hover').filter({ hasText: /activ/i }).first();
    const detail = await hover.textContent({ timeout: 3000 }).catch(() => '');
    console.log(
      '\nactivation in VS Code (code-server 4.100.3 = VS Code 1.100.3, Node extension host; "Developer: Show Running Extensions")',
    );
    console.log(`  ${timeText || '(time not shown)'}${detail ? `   — ${detail.replace(/\s+/g, ' ').trim()}` : ''}`);
    await lib.screenshot(page, 'bench-running-extensions.png');
    await editorReady(lib, page, runDir).catch(async (e) => {
      console.log(`\nschedule editor: could not measure it (${String(e.message || e).split('\n')[0]})`);
      await lib.screenshot(page, 'bench-editor-failed.png');
    });
  } catch (e) {
    console.log(`\nactivation in VS Code: could not read it (${String(e.message || e).split('\n')[0]})`);
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (cs) await cs.stop();
    await sim.stop();
  }
}

// The schedule editor against a blank webview editor (bench/blank-editor: one static page, one control, nothing of
// ours), opened the same way in the same window: a file opened fresh in the text editor (quick open reopens a file with
// the editor it last had), then the "open with" command; from the command to a control that takes input. Our
// figure is a ratio to VS Code's own (goal ≤ 1.2); our share (our script requested → first state drawn, reported by the
// webview) has its own goal (< 30 ms). Then why later opens in a window are slower than the first.
async function editorReady(lib, page, runDir) {
  const { ui } = lib;
  const folder = path.join(runDir, 'workspace');
  // A fresh file for every open (a file opened before would reopen in the editor it last had), copied from the
  // samples in turn (BENCH_EDITOR_FILES=a,b,c picks others).
  const samples = (process.env.BENCH_EDITOR_FILES || 'orders-rs,ledger-pit,analytics-nvme').split(',');
  for (let i = 0; i < 8; i++) {
    fs.writeFileSync(path.join(folder, `blank-${i}.blank`), 'blank\n');
    fs.copyFileSync(
      path.join(folder, `${samples[i % samples.length]}.schedule.json`),
      path.join(folder, `open-${i}-${samples[i % samples.length]}.schedule.json`),
    );
  }
  let blanks = 0;
  let opened = 0;
  let lastOurs = '';
  const median = (xs) => (xs.length ? xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)] : NaN);
  const control = (key) => ui.activeWebview(page).locator(`select[data-key="${key}"]:enabled`);

  /** Opens one editor and resolves to its open-to-input time in ms. */
  async function open(kind) {
    if (!process.env.BENCH_EDITOR_KEEP) await ui.runCommand(page, 'View: Close All Editors');
    const n = kind === 'ours' ? opened++ : blanks++;
    const file = kind === 'ours' ? `open-${n}-${samples[n % samples.length]}.schedule.json` : `blank-${n}.blank`;
    if (kind === 'ours') lastOurs = file;
    await ui.quickOpen(page, file);
    await page.locator('.editor-instance .monaco-editor').first().waitFor();
    const command = {
      ours: 'Atlas Backup: Open in Schedule Editor',
      blank: 'Bench: Open in Blank Webview Editor',
      retained: 'Bench: Open in Retained Blank Webview Editor',
    }[kind];
    await ui.runCommand(page, command);
    const t0 = Date.now();
    await control(kind === 'ours' ? 'policies[0].policyItems[0].frequencyInterval' : 'blank').waitFor({
      timeout: 30000,
    });
    return Date.now() - t0;
  }

  // Window 1: ours first (the first webview of a window), then blank and ours in turn, then the retained blank.
  const ours = [await open('ours')];
  const blank = [];
  const retained = [];
  for (let i = 0; i < 3; i++) {
    blank.push(await open('blank'));
    ours.push(await open('ours'));
  }
  for (let i = 0; i < 3; i++) retained.push(await open('retained'));
  // Window 2 (reloaded): the blank first this time, then ours: is the first open fast for any webview?
  await ui.runCommand(page, 'View: Close All Editors'); // nothing restored after the reload: the blank is first
  await page.reload();
  await ui.waitForWorkbench(page, 'Atlas Backup', 60000);
  const blankFirst = await open('blank');
  const oursAfterBlank = await open('ours');

  // Back to a schedule editor whose tab was hidden behind another: from the click on its tab to input again.
  const back = [];
  for (let i = 0; i < 3; i++) {
    await ui.runCommand(page, 'File: New Untitled Text File');
    await page.locator('.tabs-container .tab.active', { hasText: 'Untitled' }).waitFor();
    const t0 = Date.now();
    await page.locator('.tabs-container .tab', { hasText: lastOurs }).last().click(); // the form's tab (the JSON's is first)
    await control('policies[0].policyItems[0].frequencyInterval').waitFor({ timeout: 30000 });
    back.push(Date.now() - t0);
  }
  await ui.runCommand(page, 'View: Close All Editors');
  const dontSave = page.locator('.monaco-dialog-box').getByRole('button', { name: /Don't Save/ });
  if (await dontSave.count()) await dontSave.click();
  // The extension's own figures, from its log files (LogOutputChannel writes them under the user-data dir).
  const logged = [];
  const walk = (d) => {
    for (const e of fs.existsSync(d) ? fs.readdirSync(d, { withFileTypes: true }) : []) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/Atlas Backup\.log$/.test(e.name))
        for (const m of fs
          .readFileSync(p, 'utf8')
          .matchAll(
            /Schedule editor ready for input in (\d+) ms: webview start-up (\d+) ms, then ours \(state and page (\d+) ms \+ script to drawn (\d+) ms\) (\d+) ms/g,
          ))
          logged.push({
            total: Number(m[1]),
            boot: Number(m[2]),
            host: Number(m[3]),
            script: Number(m[4]),
            own: Number(m[5]),
          });
    }
  };
  walk(path.join(runDir, 'data', 'logs'));

  const later = ours.slice(1);
  const ratio = median(later) / median(blank);
  const own = logged.map((l) => l.own);
  const os = require('node:os');
  console.log(
    `\nschedule editor: open → a control that takes input (code-server; command run → control enabled; load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${os.cpus().length} CPUs)`,
  );
  console.log(`  ours:  first in the window ${ours[0]} ms; later ${later.join(', ')} ms · median ${median(later)} ms`);
  console.log(`  blank webview editor (VS Code's own cost): ${blank.join(', ')} ms · median ${median(blank)} ms`);
  console.log(
    `  ratio ours / blank (later opens, medians): ${ratio.toFixed(2)} x (goal ≤ 1.2)${ratio <= 1.2 ? '' : ' — over the goal'}`,
  );
  console.log(
    logged.length
      ? `  our share (our script requested → first state drawn, as the webview measures it): ${own.join(', ')} ms · median ${median(own)} ms (goal < 30 ms)${median(own) < 30 ? '' : ' — over the goal'}`
      : '  (no "ready for input" line in the extension log)',
  );
  if (logged.length) {
    console.log(
      `    of which the state and page built in the extension host: ${logged.map((l) => l.host).join(', ')} ms; our script requested → state drawn in the webview: ${logged.map((l) => l.script).join(', ')} ms`,
    );
    console.log(
      `    (the first open of each window is a cold start of our code; the later opens alone: median ${median(own.filter((_, i) => i !== 0 && i !== ours.length))} ms)`,
    );
    console.log(
      `    the rest is VS Code's webview start-up (editor resolved → our script running): ${logged.map((l) => l.boot).join(', ')} ms`,
    );
  }
  console.log(
    `  back to its tab after another editor hid it (tab click → control enabled): ${back.join(', ')} ms · median ${median(back)} ms`,
  );
  // Why later opens are slower than the first: where the difference sits (VS Code's part or ours, from the extension's
  // log), whether the blank editor's later opens are as slow as ours, and whether keeping hidden webviews alive
  // (retainContextWhenHidden, as ours) is why: the retained blank against the plain one.
  const retainedSame = Math.abs(median(retained) - median(blank)) <= 0.25 * median(blank);
  console.log('  later opens in one window:');
  console.log(
    `    window 1: ours first ${ours[0]} ms, then ours ${median(later)} ms and the blank ${median(blank)} ms; window 2 (reloaded): the blank first ${blankFirst} ms, then ours ${oursAfterBlank} ms`,
  );
  console.log(
    `    retained blank (retainContextWhenHidden, as ours): ${retained.join(', ')} ms · median ${median(retained)} ms against ${median(blank)} ms without`,
  );
  const finding = [];
  const firstLog = logged[0];
  const laterLogs = logged.filter((_, i) => i !== 0 && i !== ours.length);
  if (firstLog && laterLogs.length) {
    const bootGrew = median(laterLogs.map((l) => l.boot)) - firstLog.boot;
    const ownGrew = median(laterLogs.map((l) => l.own)) - firstLog.own;
    finding.push(
      `after the first open of a window, VS Code's part (editor resolved → our script running) goes from ${firstLog.boot} to ${median(laterLogs.map((l) => l.boot))} ms while ours goes from ${firstLog.own} to ${median(laterLogs.map((l) => l.own))} ms: ${bootGrew > 4 * Math.max(ownGrew, 0) ? "the later opens are slower in VS Code's webview start-up, not in our code" : 'our own part grows too'}`,
    );
  }
  finding.push(
    `${ratio <= 1.2 ? `a blank webview editor takes about as long as ours after the first open (ratio ${ratio.toFixed(2)}), so every later webview pays it` : `ours takes ${ratio.toFixed(2)} x a blank webview editor after the first open`}; a first-open advantage was ${ours[0] < 0.75 * median(later) ? `seen in window 1 (${ours[0]} ms against ${median(later)} ms)` : 'not seen in window 1'} and ${blankFirst < 0.75 * median(blank) ? 'seen' : 'not seen'} for the blank opened first after a reload (${blankFirst} ms)`,
  );
  finding.push(
    retainedSame
      ? 'keeping hidden webviews alive (retainContextWhenHidden) is not why: every editor was closed before the next open, and the retained blank opens as fast as the plain one'
      : `retainContextWhenHidden changes it here (retained ${median(retained)} ms against ${median(blank)} ms)`,
  );
  console.log(`    finding: ${finding.join('; ')}.`);
}

async function benches() {
  const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined;
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)));
  if (!files.length) {
    console.log('\nno bench/*.bench.ts');
    return;
  }
  const esbuild = require('esbuild');
  const out = path.join(ROOT, 'out-test', 'bench', 'js');
  fs.rmSync(out, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: files.map((f) => path.join(__dirname, f)),
    outdir: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: false,
    logLevel: 'warning',
    mainFields: ['module', 'main'],
  }); // as esbuild.js: jsonc-parser & co. only bundle from their ESM entry
  for (const f of files) {
    console.log(`\n${f}`);
    const r = spawnSync(process.execPath, [path.join(out, f.replace(/\.ts$/, '.js'))], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) console.log(`  (${f} exited ${r.status})`);
  }
}

/**
 * The CLI's whole-process start-up as the README builds it (`npm run build`), against a bare `node -e 0` in the same
 * run: 9 pairs, each command run right after its baseline (the machine's load moves both alike), medians and their
 * ratio. Goal: at most 1.3 x for `lint samples/` and `--help`.
 */
function cliStartup(pairs = 9) {
  const run = (args) => {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
    const ms = performance.now() - t;
    if (r.status !== 0 && r.status !== 1) throw new Error(`node ${args.join(' ')} exited ${r.status}`);
    return ms;
  };
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(
    `\nCLI start-up, whole process, as \`npm run build\` builds it (median of ${pairs} pairs with node -e 0; goal <= 1.3 x)`,
  );
  for (const cmd of [['lint', 'samples/'], ['--help']]) {
    const base = [];
    const cli = [];
    run(['dist/cli.js', ...cmd]); // warm the file cache
    for (let i = 0; i < pairs; i++) {
      base.push(run(['-e', '0']));
      cli.push(run(['dist/cli.js', ...cmd]));
    }
    const ratio = median(cli) / median(base);
    console.log(
      `  atlas-backup ${cmd.join(' ').padEnd(13)} ${median(cli).toFixed(1)} ms against node -e 0 ${median(base).toFixed(1)} ms: ${ratio.toFixed(2)} x${ratio <= 1.3 ? '' : ' (over the goal)'}`,
    );
  }
}

async function main() {
  build();
  packageVsix();
  sizes();
  // One failing measurement must not hide the others (the stub host lags behind new vscode API uses).
  let atActivation;
  try {
    atActivation = await stubActivation();
  } catch (e) {
    console.log(`\nactivation in a stub host: could not run (${String((e && e.message) || e).split('\n')[0]})`);
  }
  extensionBundles(atActivation);
  if (!argv.includes('--no-vscode')) await vscodeActivation();
  // Leave dist/ as `npm run build` does (with source maps): other tiers and people use it.
  spawnSync(process.execPath, ['esbuild.js'], { cwd: ROOT, stdio: 'inherit' });
  cliStartup();
  await benches();
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
