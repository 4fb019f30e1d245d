// Bundles every entry point. `--watch` rebuilds on change; `--production` minifies.
// - dist/extension.js  the extension (node, cjs, `vscode` external)
// - dist/cli.js        the `atlas-backup` command-line tool: a launcher of dist/cli/help.cjs and dist/cli/main.cjs
// - dist/restore.js    the extension's restore feature, loaded on first use (and the other feature bundles below)
// - dist/simulator.js  the local Atlas simulator (node, cjs)
// - dist/webview/*.js  webview code (browser, iife)
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const exists = (f) => fs.existsSync(path.join(__dirname, f));

// mainFields: jsonc-parser and vscode-json-languageservice publish UMD as `main`, whose dynamic requires esbuild
// cannot follow (the bundle then fails at run time with "Cannot find module"); their ESM `module` entry bundles.
// node-fetch v2 imports whatwg-url (with tr46's 260 KB of Unicode tables) only as a fallback for
// `require('url').URL`, which every Node we run on has: resolve it to Node's own URL instead.
const nodeUrlForWhatwgUrl = {
  name: 'node-url-for-whatwg-url',
  setup(build) {
    build.onResolve({ filter: /^whatwg-url$/ }, () => ({ path: 'whatwg-url', namespace: 'node-url-shim' }));
    build.onLoad({ filter: /.*/, namespace: 'node-url-shim' }, () => ({
      contents: 'module.exports = { URL: require("node:url").URL };',
      loader: 'js',
    }));
  },
};
const node = {
  plugins: [nodeUrlForWhatwgUrl],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  mainFields: ['module', 'main'],
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};
const builds = [
  { ...node, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  // The exporters with the schema-and-rules lint, for the extension's Export Schedule as Code (loaded on first use):
  // the JSON language service inside the lint would add about 120 KiB to dist/extension.js.
  { ...node, entryPoints: ['src/core/fleet/exportBundle.ts'], outfile: 'dist/exportCode.js' },
  // The restore commands, watcher and history (plans, checks, drill report), loaded on first use: about 40 KiB.
  { ...node, entryPoints: ['src/vscode/restore/restoreBundle.ts'], outfile: 'dist/restore.js', external: ['vscode'] },
  // The Backup Compliance Policy form's host with the dry run (loaded on first Set Up / Edit Compliance Policy).
  {
    ...node,
    entryPoints: ['src/vscode/compliance/compliancePanel.ts'],
    outfile: 'dist/compliance.js',
    external: ['vscode'],
  },
  // More of the extension's commands, each feature a bundle loaded the first time one of its commands runs (the
  // registrations stay in dist/extension.js; src/vscode/common/lazyBundle.ts). Sizes in the bench (`npm run bench`).
  ...[
    ['src/vscode/push/pushSchedule.ts', 'dist/push.js'], // Push, Delete all backup schedules, history
    ['src/vscode/fleet/applyToMany.ts', 'dist/fleet.js'], // Apply to Other Clusters
    ['src/vscode/posture/posturePanel.ts', 'dist/posture.js'], // the Backup Posture panel
    ['src/vscode/exports/exportCommands.ts', 'dist/exports.js'], // export buckets and snapshot exports
    ['src/vscode/snapshots/snapshotCommands.ts', 'dist/snapshots.js'], // take, change expiry, delete snapshots
    ['src/vscode/accounts/signInBundle.ts', 'dist/signIn.js'], // sign-in dialogs, Atlas CLI import
  ].map(([entry, outfile]) => ({ ...node, entryPoints: [entry], outfile, external: ['vscode'] })),
  // The Atlas CLI config reader (with its TOML parser), loaded by the extension only when profiles are imported.
  { ...node, entryPoints: ['src/core/accounts/atlasCliConfig.ts'], outfile: 'dist/atlasCliConfig.js' },
  // The CLI: dist/cli.js is a small launcher (written below) that answers --help and --version from dist/cli/help.cjs
  // (a few KiB), runs lint and schema from dist/cli/lint.cjs (the schedule rules and the JSON language service only,
  // not the Atlas client, restore, export, audit and policy code that main.cjs carries: parsing those was a third of
  // lint's start-up) and everything else from dist/cli/main.cjs. main.ts imports each command with import(), which
  // esbuild turns into lazy initialisers: a command's modules are initialised only when it runs. CommonJS files were
  // measured faster for `lint` than esbuild's ESM code splitting, whose loader costs more than the compile time it
  // saves (see README "Developing").
  exists('src/cli/helpEntry.ts') && {
    ...node,
    entryPoints: ['src/cli/helpEntry.ts'],
    outfile: 'dist/cli/help.cjs',
  },
  exists('src/cli/bin.ts') && { ...node, entryPoints: ['src/cli/bin.ts'], outfile: 'dist/cli/main.cjs' },
  exists('src/cli/lintBin.ts') && { ...node, entryPoints: ['src/cli/lintBin.ts'], outfile: 'dist/cli/lint.cjs' },
  exists('src/simulator/main.ts') && { ...node, entryPoints: ['src/simulator/main.ts'], outfile: 'dist/simulator.js' },
];
// One folder per webview under src/webview/; its entry is the file that says `@entry`, built as dist/webview/<name>.js.
const webviews = exists('src/webview')
  ? fs
      .readdirSync(path.join(__dirname, 'src/webview'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) =>
        fs
          .readdirSync(path.join(__dirname, 'src/webview', d.name))
          .filter(
            (f) =>
              /^[a-z][\w-]*\.ts$/i.test(f) &&
              !f.endsWith('.d.ts') &&
              fs.readFileSync(path.join(__dirname, 'src/webview', d.name, f), 'utf8').includes('@entry'),
          )
          .map((f) => ({ in: `src/webview/${d.name}/${f}`, out: f.replace(/\.ts$/, '') })),
      )
  : [];
if (webviews.length) {
  builds.push({
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
    entryPoints: webviews,
    outdir: 'dist/webview',
  });
}

/** dist/cli.js, the package's bin. */
function writeCliLauncher() {
  const launcher = path.join(__dirname, 'dist/cli.js');
  fs.writeFileSync(
    launcher,
    [
      '#!/usr/bin/env node',
      "'use strict';",
      '// The atlas-backup command (see esbuild.js): --help and --version from a small file, lint and schema from',
      '// lint.cjs, everything else from main.cjs.',
      "const help = require('./cli/help.cjs');",
      'const args = process.argv.slice(2);',
      "if (!help.printedHelp(args)) require('./cli/' + help.bundleFor(args));",
      '',
    ].join('\n'),
  );
  fs.chmodSync(launcher, 0o755);
}

async function main() {
  const all = builds.filter(Boolean);
  if (watch) {
    if (exists('src/cli/bin.ts')) writeCliLauncher();
    for (const b of all) await (await esbuild.context(b)).watch();
    console.log('[esbuild] watching');
    return;
  }
  // Only what this build writes (an earlier layout's files would otherwise linger).
  fs.rmSync(path.join(__dirname, 'dist/cli'), { recursive: true, force: true });
  await Promise.all(all.map((b) => esbuild.build(b)));
  if (exists('src/cli/bin.ts')) {
    writeCliLauncher();
    // The schema the extension contributes through jsonValidation comes from the one source in
    // src/core/schedule/schema.ts, written out by the CLI that was just built (--editor: without the required lists
    // our rules report with a fix, so VS Code's JSON support and the rules do not both report a missing field).
    const r = require('node:child_process').spawnSync(
      process.execPath,
      [path.join(__dirname, 'dist/cli.js'), 'schema', '--editor', path.join(__dirname, 'dist/schemas')],
      { encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(`writing dist/schemas failed: ${r.stderr}`);
  }
}
// Required by a test (test/unit/cli/lazyStart.test.ts) for the CLI's options: build only when run.
module.exports = {
  cliBuild: builds.find((b) => b && b.outfile === 'dist/cli/main.cjs'),
  // Required by the bench and a unit test (.vscodeignore ships each): dist/extension.js and the bundles it loads.
  extensionBundles: builds
    .filter((b) => b && /^dist\/[^/]+\.js$/.test(b.outfile) && b.outfile !== 'dist/simulator.js')
    .map((b) => ({ outfile: b.outfile, entry: b.entryPoints[0] })),
};
if (require.main === module)
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
