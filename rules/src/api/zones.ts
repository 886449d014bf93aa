import { z } from 'zod';
import { ZONE_FORMATS } from '../airspace/formats/detect.js';
import { MAX_SIMPLIFY_TOLERANCE_M } from '../airspace/formats/zone-build.js';
import { Instant } from '../model/time.js';
import { ZoneClass } from '../model/zone.js';
import { AnyJson, defineOperation, IdParams, pickErrors, QueryFlag, Timestamp } from './operation.js';

/** The zone catalogue and imported zone layers. */

export const Bbox = z
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

const LayerRef = z.string().min(1).max(100);
export const LayerId = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, 'layer id: lower-case letters, digits, . _ -');

export const ZoneListQuery = z.object({
  bbox: Bbox.optional(),
  class: ClassList.optional(),
  at: At.optional(),
  display: QueryFlag,
  layer: LayerRef.optional().describe('"catalogue" or a layer id'),
});

export const ZoneImportQuery = z.object({
  format: z.enum([...ZONE_FORMATS, 'auto']).default('auto'),
  name: z.string().min(1).max(200).optional(),
  id: LayerId.optional(),
  simplify: z.coerce
    .number()
    .positive()
    .max(MAX_SIMPLIFY_TOLERANCE_M)
    .optional()
    .describe('simplify polygons with this tolerance in metres (for polygons over the vertex limit)'),
  async: z
    .enum(['0', '1'])
    .optional()
    .describe(
      '1: import as a background job (202 + job id) whatever the size; files over BUDGET_ASYNC_IMPORT_BYTES always are',
    ),
});

export const ZoneLayer = z
  .object({
    id: z.string(),
    name: z.string(),
    format: z.string(),
    zoneCount: z.number().int(),
    warnings: z.array(z.string()),
    createdAt: Timestamp,
  })
  .meta({ id: 'ZoneLayer' });

/** What an import answers (201), and a zone-import job's result. */
export const ZoneImported = ZoneLayer.extend({ zoneIds: z.array(z.string()) }).meta({ id: 'ZoneImported' });

/** One zone as a GeoJSON feature (the formats module's zone GeoJSON); the client reads `properties` leniently. */
export const ZoneFeature = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  geometry: z.looseObject({ type: z.string() }),
  properties: z.record(z.string(), z.unknown()),
});
export type ZoneFeature = z.output<typeof ZoneFeature>;

export const ZoneFeatureCollection = z
  .object({ type: z.literal('FeatureCollection'), features: z.array(ZoneFeature) })
  .meta({
    id: 'ZoneFeatureCollection',
    description: 'features: id = zone id, properties = the zone minus geometry, plus `source`',
  });

export const zoneOperations = {
  listZones: defineOperation({
    method: 'get',
    path: '/api/zones',
    operationId: 'listZones',
    summary: 'Zones as GeoJSON: the catalogue plus imported layers, filtered by bbox, class, time, layer',
    description:
      'Circles are a Point with properties.radiusM (lossless; the zone GeoJSON of the formats module); display=1 turns them into polygons for drawing and keeps the exact circle in properties.circle.',
    tags: ['zones'],
    request: { query: ZoneListQuery },
    responses: { 200: { description: 'zones', schema: ZoneFeatureCollection }, ...pickErrors(400, 404) },
  }),
  listZoneLayers: defineOperation({
    method: 'get',
    path: '/api/zones/layers',
    operationId: 'listZoneLayers',
    summary: 'Imported zone layers',
    tags: ['zones'],
    request: {},
    responses: { 200: { description: 'layers', schema: z.array(ZoneLayer) } },
  }),
  importZones: defineOperation({
    method: 'post',
    path: '/api/zones/import',
    operationId: 'importZones',
    summary:
      "Import a zone layer (GeoJSON, ED-269, ED-318, CAD Drone Map export, or a QGC plan's geofence); it joins the airspace used by checks",
    description:
      'Body: the file as JSON, or multipart/form-data with `file` (≤ 10 MB). Zone ids must be new (409 otherwise).',
    tags: ['zones'],
    request: { query: ZoneImportQuery, body: AnyJson },
    upload: { fileField: 'file', fields: z.object({}), description: 'the zone file' },
    responses: {
      201: { description: 'the stored layer', schema: ZoneImported },
      202: {
        description:
          'a large file (or `async=1`): a job whose result (GET /api/jobs/{id}, `job:done`) is the 201 answer; a rejected file fails the job with the 400/409 reason',
        schema: z.object({ jobId: z.string(), status: z.string(), href: z.string() }),
      },
      ...pickErrors(400, 409, 413, 415),
    },
  }),
  exportZones: defineOperation({
    method: 'get',
    path: '/api/zones/export',
    operationId: 'exportZones',
    summary: 'Export a layer ("catalogue", a layer id, or everything) in a zone format',
    tags: ['zones'],
    request: { query: z.object({ format: z.enum(ZONE_FORMATS), layer: LayerRef.optional() }) },
    responses: {
      200: {
        description: 'the file (JSON, sent as an attachment) in the chosen format',
        schema: z.record(z.string(), z.unknown()).meta({ description: 'a JSON document in the chosen zone format' }),
      },
      ...pickErrors(400, 404),
    },
  }),
  deleteZoneLayer: defineOperation({
    method: 'delete',
    path: '/api/zones/layers/:id',
    operationId: 'deleteZoneLayer',
    summary: 'Remove an imported layer from the airspace',
    tags: ['zones'],
    request: { params: IdParams },
    responses: { 204: { description: 'deleted' }, ...pickErrors(404) },
  }),
};
