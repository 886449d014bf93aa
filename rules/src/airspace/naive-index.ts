import type { Zone } from '../model/zone.js';
import { seaLevel } from './elevation.js';
import type { Footprint } from './footprint.js';
import { compileFootprint, footprintContains } from './footprint.js';
import { legIntervals } from './leg.js';
import type { CompiledTiming } from './timing.js';
import { activeAtCompiled, compileTiming, createSunCache } from './timing.js';
import type { ElevationModel, LegCrossing, ZoneIndex } from './types.js';
import { zonesContentVersion } from './version.js';
import type { VerticalLimits } from './vertical.js';
import { compileVertical, verticalContainsAt } from './vertical.js';

const byEnter = (p: LegCrossing, q: LegCrossing): number =>
  p.enter - q.enter || p.zoneIndex - q.zoneIndex || p.exit - q.exit;

export interface ZoneIndexOptions {
  elevation?: ElevationModel;
  version?: string;
}

/**
 * The reference implementation: every query looks at every zone (bbox test, then the exact predicates).
 * Obviously correct and slow; the grid index must give identical answers (differential tests).
 * Semantics shared by all indexes:
 * - pointQuery assumes finite numbers; NaN or out-of-range coordinates match no zone (returns 0), NaN altitude
 *   matches no zone. Validate at the boundary with `checkedPointQuery` (validate.ts) when input is untrusted.
 * - It returns the total number of matches; only the first out.length are written.
 */
export class NaiveZoneIndex implements ZoneIndex {
  readonly zones: readonly Zone[];
  readonly version: string;
  readonly elevation: ElevationModel;
  protected readonly footprints: Footprint[];
  protected readonly vertical: VerticalLimits[];
  protected readonly timing: (CompiledTiming | null)[];
  protected readonly sunCaches: Float64Array[];

  constructor(zones: readonly Zone[], opts: ZoneIndexOptions = {}) {
    this.zones = zones;
    this.version = opts.version ?? zonesContentVersion(zones);
    this.elevation = opts.elevation ?? seaLevel;
    this.footprints = zones.map((z) => compileFootprint(z.geometry));
    this.vertical = zones.map((z) => compileVertical(z.lower, z.upper));
    this.timing = zones.map((z) => compileTiming(z.timing));
    this.sunCaches = zones.map(() => createSunCache());
  }

  /** 2-D footprint containment of zone i (boundary inclusive), ignoring height and time. */
  footprintContains(i: number, lon: number, lat: number): boolean {
    return footprintContains(this.footprints[i], lon, lat);
  }

  isActive(i: number, tMs: number): boolean {
    const t = this.timing[i];
    if (t === null) return true;
    const f = this.footprints[i];
    return activeAtCompiled(t, tMs, f.refLon, f.refLat, this.sunCaches[i]);
  }

  verticalContains(i: number, lon: number, lat: number, altAmslM: number): boolean {
    const v = this.vertical[i];
    const ground = v.lowerAgl || v.upperAgl ? this.elevation.groundM(lon, lat) : 0;
    return verticalContainsAt(v, altAmslM, ground);
  }

  pointQuery(lon: number, lat: number, altAmslM: number, tMs: number, out: Int32Array): number {
    let n = 0;
    for (let i = 0; i < this.footprints.length; i++) {
      if (!this.verticalContains(i, lon, lat, altAmslM)) continue;
      if (!this.isActive(i, tMs)) continue;
      if (!footprintContains(this.footprints[i], lon, lat)) continue;
      out[n++] = i;
    }
    return n;
  }

  legCrossings(aLon: number, aLat: number, bLon: number, bLat: number): LegCrossing[] {
    return this.crossingsOf(this.footprints.keys(), aLon, aLat, bLon, bLat);
  }

  protected crossingsOf(
    candidates: Iterable<number>,
    aLon: number,
    aLat: number,
    bLon: number,
    bLat: number,
  ): LegCrossing[] {
    const result: LegCrossing[] = [];
    if (!(Number.isFinite(aLon) && Number.isFinite(aLat) && Number.isFinite(bLon) && Number.isFinite(bLat)))
      return result;
    const iv: number[] = [];
    for (const i of candidates) {
      iv.length = 0;
      legIntervals(this.footprints[i], aLon, aLat, bLon, bLat, iv, (lon, lat) => this.footprintContains(i, lon, lat));
      for (let k = 0; k < iv.length; k += 2) result.push({ zoneIndex: i, enter: iv[k], exit: iv[k + 1] });
    }
    return result.length > 1 ? result.sort(byEnter) : result;
  }
}
