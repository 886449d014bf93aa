import { type ImpactRequest, operations } from '@sua-sandbox/rules/api';
import type { z } from 'zod';
import type { CorpusSpec } from '../services/impact/jobs.js';
import type { Services } from '../services/index.js';
import { defineRoute, type MountableRoute } from './route.js';

const toCorpus = (c: z.output<typeof ImpactRequest>['corpus']): CorpusSpec =>
  typeof c === 'string' ? { kind: c } : { kind: 'upload', plans: c.plans };

export function impactRoutes(s: Services): MountableRoute[] {
  return [
    defineRoute({
      ...operations.startImpact,
      handler: async ({ body, ctx }, res) => {
        const job = await s.impact.start({ draft: body.draft, corpus: toCorpus(body.corpus) }, ctx);
        res.status(202).setHeader('Location', `/api/jobs/${job.id}`);
        return { jobId: job.id, status: job.status, href: `/api/jobs/${job.id}` };
      },
    }),
    defineRoute({
      ...operations.getJob,
      handler: async ({ params, query }) => {
        // one job id space: a scenario batch, zone or plan import answers with its own shape (its result is its summary)
        const known = await s.store.jobs.get(params.id);
        if (known?.kind === 'scenario-batch') return s.batchRuns.get(params.id, known);
        if (known?.kind === 'zone-import') return s.zoneImports.get(params.id, known);
        if (known?.kind === 'plan-import') return s.planImports.get(params.id, known);
        const job = await s.impact.get(params.id, known);
        // a running job answers with the results written so far (batch by batch), so a client can show them as they come
        if (job.status === 'queued' || query.results === 'none') return job;
        const results = await s.impact.results(params.id, {
          changedOnly: query.results === 'changed',
          limit: query.limit,
          offset: query.offset,
        });
        return { ...job, results };
      },
    }),
  ];
}
