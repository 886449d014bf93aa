import { z } from 'zod';
import { ImportOptions, PLAN_FORMATS } from '../imports/types.js';
import { FlightPlan } from '../model/plan.js';
import { Report } from '../model/report.js';
import { BUDGET_ERRORS, defineOperation, ErrorBody, IdParams, Paging, pickErrors, Timestamp } from './operation.js';

/** Stored flight plans and their report history. */

export const StoredPlan = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    revision: z.number().int(),
    ownerOrg: z
      .string()
      .nullable()
      .describe('the organisation that owns it; null: the regulator’s or from before accounts'),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    plan: FlightPlan,
  })
  .meta({ id: 'StoredPlan' });
export type StoredPlan = z.output<typeof StoredPlan>;

export const PlanList = z.object({
  total: z.number().int(),
  items: z.array(StoredPlan.omit({ plan: true }).extend({ start: z.string() })),
});

/** A JSON form field: parsed here so a broken one is a 400 naming the field. */
const jsonField = (what: string) =>
  z.string().transform((text, ctx): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: `${what} must be JSON` });
      return z.NEVER;
    }
  });

export const PlanUploadFields = z.object({
  format: z.enum([...PLAN_FORMATS, 'auto']).default('auto'),
  template: jsonField('template')
    .pipe(z.record(z.string(), z.unknown()))
    .describe('JSON text: the FlightPlan without `route` (aircraft, pilot, operation, start…)'),
  options: jsonField('options').pipe(ImportOptions).optional().describe('JSON text: PlanImportOptions'),
  name: z.string().min(1).max(200).optional(),
});

/** An upload answers the stored plan plus what the importer warned about. */
export const ImportedPlan = z.object({ plan: FlightPlan, warnings: z.array(z.string()) }).meta({ id: 'ImportedPlan' });

export const CreatedPlan = StoredPlan.extend({
  warnings: z.array(z.string()).optional().describe('importer warnings (uploads only)'),
});

export const CreatePlanQuery = z.object({
  async: z
    .enum(['0', '1'])
    .optional()
    .describe(
      '1: read an uploaded file as a background job (202 + job id) whatever its size; uploads over BUDGET_ASYNC_IMPORT_BYTES always are',
    ),
});

/** A large upload's job: where to read its status and, when done, the 201 answer. */
export const PlanImportAccepted = z.object({ jobId: z.string(), status: z.string(), href: z.string() });

export const CheckOptions = z
  .object({
    rulebook: z.string().min(1).optional().describe('rulebook id or draft:<id>; default: the one in force'),
    asOf: z.iso.date().optional(),
    zones: z.array(z.unknown()).optional().describe('extra zones for this check'),
  })
  .strict();

export const StoredReport = z.object({
  id: z.string(),
  planId: z.string().nullable(),
  rulebookId: z.string(),
  rulebookVersion: z.string(),
  verdict: z.string(),
  createdAt: Timestamp,
  report: Report,
});

export const planOperations = {
  listPlans: defineOperation({
    method: 'get',
    path: '/api/plans',
    operationId: 'listPlans',
    summary: 'List stored flight plans',
    tags: ['plans'],
    request: { query: Paging },
    responses: { 200: { description: 'plans, oldest first', schema: PlanList }, ...pickErrors(400) },
  }),
  createPlan: defineOperation({
    method: 'post',
    path: '/api/plans',
    operationId: 'createPlan',
    summary: 'Store a flight plan (JSON, or an uploaded route file plus a template)',
    description:
      'JSON: a FlightPlan (its `id` is kept, else one is made). multipart/form-data: `file` (GeoJSON, QGC .plan, KML, KMZ, GPX; ≤ 10 MB), `template` (JSON: the plan without `route`), optional `format`, `options` (JSON import options) and `name`.',
    tags: ['plans'],
    request: { query: CreatePlanQuery, body: FlightPlan },
    upload: { fileField: 'file', fields: PlanUploadFields, description: 'route file plus template' },
    responses: {
      201: { description: 'stored plan', schema: CreatedPlan },
      202: {
        description:
          'an uploaded file over the size threshold (or `async=1`): a job (GET /api/jobs/{id}, the uploader’s own) whose result is the 201 answer; a refused file fails the job with the 4xx reason and stores nothing',
        schema: PlanImportAccepted,
      },
      ...pickErrors(400, 409, 413, 415),
      429: { description: 'too many of the caller’s uploads are already queued or running', schema: ErrorBody },
      ...BUDGET_ERRORS,
    },
  }),
  importPlanFile: defineOperation({
    method: 'post',
    path: '/api/plans/import',
    operationId: 'importPlanFile',
    summary: 'Read a route file into a flight plan, storing nothing (the public plan checker)',
    description:
      "multipart/form-data as for POST /api/plans: `file` (GeoJSON, QGC .plan, KML, KMZ, GPX; ≤ 10 MB), `template` (JSON: the plan without `route`), optional `format`, `options` and `name`. Answers the completed plan, validated as a check would, and the importer's warnings.",
    tags: ['plans'],
    request: {},
    upload: { fileField: 'file', fields: PlanUploadFields, description: 'route file plus template' },
    responses: {
      200: { description: 'the plan the file describes', schema: ImportedPlan },
      ...pickErrors(400, 413, 415),
      ...BUDGET_ERRORS,
    },
  }),
  getPlan: defineOperation({
    method: 'get',
    path: '/api/plans/:id',
    operationId: 'getPlan',
    summary: 'Get a stored flight plan',
    tags: ['plans'],
    request: { params: IdParams },
    responses: { 200: { description: 'the plan', schema: StoredPlan }, ...pickErrors(404) },
  }),
  updatePlan: defineOperation({
    method: 'put',
    path: '/api/plans/:id',
    operationId: 'updatePlan',
    summary: 'Replace a stored flight plan',
    tags: ['plans'],
    request: { params: IdParams, body: FlightPlan },
    responses: {
      200: { description: 'updated plan', schema: StoredPlan },
      ...pickErrors(400, 404, 413, 415),
      ...BUDGET_ERRORS,
    },
  }),
  deletePlan: defineOperation({
    method: 'delete',
    path: '/api/plans/:id',
    operationId: 'deletePlan',
    summary: 'Delete a stored flight plan (its reports are kept)',
    tags: ['plans'],
    request: { params: IdParams },
    responses: { 204: { description: 'deleted' }, ...pickErrors(404) },
  }),
  checkStoredPlan: defineOperation({
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
  }),
  listPlanReports: defineOperation({
    method: 'get',
    path: '/api/plans/:id/reports',
    operationId: 'listPlanReports',
    summary: 'Report history of a stored plan, oldest first',
    tags: ['plans'],
    request: { params: IdParams },
    responses: {
      200: { description: 'reports', schema: z.array(StoredReport) },
      404: { description: 'no such plan', schema: ErrorBody },
    },
  }),
};
