// The CLI's hard edges with its output: a reader that stops early (`atlas-backup lint … | head -3`) ends the run
// quietly with status 0 (what was written was written successfully; nobody is left to read the rest), and an
// error that is not ours to explain prints one line, not a stack trace (ATLAS_BACKUP_DEBUG=1 shows the stack).
// No vscode import.

/** The part of a writable stream this needs (process.stdout and process.stderr fit). */
export interface ErrorEmitter {
  on(event: 'error', listener: (e: NodeJS.ErrnoException) => void): unknown;
}

/**
 * Makes a closed pipe on `stream` end the process with `exit(0)` instead of an unhandled 'error' event.
 * Any other write error is reported once on `report` and ends the run with status 2.
 */
export function exitQuietlyOnClosedPipe(
  stream: ErrorEmitter,
  exit: (code: number) => void,
  report?: (line: string) => void,
): void {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') {
      exit(0);
      return;
    }
    try {
      report?.(`atlas-backup: cannot write output: ${e.code ?? e.message}\n`);
    } catch {
      /* nowhere left to say it */
    }
    exit(2);
  });
}

/** One line for an error we did not expect; the stack only when asked for. */
export function describeUnexpected(e: unknown, env: NodeJS.ProcessEnv): string {
  const message = e instanceof Error ? e.message : String(e);
  if (env.ATLAS_BACKUP_DEBUG && e instanceof Error && e.stack) return `atlas-backup: unexpected error: ${e.stack}\n`;
  return `atlas-backup: ${message}\n(set ATLAS_BACKUP_DEBUG=1 to see where it happened)\n`;
}
