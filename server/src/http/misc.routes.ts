import { createRequire } from 'node:module';
import { operations } from '@sua-sandbox/rules/api';
import { notFound } from '../errors.js';
import type { Services } from '../services/index.js';
import { defineRoute, type MountableRoute } from './route.js';

const pkg = createRequire(import.meta.url)('../../../package.json') as { version: string };

/** Health, scenarios and the audit log. */
export function miscRoutes(s: Services): MountableRoute[] {
  return [
    defineRoute({
      ...operations.health,
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
      ...operations.readiness,
      handler: async (_input, res) => {
        res.setHeader('cache-control', 'no-store');
        if (!s.readiness)
          return { status: 'ready' as const, redis: 'not-configured' as const, node: null, sessions: [] };
        const r = await s.readiness().catch(() => ({ redis: 'unreachable' as const, node: null, sessions: [] }));
        const ready = r.redis === 'ok';
        res.status(ready ? 200 : 503);
        return { status: ready ? ('ready' as const) : ('not-ready' as const), ...r };
      },
    }),
    defineRoute({
      ...operations.listScenarios,
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
      ...operations.getScenario,
      handler: async ({ params }) => {
        const sc = (await s.scenarios()).find((x) => x.id === params.id);
        if (!sc) throw notFound('scenario', params.id);
        return sc;
      },
    }),
    defineRoute({ ...operations.listAudit, handler: ({ query }) => s.store.audit.list(query) }),
  ];
}
