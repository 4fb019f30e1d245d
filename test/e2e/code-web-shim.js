#!/usr/bin/env node
// A stand-in "VS Code executable" for @vscode/test-electron's runTests({ vscodeExecutablePath }): it accepts the
// arguments test-electron passes to a desktop VS Code and runs the same extension tests in code-server +
// headless Chromium instead, exiting with the test run's code. Lets `runTests`-style scripts work on machines
// where VS Code desktop cannot be downloaded. Settings from `--user-data-dir <dir>/User/settings.json` are kept.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const lib = require('./lib');

const argv = process.argv.slice(2);
const value = (name) => {
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  return argv[i].includes('=') ? argv[i].slice(argv[i].indexOf('=') + 1) : argv[i + 1];
};
const takesValue = new Set(['--user-data-dir', '--extensions-dir', '--locale', '--log']);
function firstPositional() {
  for (let i = 0; i < argv.length; i++) {
    if (takesValue.has(argv[i])) {
      i++;
      continue;
    }
    if (!argv[i].startsWith('-')) return argv[i];
  }
  return undefined;
}

async function main() {
  const devPath = value('extensionDevelopmentPath');
  const testsPath = value('extensionTestsPath');
  if (!devPath || !testsPath) {
    console.error('code-web-shim: --extensionDevelopmentPath and --extensionTestsPath are required');
    return 2;
  }
  let userSettings = {};
  const udd = value('user-data-dir');
  if (udd) {
    try {
      userSettings = JSON.parse(fs.readFileSync(path.join(udd, 'User', 'settings.json'), 'utf8'));
    } catch {
      /* none */
    }
  }
  const folder = firstPositional();
  const r = await lib.runExtensionTests({
    folder: folder && path.resolve(folder),
    devPath: path.resolve(devPath),
    testsPath: path.resolve(testsPath),
    settings: { ...lib.baseSettings(process.env.ATLAS_SIM_URL), ...userSettings },
  });
  console.log(`[code-web-shim] ${r.passed} passed, ${r.failed} failed`);
  return r.code === 0 && r.failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
