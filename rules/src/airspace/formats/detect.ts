import { ZoneFormatError } from './errors.js';

export const ZONE_FORMATS = ['geojson', 'ed269', 'ed318', 'cad-dronemap'] as const;
export type ZoneFormat = (typeof ZONE_FORMATS)[number];

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * Tells the zone format of a parsed JSON document from its shape:
 * - `UASZoneList`, or a `features` array of non-GeoJSON objects with `restriction` → ED-269;
 * - GeoJSON features with ED properties (`identifier` + `zoneAuthority`/`variant`) or `layer`/`extent` → ED-318;
 * - GeoJSON features with our `class` + `effect` → geojson; with a string `name` or `effectiveDateTime`/
 *   `description2`/`link` → CAD. The first feature that tells decides.
 */
export function detectZoneFormat(input: unknown): ZoneFormat {
  if (!isRecord(input)) throw new ZoneFormatError(null, '', 'expected a JSON object (a zone file)');
  if (Array.isArray(input.UASZoneList)) return 'ed269';
  const features = input.type === 'Feature' ? [input] : input.features;
  if (!Array.isArray(features)) {
    throw new ZoneFormatError(
      null,
      'features',
      'not a zone file: expected a GeoJSON FeatureCollection or an ED-269 zone list',
    );
  }
  if (input.type !== 'FeatureCollection' && input.type !== 'Feature') {
    const first = features.find(isRecord);
    if (!first || 'restriction' in first || Array.isArray(first.geometry)) return 'ed269';
    throw new ZoneFormatError(null, 'type', 'expected "FeatureCollection" (GeoJSON / ED-318) or ED-269 zones');
  }
  const records = features.filter(isRecord);
  if (records.length === 0) return 'geojson';
  for (const feature of records) {
    const found = classify(feature);
    if (found) return found;
  }
  const first = records[0];
  throw new ZoneFormatError(
    { index: features.indexOf(first) },
    'properties',
    'cannot tell the zone format (no ED-318, sua-sandbox or CAD Drone Map properties)',
  );
}

/** The format one GeoJSON feature belongs to, or null when it does not tell. */
function classify(feature: Record<string, unknown>): ZoneFormat | null {
  const props = isRecord(feature.properties) ? feature.properties : {};
  const geometry = isRecord(feature.geometry) ? feature.geometry : {};
  if (
    ('identifier' in props && ('zoneAuthority' in props || 'variant' in props)) ||
    'layer' in geometry ||
    'extent' in geometry
  ) {
    return 'ed318';
  }
  if ('class' in props && 'effect' in props) return 'geojson';
  if (typeof props.name === 'string' || 'effectiveDateTime' in props || 'description2' in props || 'link' in props) {
    return 'cad-dronemap';
  }
  return null;
}
