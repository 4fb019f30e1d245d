// Keeps a big tree from flooding Atlas: at most N requests in flight to one host, and after a 429 with
// Retry-After every new request to that host waits out the same pause instead of adding to the storm.

import { AtlasCancelledError } from './errors';

type Waiter = { resolve: () => void; reject: (e: unknown) => void; signal?: AbortSignal; onAbort?: () => void };

export class HostLimiter {
  private active = 0;
  private readonly queue: Waiter[] = [];
  private pausedUntil = 0;
  /** Highest number of requests that were in flight at once (for tests and the bench). */
  peak = 0;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error('maxInFlightPerHost must be a positive integer.');
  }

  get inFlight(): number {
    return this.active;
  }

  /** Waits for a free slot; rejects with AtlasCancelledError if the signal fires first. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new AtlasCancelledError());
    if (this.active < this.limit) {
      this.take();
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const w: Waiter = { resolve, reject, signal };
      if (signal) {
        w.onAbort = () => {
          const i = this.queue.indexOf(w);
          if (i >= 0) this.queue.splice(i, 1);
          reject(new AtlasCancelledError());
        };
        signal.addEventListener('abort', w.onAbort, { once: true });
      }
      this.queue.push(w);
    });
  }

  release(): void {
    this.active--;
    const next = this.queue.shift();
    if (next) {
      if (next.onAbort) next.signal?.removeEventListener('abort', next.onAbort);
      this.take();
      next.resolve();
    }
  }

  private take(): void {
    this.active++;
    if (this.active > this.peak) this.peak = this.active;
  }

  /** Records a server-requested pause (Retry-After) that every request to this host should honour. */
  pause(untilMs: number): void {
    if (untilMs > this.pausedUntil) this.pausedUntil = untilMs;
  }

  /** Milliseconds left of the current pause. */
  pauseRemaining(nowMs: number): number {
    return Math.max(0, this.pausedUntil - nowMs);
  }
}
