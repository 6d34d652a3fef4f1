/**
 * Token-bucket rate limiter, one bucket per API key (per client address before authentication). In memory: one
 * process serves the embedded default; a scaled-out deployment needs a shared store (not done).
 */
export interface RateLimitOptions {
  /** Sustained requests per second per bucket. */
  readonly perSecond: number;
  /** Bucket size: requests allowed in a burst. */
  readonly burst: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  readonly options: RateLimitOptions;

  constructor(options: RateLimitOptions) {
    this.options = options;
  }

  /** Takes one token; returns 0 when allowed, else the seconds to wait before retrying. */
  take(key: string, nowMs = performance.now()): { retryAfterS: number; remaining: number } {
    let b = this.buckets.get(key);
    if (b === undefined) {
      if (this.buckets.size > 100_000) this.buckets.clear();
      b = { tokens: this.options.burst, at: nowMs };
      this.buckets.set(key, b);
    }
    b.tokens = Math.min(this.options.burst, b.tokens + ((nowMs - b.at) / 1000) * this.options.perSecond);
    b.at = nowMs;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { retryAfterS: 0, remaining: Math.floor(b.tokens) };
    }
    return { retryAfterS: Math.max(1, Math.ceil((1 - b.tokens) / this.options.perSecond)), remaining: 0 };
  }
}
