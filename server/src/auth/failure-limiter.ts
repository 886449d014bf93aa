/**
 * Counts failures per key (an address, an email) in a sliding window, in memory. Sign-in asks it before any
 * password hashing: a key with `max` failures inside the window waits until the oldest one leaves it. One
 * process's memory: with several nodes each counts its own (the limit per node is still a limit).
 */
export interface FailureLimiterOptions {
  max: number;
  windowMs: number;
  /** keys kept at most; past it the stalest key is dropped (an attacker cycling keys cannot grow memory) */
  maxKeys?: number;
}

export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();
  private readonly maxKeys: number;

  constructor(private readonly opts: FailureLimiterOptions) {
    this.maxKeys = opts.maxKeys ?? 100_000;
  }

  private recent(key: string, now: number): number[] {
    const list = this.failures.get(key);
    if (!list) return [];
    const from = now - this.opts.windowMs;
    const kept = list.filter((t) => t > from);
    if (kept.length === 0) this.failures.delete(key);
    else this.failures.set(key, kept);
    return kept;
  }

  /** Milliseconds until `key` may try again; 0 when it may now. */
  blockedFor(key: string, now: number): number {
    const list = this.recent(key, now);
    if (list.length < this.opts.max) return 0;
    return list[list.length - this.opts.max] + this.opts.windowMs - now;
  }

  fail(key: string, now: number): void {
    const list = this.recent(key, now);
    list.push(now);
    // re-insert: Map order is then least recently failed first
    this.failures.delete(key);
    this.failures.set(key, list);
    while (this.failures.size > this.maxKeys) {
      const oldest = this.failures.keys().next().value;
      if (oldest === undefined) break;
      this.failures.delete(oldest);
    }
  }

  /** A success forgets the key's failures. */
  clear(key: string): void {
    this.failures.delete(key);
  }
}
