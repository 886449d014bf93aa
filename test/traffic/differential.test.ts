import { describe, expect, it } from 'vitest';
import { GridIntentStore } from '../../rules/src/traffic/grid-index.js';
import { shiftIntent, transitionIntent } from '../../rules/src/traffic/intent.js';
import { NaiveIntentStore } from '../../rules/src/traffic/naive.js';
import type { IntentStore } from '../../rules/src/traffic/store.js';
import { createParams } from './helpers.js';
import { randomTraffic } from './random-intents.js';

/**
 * The index against all pairs on 10,000 random intents over Hong Kong: every submission, every area query
 * and the store contents must be identical. The flow is the DSS's: a submission without a blocking
 * conflict is accepted, one with a shift is accepted shifted, one without is refused; some accepted
 * intents end or activate (new versions) along the way.
 */
describe('deconfliction index = naive all-pairs', () => {
  it('gives identical answers on 10,000 random intents', () => {
    const params = createParams();
    const naive = new NaiveIntentStore(params);
    const grid = new GridIntentStore(params);
    const stores: IntentStore[] = [naive, grid];
    const traffic = randomTraffic(20261204);
    const stats = { conflicted: 0, blocked: 0, shifted: 0, refused: 0, areaHits: 0 };
    const accepted: string[] = [];
    for (let k = 0; k < 10_000; k++) {
      const intent = traffic.next();
      const [a, b] = stores.map((s) => s.submit(intent));
      // JSON first (cheap); the structural diff only on a mismatch.
      if (JSON.stringify(a) !== JSON.stringify(b)) expect(b, `submission ${k}`).toEqual(a);
      if (a.conflicts.length > 0) stats.conflicted++;
      if (a.conflicts.some((c) => c.blocking)) {
        stats.blocked++;
        if (a.earliestShiftS === null) {
          stats.refused++;
          continue;
        }
        const shifted = shiftIntent(intent, a.earliestShiftS);
        const recheck = stores.map((s) => s.submit(shifted));
        if (JSON.stringify(recheck[0]) !== JSON.stringify(recheck[1])) expect(recheck[1]).toEqual(recheck[0]);
        expect(recheck[0].conflicts.filter((c) => c.blocking)).toEqual([]);
        stats.shifted++;
        for (const s of stores) s.put(shifted);
      } else for (const s of stores) s.put(intent);
      accepted.push(intent.reference.id);
      if (k % 7 === 0 && accepted.length > 10) {
        // An earlier flight ends (removed) or activates (a new version in place).
        const id = accepted[(k * 31) % accepted.length];
        const held = naive.get(id);
        const next = held && transitionIntent(held, k % 2 === 0 ? 'Ended' : 'Activated');
        if (next?.ok) for (const s of stores) s.put(next.intent);
      }
      if (k % 50 === 0) {
        const aoi = traffic.area();
        const [qa, qb] = stores.map((s) => s.queryArea(aoi));
        expect(qb.map((r) => r.id)).toEqual(qa.map((r) => r.id));
        stats.areaHits += qa.length;
      }
    }
    expect(grid.size).toBe(naive.size);
    // The random traffic must exercise every branch, or identical answers prove little.
    expect(stats.conflicted).toBeGreaterThan(500);
    expect(stats.shifted).toBeGreaterThan(200);
    expect(stats.refused).toBeGreaterThan(0);
    expect(stats.areaHits).toBeGreaterThan(100);
    console.log('differential', stats, 'stored', naive.size);
  }, 120_000);
});
