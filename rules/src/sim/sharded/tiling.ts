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

/**
 * Strips holding about the same amount of work: the weighted quantiles of the longitudes, each aircraft weighing
 * what one aircraft cost its shard lately (shards over busy airspace judge each aircraft at a higher cost).
 */
export function weightedTiling(lons: ArrayLike<number>, weights: ArrayLike<number>, shards: number): StripTiling {
  const order = Array.from({ length: lons.length }, (_, i) => i).sort((a, b) => lons[a] - lons[b] || a - b);
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i];
  const cuts = new Float64Array(Math.max(0, shards - 1));
  let k = 1;
  let sum = 0;
  for (const i of order) {
    if (k >= shards) break;
    sum += weights[i];
    while (k < shards && sum >= (k * total) / shards) cuts[k++ - 1] = lons[i];
  }
  for (; k < shards; k++) cuts[k - 1] = order.length > 0 ? lons[order[order.length - 1]] : 0;
  return { cuts };
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
