// Writing `--out FILE`: the folder is created when missing (what `-o` does in most tools; a raw ENOENT told people
// nothing), and any failure is one line naming the flag, the file or folder and the reason, with "nothing was written".
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AtomicWriteError, writeFileAtomic } from '../core/common/atomicWrite';
import { InputError } from './args';

/** Writes `text` to `file` atomically, creating its folder first; returns that folder when it had to be created. */
export function writeOutFile(file: string, text: string, opts: { mode?: number } = {}): string | undefined {
  const dir = path.dirname(path.resolve(file));
  let created: string | undefined;
  if (!fs.existsSync(dir)) {
    try {
      created = fs.mkdirSync(dir, { recursive: true }) ?? undefined;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
      throw new InputError(
        `cannot write --out ${file}: its folder ${path.dirname(file)} cannot be created (${code}); nothing was written`,
      );
    }
  }
  try {
    writeFileAtomic(file, text, opts);
  } catch (e) {
    if (!(e instanceof AtomicWriteError)) throw e;
    throw new InputError(`${e.message}; nothing was written`);
  }
  // As the person wrote it (the folders above it that were missing were created too).
  return created && path.dirname(file);
}
