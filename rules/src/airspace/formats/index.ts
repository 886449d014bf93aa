import type { Zone } from '../../model/zone.js';
import { type CadExportOptions, exportCadDroneMap, importCadDroneMap } from './cad-dronemap.js';
import { detectZoneFormat, type ZoneFormat } from './detect.js';
import { type Ed269ExportOptions, exportEd269 } from './ed269-export.js';
import { importEd269 } from './ed269-import.js';
import { type Ed318ExportOptions, exportEd318 } from './ed318-export.js';
import { importEd318 } from './ed318-import.js';
import { exportGeoJson, type GeoJsonExportOptions, importGeoJson } from './geojson.js';
import type { ImportOptions } from './zone-build.js';

export {
  CatalogueError,
  type CatalogueIssue,
  formatCatalogueIssue,
  parseZoneCatalogue,
  type ZoneCatalogue,
} from './catalogue.js';
export { detectZoneFormat, ZONE_FORMATS, type ZoneFormat } from './detect.js';
export type { Ed269Layout } from './ed269-export.js';
export { parseEd318Authority, parseEd318Properties, parseEd318TimePeriod } from './ed318-parts.js';
export { type FeatureRef, ZoneFormatError } from './errors.js';
export { EXTENSION_KEY } from './extension.js';
export { zoneToFeature } from './geojson.js';
export { MAX_SIMPLIFY_TOLERANCE_M } from './zone-build.js';
export type {
  CadExportOptions,
  Ed269ExportOptions,
  Ed318ExportOptions,
  GeoJsonExportOptions,
  ImportOptions as ZoneImportOptions,
};

export interface ImportResult {
  zones: Zone[];
  warnings: string[];
  format: ZoneFormat;
}

/**
 * Reads a parsed zone file. Throws `ZoneFormatError` (feature index/id, field path, reason) for a file
 * that cannot be read; recoverable oddities (missing Chinese text, WGS84 heights…) become `warnings`.
 */
export function importZones(
  input: unknown,
  format: ZoneFormat | 'auto' = 'auto',
  opts: ImportOptions = {},
): ImportResult {
  const resolved = format === 'auto' ? detectZoneFormat(input) : format;
  switch (resolved) {
    case 'geojson':
      return { ...importGeoJson(input, opts), format: resolved };
    case 'ed269':
      return { ...importEd269(input, opts), format: resolved };
    case 'ed318':
      return { ...importEd318(input, opts), format: resolved };
    case 'cad-dronemap':
      return { ...importCadDroneMap(input, opts), format: resolved };
  }
}

export type ExportOptions = GeoJsonExportOptions & Ed269ExportOptions & Ed318ExportOptions & CadExportOptions;

/** Writes zones in a format, as a JSON-ready object. Details a format cannot hold go to `opts.onWarning`. */
export function exportZones(
  zones: readonly Zone[],
  format: ZoneFormat,
  opts: ExportOptions = {},
): Record<string, unknown> {
  switch (format) {
    case 'geojson':
      return exportGeoJson(zones, opts);
    case 'ed269':
      return exportEd269(zones, opts);
    case 'ed318':
      return exportEd318(zones, opts);
    case 'cad-dronemap':
      return exportCadDroneMap(zones, opts);
  }
}
