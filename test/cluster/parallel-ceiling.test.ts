import { describe, expect, it } from 'vitest';
import { parallelCeiling } from '../bench/lib/parallel-ceiling.js';

describe('the parallel ceiling (bench:cluster, third part)', () => {
  // one strip alone is stepped by its own thread only: a barrier that waited for the other strips' threads would
  // never open, and this test would time out
  it('runs one of k strips alone, with its share of the aircraft, as well as all k strips together', async () => {
    const opts = { ground: 'sea-level' as const, warm: 2, steps: 5 };
    const alone = await parallelCeiling(400, 2, opts, true);
    expect(alone).toMatchObject({ threads: 2, aircraft: 400, alone: true });
    expect(alone.tickP50Ms).toBeGreaterThan(0);
    expect(alone.tickP99Ms).toBeGreaterThanOrEqual(alone.tickP50Ms);
    const both = await parallelCeiling(400, 2, opts);
    expect(both).toMatchObject({ threads: 2, aircraft: 400, alone: false });
    expect(both.tickP50Ms).toBeGreaterThan(0);
  }, 120_000);
});
