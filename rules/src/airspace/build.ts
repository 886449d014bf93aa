import type { Zone } from '../model/zone.js';
import { type GridIndexOptions, GridZoneIndex } from './grid-index.js';

/** Builds the spatial index over one catalogue version (zones already validated by the Zone schema). */
export function buildZoneIndex(zones: readonly Zone[], opts: GridIndexOptions = {}): GridZoneIndex {
  return new GridZoneIndex(zones, opts);
}
