import { buildZoneIndex, seaLevel } from '../airspace/index.js';
import type { ElevationModel, ZoneIndex } from '../airspace/types.js';
import type { ZoneDistance } from '../kinds/types.js';
import type { Rulebook, Zone, ZoneEffect } from '../model/index.js';
import { distanceToZoneEdgeM } from './geo.js';

/** One zone of the view as an index sees it (for questions about that zone alone). */
export interface ZoneRef {
  zone: Zone;
  index: ZoneIndex;
  i: number;
}

/** A leg's 2-D passage through one zone footprint, as fractions along the leg. */
export interface LegFootprint extends ZoneRef {
  enter: number;
  exit: number;
}

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
  /** The zone footprints the leg passes through, with the fractions where it enters and leaves each. */
  legFootprints(aLon: number, aLat: number, bLon: number, bLat: number): LegFootprint[];
  /** Zones of `effect` active at tMs, with the horizontal distance from the point (0 when inside). */
  distanceToZones(effect: ZoneEffect, lon: number, lat: number, tMs: number, inside: readonly Zone[]): ZoneDistance[];
  /** Zones of `effect` whose activity depends on time. */
  timedZones(effect: ZoneEffect): readonly ZoneRef[];
}

const MAX_HITS = 256;
/** Per-evaluation indexes hold a handful of zones: a small grid builds in microseconds. */
export const SMALL_GRID = 4096;

function timed(z: Zone): boolean {
  return (z.timing?.windows?.length ?? 0) > 0 || (z.timing?.daily?.length ?? 0) > 0;
}

/** Stable insertion sort by distance, nearest first (no NaN distances). */
export function sortByDistance(list: ZoneDistance[]): void {
  for (let k = 1; k < list.length; k++) {
    const entry = list[k];
    let j = k;
    for (; j > 0 && list[j - 1].distanceM > entry.distanceM; j--) list[j] = list[j - 1];
    list[j] = entry;
  }
}

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
  const out = new Int32Array(MAX_HITS);
  // What is derived from the zone lists, rebuilt when the primary index's zones change (a live index can gain a
  // layer mid-session: its point queries see the new zones at once, and so must the distances and effects).
  let seen: readonly Zone[] | null = null;
  let zones: Zone[] = [];
  let effectsPresent = new Set<ZoneEffect>();
  const byEffect = new Map<ZoneEffect, ZoneRef[]>();
  const timedByEffect = new Map<ZoneEffect, ZoneRef[]>();
  const derived = () => {
    if (seen === primary.zones) return;
    seen = primary.zones;
    zones = indexes.flatMap((ix) => ix.zones.filter(keep));
    effectsPresent = new Set(zones.map((z) => z.effect));
    byEffect.clear();
    timedByEffect.clear();
    for (const index of indexes)
      index.zones.forEach((zone, i) => {
        if (!keep(zone)) return;
        const list = byEffect.get(zone.effect) ?? [];
        list.push({ zone, index, i });
        byEffect.set(zone.effect, list);
      });
    for (const [effect, list] of byEffect)
      timedByEffect.set(
        effect,
        list.filter((r) => timed(r.zone)),
      );
  };
  derived();

  const legFootprints = (aLon: number, aLat: number, bLon: number, bLat: number): LegFootprint[] => {
    const found: LegFootprint[] = [];
    for (const index of indexes)
      for (const c of index.legCrossings(aLon, aLat, bLon, bLat)) {
        const zone = index.zones[c.zoneIndex];
        if (keep(zone)) found.push({ zone, index, i: c.zoneIndex, enter: c.enter, exit: c.exit });
      }
    return found;
  };

  return {
    elevation: primary.elevation,
    get zones() {
      derived();
      return zones;
    },
    get effectsPresent() {
      derived();
      return effectsPresent;
    },
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
      return legFootprints(aLon, aLat, bLon, bLat).flatMap((c) => [c.enter, c.exit]);
    },
    legFootprints,
    distanceToZones(effect, lon, lat, tMs, inside) {
      derived();
      const list = byEffect.get(effect);
      if (!list) return [];
      const result: ZoneDistance[] = [];
      let ordered = true;
      for (const { zone, index, i } of list) {
        if (!index.isActive(i, tMs)) continue;
        const d = inside.includes(zone) ? 0 : distanceToZoneEdgeM(zone, lon, lat);
        if (Number.isNaN(d)) ordered = false;
        result.push({ zone, distanceM: d });
      }
      // A handful of zones per sample: sorted by insertion, in place and stable (what Array.prototype.sort gives,
      // without its copy and comparator calls). Many zones, or a NaN distance (no order): as the sort always did.
      if (!ordered || result.length > 32) return result.sort((a, b) => a.distanceM - b.distanceM);
      sortByDistance(result);
      return result;
    },
    timedZones(effect) {
      derived();
      return timedByEffect.get(effect) ?? [];
    },
  };
}

/** Is the view's ground flat (sea level), so heights along a straight leg change linearly? */
export function flatGround(view: AirspaceView): boolean {
  return view.elevation === seaLevel;
}

/** Views without plan zones, built once per catalogue index and rulebook (both are immutable once loaded). */
const views = new WeakMap<ZoneIndex, WeakMap<Rulebook, AirspaceView>>();

/**
 * The view a plan is judged in. Without plan zones it is shared by every plan under the same catalogue
 * index and rulebook; plan zones get a small index of their own (with the rulebook's, in the same order).
 */
export function airspaceFor(primary: ZoneIndex, rulebook: Rulebook, extraZones: readonly Zone[]): AirspaceView {
  if (extraZones.length > 0)
    return createAirspaceView(primary, [...rulebook.zones, ...extraZones], rulebook.withdrawnZones);
  let byRulebook = views.get(primary);
  if (!byRulebook) {
    byRulebook = new WeakMap();
    views.set(primary, byRulebook);
  }
  let view = byRulebook.get(rulebook);
  if (!view) {
    view = createAirspaceView(primary, rulebook.zones, rulebook.withdrawnZones);
    byRulebook.set(rulebook, view);
  }
  return view;
}
