// Bundles every entry point. `--watch` rebuilds on change; `--production` minifies.
// - dist/extension.js  the extension (node, cjs, `vscode` external)
// - dist/cli.js        the `atlas-backup` command-line tool (node, cjs, with a shebang)
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
const node = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'], sourcemap: !production, minify: production, logLevel: 'warning' };
const builds = [
  { ...node, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  exists('src/cli.ts') && { ...node, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  exists('src/simulator/main.ts') && { ...node, entryPoints: ['src/simulator/main.ts'], outfile: 'dist/simulator.js' },
];
const webviews = exists('src/webview') ? fs.readdirSync(path.join(__dirname, 'src/webview')).filter((f) => /^[a-z][\w-]*\.ts$/i.test(f) && !f.endsWith('.d.ts') && fs.readFileSync(path.join(__dirname, 'src/webview', f), 'utf8').includes('@entry')) : [];
if (webviews.length) {
  builds.push({ bundle: true, platform: 'browser', format: 'iife', target: 'es2022', sourcemap: !production, minify: production, logLevel: 'warning',
    entryPoints: webviews.map((f) => `src/webview/${f}`), outdir: 'dist/webview' });
}

async function main() {
  const all = builds.filter(Boolean);
  if (watch) {
    for (const b of all) await (await esbuild.context(b)).watch();
    console.log('[esbuild] watching');
    return;
  }
  await Promise.all(all.map((b) => esbuild.build(b)));
  if (exists('src/cli.ts')) fs.chmodSync(path.join(__dirname, 'dist/cli.js'), 0o755);
}
main().catch((e) => { console.error(e); process.exit(1); });
