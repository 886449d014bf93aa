import { compileFootprint, isActiveAt } from '@sua-sandbox/rules/airspace';
import { zoneToFeature } from '@sua-sandbox/rules/formats';
import type { Zone, ZoneClass } from '@sua-sandbox/rules/model';

export interface ZoneFilter {
  /** [minLon, minLat, maxLon, maxLat]: zones whose footprint bbox intersects it */
  bbox?: [number, number, number, number];
  classes?: ZoneClass[];
  /** epoch ms: only zones active at that instant */
  atMs?: number;
}

export interface SourcedZone {
  zone: Zone;
  /** "catalogue" or "layer:<id>" */
  source: string;
}

export function filterZones(zones: readonly SourcedZone[], f: ZoneFilter): SourcedZone[] {
  return zones.filter(({ zone }) => {
    if (f.classes && !f.classes.includes(zone.class)) return false;
    if (!f.bbox && f.atMs === undefined) return true;
    const fp = compileFootprint(zone.geometry);
    if (f.bbox) {
      const [minX, minY, maxX, maxY] = f.bbox;
      if (fp.maxX < minX || fp.minX > maxX || fp.maxY < minY || fp.minY > maxY) return false;
    }
    if (f.atMs !== undefined && !isActiveAt(zone.timing, f.atMs, fp.refLon, fp.refLat)) return false;
    return true;
  });
}

/**
 * Zones as a GeoJSON FeatureCollection in the formats module's own GeoJSON (lossless): circles are a Point
 * with `properties.radiusM` (and `sectors`); with `display`, a drawn polygon with the exact circle kept in
 * `properties.circle`. Every feature also says where the zone comes from in `properties.source`.
 */
export function zonesToFeatureCollection(zones: readonly SourcedZone[], display: boolean) {
  return {
    type: 'FeatureCollection' as const,
    features: zones.map(({ zone, source }) => {
      const f = zoneToFeature(zone, { circles: display ? 'polygon' : 'point' });
      return { ...f, properties: { ...(f.properties as Record<string, unknown>), source } };
    }),
  };
}
