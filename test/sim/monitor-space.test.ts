import { describe, expect, it } from 'vitest';
import { sameRule } from '../../rules/src/engine/findings.js';
import { rulebookInForce } from '../../rules/src/engine/index.js';
import type { Finding } from '../../rules/src/model/report.js';
import { separationByAircraft } from '../../rules/src/sim/monitor-space.js';
import type { MonitorSample } from '../../rules/src/sim/monitor-types.js';
import { createPrng } from '../../rules/src/sim/prng.js';
import { conflictPairs, findConflicts } from '../../rules/src/sim/separation.js';
import { builtins } from './fixtures.js';

const byPair = (p: { a: number; b: number }, q: { a: number; b: number }) => p.a - q.a || p.b - q.b;

function points(seed: number, n: number, spanDeg: number) {
  const rng = createPrng(seed);
  return Array.from({ length: n }, () => ({
    lon: 114.15 + rng.next() * spanDeg,
    lat: 22.28 + rng.next() * spanDeg,
    altAmslM: 30 + rng.next() * 60,
  }));
}

describe('separation pairs through the hashed grid (conflictPairs)', () => {
  it('are exactly the k-d tree search pairs, with the same distances', () => {
    for (const [seed, n, span, h] of [
      [1, 2000, 0.02, 50],
      [2, 3000, 0.3, 50],
      [3, 500, 0.005, 120],
      [4, 800, 0.01, 7.5],
    ]) {
      const pts = points(seed, n, span);
      const grid = conflictPairs(pts, h, 15).sort(byPair);
      const tree = findConflicts(pts, h, 15).sort(byPair);
      expect(grid.length).toBeGreaterThan(0);
      expect(grid).toEqual(tree);
    }
  });

  it('same pairs for aircraft stacked on one spot and on cell edges', () => {
    const pts = [
      ...Array.from({ length: 5 }, (_, i) => ({ lon: 114.2, lat: 22.3, altAmslM: 50 + i })),
      // spaced by about the search radius along both axes (cell boundaries)
      ...Array.from({ length: 40 }, (_, i) => ({ lon: 114.2 + i * 0.000485, lat: 22.3 + i * 0.00045, altAmslM: 50 })),
    ];
    expect(conflictPairs(pts, 50, 15).sort(byPair)).toEqual(findConflicts(pts, 50, 15).sort(byPair));
    expect(conflictPairs(pts.slice(0, 1), 50, 15)).toEqual([]);
  });
});

describe('separation advisories worded on demand (SeparationHeld)', () => {
  const { rulebooks } = builtins();
  const rulebook = rulebookInForce(rulebooks, '2025-10-15');
  if (!rulebook) throw new Error('no rulebook');
  const sample = (id: string, lon: number): MonitorSample => ({
    id,
    lon,
    lat: 22.3,
    altAmslM: 60,
    tMs: Date.parse('2025-10-15T06:00:00Z'),
    groundSpeedMps: 5,
    airborne: true,
    pilotLon: undefined,
    pilotLat: undefined,
    leg: 2,
  });

  it('word the finding at the sampled position even after the sample record is reused', () => {
    const a = sample('a', 114.2);
    const b = sample('b', 114.2002);
    const held = separationByAircraft([a, b], rulebook, { horizontalM: 50, verticalM: 15 }).get('a')?.[0];
    if (!held) throw new Error('no advisory');
    a.lon = 114.9;
    const f = held.finding;
    expect(held.key).toBe(`${f.ruleId}|b`);
    expect(f.zoneId).toBe('b');
    expect(f.where?.position[0]).toBe(114.2);
    expect(f.where?.leg).toBe(2);
    expect(f.limit).toEqual({ value: 50, unit: 'm' });
  });

  it('sameRuleAs answers as sameRule with the worded finding, before and after wording', () => {
    const [a, b] = [sample('a', 114.2), sample('b', 114.2002)];
    const fresh = () => separationByAircraft([a, b], rulebook, { horizontalM: 50, verticalM: 15 }).get('b')?.[0];
    const worded = fresh()?.finding;
    if (!worded) throw new Error('no advisory');
    const variants: Finding[] = [
      worded,
      { ...worded, limit: { value: 40, unit: 'm' } },
      { ...worded, limit: undefined },
      { ...worded, ruleId: 'other' },
      { ...worded, effect: 'prohibited' },
      { ...worded, covered: { permissionId: 'p1' } },
      { ...worded, measured: { value: 1, unit: 'm' }, message: { en: 'x', zh: 'x' } },
    ];
    for (const v of variants) {
      const held = fresh();
      if (!held) throw new Error('no advisory');
      const expected = sameRule(v, worded);
      expect(held.sameRuleAs(v)).toBe(expected);
      void held.finding;
      expect(held.sameRuleAs(v)).toBe(expected);
    }
  });
});
