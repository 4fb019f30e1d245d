// Every file the product writes (schedule files after a push or `pull --out`, exports, reports, drafts, the schedule
// history) goes through here: the text is written to a temporary file beside the target, flushed to disk (fsync),
// and renamed over the target. A rename within one directory is atomic, so a reader (or a crash, or a full disk)
// sees either the old file whole or the new one whole, never a truncated mix. A failed write removes its temporary
// file, leaves the old file as it was and throws. No vscode import (the CLI and the extension share it).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { brandClass } from './crossBundle';

export interface AtomicWriteOptions {
  /** File mode of a new file (an existing file keeps its own mode). Default 0o644 (less the umask). */
  mode?: number;
  /** The fs calls, replaceable so a test can make one fail half-way. */
  fs?: Pick<typeof fs, 'openSync' | 'writeSync' | 'fsyncSync' | 'closeSync' | 'renameSync' | 'unlinkSync' | 'statSync'>;
}

/** A write that did not happen; `code` is the errno (`EACCES`, `ENOSPC`, `EISDIR`…); the old file is untouched. */
export class AtomicWriteError extends Error {
  override name = 'AtomicWriteError';
  constructor(
    readonly file: string,
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot write ${file} (${code}); the file was left as it was`, options);
  }
}
brandClass(AtomicWriteError, 'AtomicWriteError');

let counter = 0;

/** Writes `data` to `file` atomically (temporary file beside it, fsync, rename). Throws AtomicWriteError. */
export function writeFileAtomic(file: string, data: string | Uint8Array, opts: AtomicWriteOptions = {}): void {
  const f = opts.fs ?? fs;
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.${counter++}.tmp`);
  let mode = opts.mode ?? 0o644;
  try {
    const st = f.statSync(file);
    // A directory (or anything else that is not a file) in the way is refused before anything is written.
    if (!st.isFile())
      throw Object.assign(new Error('not a regular file'), { code: st.isDirectory() ? 'EISDIR' : 'EINVAL' });
    mode = st.mode & 0o777;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw new AtomicWriteError(file, code ?? 'EIO', { cause: e });
  }
  let fd: number | undefined;
  try {
    // 'wx': never follow or reuse something already at the temporary name.
    fd = f.openSync(tmp, 'wx', mode);
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let off = 0;
    while (off < buf.length) off += f.writeSync(fd, buf, off, buf.length - off);
    f.fsyncSync(fd);
    f.closeSync(fd);
    fd = undefined;
    f.renameSync(tmp, file);
  } catch (e) {
    if (fd !== undefined) {
      try {
        f.closeSync(fd);
      } catch {
        /* already failing */
      }
    }
    try {
      f.unlinkSync(tmp);
    } catch {
      /* never created, or already gone */
    }
    throw new AtomicWriteError(file, (e as NodeJS.ErrnoException).code ?? 'EIO', { cause: e });
  }
  // The rename itself is durable only once the directory is flushed; not every platform can (Windows cannot).
  try {
    const dfd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(dfd);
    } finally {
      fs.closeSync(dfd);
    }
  } catch {
    /* best effort */
  }
}

/**
 * Moves an unreadable file aside to `<file>.corrupt-<time>` (never overwriting anything) so that what it held is
 * kept for a person to look at; resolves to the new path.
 */
export function keepAside(file: string, now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  let target = `${file}.corrupt-${stamp}`;
  for (let n = 1; fs.existsSync(target); n++) target = `${file}.corrupt-${stamp}-${n}`;
  fs.renameSync(file, target);
  return target;
}
