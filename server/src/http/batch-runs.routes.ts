import { operations } from '@sua-sandbox/rules/api';
import type { Services } from '../services/index.js';
import { defineRoute, type MountableRoute } from './route.js';

export function batchRunRoutes(s: Services): MountableRoute[] {
  return [
    defineRoute({
      ...operations.startScenarioBatch,
      handler: async ({ body, ctx }, res) => {
        const job = await s.batchRuns.start(body, ctx);
        res.status(202).setHeader('Location', `/api/jobs/${job.id}`);
        return { jobId: job.id, status: job.status, href: `/api/jobs/${job.id}` };
      },
    }),
  ];
}
