/**
 * Per-key (per-tenant) token bucket plus a concurrency cap, after Xero's limits:
 * 60 calls a minute and 5 calls in flight per tenant. Clock and sleep are injected so tests run instantly.
 */
export interface RateLimitOptions {
  callsPerMinute: number;
  maxConcurrent: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

interface BucketState {
  tokens: number;
  updatedAt: number;
  active: number;
  waiters: Array<() => void>;
}

export type Release = () => void;

export class TokenBucketRateLimiter {
  private readonly buckets = new Map<string, BucketState>();
  private readonly ratePerMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: RateLimitOptions) {
    if (options.callsPerMinute <= 0 || options.maxConcurrent <= 0) {
      throw new RangeError('CONNECTOR_RATE_LIMIT_INVALID: callsPerMinute and maxConcurrent must be positive');
    }
    this.ratePerMs = options.callsPerMinute / 60_000;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Waits for a concurrency slot and a token; the returned function gives the slot back. */
  async acquire(key: string): Promise<Release> {
    const state = this.state(key);
    while (state.active >= this.options.maxConcurrent) {
      await new Promise<void>((resolve) => state.waiters.push(resolve));
    }
    state.active += 1;
    try {
      for (;;) {
        this.refill(state);
        if (state.tokens >= 1) {
          state.tokens -= 1;
          break;
        }
        await this.sleep(Math.ceil((1 - state.tokens) / this.ratePerMs));
      }
    } catch (error) {
      this.release(state);
      throw error;
    }
    let released = false;
    return () => {
      if (!released) {
        released = true;
        this.release(state);
      }
    };
  }

  /** Tokens left for a key right now (for metrics and tests). */
  available(key: string): number {
    const state = this.state(key);
    this.refill(state);
    return state.tokens;
  }

  inFlight(key: string): number {
    return this.state(key).active;
  }

  private state(key: string): BucketState {
    let state = this.buckets.get(key);
    if (!state) {
      state = { tokens: this.options.callsPerMinute, updatedAt: this.now(), active: 0, waiters: [] };
      this.buckets.set(key, state);
    }
    return state;
  }

  private refill(state: BucketState): void {
    const now = this.now();
    const elapsed = Math.max(0, now - state.updatedAt);
    state.tokens = Math.min(this.options.callsPerMinute, state.tokens + elapsed * this.ratePerMs);
    state.updatedAt = now;
  }

  private release(state: BucketState): void {
    state.active -= 1;
    state.waiters.shift()?.();
  }
}
