import type { Zone } from '../model/zone.js';

/**
 * Ground elevation under a point, metres above mean sea level. AGL = AMSL − ground.
 * The default model is sea level everywhere (documented in reports as an assumption).
 */
export interface ElevationModel {
  readonly id: string;
  readonly description: string;
  groundM(lon: number, lat: number): number;
}

/** A leg's 2-D passage through one zone footprint: fractions along the leg (0 = start, 1 = end). */
export interface LegCrossing {
  zoneIndex: number;
  enter: number;
  exit: number;
}

/**
 * The spatial index over one catalogue version. Built once; queried many times.
 * Zone indices refer to `zones`.
 */
export interface ZoneIndex {
  readonly zones: readonly Zone[];
  readonly version: string;
  readonly elevation: ElevationModel;
  /**
   * Active zones containing the 4-D point (boundary inclusive, lower ≤ alt ≤ upper inclusive).
   * Writes zone indices into `out` and returns how many; allocates nothing.
   * @param altAmslM altitude in metres above mean sea level
   * @param tMs epoch milliseconds
   */
  pointQuery(lon: number, lat: number, altAmslM: number, tMs: number, out: Int32Array): number;
  /** Footprint crossings of the leg a→b (2-D, any time, any height), ordered by `enter`. */
  legCrossings(aLon: number, aLat: number, bLon: number, bLat: number): LegCrossing[];
  /** Is zone `zoneIndex` active at `tMs` (validity windows and daily periods, incl. sunrise/sunset)? */
  isActive(zoneIndex: number, tMs: number): boolean;
  /** Is `altAmslM` within zone `zoneIndex`'s vertical limits at (lon, lat)? */
  verticalContains(zoneIndex: number, lon: number, lat: number, altAmslM: number): boolean;
}
