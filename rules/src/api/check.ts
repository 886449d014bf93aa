import { z } from 'zod';
import { FlightPlan } from '../model/plan.js';
import { Report } from '../model/report.js';
import { Rulebook } from '../model/rulebook.js';
import { Zone } from '../model/zone.js';
import { BUDGET_ERRORS, defineOperation, pickErrors } from './operation.js';

/** The envelope form; a body without `plan` is taken as a bare FlightPlan. */
export const CheckEnvelope = z
  .object({
    plan: z.unknown(),
    rulebook: z
      .union([z.string().min(1), z.record(z.string(), z.unknown())])
      .optional()
      .describe('rulebook id, "draft:<id>", or an inline Rulebook; default: the one in force on asOf'),
    asOf: z.iso.date().optional().describe("picks the rulebook in force; default: the plan's take-off date"),
    zones: z.array(z.unknown()).optional().describe('extra zones for this check only'),
  })
  .strict();

/** What the document shows as the body (the handler validates in two stages). */
export const CheckRequest = z
  .union([
    FlightPlan,
    z.object({
      plan: FlightPlan,
      rulebook: z.union([z.string(), Rulebook]).optional(),
      asOf: z.iso.date().optional(),
      zones: z.array(Zone).optional(),
    }),
  ])
  .meta({ id: 'CheckRequest' });

export const checkOperations = {
  check: defineOperation({
    method: 'post',
    path: '/api/check',
    operationId: 'check',
    summary: 'Check a flight plan: the same report `sua-sandbox check --json` prints',
    description:
      'Body: a FlightPlan, or `{plan, rulebook?, asOf?, zones?}`. The report is stored (header X-Report-Id). Issues name the field, e.g. `body.route.coordinates.3`. ' +
      'Runs in the worker pool within the server budgets: waypoints per plan and legs × zones (422 budget_exceeded), task time and memory (422); past the findings budget the report lists the most severe findings and says `truncated: {total, kept}`.',
    tags: ['check'],
    request: { body: z.record(z.string(), z.unknown()) },
    docBody: CheckRequest,
    responses: { 200: { description: 'the report', schema: Report }, ...pickErrors(400, 413, 415), ...BUDGET_ERRORS },
  }),
};
