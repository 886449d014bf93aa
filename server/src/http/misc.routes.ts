import { createRequire } from 'node:module';
import { z } from 'zod';
import { notFound } from '../errors.js';
import type { Services } from '../services/index.js';
import { defineRoute, type MountableRoute } from './route.js';
import { AnyJson, IdParams, pickErrors } from './schemas.js';

const pkg = createRequire(import.meta.url)('../../../package.json') as { version: string };

const Health = z.object({
  status: z.literal('ok'),
  version: z.string(),
  uptimeS: z.number(),
  airspace: z.object({ version: z.string(), zones: z.number().int(), layers: z.number().int() }),
  rulebooks: z.array(z.string()),
});

const AuditOut = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});

/** Health, scenarios and the audit log. */
export function miscRoutes(s: Services): MountableRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/health',
      operationId: 'health',
      summary: 'Liveness and what data is loaded (checks the database answers)',
      tags: ['meta'],
      responses: { 200: { description: 'ok', schema: Health } },
      handler: async () => {
        await s.store.meta.get('health');
        const index = s.airspace.index();
        return {
          status: 'ok' as const,
          version: pkg.version,
          uptimeS: Math.round((Date.now() - s.startedAt) / 1000),
          airspace: { version: index.version, zones: index.zones.length, layers: s.airspace.listLayers().length },
          rulebooks: s.rulebooks.list().map((r) => `${r.id}@${r.version}`),
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/scenarios',
      operationId: 'listScenarios',
      summary: 'Built-in simulation scenarios (summaries)',
      tags: ['scenarios'],
      responses: { 200: { description: 'scenarios', schema: z.array(AnyJson) } },
      handler: async () =>
        (await s.scenarios()).map((sc) => ({
          id: sc.id,
          title: sc.title,
          description: sc.description,
          default: sc.default,
          tags: sc.tags,
          start: sc.start,
          durationS: sc.durationS,
          rulebook: sc.rulebook ?? null,
          flights: sc.flights.length,
          illustrative: sc.illustrative,
        })),
    }),
    defineRoute({
      method: 'get',
      path: '/api/scenarios/:id',
      operationId: 'getScenario',
      summary: 'A scenario, in full',
      tags: ['scenarios'],
      request: { params: IdParams },
      responses: { 200: { description: 'the scenario', schema: AnyJson }, ...pickErrors(404) },
      handler: async ({ params }) => {
        const sc = (await s.scenarios()).find((x) => x.id === params.id);
        if (!sc) throw notFound('scenario', params.id);
        return sc;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/audit',
      operationId: 'listAudit',
      summary: 'The append-only audit log, newest first',
      tags: ['meta'],
      request: {
        query: z.object({
          entityType: z.string().max(50).optional(),
          entityId: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
        }),
      },
      responses: { 200: { description: 'entries', schema: z.array(AuditOut) }, ...pickErrors(400) },
      handler: ({ query }) => s.store.audit.list(query),
    }),
  ];
}
