import { z } from 'zod';
import type { Route } from '../model/plan.js';
import { AltitudeRef, LengthUnit, Speed } from '../model/units.js';

/** Plan file formats this module reads. */
export const PLAN_FORMATS = ['geojson', 'qgc', 'kml', 'kmz', 'gpx'] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];
export type ImportFormat = PlanFormat | 'auto';

/** Limits an importer applies when the options leave them out (a server passes its own, lower or equal). */
export const IMPORT_LIMIT_DEFAULTS = Object.freeze({
  maxUncompressedBytes: 16 * 1024 * 1024,
  maxXmlDepth: 100,
  maxXmlEntities: 10_000,
});
export type ImportLimitName = keyof typeof IMPORT_LIMIT_DEFAULTS;

/** The limit in force: the option when given, else the default above. */
export function importLimit(opts: { [K in ImportLimitName]?: number }, name: ImportLimitName): number {
  return opts[name] ?? IMPORT_LIMIT_DEFAULTS[name];
}

/**
 * Caller-supplied values for what a file leaves out (never used when the file states its own), and the
 * importer's size limits.
 */
export const ImportOptions = z
  .object({
    defaultAltitude: z
      .object({ value: z.number().finite(), ref: AltitudeRef, unit: LengthUnit.default('m') })
      .optional()
      .describe('altitude for waypoints that have none (GPX without ele, 2-D GeoJSON, KML without altitudes)'),
    defaultSpeed: Speed.optional().describe('ground speed for legs when the file gives neither times nor speeds'),
    index: z
      .number()
      .int()
      .nonnegative()
      .optional()
      .describe('which path to take when the file holds several (GPX rte/trk in file order, KML paths, GeoJSON lines)'),
    joinTracks: z
      .boolean()
      .default(false)
      .describe('GPX: join every trk in file order into one path (a GPS log split into several tracks)'),
    altitudeRef: AltitudeRef.optional().describe(
      'reference of altitudes in a GeoJSON file that does not state one (default AMSL, per RFC 7946)',
    ),
    maxUncompressedBytes: z
      .number()
      .int()
      .positive()
      .optional()
      .describe(
        'largest KML entry a KMZ may inflate to, in bytes (default 16 MiB; a server may only let it be lowered)',
      ),
    maxXmlDepth: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('deepest XML element nesting accepted (default 100; a server may only let it be lowered)'),
    maxXmlEntities: z
      .number()
      .int()
      .positive()
      .optional()
      .describe(
        'most XML entity references expanded in the document (default 10000; a server may only let it be lowered)',
      ),
  })
  .strict()
  .meta({ id: 'PlanImportOptions' });
export type ImportOptions = z.input<typeof ImportOptions>;
export type ResolvedImportOptions = z.output<typeof ImportOptions>;

/**
 * Ground heights for converting altitudes relative to the launch point (or terrain-following ones) to AMSL: an
 * elevation model as the server and CLI hold it. Without one, such heights are read as AGL (level ground).
 */
export interface GroundLookup {
  readonly id: string;
  groundM(lon: number, lat: number): number;
  /** Does the model hold data at (lon, lat)? Where it does not, an import does not convert with it. */
  covers(lon: number, lat: number): boolean;
}

/** What an import may use besides the file and its options. */
export interface ImportEnvironment {
  ground?: GroundLookup;
}

/** A geofence from the source file, kept for display; it does not take part in rule evaluation. */
export interface ImportedFence {
  polygons: { inclusion: boolean; ring: [number, number][] }[];
  circles: { inclusion: boolean; center: [number, number]; radiusM: number }[];
}

/** The planned launch point as the file states it (QGC `plannedHomePosition`). */
export interface ImportedHome {
  lon: number;
  lat: number;
  altAmslM?: number;
}

export interface ImportedRoute {
  route: Route;
  name?: string;
  warnings: string[];
  format: PlanFormat;
  fence?: ImportedFence;
  home?: ImportedHome;
}
