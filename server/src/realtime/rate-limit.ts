import type { Rate } from './budgets.js';

interface Bucket {
  tokens: number;
  at: number;
}

/** Sweep idle (full) buckets after this many takes, so one bucket per client seen stays bounded in memory. */
const SWEEP_EVERY = 4096;

/** Token buckets by key: `burst` tokens at once, refilled at `ratePerS`. */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private takes = 0;

  constructor(
    readonly rate: Rate,
    private readonly now: () => number = () => performance.now(),
  ) {}

  private refill(key: string, t: number): Bucket {
    const b = this.buckets.get(key);
    if (!b) {
      const fresh = { tokens: this.rate.burst, at: t };
      this.buckets.set(key, fresh);
      return fresh;
    }
    b.tokens = Math.min(this.rate.burst, b.tokens + ((t - b.at) / 1000) * this.rate.ratePerS);
    b.at = t;
    return b;
  }

  /** Whether `n` tokens are there for `key` now (nothing taken). */
  has(key: string, n: number): boolean {
    return this.refill(key, this.now()).tokens >= n;
  }

  /** Take `n` tokens for `key`; false (and nothing taken) when there are not enough. */
  take(key: string, n: number): boolean {
    if (++this.takes % SWEEP_EVERY === 0) this.sweep();
    const b = this.refill(key, this.now());
    if (b.tokens < n) return false;
    b.tokens -= n;
    return true;
  }

  /** Milliseconds until `n` tokens are there for `key` (never, for n above the burst: Infinity). */
  retryAfterMs(key: string, n: number): number {
    if (n > this.rate.burst) return Number.POSITIVE_INFINITY;
    const b = this.refill(key, this.now());
    return b.tokens >= n ? 0 : Math.ceil(((n - b.tokens) / this.rate.ratePerS) * 1000);
  }

  forget(key: string): void {
    this.buckets.delete(key);
  }

  get size(): number {
    return this.buckets.size;
  }

  /** Drop buckets that have refilled: they behave exactly like absent ones. */
  private sweep(): void {
    const t = this.now();
    for (const [key, b] of this.buckets)
      if (b.tokens + ((t - b.at) / 1000) * this.rate.ratePerS >= this.rate.burst) this.buckets.delete(key);
  }
}
