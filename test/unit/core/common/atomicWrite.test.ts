// The one writer every file goes through: a write that fails part-way leaves the old file whole and throws; an
// unreadable file is kept aside under a new name, never overwritten.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AtomicWriteError, keepAside, writeFileAtomic } from '../../../../src/core/common/atomicWrite';

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-backup-atomic-'));
}

test('replaces the file whole, keeping its mode; no temporary file is left', () => {
  const dir = tmpdir();
  const f = path.join(dir, 'a.schedule.json');
  fs.writeFileSync(f, 'old', { mode: 0o600 });
  writeFileAtomic(f, 'new text');
  assert.equal(fs.readFileSync(f, 'utf8'), 'new text');
  assert.equal(fs.statSync(f).mode & 0o777, 0o600);
  assert.deepEqual(fs.readdirSync(dir), ['a.schedule.json']);
  fs.rmSync(dir, { recursive: true });
});

test('a write that fails half-way (disk full after 2,048 bytes) leaves the old file intact and throws', () => {
  const dir = tmpdir();
  const f = path.join(dir, 'b.schedule.json');
  const old = `${'{"old": true}'.padEnd(5000, ' ')}\n`;
  fs.writeFileSync(f, old);
  let written = 0;
  const failing = {
    ...fs,
    writeSync: (fd: number, buf: Uint8Array, off: number, len: number) => {
      if (written >= 2048) throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
      const n = fs.writeSync(fd, buf, off, Math.min(len, 2048 - written));
      written += n;
      return n;
    },
  } as typeof fs;
  assert.throws(
    () => writeFileAtomic(f, 'x'.repeat(10_000), { fs: failing }),
    (e: unknown) => e instanceof AtomicWriteError && e.code === 'ENOSPC' && /left as it was/.test(e.message),
  );
  assert.equal(fs.readFileSync(f, 'utf8'), old);
  assert.deepEqual(fs.readdirSync(dir), ['b.schedule.json'], 'the temporary file is removed');
  fs.rmSync(dir, { recursive: true });
});

test('a directory in the way is refused before anything is written', () => {
  const dir = tmpdir();
  const f = path.join(dir, 'c');
  fs.mkdirSync(f);
  assert.throws(
    () => writeFileAtomic(f, 'x'),
    (e: unknown) => e instanceof AtomicWriteError && e.code === 'EISDIR',
  );
  assert.ok(fs.statSync(f).isDirectory());
  fs.rmSync(dir, { recursive: true });
});

test('keepAside moves a file to <name>.corrupt-<time>, never over an earlier one', () => {
  const dir = tmpdir();
  const f = path.join(dir, 'h.json');
  const at = new Date('2026-12-06T01:00:00Z');
  fs.writeFileSync(f, '{"entries": [');
  const first = keepAside(f, at);
  fs.writeFileSync(f, '{"entr');
  const second = keepAside(f, at);
  assert.equal(path.basename(first), 'h.json.corrupt-2026-12-06T01-00-00-000Z');
  assert.notEqual(first, second);
  assert.equal(fs.readFileSync(first, 'utf8'), '{"entries": [');
  assert.equal(fs.readFileSync(second, 'utf8'), '{"entr');
  assert.ok(!fs.existsSync(f));
  fs.rmSync(dir, { recursive: true });
});
