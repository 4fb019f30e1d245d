// Following one export job until it ends, as the extension's progress notification does (the CLI's --watch has its
// own loop for its output). Reads only, each safe to repeat; stopping the watch never stops the export in Atlas.
import type { ExportJob } from '../atlas/types';
import { isExportFinished } from './exportJobs';

export interface WatchExportOptions {
  signal?: AbortSignal;
  /** Time between reads; an export takes minutes to hours, so seconds apart is plenty. */
  intervalMs: number;
  /** Told each answer, the first one included. */
  onUpdate?: (job: ExportJob) => void;
}

export type WatchOutcome =
  | { outcome: 'finished'; job: ExportJob }
  /** The person stopped watching (the export goes on). */
  | { outcome: 'stopped'; job: ExportJob }
  /** A read failed: the export goes on in Atlas, its state is unknown here. */
  | { outcome: 'lost'; job: ExportJob; error: unknown };

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Reads the job every `intervalMs` until it is Successful, Failed or Cancelled, the signal aborts, or a read fails. */
export async function watchExportJob(
  read: (signal?: AbortSignal) => Promise<ExportJob>,
  first: ExportJob,
  opts: WatchExportOptions,
): Promise<WatchOutcome> {
  let job = first;
  opts.onUpdate?.(job);
  for (;;) {
    if (isExportFinished(job)) return { outcome: 'finished', job };
    await sleep(opts.intervalMs, opts.signal);
    if (opts.signal?.aborted) return { outcome: 'stopped', job };
    try {
      job = await read(opts.signal);
    } catch (error) {
      if (opts.signal?.aborted) return { outcome: 'stopped', job };
      return { outcome: 'lost', job, error };
    }
    opts.onUpdate?.(job);
  }
}

/** The share of collections exported (0..1), when Atlas says. */
export function exportFraction(job: ExportJob): number | undefined {
  const s = job.exportStatus;
  if (!s?.totalCollections) return undefined;
  return Math.min(1, Math.max(0, (s.exportedCollections ?? 0) / s.totalCollections));
}
