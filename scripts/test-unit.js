// Unit tier: every test/unit/**/*.test.ts is bundled on its own (plain Node, no vscode) and run with
// node's test runner. Prints node's own summary and a closing "unit: N passed, N failed" line.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.join(__dirname, '..');
// A folder per run: two runs at once (a watcher and a full `npm test`) must not delete each other's files.
fs.mkdirSync(path.join(root, 'out-test'), { recursive: true });
const outDir = fs.mkdtempSync(path.join(root, 'out-test', 'unit-'));
const filter = process.argv.slice(2);

function find(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? find(p) : e.name.endsWith('.test.ts') ? [p] : [];
  });
}

async function main() {
  let files = find(path.join(root, 'test', 'unit'));
  if (filter.length) files = files.filter((f) => filter.some((x) => f.includes(x)));
  await esbuild.build({
    entryPoints: files,
    outdir: outDir,
    outbase: path.join(root, 'test', 'unit'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
    external: ['vscode'],
    mainFields: ['module', 'main'],
  });
  const outs = files.map((f) =>
    path.join(outDir, path.relative(path.join(root, 'test', 'unit'), f).replace(/\.ts$/, '.js')),
  );
  const tap = path.join(outDir, 'results.tap');
  const r = spawnSync(
    process.execPath,
    [
      '--test',
      '--test-concurrency=2',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...outs,
    ],
    { stdio: 'inherit', cwd: root },
  );
  const text = fs.existsSync(tap) ? fs.readFileSync(tap, 'utf8') : '';
  const num = (k) => Number((text.match(new RegExp(`^# ${k} (\\d+)$`, 'm')) || [])[1] || 0);
  const passed = num('pass'),
    failed = num('fail') + num('cancelled');
  console.log(`unit: ${passed} passed, ${failed} failed`);
  fs.rmSync(outDir, { recursive: true, force: true });
  process.exit(r.status === 0 && failed === 0 && passed > 0 ? 0 : 1);
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
