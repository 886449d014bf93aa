import { randomUUID } from 'node:crypto';
import { exportZones, MAX_SIMPLIFY_TOLERANCE_M } from '@sua-sandbox/rules/formats';
import { zonesFromQgcPlan } from '@sua-sandbox/rules/imports';
import { Instant, ZoneClass } from '@sua-sandbox/rules/model';
import { z } from 'zod';
import { badRequest } from '../errors.js';
import type { Services } from '../services/index.js';
import { ZONE_FORMATS } from '../services/zones.js';
import { defineRoute, type MountableRoute } from './route.js';
import { AnyJson, IdParams, pickErrors, QueryFlag } from './schemas.js';

const Bbox = z
  .string()
  .transform((s) => s.split(',').map((x) => Number(x.trim())))
  .pipe(
    z
      .tuple([
        z.number().min(-180).max(180),
        z.number().min(-90).max(90),
        z.number().min(-180).max(180),
        z.number().min(-90).max(90),
      ])
      .refine(([a, b, c, d]) => a <= c && b <= d, 'expected minLon,minLat,maxLon,maxLat with min ≤ max'),
  )
  .describe('minLon,minLat,maxLon,maxLat');

const ClassList = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()))
  .pipe(z.array(ZoneClass).min(1))
  .describe('comma-separated zone classes');

const At = z
  .union([Instant, z.string().regex(/^\d{1,15}$/, 'an ISO instant with offset, or epoch milliseconds')])
  .transform((v) => (/^\d+$/.test(v) ? Number(v) : Date.parse(v)))
  .describe('only zones active at this instant (ISO with offset, or epoch ms)');

/** A QGroundControl plan's geofence as zone GeoJSON (ids `<layer id or fence-xxxx>-inclusion-1`…); else undefined. */
function qgcFenceLayer(data: unknown, layerId: string | undefined): Record<string, unknown> | undefined {
  const fence = zonesFromQgcPlan(data, { idPrefix: layerId ?? `fence-${randomUUID().slice(0, 8)}` });
  if (!fence) return undefined;
  if (fence.zones.length === 0)
    throw badRequest('the QGC plan has no geofence', [
      { path: ['body', 'geoFence'], message: 'no inclusion or exclusion polygon or circle' },
    ]);
  return exportZones(fence.zones, 'geojson');
}

const LayerRef = z.string().min(1).max(100);
const LayerId = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, 'layer id: lower-case letters, digits, . _ -');

const ImportQuery = z.object({
  format: z.enum([...ZONE_FORMATS, 'auto']).default('auto'),
  name: z.string().min(1).max(200).optional(),
  id: LayerId.optional(),
  simplify: z.coerce
    .number()
    .positive()
    .max(MAX_SIMPLIFY_TOLERANCE_M)
    .optional()
    .describe('simplify polygons with this tolerance in metres (for polygons over the vertex limit)'),
});

const LayerOut = z
  .object({
    id: z.string(),
    name: z.string(),
    format: z.string(),
    zoneCount: z.number().int(),
    warnings: z.array(z.string()),
    createdAt: z.string(),
  })
  .meta({ id: 'ZoneLayer' });

const FeatureCollection = z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) }).meta({
  id: 'ZoneFeatureCollection',
  description: 'features: id = zone id, properties = the zone minus geometry, plus `source`',
});

function parseJsonFile(buffer: Buffer): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(buffer));
  } catch (err) {
    throw badRequest('the uploaded zone file is not valid JSON', [
      { path: ['body', 'file'], message: (err as Error).message },
    ]);
  }
}

export function zoneRoutes(s: Services): MountableRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/zones',
      operationId: 'listZones',
      summary: 'Zones as GeoJSON: the catalogue plus imported layers, filtered by bbox, class, time, layer',
      description:
        'Circles are a Point with properties.radiusM (lossless; the zone GeoJSON of the formats module); display=1 turns them into polygons for drawing and keeps the exact circle in properties.circle.',
      tags: ['zones'],
      request: {
        query: z.object({
          bbox: Bbox.optional(),
          class: ClassList.optional(),
          at: At.optional(),
          display: QueryFlag,
          layer: LayerRef.optional().describe('"catalogue" or a layer id'),
        }),
      },
      responses: { 200: { description: 'zones', schema: FeatureCollection }, ...pickErrors(400, 404) },
      handler: ({ query }) =>
        s.zones.list({ bbox: query.bbox, classes: query.class, atMs: query.at, layer: query.layer }, query.display),
    }),
    defineRoute({
      method: 'get',
      path: '/api/zones/layers',
      operationId: 'listZoneLayers',
      summary: 'Imported zone layers',
      tags: ['zones'],
      responses: { 200: { description: 'layers', schema: z.array(LayerOut) } },
      handler: () => s.zones.layers(),
    }),
    defineRoute({
      method: 'post',
      path: '/api/zones/import',
      operationId: 'importZones',
      summary:
        "Import a zone layer (GeoJSON, ED-269, ED-318, CAD Drone Map export, or a QGC plan's geofence); it joins the airspace used by checks",
      description:
        'Body: the file as JSON, or multipart/form-data with `file` (≤ 10 MB). Zone ids must be new (409 otherwise).',
      tags: ['zones'],
      request: { query: ImportQuery, body: AnyJson },
      upload: { fileField: 'file', fields: z.object({}), description: 'the zone file' },
      responses: {
        201: { description: 'the stored layer', schema: LayerOut.extend({ zoneIds: z.array(z.string()) }) },
        ...pickErrors(400, 409, 413, 415),
      },
      handler: async (input, res) => {
        const raw = input.kind === 'json' ? input.body : parseJsonFile(input.file.buffer);
        // A QGC plan's geofence: the operator's own fence zones, stored as a zone GeoJSON layer.
        const fence = input.query.format === 'auto' ? qgcFenceLayer(raw, input.query.id) : undefined;
        const content = fence ?? raw;
        const layer = await s.zones.import(
          content,
          fence ? 'geojson' : input.query.format,
          { id: input.query.id, name: input.query.name, simplify: input.query.simplify },
          input.ctx,
        );
        res.status(201);
        const { zones, ...rest } = layer;
        return { ...rest, zoneCount: zones.length, zoneIds: zones.map((z) => z.id) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/zones/export',
      operationId: 'exportZones',
      summary: 'Export a layer ("catalogue", a layer id, or everything) in a zone format',
      tags: ['zones'],
      request: { query: z.object({ format: z.enum(ZONE_FORMATS), layer: LayerRef.optional() }) },
      responses: {
        200: { description: 'the file (JSON, sent as an attachment)', schema: AnyJson },
        ...pickErrors(400, 404),
      },
      handler: ({ query }, res) => {
        const out = s.zones.export(query.format, query.layer);
        res.setHeader(
          'Content-Disposition',
          `attachment; filename="${query.layer ?? 'airspace'}.${query.format}.json"`,
        );
        return out;
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/zones/layers/:id',
      operationId: 'deleteZoneLayer',
      summary: 'Remove an imported layer from the airspace',
      tags: ['zones'],
      request: { params: IdParams },
      responses: { 204: { description: 'deleted' }, ...pickErrors(404) },
      handler: async ({ params, ctx }, res) => {
        await s.zones.deleteLayer(params.id, ctx);
        res.status(204).end();
      },
    }),
  ];
}
