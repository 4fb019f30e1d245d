// What our own restore history knows of the restore jobs Atlas lists (when we started one, whether it was a drill):
// Atlas keeps neither. The history is the restore feature's; the posture and the tree only ask it, job by job, through
// a lookup. Pure.
import type { RestoreJob } from '../atlas/types';
import type { KnownRestore } from './recoveryPosture';

/** What the history knows of one restore job, by its id; null when it knows nothing of it. */
export type KnownRestoreLookup = (restoreJobId: string) => KnownRestore | null;

/**
 * The history's knowledge of these jobs, by id (only those it knows); undefined without a history. A lookup that
 * throws knows nothing of that job: the last restore's duration and drill then stay unknown (null), nothing fails.
 */
export function knownRestoresOf(
  jobs: readonly RestoreJob[],
  lookup: KnownRestoreLookup | undefined,
): Map<string, KnownRestore> | undefined {
  if (!lookup) return undefined;
  const out = new Map<string, KnownRestore>();
  for (const job of jobs) {
    if (!job.id) continue;
    let known: KnownRestore | null;
    try {
      known = lookup(job.id);
    } catch {
      known = null;
    }
    if (known) out.set(job.id, known);
  }
  return out;
}
