import { MAX_SPEED, MIN_SPEED } from '../protocol/payloads.js';

/**
 * A session's clock: wall time × speed, paid out in fixed simulation steps. Pure — the wall time that
 * passed is an argument — so tests and benchmarks drive it without sleeping.
 */
export class SimClock {
  playing: boolean;
  private rate: number;
  private acc = 0;

  constructor(opts: { playing?: boolean; speed?: number } = {}) {
    this.playing = opts.playing ?? true;
    this.rate = SimClock.checkSpeed(opts.speed ?? 1);
  }

  static checkSpeed(speed: number): number {
    if (!(speed >= MIN_SPEED && speed <= MAX_SPEED))
      throw new RangeError(`speed ${speed} outside ×${MIN_SPEED}…×${MAX_SPEED}`);
    return speed;
  }

  get speed(): number {
    return this.rate;
  }

  set speed(v: number) {
    this.rate = SimClock.checkSpeed(v);
  }

  /**
   * Steps of `stepMs` simulated time due after `wallDeltaMs` of wall time; at most `max` (a machine too slow to
   * keep up drops the backlog rather than falling further and further behind).
   */
  due(wallDeltaMs: number, stepMs: number, max: number): number {
    if (!this.playing) return 0;
    this.acc += wallDeltaMs * this.rate;
    const n = Math.min(Math.floor(this.acc / stepMs), max);
    this.acc -= n * stepMs;
    if (this.acc >= stepMs) this.acc = 0;
    return n;
  }

  /** Forget partial progress (after a seek or a single step). */
  reset(): void {
    this.acc = 0;
  }
}
