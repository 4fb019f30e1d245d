// The extension is dist/extension.js and the feature bundles it requires on first use (src/vscode/common/lazyBundle.ts).
// A bundle the code loads but esbuild.js does not build, or .vscodeignore does not ship, fails only in the packaged
// .vsix, on a person's first use of that feature; and a static import of a feature's entry from the extension pulls
// the whole feature back into activation without a word. Both are caught here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../cli/builtCli';

interface Bundle {
  outfile: string;
  entry: string;
}

const root = repoRoot();
// eslint-disable-next-line @typescript-eslint/no-require-imports -- esbuild.js is plain CommonJS
const { extensionBundles } = require(path.join(root, 'esbuild.js')) as { extensionBundles: Bundle[] };

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** The dist/ files the VS Code layer requires at run time: lazyBundle('x.js') and require(`${__dirname}/x.js`). */
function loadedByTheExtension(): Map<string, string> {
  const found = new Map<string, string>();
  for (const f of sources(path.join(root, 'src', 'vscode'))) {
    const text = fs.readFileSync(f, 'utf8');
    for (const m of text.matchAll(/lazyBundle<[^>]*>\(\s*'([\w.-]+)'|require\(`\$\{__dirname\}\/([\w.-]+)`\)/g))
      if (m[1] ?? m[2]) found.set(`dist/${m[1] ?? m[2]}`, path.relative(root, f));
  }
  return found;
}

test('every bundle the extension loads is built by esbuild.js and shipped by .vscodeignore, and none is stale', () => {
  const built = new Set(extensionBundles.map((b) => b.outfile));
  const loaded = loadedByTheExtension();
  for (const [file, by] of loaded) assert.ok(built.has(file), `${by} loads ${file}, which esbuild.js does not build`);
  for (const file of built)
    if (file !== 'dist/extension.js') assert.ok(loaded.has(file), `esbuild.js builds ${file}, which nothing loads`);
  const shipped = fs
    .readFileSync(path.join(root, '.vscodeignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim());
  for (const file of built) assert.ok(shipped.includes(`!${file}`), `.vscodeignore does not ship ${file}`);
});

test("no lazily loaded feature's entry is imported statically by dist/extension.js", async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the build tool itself, as esbuild.js uses it
  const esbuild = require(path.join(root, 'node_modules', 'esbuild')) as typeof import('esbuild');
  const { metafile } = await esbuild.build({
    entryPoints: ['src/vscode/extension.ts'],
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    mainFields: ['module', 'main'],
    external: ['vscode'],
    write: false,
    outfile: 'extension.js',
    metafile: true,
    logLevel: 'error',
  });
  // What each source file puts into the output (a module only re-exported through a barrel contributes nothing).
  const bytes = Object.values(metafile.outputs)[0].inputs;
  assert.ok(
    bytes['src/vscode/extension.ts']?.bytesInOutput > 0 && bytes['src/core/atlas/errors.ts']?.bytesInOutput > 0,
  );
  for (const b of extensionBundles) {
    if (b.outfile === 'dist/extension.js') continue;
    // An entry that only re-exports (signInBundle.ts) stands for the modules it re-exports.
    const text = fs.readFileSync(path.join(root, b.entry), 'utf8');
    const reexported = [...text.matchAll(/^export (?:\*|\{[^}]*\}) from '(\.[^']+)';$/gm)].map((m) =>
      path.posix.join(path.posix.dirname(b.entry), `${m[1]}.ts`),
    );
    const onlyReexports = text.split('\n').every((l) => !l.trim() || l.startsWith('//') || l.startsWith('export '));
    for (const module of onlyReexports && reexported.length ? reexported : [b.entry])
      assert.ok(
        !bytes[module]?.bytesInOutput,
        `${module} (${b.outfile}) is imported statically into dist/extension.js`,
      );
  }
});
