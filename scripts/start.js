#!/usr/bin/env node
// `npm start`: from a fresh clone to VS Code with Atlas Backup signed in to the local simulator.
// Bootstraps (npm ci / code-server + Chromium when missing), builds, starts the seeded simulator, starts
// code-server on 127.0.0.1 and prints the one URL to open. Ctrl+C stops everything.
//
// The extension is loaded from this folder (extensionDevelopmentPath in the URL payload), not installed from a
// .vsix: no packaging step on start, and `npm run watch` + "Developer: Reload Window" picks up changes — the
// same loop as F5 in desktop VS Code. (The UI tier covers the packaged .vsix.)
//
// Flags: --port N (code-server port; default 8080 if free, else a free one), --no-open (don't try to open a
// browser), --desktop (use a desktop `code` on PATH with --extensionDevelopmentPath instead of code-server).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync, spawn } = require('node:child_process');
const { bootstrap, ROOT, installKillOnExit } = require('../tools/bootstrap');

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const opt = (name) => {
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  return i < 0 ? undefined : argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1];
};
const hasCode = () => spawnSync('sh', ['-c', 'command -v code'], { stdio: 'ignore' }).status === 0;

async function main() {
  installKillOnExit();
  const desktop = flag('desktop') && hasCode();
  if (flag('desktop') && !desktop) console.log('--desktop: no `code` on PATH; using code-server instead.');
  bootstrap({ browser: !desktop });
  const b = spawnSync(process.execPath, ['esbuild.js'], { cwd: ROOT, stdio: 'inherit' });
  if (b.status !== 0) {
    console.error('build failed');
    process.exit(1);
  }

  const lib = require('../test/e2e/lib'); // after bootstrap: it needs node_modules
  const workspace = path.join(ROOT, '.vscode-e2e', 'workspace');
  lib.seedWorkspace(workspace);

  const runDir = lib.makeRunDir('start');
  const sim = await lib.startSimulator({ runDir });
  const env = lib.credentialEnv(sim);
  const c = sim.credentials || {};
  console.log('\nAtlas simulator (seeded demo data; nothing here talks to the real Atlas)');
  console.log(`  URL:              ${sim.url}`);
  if (c.serviceAccount)
    console.log(`  service account:  client id ${c.serviceAccount.clientId}  secret ${c.serviceAccount.clientSecret}`);
  if (c.apiKey) console.log(`  API key:          public ${c.apiKey.publicKey}  private ${c.apiKey.privateKey}`);
  if (c.readOnlyApiKey)
    console.log(`  read-only key:    public ${c.readOnlyApiKey.publicKey}  private ${c.readOnlyApiKey.privateKey}`);
  if (c.serviceAccount) {
    // The CLI reads the Atlas CLI's variables; print them ready to paste, with the projects' ids.
    const groups = await lib.simApiGet(sim, '/api/atlas/v2/groups?itemsPerPage=500').catch(() => ({ results: [] }));
    const projects = (groups.results || []).map((g) => ({ name: g.name, id: g.id }));
    const { cliEnvLines } = require('./cliEnv');
    console.log(
      `\n${cliEnvLines({ url: sim.url, clientId: c.serviceAccount.clientId, clientSecret: c.serviceAccount.clientSecret, projects }).join('\n')}`,
    );
  }

  if (desktop) {
    const data = path.join(runDir, 'desktop-data');
    fs.mkdirSync(path.join(data, 'User'), { recursive: true });
    fs.writeFileSync(
      path.join(data, 'User', 'settings.json'),
      JSON.stringify({ 'atlasBackup.baseUrl': sim.url }, null, 2),
    );
    const code = spawn('code', ['--wait', '--user-data-dir', data, `--extensionDevelopmentPath=${ROOT}`, workspace], {
      stdio: 'inherit',
      env: { ...process.env, ...env },
    });
    console.log(
      '\nDesktop VS Code is starting with the extension loaded and signed in. Close its window (or Ctrl+C here) to stop.',
    );
    code.on('exit', async () => {
      await sim.stop();
      process.exit(0);
    });
    return;
  }

  const wanted = Number(opt('port') || 0) || undefined;
  let port = wanted;
  if (wanted && !(await lib.portIsFree(wanted))) {
    console.error(`port ${wanted} is in use; pick another with --port`);
    process.exit(1);
  }
  if (!port) port = (await lib.portIsFree(8080)) ? 8080 : await lib.freePort();
  const cs = await lib.startCodeServer({ runDir, folder: workspace, port, settings: lib.baseSettings(sim.url), env });
  // Opens the sample with mistakes, so its problems are the first thing on screen (the others are in the Explorer).
  const sample = path.join(workspace, 'analytics-nvme.schedule.json');
  const url = lib.workbenchUrl(cs.port, workspace, {
    devPath: ROOT,
    openFile: fs.existsSync(sample) ? sample : undefined,
  });
  console.log(
    `\ncode-server (VS Code 1.100.3) is up with Atlas Backup loaded from ${ROOT}, signed in to the simulator.`,
  );
  console.log(`  log: ${cs.logFile}`);
  console.log('\n  Open this URL in a browser (then click the Atlas Backup icon in the activity bar):\n');
  console.log(`  ${url}\n`);
  console.log(
    '  (On a remote machine, forward the port first: ssh -L ' + cs.port + ':127.0.0.1:' + cs.port + ' <host>)',
  );
  console.log('  Ctrl+C stops code-server and the simulator.');
  if (
    !flag('no-open') &&
    (process.env.DISPLAY || process.env.WAYLAND_DISPLAY) &&
    spawnSync('sh', ['-c', 'command -v xdg-open'], { stdio: 'ignore' }).status === 0
  ) {
    spawn('xdg-open', [url], { stdio: 'ignore', detached: true }).unref();
  }
  cs.proc.on('exit', async (code) => {
    console.error(`code-server exited (${code}); see ${cs.logFile}`);
    await sim.stop();
    process.exit(1);
  });
  sim.proc.on('exit', async (code) => {
    console.error(`the simulator exited (${code})`);
    await cs.stop();
    process.exit(1);
  });
}

main().catch((e) => {
  console.error(e && e.message ? e.message : e);
  process.exit(1);
});
