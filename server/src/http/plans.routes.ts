import { operations } from '@sua-sandbox/rules/api';
import { jobOwnerOf, listScope, ownerFor } from '../auth/access-policy.js';
import { requireUser } from '../auth/policy.js';
import { budgetProblem } from '../budgets.js';
import { budgetExceeded, validationFailed } from '../errors.js';
import type { Services } from '../services/index.js';
import { uploadIssuePath } from '../services/plan-import.js';
import { defineRoute, type MountableRoute } from './route.js';

/** The route's length on the raw JSON body, before the FlightPlan schema: a 40,000-waypoint plan costs no parse. */
function rawWaypointCount(body: unknown): number {
  if (typeof body !== 'object' || body === null) return 0;
  const route = (body as { route?: unknown }).route;
  if (typeof route !== 'object' || route === null) return 0;
  const coordinates = (route as { coordinates?: unknown }).coordinates;
  return Array.isArray(coordinates) ? coordinates.length : 0;
}

/** The waypoint budget as a precheck: the same 422 as after validation, before it. */
const waypointPrecheck = (s: Services) => (body: unknown) => {
  const n = rawWaypointCount(body);
  const limit = s.work.budgets.waypoints;
  if (n <= limit) return undefined;
  return budgetExceeded(budgetProblem('waypoints', `plan has ${n} waypoints`, limit, ['body', 'route', 'coordinates']));
};

const stripPlanPrefix = (p: (string | number)[]) => ['body', ...p.slice(p[0] === 'plan' ? 1 : 0)];

export function planRoutes(s: Services): MountableRoute[] {
  const { listPlans, createPlan, importPlanFile, getPlan, updatePlan, deletePlan, checkStoredPlan, listPlanReports } =
    operations;
  return [
    defineRoute({ ...listPlans, handler: ({ query, ctx }) => s.plans.list(query, listScope(ctx.principal)) }),
    defineRoute({
      ...createPlan,
      request: { ...createPlan.request, precheck: waypointPrecheck(s) },
      handler: async (input, res) => {
        if (input.kind === 'json') {
          if (input.query.async === '1')
            throw validationFailed([
              { path: ['query', 'async'], message: 'only an uploaded file (multipart) is a job' },
            ]);
          s.imports.assertWithinBudgets(input.body);
          res.status(201);
          return s.plans.create(input.body, { ...input.ctx, ownerOrg: ownerFor(input.ctx.principal) });
        }
        const { fields, file } = input;
        const upload = {
          content: file.buffer,
          fileName: file.originalName,
          format: fields.format,
          template: fields.template,
          options: fields.options,
          name: fields.name,
        };
        const owner = { ...input.ctx, ownerOrg: ownerFor(input.ctx.principal) };
        // a large file (or `async=1`) is read as the uploader's background job: 202 now, the 201 answer its result
        if (input.query.async === '1' || file.buffer.length > s.work.budgets.asyncImportBytes) {
          const user = requireUser(input.ctx.principal);
          const job = await s.planImports.start(s.imports.taskInput(upload), { ...owner, owner: jobOwnerOf(user) });
          res.status(202).setHeader('Location', `/api/jobs/${job.id}`);
          return { jobId: job.id, status: job.status, href: `/api/jobs/${job.id}` };
        }
        const { plan, warnings } = await s.imports.fromUpload(upload);
        const stored = await s.plans.create(plan, owner, uploadIssuePath);
        res.status(201);
        return { ...stored, warnings };
      },
    }),
    defineRoute({
      ...importPlanFile,
      handler: async (input) => {
        // the operation declares no JSON body: route.ts answers 415 to anything but multipart
        if (input.kind !== 'multipart')
          throw validationFailed([{ path: ['body', 'file'], message: 'file is required' }]);
        const { fields, file } = input;
        const { plan, warnings } = await s.imports.fromUpload({
          content: file.buffer,
          fileName: file.originalName,
          format: fields.format,
          template: fields.template,
          options: fields.options,
          name: fields.name,
        });
        s.plans.validate(plan, uploadIssuePath);
        return { plan, warnings };
      },
    }),
    defineRoute({ ...getPlan, handler: ({ params }) => s.plans.get(params.id) }),
    defineRoute({
      ...updatePlan,
      request: { ...updatePlan.request, precheck: waypointPrecheck(s) },
      handler: (input) => {
        s.imports.assertWithinBudgets(input.body);
        return s.plans.update(input.params.id, input.body, input.ctx);
      },
    }),
    defineRoute({
      ...deletePlan,
      handler: async ({ params, ctx }, res) => {
        await s.plans.delete(params.id, ctx);
        res.status(204).end();
      },
    }),
    defineRoute({
      ...checkStoredPlan,
      handler: async (input, res) => {
        const stored = await s.plans.get(input.params.id);
        const opts = input.body ?? {};
        const { report, reportId } = await s.checks.check({ plan: stored.plan, ...opts }, input.ctx, {
          planId: stored.id,
          reader: input.ctx.principal,
          issuePath: stripPlanPrefix,
        });
        res.setHeader('X-Report-Id', reportId);
        return report;
      },
    }),
    defineRoute({ ...listPlanReports, handler: ({ params }) => s.plans.reports(params.id) }),
  ];
}
