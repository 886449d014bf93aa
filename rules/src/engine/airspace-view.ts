import { buildZoneIndex } from '../airspace/index.js';
import type { ElevationModel, ZoneIndex } from '../airspace/types.js';
import type { ZoneDistance } from '../kinds/types.js';
import type { Zone, ZoneEffect } from '../model/index.js';
import { distanceToZoneEdgeM } from './geo.js';

/**
 * The airspace a flight is judged in: the prebuilt catalogue index plus a small index over the zones the
 * rulebook and the plan add, minus zones the rulebook withdraws. All containment goes through ZoneIndex.
 */
export interface AirspaceView {
  readonly elevation: ElevationModel;
  readonly zones: readonly Zone[];
  readonly effectsPresent: ReadonlySet<ZoneEffect>;
  zonesAt(lon: number, lat: number, altAmslM: number, tMs: number): Zone[];
  /** Fractions along the leg where it enters or leaves any zone footprint. */
  crossingFractions(aLon: number, aLat: number, bLon: number, bLat: number): number[];
  /** Zones of `effect` active at tMs, with the horizontal distance from the point (0 when inside). */
  distanceToZones(effect: ZoneEffect, lon: number, lat: number, tMs: number, inside: readonly Zone[]): ZoneDistance[];
}

const MAX_HITS = 256;
/** Per-evaluation indexes hold a handful of zones: a small grid builds in microseconds. */
export const SMALL_GRID = 4096;

export function createAirspaceView(
  primary: ZoneIndex,
  added: readonly Zone[],
  withdrawn: readonly string[] = [],
): AirspaceView {
  const indexes: ZoneIndex[] = [primary];
  if (added.length > 0)
    indexes.push(
      buildZoneIndex(added, {
        elevation: primary.elevation,
        version: `${primary.version}+added`,
        gridCells: SMALL_GRID,
      }),
    );
  const gone = new Set(withdrawn);
  const keep = (z: Zone) => !gone.has(z.id);
  const zones = indexes.flatMap((ix) => ix.zones.filter(keep));
  const effectsPresent = new Set(zones.map((z) => z.effect));
  const out = new Int32Array(MAX_HITS);
  const byEffect = new Map<ZoneEffect, { index: ZoneIndex; i: number }[]>();
  for (const index of indexes)
    index.zones.forEach((z, i) => {
      if (!keep(z)) return;
      const list = byEffect.get(z.effect) ?? [];
      list.push({ index, i });
      byEffect.set(z.effect, list);
    });

  return {
    elevation: primary.elevation,
    zones,
    effectsPresent,
    zonesAt(lon, lat, alt, tMs) {
      const found: Zone[] = [];
      for (const index of indexes) {
        const n = Math.min(index.pointQuery(lon, lat, alt, tMs, out), MAX_HITS);
        for (let k = 0; k < n; k++) {
          const z = index.zones[out[k]];
          if (keep(z)) found.push(z);
        }
      }
      return found;
    },
    crossingFractions(aLon, aLat, bLon, bLat) {
      const fr: number[] = [];
      for (const index of indexes)
        for (const c of index.legCrossings(aLon, aLat, bLon, bLat)) {
          if (!keep(index.zones[c.zoneIndex])) continue;
          fr.push(c.enter, c.exit);
        }
      return fr;
    },
    distanceToZones(effect, lon, lat, tMs, inside) {
      const result: ZoneDistance[] = [];
      for (const { index, i } of byEffect.get(effect) ?? []) {
        const zone = index.zones[i];
        if (!index.isActive(i, tMs)) continue;
        const d = inside.includes(zone) ? 0 : distanceToZoneEdgeM(zone, lon, lat);
        result.push({ zone, distanceM: d });
      }
      return result.sort((a, b) => a.distanceM - b.distanceM);
    },
  };
}
