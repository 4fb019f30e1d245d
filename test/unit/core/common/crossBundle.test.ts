// The extension ships as several bundles (dist/extension.js and the feature bundles it loads on first use), each with
// its own copy of the classes it uses. Here two copies of the error classes are bundled apart, minified as the
// production build is, and loaded side by side: an error made by one copy must be recognised by the other, so that a
// feature bundle judging the client's error (whether a write may have reached Atlas, whether it was cancelled, whether
// to offer sign-in) answers as the extension would.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Errors = typeof import('../../../../src/core/atlas/errors') &
  Pick<typeof import('../../../../src/core/push/pushCore'), 'RemoteMovedError'> &
  Pick<typeof import('../../../../src/core/atlas/paths'), 'InvalidPathParameterError'> &
  Pick<typeof import('../../../../src/core/common/atomicWrite'), 'AtomicWriteError'> &
  Pick<typeof import('../../../../src/core/fleet/codeExport'), 'ExportError' | 'NotExportableError'> &
  Pick<typeof import('../../../../src/core/schedule/history'), 'HistoryUnreadableError'>;

const ENTRY = `
export * from './src/core/atlas/errors';
export { RemoteMovedError } from './src/core/push/pushCore';
export { InvalidPathParameterError } from './src/core/atlas/paths';
export { AtomicWriteError } from './src/core/common/atomicWrite';
export { ExportError, NotExportableError } from './src/core/fleet/codeExport';
export { HistoryUnreadableError } from './src/core/schedule/history';
`;

let dir = '';
let a: Errors;
let b: Errors;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'atlas-cross-bundle-'));
  const req = createRequire(join(process.cwd(), 'package.json'));
  const esbuild = req('esbuild') as typeof import('esbuild');
  for (const name of ['a', 'b'])
    await esbuild.build({
      stdin: { contents: ENTRY, resolveDir: process.cwd(), loader: 'ts' },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      minify: true,
      mainFields: ['module', 'main'],
      outfile: join(dir, `${name}.js`),
      logLevel: 'silent',
    });
  a = req(join(dir, 'a.js')) as Errors;
  b = req(join(dir, 'b.js')) as Errors;
});
after(() => rmSync(dir, { recursive: true, force: true }));

const init = (status: number) => ({ status, errorCode: 'X', method: 'POST', path: '/api/atlas/v2/groups/g/x' });

/** One error of every kind, made by copy `m`. */
function samples(m: Errors): Record<string, unknown> {
  return {
    'api 500': new m.AtlasApiError('boom', init(500)),
    'api 400': new m.AtlasApiError('bad', init(400)),
    'api 202 unreadable': new m.AtlasApiError('unreadable', init(202)),
    'auth 401': new m.AtlasAuthError('who', init(401)),
    network: new m.AtlasNetworkError('reset', { code: 'ECONNRESET' }),
    timeout: new m.AtlasTimeoutError('slow'),
    origin: new m.AtlasOriginError('https://cloud.mongodb.com', 'https://evil.example'),
    cancelled: new m.AtlasCancelledError(),
    'plain Error': new Error('x'),
  };
}

describe('error classes across two bundled copies', () => {
  test('the copies are separate classes (else this test proves nothing)', () => {
    assert.notEqual(a.AtlasApiError, b.AtlasApiError);
    assert.equal(Object.getPrototypeOf(new a.AtlasApiError('x', init(500))) === b.AtlasApiError.prototype, false);
  });

  test('instanceof agrees across copies, subclasses included', () => {
    const classes = [
      'AtlasError',
      'AtlasApiError',
      'AtlasAuthError',
      'AtlasNetworkError',
      'AtlasTimeoutError',
      'AtlasOriginError',
      'AtlasCancelledError',
    ] as const;
    for (const [what, e] of Object.entries(samples(a))) {
      for (const c of classes) {
        const same = e instanceof a[c];
        assert.equal(e instanceof b[c], same, `${what} instanceof ${c}: ${same} in its own copy`);
      }
    }
    const auth = new a.AtlasAuthError('who', init(401));
    assert.ok(auth instanceof b.AtlasAuthError && auth instanceof b.AtlasApiError && auth instanceof b.AtlasError);
    assert.ok(auth instanceof Error);
    assert.equal(new a.AtlasApiError('x', init(500)) instanceof b.AtlasAuthError, false);
    assert.equal(new a.AtlasNetworkError('x') instanceof b.AtlasApiError, false);
  });

  test('mayHaveReachedAtlas, isCancelled and the sign-in offer agree across copies', () => {
    for (const [what, e] of Object.entries(samples(a))) {
      assert.equal(b.mayHaveReachedAtlas(e), a.mayHaveReachedAtlas(e), `mayHaveReachedAtlas(${what})`);
      assert.equal(b.isCancelled(e), a.isCancelled(e), `isCancelled(${what})`);
      assert.deepEqual(b.failureNotice('Push', e), a.failureNotice('Push', e), `failureNotice(${what})`);
      const w = { what: 'the restore of orders-rs', look: 'refresh the Atlas Backup view' };
      assert.deepEqual(b.describeWriteFailure(e, w), a.describeWriteFailure(e, w), `describeWriteFailure(${what})`);
    }
    // The ones that matter most, said outright.
    const w = { what: 'the restore of orders-rs', look: 'refresh the Atlas Backup view' };
    const r = b.describeWriteFailure(new a.AtlasApiError('Atlas had an internal error.', init(500)), w);
    assert.equal(r.mayHaveReached, true);
    assert.match(r.message, /may have reached Atlas.*It was not retried/);
    assert.equal(b.mayHaveReachedAtlas(new a.AtlasNetworkError('reset', { code: 'ECONNRESET' })), true);
    assert.equal(b.isCancelled(new a.AtlasCancelledError()), true);
    assert.equal(b.failureNotice('Sign in', new a.AtlasAuthError('who', init(401))).silent, false);
    assert.deepEqual(
      (b.failureNotice('Sign in', new a.AtlasAuthError('who', init(401))) as { offerSignIn: boolean }).offerSignIn,
      true,
    );
  });

  test('the other errors checked with instanceof are recognised across copies too', () => {
    assert.ok(new a.RemoteMovedError([], {}, 'orders-rs') instanceof b.RemoteMovedError);
    assert.ok(new a.InvalidPathParameterError('clusterName', '../x', 'match') instanceof b.InvalidPathParameterError);
    assert.ok(new a.AtomicWriteError('/tmp/x', 'ENOSPC') instanceof b.AtomicWriteError);
    assert.ok(new a.HistoryUnreadableError('x') instanceof b.HistoryUnreadableError);
    const notExportable = new a.NotExportableError('has errors', ['p']);
    assert.ok(notExportable instanceof b.NotExportableError && notExportable instanceof b.ExportError);
    assert.equal(new a.ExportError('x') instanceof b.NotExportableError, false);
    assert.equal(new a.RemoteMovedError([], {}, 'c') instanceof b.AtomicWriteError, false);
  });

  test('a subclass that is not branded itself is checked the ordinary way', () => {
    class Local extends a.AtlasApiError {}
    const local = new Local('x', init(500));
    assert.ok(local instanceof Local && local instanceof b.AtlasApiError && local instanceof b.AtlasError);
    assert.equal(new a.AtlasApiError('x', init(500)) instanceof Local, false);
    assert.equal(new b.AtlasApiError('x', init(500)) instanceof Local, false);
  });
});
