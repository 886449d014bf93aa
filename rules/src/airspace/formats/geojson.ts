import { z } from 'zod';
import { type CircleGeometry, Sector, type ZoneGeometry } from '../../model/geo.js';
import { Zone } from '../../model/zone.js';
import { fail, parseAt, type ReadContext, warn } from './errors.js';
import { asPolygonal, makeCircle, readPolygonal, readPosition } from './geometry.js';
import { IdRegistry } from './ids.js';
import { type ImportOptions, startContext } from './zone-build.js';

/*
 * Our GeoJSON: one Feature per zone, `id` = zone id, every other Zone member in `properties`.
 * Circles are a Point with `properties.radiusM` (and `sectors`), or, with `circles: 'polygon'`, a drawn
 * polygon for display with the exact circle kept in `properties.circle`. Lossless both ways.
 */

export interface GeoJsonExportOptions {
  /** `point` (default): Point + radiusM; `polygon`: drawn polygon + properties.circle, for map display. */
  circles?: 'point' | 'polygon';
  /** Points per full turn when drawing circles (default 64). */
  segments?: number;
}

export function zoneToFeature(zone: Zone, opts: GeoJsonExportOptions = {}): Record<string, unknown> {
  const { id, geometry, ...props } = zone;
  if (geometry.type !== 'Circle') return { type: 'Feature', id, geometry, properties: props };
  const circle = {
    center: geometry.center,
    radiusM: geometry.radiusM,
    ...(geometry.sectors ? { sectors: geometry.sectors } : {}),
  };
  if (opts.circles === 'polygon') {
    return { type: 'Feature', id, geometry: asPolygonal(geometry, opts.segments), properties: { ...props, circle } };
  }
  const { center, ...radius } = circle;
  return { type: 'Feature', id, geometry: { type: 'Point', coordinates: center }, properties: { ...props, ...radius } };
}

export function exportGeoJson(zones: readonly Zone[], opts: GeoJsonExportOptions = {}): Record<string, unknown> {
  return { type: 'FeatureCollection', features: zones.map((z) => zoneToFeature(z, opts)) };
}

const Feature = z.object({
  type: z.literal('Feature'),
  id: z.union([z.string(), z.number()]).optional(),
  geometry: z.record(z.string(), z.unknown(), { error: 'a zone needs a geometry object' }),
  properties: z.record(z.string(), z.unknown(), { error: 'a zone needs a properties object' }),
});
const Collection = z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) });
const Sectors = z.array(Sector).min(1);
const CircleProps = z.object({ center: z.unknown(), radiusM: z.unknown(), sectors: z.unknown().optional() });

function readCircle(
  center: unknown,
  radius: unknown,
  sectors: unknown,
  ctx: ReadContext,
  fields: { center: string; radius: string; sectors: string },
): CircleGeometry {
  const s = sectors === undefined ? undefined : parseAt(Sectors, sectors, ctx, fields.sectors);
  return makeCircle(readPosition(center, ctx, fields.center), radius, ctx, fields.radius, s);
}

function readGeometry(f: z.infer<typeof Feature>, ctx: ReadContext): ZoneGeometry {
  const p = f.properties;
  if (p.circle !== undefined) {
    const c = parseAt(CircleProps, p.circle, ctx, 'properties.circle');
    return readCircle(c.center, c.radiusM, c.sectors, ctx, {
      center: 'properties.circle.center',
      radius: 'properties.circle.radiusM',
      sectors: 'properties.circle.sectors',
    });
  }
  if (f.geometry.type === 'Point') {
    if (p.radiusM === undefined) return fail(ctx, 'properties.radiusM', 'a Point zone needs radiusM (metres)');
    return readCircle(f.geometry.coordinates, p.radiusM, p.sectors, ctx, {
      center: 'geometry.coordinates',
      radius: 'properties.radiusM',
      sectors: 'properties.sectors',
    });
  }
  return readPolygonal(f.geometry, ctx, 'geometry');
}

/** Reads our GeoJSON FeatureCollection (or one Feature); every property is validated against Zone. */
export function importGeoJson(input: unknown, opts: ImportOptions = {}): { zones: Zone[]; warnings: string[] } {
  const ctx: ReadContext = startContext(opts);
  const rec = input && typeof input === 'object' ? (input as Record<string, unknown>) : {};
  const collection = parseAt(
    Collection,
    rec.type === 'Feature' ? { type: 'FeatureCollection', features: [input] } : input,
    ctx,
    '',
  );
  const ids = new IdRegistry();
  const zones = collection.features.map((raw, index) => {
    const r = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
    const props = r.properties && typeof r.properties === 'object' ? (r.properties as Record<string, unknown>) : {};
    const rawId = r.id ?? props.id;
    ctx.feature = { index, ...(rawId !== undefined ? { id: String(rawId) } : {}) };
    const f = parseAt(Feature, raw, ctx, '');
    const geometry = readGeometry(f, ctx);
    const { radiusM: _r, sectors: _s, circle: _c, id: _id, ...rest } = f.properties;
    if (rawId === undefined) fail(ctx, 'id', 'a zone feature needs an id (Feature.id or properties.id)');
    const candidate = { ...rest, id: String(rawId), geometry };
    // Geometry problems (vertex limit, self-intersection…) are in the feature's geometry, not its properties.
    const parsed = Zone.safeParse(candidate);
    const base = parsed.error?.issues[0].path[0] === 'geometry' ? '' : 'properties';
    const zone = parsed.success ? parsed.data : parseAt(Zone, candidate, ctx, base);
    return { ...zone, id: ids.take(zone.id, (msg) => warn(ctx, msg)) };
  });
  return { zones, warnings: ctx.warnings };
}
