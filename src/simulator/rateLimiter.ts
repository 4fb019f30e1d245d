// Fixed-window request counting per credential, on the injected clock. Atlas documents the
// headers (RateLimit-Limit, RateLimit-Remaining, Retry-After) but not its numbers or algorithm.

export interface RateLimitConfig {
  limit: number;
  windowSeconds: number;
}

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  retryAfterSeconds: number;
}

export class RateLimiter {
  private windows = new Map<string, { startMs: number; count: number }>();

  constructor(
    private config: RateLimitConfig,
    private readonly now: () => number,
  ) {}

  configure(config: RateLimitConfig): void {
    this.config = config;
    this.windows.clear();
  }

  get settings(): RateLimitConfig {
    return { ...this.config };
  }

  reset(): void {
    this.windows.clear();
  }

  private window(key: string): { startMs: number; count: number } {
    const t = this.now();
    let w = this.windows.get(key);
    if (!w || t - w.startMs >= this.config.windowSeconds * 1000) {
      w = { startMs: t, count: 0 };
      this.windows.set(key, w);
    }
    return w;
  }

  /** Counts one request for `key` and says whether it is within the limit. */
  hit(key: string): RateDecision {
    const w = this.window(key);
    const retryAfterSeconds = Math.max(
      1,
      Math.ceil((w.startMs + this.config.windowSeconds * 1000 - this.now()) / 1000),
    );
    if (w.count >= this.config.limit)
      return { allowed: false, limit: this.config.limit, remaining: 0, retryAfterSeconds };
    w.count += 1;
    return { allowed: true, limit: this.config.limit, remaining: this.config.limit - w.count, retryAfterSeconds };
  }

  /** Current standing without counting (for responses to unauthenticated requests). */
  peek(key: string): RateDecision {
    const w = this.window(key);
    const retryAfterSeconds = Math.max(
      1,
      Math.ceil((w.startMs + this.config.windowSeconds * 1000 - this.now()) / 1000),
    );
    return {
      allowed: w.count < this.config.limit,
      limit: this.config.limit,
      remaining: Math.max(0, this.config.limit - w.count),
      retryAfterSeconds,
    };
  }
}
