import { randomUUID } from 'node:crypto';
import { operations } from '@sua-sandbox/rules/api';
import { exportZones } from '@sua-sandbox/rules/formats';
import { zonesFromQgcPlan } from '@sua-sandbox/rules/imports';
import { badRequest } from '../errors.js';
import type { Services } from '../services/index.js';
import { zoneImportAnswer } from '../services/zone-import-jobs.js';
import { defineRoute, type MountableRoute } from './route.js';

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
      ...operations.listZones,
      handler: ({ query }) =>
        s.zones.list({ bbox: query.bbox, classes: query.class, atMs: query.at, layer: query.layer }, query.display),
    }),
    defineRoute({
      ...operations.listZoneLayers,
      handler: () => s.zones.layers(),
    }),
    defineRoute({
      ...operations.importZones,
      handler: async (input, res, req) => {
        const raw = input.kind === 'json' ? input.body : parseJsonFile(input.file.buffer);
        // A QGC plan's geofence: the operator's own fence zones, stored as a zone GeoJSON layer.
        const fence = input.query.format === 'auto' ? qgcFenceLayer(raw, input.query.id) : undefined;
        const content = fence ?? raw;
        const format = fence ? 'geojson' : input.query.format;
        const opts = { id: input.query.id, name: input.query.name, simplify: input.query.simplify };
        // a large file (or `async=1`) is read as a background job: 202 now, the 201 answer as the job's result
        const bytes =
          input.kind === 'multipart' ? input.file.buffer.length : Number(req.headers['content-length'] ?? 0);
        if (input.query.async === '1' || bytes > s.work.budgets.asyncImportBytes) {
          const job = await s.zoneImports.start(content, format, { ...opts, bytes }, input.ctx);
          res.status(202).setHeader('Location', `/api/jobs/${job.id}`);
          return { jobId: job.id, status: job.status, href: `/api/jobs/${job.id}` };
        }
        const layer = await s.zones.import(content, format, opts, input.ctx);
        res.status(201);
        return zoneImportAnswer(layer);
      },
    }),
    defineRoute({
      ...operations.exportZones,
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
      ...operations.deleteZoneLayer,
      handler: async ({ params, ctx }, res) => {
        await s.zones.deleteLayer(params.id, ctx);
        res.status(204).end();
      },
    }),
  ];
}
