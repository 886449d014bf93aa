import { ImportOptions, PLAN_FORMATS } from '@sua-sandbox/rules/imports';
import { FlightPlan, Report } from '@sua-sandbox/rules/model';
import { z } from 'zod';
import { budgetProblem } from '../budgets.js';
import { budgetExceeded } from '../errors.js';
import type { Services } from '../services/index.js';
import { BUDGET_ERRORS } from './check.routes.js';
import { defineRoute, type MountableRoute } from './route.js';
import { ErrorBody, IdParams, Paging, pickErrors } from './schemas.js';

const StoredPlanOut = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    revision: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    plan: FlightPlan,
  })
  .meta({ id: 'StoredPlan' });

const PlanList = z.object({
  total: z.number().int(),
  items: z.array(StoredPlanOut.omit({ plan: true }).extend({ start: z.string() })),
});

/** A JSON form field: parsed here so a broken one is a 400 naming the field. */
const jsonField = (what: string) =>
  z.string().transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: `${what} must be JSON` });
      return z.NEVER;
    }
  });

const UploadFields = z.object({
  format: z.enum([...PLAN_FORMATS, 'auto']).default('auto'),
  template: jsonField('template')
    .pipe(z.record(z.string(), z.unknown()))
    .describe('JSON text: the FlightPlan without `route` (aircraft, pilot, operation, start…)'),
  options: jsonField('options').pipe(ImportOptions).optional().describe('JSON text: PlanImportOptions'),
  name: z.string().min(1).max(200).optional(),
});

export const CheckOptions = z
  .object({
    rulebook: z.string().min(1).optional().describe('rulebook id or draft:<id>; default: the one in force'),
    asOf: z.iso.date().optional(),
    zones: z.array(z.unknown()).optional().describe('extra zones for this check'),
  })
  .strict();

const StoredReportOut = z.object({
  id: z.string(),
  planId: z.string().nullable(),
  rulebookId: z.string(),
  rulebookVersion: z.string(),
  verdict: z.string(),
  createdAt: z.string(),
  report: Report,
});

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
  return [
    defineRoute({
      method: 'get',
      path: '/api/plans',
      operationId: 'listPlans',
      summary: 'List stored flight plans',
      tags: ['plans'],
      request: { query: Paging },
      responses: { 200: { description: 'plans, oldest first', schema: PlanList }, ...pickErrors(400) },
      handler: ({ query }) => s.plans.list(query),
    }),
    defineRoute({
      method: 'post',
      path: '/api/plans',
      operationId: 'createPlan',
      summary: 'Store a flight plan (JSON, or an uploaded route file plus a template)',
      description:
        'JSON: a FlightPlan (its `id` is kept, else one is made). multipart/form-data: `file` (GeoJSON, QGC .plan, KML, KMZ, GPX; ≤ 10 MB), `template` (JSON: the plan without `route`), optional `format`, `options` (JSON import options) and `name`.',
      tags: ['plans'],
      request: { body: FlightPlan, precheck: waypointPrecheck(s) },
      upload: { fileField: 'file', fields: UploadFields, description: 'route file plus template' },
      responses: {
        201: { description: 'stored plan', schema: StoredPlanOut },
        ...pickErrors(400, 409, 413, 415),
        ...BUDGET_ERRORS,
      },
      handler: async (input, res) => {
        if (input.kind === 'json') {
          s.imports.assertWithinBudgets(input.body);
          res.status(201);
          return s.plans.create(input.body, input.ctx);
        }
        const { fields, file } = input;
        const { plan, warnings } = await s.imports.fromUpload({
          content: file.buffer,
          fileName: file.originalName,
          format: fields.format,
          template: fields.template,
          options: fields.options,
          name: fields.name,
        });
        // Same convention as planFromUpload: route problems point at the file, the rest at the template.
        const stored = await s.plans.create(plan, input.ctx, (p) =>
          p[0] === 'route' ? ['body', 'file', ...p] : ['body', 'template', ...p],
        );
        res.status(201);
        return { ...stored, warnings };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/plans/:id',
      operationId: 'getPlan',
      summary: 'Get a stored flight plan',
      tags: ['plans'],
      request: { params: IdParams },
      responses: { 200: { description: 'the plan', schema: StoredPlanOut }, ...pickErrors(404) },
      handler: ({ params }) => s.plans.get(params.id),
    }),
    defineRoute({
      method: 'put',
      path: '/api/plans/:id',
      operationId: 'updatePlan',
      summary: 'Replace a stored flight plan',
      tags: ['plans'],
      request: { params: IdParams, body: FlightPlan, precheck: waypointPrecheck(s) },
      responses: {
        200: { description: 'updated plan', schema: StoredPlanOut },
        ...pickErrors(400, 404, 413, 415),
        ...BUDGET_ERRORS,
      },
      handler: (input) => {
        s.imports.assertWithinBudgets(input.body);
        return s.plans.update(input.params.id, input.body, input.ctx);
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/plans/:id',
      operationId: 'deletePlan',
      summary: 'Delete a stored flight plan (its reports are kept)',
      tags: ['plans'],
      request: { params: IdParams },
      responses: { 204: { description: 'deleted' }, ...pickErrors(404) },
      handler: async ({ params, ctx }, res) => {
        await s.plans.delete(params.id, ctx);
        res.status(204).end();
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/plans/:id/check',
      operationId: 'checkStoredPlan',
      summary: 'Check a stored plan again; the report is kept in its history',
      tags: ['plans', 'check'],
      request: { params: IdParams, body: CheckOptions.optional() },
      responses: {
        200: { description: 'report (header X-Report-Id names the stored copy)', schema: Report },
        ...pickErrors(400, 404, 415),
        ...BUDGET_ERRORS,
      },
      handler: async (input, res) => {
        const stored = await s.plans.get(input.params.id);
        const opts = input.body ?? {};
        const { report, reportId } = await s.checks.check({ plan: stored.plan, ...opts }, input.ctx, {
          planId: stored.id,
          issuePath: stripPlanPrefix,
        });
        res.setHeader('X-Report-Id', reportId);
        return report;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/plans/:id/reports',
      operationId: 'listPlanReports',
      summary: 'Report history of a stored plan, oldest first',
      tags: ['plans'],
      request: { params: IdParams },
      responses: {
        200: { description: 'reports', schema: z.array(StoredReportOut) },
        404: { description: 'no such plan', schema: ErrorBody },
      },
      handler: ({ params }) => s.plans.reports(params.id),
    }),
  ];
}
