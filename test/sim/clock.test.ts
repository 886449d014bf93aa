import { describe, expect, it } from 'vitest';
import { SimClock } from '../../rules/src/sim/clock.js';

describe('simulation clock', () => {
  it('pays out wall time × speed in whole steps, carrying the remainder', () => {
    const c = new SimClock({ speed: 1 });
    expect(c.due(400, 1000, 100)).toBe(0);
    expect(c.due(700, 1000, 100)).toBe(1);
    c.speed = 10;
    expect(c.due(1000, 1000, 100)).toBe(10);
    // 100 ms carried over, then 250 ms of simulated time per wall second: a step in the 4th second.
    c.speed = 0.25;
    expect([1, 2, 3, 4].map(() => c.due(1000, 1000, 100))).toEqual([0, 0, 0, 1]);
  });

  it('pauses, and drops a backlog it cannot keep up with', () => {
    const c = new SimClock({ speed: 100, playing: false });
    expect(c.due(1000, 1000, 50)).toBe(0);
    c.playing = true;
    expect(c.due(1000, 1000, 50)).toBe(50);
    expect(c.due(0, 1000, 50)).toBe(0);
  });

  it('rejects speeds outside ×0.25…×100', () => {
    expect(() => new SimClock({ speed: 0.1 })).toThrow(RangeError);
    const c = new SimClock();
    expect(() => {
      c.speed = 101;
    }).toThrow(RangeError);
  });
});
