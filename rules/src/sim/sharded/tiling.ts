import type { Rulebook } from '../../model/rulebook.js';
import { metresPerDegLon } from '../geo.js';
import { metresParam, monitorRule } from '../monitor-rules.js';

/**
 * The sky of one session cut into tiles, one per shard: strips of longitude, `cuts` ascending (n shards, n - 1
 * cuts). Tile s spans [cuts[s - 1], cuts[s]) (open-ended at both outer sides), so every position has exactly one
 * tile, and an aircraft is owned by the shard of the tile under it.
 */
export interface StripTiling {
  readonly cuts: Float64Array;
}

export function tileOf(t: StripTiling, lon: number): number {
  const cuts = t.cuts;
  let s = 0;
  while (s < cuts.length && lon >= cuts[s]) s++;
  return s;
}

/**
 * Strips holding about the same number of the given longitudes (their quantiles), so shards get equal shares of
 * the traffic seen when monitoring starts. Deterministic for the same longitudes.
 */
export function balancedTiling(lons: ArrayLike<number>, shards: number): StripTiling {
  const sorted = Float64Array.from(lons).sort();
  const cuts = new Float64Array(Math.max(0, shards - 1));
  for (let k = 1; k < shards; k++)
    cuts[k - 1] =
      sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((k * sorted.length) / shards))];
  return { cuts };
}

/** Histogram bins for weightedTiling: over Hong Kong's 0.6° of longitude, about 15 m each. */
const BINS = 4096;

/**
 * Strips holding about the same amount of work: the weighted quantiles of the longitudes, each aircraft weighing
 * what one aircraft cost its shard lately (shards over busy airspace judge each aircraft at a higher cost). From a
 * histogram, interpolated within a bin, not a sort: it runs inside a tick, whose worst case is what counts.
 */
export function weightedTiling(lons: ArrayLike<number>, weights: ArrayLike<number>, shards: number): StripTiling {
  const cuts = new Float64Array(Math.max(0, shards - 1));
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < lons.length; i++) {
    lo = Math.min(lo, lons[i]);
    hi = Math.max(hi, lons[i]);
  }
  if (!(hi > lo)) return { cuts: cuts.fill(Number.isFinite(lo) ? lo : 0) };
  const width = (hi - lo) / BINS;
  const bins = new Float64Array(BINS);
  let total = 0;
  for (let i = 0; i < lons.length; i++) {
    bins[Math.min(BINS - 1, Math.floor((lons[i] - lo) / width))] += weights[i];
    total += weights[i];
  }
  let k = 1;
  let sum = 0;
  for (let b = 0; b < BINS && k < shards; b++) {
    while (k < shards && bins[b] > 0 && sum + bins[b] >= (k * total) / shards) {
      const share = ((k * total) / shards - sum) / bins[b];
      cuts[k - 1] = lo + (b + share) * width;
      k++;
    }
    sum += bins[b];
  }
  for (; k < shards; k++) cuts[k - 1] = hi;
  return { cuts };
}

/**
 * Cuts moved from `from` towards `to`, each only so far that at most `maxMoved` of the longitudes change sides
 * (found by bisection): every aircraft across a moved border is handed over within one tick, so a big move would
 * be one slow tick.
 */
export function boundedMove(
  lons: ArrayLike<number>,
  from: Float64Array,
  to: Float64Array,
  maxMoved: number,
): Float64Array {
  const between = (a: number, b: number) => {
    const [x, y] = a < b ? [a, b] : [b, a];
    let n = 0;
    for (let i = 0; i < lons.length; i++) if (lons[i] >= x && lons[i] < y) n++;
    return n;
  };
  return Float64Array.from(to, (target, k) => {
    if (between(from[k], target) <= maxMoved) return target;
    let near = 0;
    let far = 1;
    for (let step = 0; step < 20; step++) {
      const mid = (near + far) / 2;
      if (between(from[k], from[k] + (target - from[k]) * mid) <= maxMoved) near = mid;
      else far = mid;
    }
    return from[k] + (target - from[k]) * near;
  });
}

/** The separation minima the monitor applies: the rulebook's `separation` rule's, else the scenario's. */
export function separationMinima(
  rulebook: Rulebook,
  fallback: { horizontalM: number; verticalM: number },
): { horizontalM: number; verticalM: number } {
  const rule = monitorRule(rulebook, 'separation');
  return {
    horizontalM: metresParam(rule.params, 'horizontal', fallback.horizontalM),
    verticalM: metresParam(rule.params, 'vertical', fallback.verticalM),
  };
}

/**
 * How far beyond its strip (degrees of longitude) a shard must see traffic so that every aircraft it owns finds
 * all aircraft within the horizontal minimum: the minimum as longitude at the highest latitude flown, with 10 %
 * and 1 m to spare for the difference between the great circle and the local projection.
 */
export function haloDegrees(horizontalM: number, maxAbsLat: number): number {
  const lat = Math.min(89, Math.abs(maxAbsLat));
  return (horizontalM * 1.1 + 1) / metresPerDegLon(lat);
}
