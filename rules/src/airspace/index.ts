export { buildZoneIndex } from './build.js';
export { ZoneIndexCache } from './catalogue.js';
export { zoneToDisplayPolygon } from './display.js';
export * from './elevation.js';
export type { BBox, Footprint } from './footprint.js';
export { compileFootprint, footprintContains } from './footprint.js';
export * from './geodesy.js';
export { type GridIndexOptions, GridZoneIndex } from './grid-index.js';
export { NaiveZoneIndex, type ZoneIndexOptions } from './naive-index.js';
export {
  type GridElevationModel,
  gridElevationModel,
  groundModelFor,
  isGridModel,
  parseTerrainHeader,
  TerrainGridError,
  TerrainGridHeader,
} from './terrain-grid.js';
export { isActiveAt } from './timing.js';
export type { ElevationModel, LegCrossing, ZoneIndex } from './types.js';
export { assertFinite, assertLonLat, checkedLegCrossings, checkedPointQuery } from './validate.js';
export { zonesContentVersion } from './version.js';
export { altitudeToAmslM } from './vertical.js';
