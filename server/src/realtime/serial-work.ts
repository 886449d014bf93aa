import { RealtimeError } from './rulebook-select.js';

const noop = () => {};

/**
 * Work run one piece at a time, in the order it was queued (a sharded session's pulses, telemetry and controls:
 * its shards answer asynchronously). Once a piece fails other than with a RealtimeError (a refusal meant for the
 * caller), or the owner stops it, everything queued after is refused with `unavailable`.
 */
export class SerialWork {
  private tail: Promise<void> = Promise.resolve();
  private failure: Error | null = null;

  constructor(
    /** what a refused piece says */
    private readonly refusal: string,
    /** the first failure (not a stop) */
    private readonly onFailure: (err: Error) => void,
  ) {}

  get failed(): boolean {
    return this.failure !== null;
  }

  /** Run `f` after everything queued before it. */
  run<T>(f: () => Promise<T>): Promise<T> {
    const run = this.tail.then(() => {
      if (this.failure) throw new RealtimeError('unavailable', this.refusal);
      return f();
    });
    this.tail = run.then(noop, noop);
    return run;
  }

  /** Run `f` in turn with nobody waiting for it: its failure is reported (onFailure), not thrown. */
  background(f: () => Promise<void>): void {
    this.run(f).catch((err: unknown) => {
      if (this.failure || err instanceof RealtimeError) return;
      this.failure = err instanceof Error ? err : new Error(String(err));
      this.onFailure(this.failure);
    });
  }

  /** Resolves once everything queued so far has run. */
  async settled(): Promise<void> {
    await this.tail;
  }

  /** Refuse everything not yet started; `then` runs after what has. */
  stop(then: () => Promise<void>): void {
    this.failure ??= new Error('stopped');
    void this.tail.then(then).catch(noop);
  }
}
