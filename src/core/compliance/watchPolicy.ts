// Watching a Backup Compliance Policy after its PUT: Atlas answers ENABLING or UPDATING and settles to ACTIVE within
// minutes. Reads only (GETs), so a failed read is reported as the last state known rather than retried forever.
import type { CompliancePolicy } from '../atlas/types';

export interface PolicyReader {
  getCompliancePolicy(groupId: string, opts?: { signal?: AbortSignal }): Promise<CompliancePolicy | undefined>;
}

export interface WatchOptions {
  intervalMs: number;
  maxPolls: number;
  signal?: AbortSignal;
  /** Waits `ms` or until the signal aborts (injected so tests drive the clock). */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Each state read, as it comes. */
  onState?: (state: string | undefined) => void;
}

export interface WatchResult {
  /** The last state read (`from` when nothing was read). */
  state: string | undefined;
  /** Why the watch ended: ACTIVE reached, the person cancelled, the polls ran out, or a read failed. */
  ended: 'active' | 'cancelled' | 'gave-up' | 'read-failed';
  error?: unknown;
}

export async function watchPolicy(
  reader: PolicyReader,
  groupId: string,
  from: string | undefined,
  o: WatchOptions,
): Promise<WatchResult> {
  let state = from;
  for (let i = 0; state !== 'ACTIVE'; i++) {
    if (o.signal?.aborted) return { state, ended: 'cancelled' };
    if (i >= o.maxPolls) return { state, ended: 'gave-up' };
    await o.sleep(o.intervalMs, o.signal);
    if (o.signal?.aborted) return { state, ended: 'cancelled' };
    try {
      state = (await reader.getCompliancePolicy(groupId, { signal: o.signal }))?.state;
    } catch (error) {
      return o.signal?.aborted ? { state, ended: 'cancelled' } : { state, ended: 'read-failed', error };
    }
    o.onState?.(state);
  }
  return { state, ended: 'active' };
}
