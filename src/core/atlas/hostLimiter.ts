// Keeps a big tree from flooding Atlas: at most N requests in flight to one host, and after a 429 with
// Retry-After every new request to that host waits out the same pause instead of adding to the storm.

import { AtlasCancelledError } from './errors';

type Waiter = { resolve: () => void; reject: (e: unknown) => void; signal?: AbortSignal };

/**
 * A FIFO of `limit` slots. The client keeps one per host; the fleet loader one per load. Waiters are cancelled
 * by their signal with one listener per signal, however many wait with it (a fleet load queues thousands of
 * requests on the same signal).
 */
export class HostLimiter {
  private active = 0;
  private queue: Waiter[] = [];
  private readonly watched = new Map<AbortSignal, { waiting: number; onAbort: () => void }>();
  private pausedUntil = 0;
  /** Highest number of requests that were in flight at once (for tests and the bench). */
  peak = 0;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error('maxInFlightPerHost must be a positive integer.');
  }

  get inFlight(): number {
    return this.active;
  }

  /** How many wait for a slot. */
  get waiting(): number {
    return this.queue.length;
  }

  /** Waits for a free slot; rejects with AtlasCancelledError if the signal fires first. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new AtlasCancelledError());
    if (this.active < this.limit) {
      this.take();
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ resolve, reject, signal });
      if (signal) this.watch(signal);
    });
  }

  release(): void {
    this.active--;
    const next = this.queue.shift();
    if (next) {
      if (next.signal) this.unwatch(next.signal);
      this.take();
      next.resolve();
    }
  }

  /** Runs `fn` in a slot (waiting for one first), and frees the slot however `fn` ends. */
  async run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal);
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  private watch(signal: AbortSignal): void {
    const w = this.watched.get(signal);
    if (w) {
      w.waiting++;
      return;
    }
    const onAbort = () => {
      this.watched.delete(signal);
      const cancelled = this.queue.filter((x) => x.signal === signal);
      this.queue = this.queue.filter((x) => x.signal !== signal);
      for (const x of cancelled) x.reject(new AtlasCancelledError());
    };
    this.watched.set(signal, { waiting: 1, onAbort });
    signal.addEventListener('abort', onAbort, { once: true });
  }

  private unwatch(signal: AbortSignal): void {
    const w = this.watched.get(signal);
    if (!w || --w.waiting > 0) return;
    this.watched.delete(signal);
    signal.removeEventListener('abort', w.onAbort);
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
