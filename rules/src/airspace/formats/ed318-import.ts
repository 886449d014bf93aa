import type { Zone } from '../../model/zone.js';
import { classFromReasons } from './codes.js';
import { readConditions, warnExtraMembers } from './ed269-conditions.js';
import { ed318Feature } from './ed318-export.js';
import { mapEd318Properties } from './ed318-parts.js';
import { Ed318Collection, Ed318Feature, Ed318Properties, readLayer } from './ed318-schema.js';
import { fail, parseAt, type ReadContext, warn } from './errors.js';
import { EXTENSION_KEY, withoutExtension, zoneFromExtension } from './extension.js';
import { groupVolumes, makeCircle, readPolygonal, readPosition, type Volume } from './geometry.js';
import { IdRegistry, toZoneId } from './ids.js';
import { hasEndDate } from './schedule.js';
import { pickLocalized } from './text.js';
import { finishZone, type ImportOptions, startContext } from './zone-build.js';

function asRecord(value: unknown): Record<string, unknown> | null {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** One ED-318 geometry (not a collection): Point + circle extent, Polygon or MultiPolygon. */
function readSimpleGeometry(g: Record<string, unknown>, ctx: ReadContext, field: string): Volume['geometry'] {
  if (g.type === 'Point') {
    const extent = asRecord(g.extent);
    if (!extent) return fail(ctx, `${field}.extent`, 'a Point zone needs extent {subType: "Circle", radius}');
    if (extent.subType !== 'Circle') {
      return fail(ctx, `${field}.extent.subType`, `unsupported extent "${String(extent.subType)}" (expected Circle)`);
    }
    return makeCircle(
      readPosition(g.coordinates, ctx, `${field}.coordinates`),
      extent.radius,
      ctx,
      `${field}.extent.radius`,
    );
  }
  return readPolygonal(g, ctx, field);
}

/** The volumes of a feature geometry: one per member of a GeometryCollection, each with its layer. */
export function readEd318Volumes(geometry: Record<string, unknown>, ctx: ReadContext, field: string): Volume[] {
  if (geometry.type !== 'GeometryCollection') {
    return [
      { geometry: readSimpleGeometry(geometry, ctx, field), ...readLayer(geometry.layer, ctx, `${field}.layer`) },
    ];
  }
  const members = geometry.geometries;
  if (!Array.isArray(members) || members.length === 0) {
    return fail(ctx, `${field}.geometries`, 'a GeometryCollection zone needs at least one geometry');
  }
  return members.map((m, i) => {
    const f = `${field}.geometries[${i}]`;
    const g = asRecord(m) ?? fail(ctx, f, 'expected a geometry object');
    const layer = g.layer ?? geometry.layer;
    return {
      geometry: readSimpleGeometry(g, ctx, f),
      ...readLayer(layer, ctx, g.layer ? `${f}.layer` : `${field}.layer`),
    };
  });
}

/** Reads one ED-318 feature into one zone, or several when layers or schedules differ. */
export function importEd318Feature(
  raw: unknown,
  index: number,
  ctx: ReadContext,
  ids: IdRegistry,
  defaults: { source: string; accuracy: Zone['provenance']['accuracy'] },
): Zone[] {
  const rawRecord = asRecord(raw);
  const rawId = rawRecord?.id ?? asRecord(rawRecord?.properties)?.identifier;
  ctx.feature = { index, ...(rawId !== undefined ? { id: String(rawId) } : {}) };
  const f = parseAt(Ed318Feature, raw, ctx, '');
  const p = parseAt(Ed318Properties, f.properties, ctx, 'properties');
  ctx.feature = { index, id: f.id !== undefined ? String(f.id) : p.identifier };
  const volumes = groupVolumes(readEd318Volumes(f.geometry, ctx, 'geometry'));
  const m = mapEd318Properties(p, ctx);
  warnExtraMembers(f.properties, Object.keys(Ed318Properties.shape), ctx, 'properties');
  if (Array.isArray(p.restrictionConditions))
    warn(ctx, 'properties.restrictionConditions: a list where ED-318 has one string; each entry read as a condition');
  if (p.uSpaceClass !== undefined)
    warn(ctx, "properties.uSpaceClass: an ED-269 member, not ED-318; kept as the zone's U-space classes");
  const conditions = readConditions(p, ctx, 'properties');
  const baseId = toZoneId(f.id) ?? toZoneId(p.identifier) ?? `ed318-${index}`;
  const parts = volumes.flatMap((v) => m.timings.map((t) => ({ v, t })));
  if (parts.length > 1) warn(ctx, `split into ${parts.length} zones (layers or schedules differ)`);
  const zones = parts.map(({ v, t }, k) =>
    finishZone(
      {
        id: parts.length > 1 ? `${baseId}.${k + 1}` : baseId,
        name: m.name,
        class: classFromReasons(m.reasons, m.effect, hasEndDate(t), ctx, 'properties.reason'),
        effect: m.effect,
        geometry: v.geometry,
        lower: v.lower,
        upper: v.upper,
        ...(t ? { timing: t } : {}),
        ...(conditions ? { conditions } : {}),
        ...(m.designatedBy ? { designatedBy: m.designatedBy } : {}),
        ...(m.description ? { description: m.description } : {}),
        provenance: {
          accuracy: defaults.accuracy,
          source: m.siteURL ?? defaults.source,
          note: `Imported from ED-318 ${p.country}/${p.identifier}`,
        },
      },
      ctx,
    ),
  );
  const ext = p.extendedProperties?.[EXTENSION_KEY];
  if (ext !== undefined && zones.length === 1 && rawRecord) {
    const standardPart = { ...rawRecord, properties: withoutExtension(f.properties, 'extendedProperties') };
    const reproject = (z: Zone) => ed318Feature(z, { identifier: p.identifier, country: p.country, extensions: false });
    const exact = zoneFromExtension(ext, zones[0].geometry, reproject, standardPart, ctx);
    if (exact) return [{ ...exact, id: ids.take(exact.id, (msg) => warn(ctx, msg)) }];
  }
  return zones.map((z) => ({ ...z, id: ids.take(z.id, (msg) => warn(ctx, msg)) }));
}

/** Reads an ED-318 FeatureCollection (or a single Feature) into zones. */
export function importEd318(input: unknown, opts: ImportOptions = {}): { zones: Zone[]; warnings: string[] } {
  const ctx: ReadContext = startContext(opts);
  const rec = asRecord(input);
  const collection = parseAt(
    Ed318Collection,
    rec?.type === 'Feature' ? { type: 'FeatureCollection', features: [input] } : input,
    ctx,
    '',
  );
  const provider = pickLocalized(collection.metadata?.provider, { feature: null, warnings: [] }, 'metadata.provider');
  const label = collection.name ?? collection.title;
  const source = opts.source ?? `ED-318 file${label ? ` "${label}"` : ''}${provider ? ` (${provider.en})` : ''}`;
  const ids = new IdRegistry();
  const zones = collection.features.flatMap((raw, i) =>
    importEd318Feature(raw, i, ctx, ids, { source, accuracy: opts.accuracy ?? 'user' }),
  );
  return { zones, warnings: ctx.warnings };
}
