import { FlightPlan, Report, Rulebook, Zone } from '@sua-sandbox/rules/model';
import type { Response } from 'express';
import { z } from 'zod';
import { issuesFromZod, validationFailed } from '../errors.js';
import type { Services } from '../services/index.js';
import { defineRoute, type MountableRoute } from './route.js';
import { ErrorBody, pickErrors } from './schemas.js';

/** Budgets (budgets.ts): 413 past a size (e.g. bytes after decompression), 422 past a work limit, 503 when busy. */
export const BUDGET_ERRORS = {
  413: {
    description: 'over a size limit: body, file, or bytes after decompression (code budget_exceeded names it)',
    schema: ErrorBody,
  },
  422: { description: 'over a server budget (code budget_exceeded; the message names the limit)', schema: ErrorBody },
  503: { description: 'the worker pool is busy or shutting down; retry', schema: ErrorBody },
} as const;

/** The envelope form; a body without `plan` is taken as a bare FlightPlan. */
const CheckEnvelope = z
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

const CheckBodyDoc = z
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

/** Stops the check's worker task when the client goes away before the answer: no one would read it. */
export function abortOnClose(res: Response): AbortSignal {
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}

export function checkRoutes(s: Services): MountableRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/check',
      operationId: 'check',
      summary: 'Check a flight plan: the same report `sua-sandbox check --json` prints',
      description:
        'Body: a FlightPlan, or `{plan, rulebook?, asOf?, zones?}`. The report is stored (header X-Report-Id). Issues name the field, e.g. `body.route.coordinates.3`. ' +
        'Runs in the worker pool within the server budgets: waypoints per plan and legs × zones (422 budget_exceeded), task time and memory (422); past the findings budget the report lists the most severe findings and says `truncated: {total, kept}`.',
      tags: ['check'],
      request: { body: z.record(z.string(), z.unknown()) },
      docBody: CheckBodyDoc,
      responses: { 200: { description: 'the report', schema: Report }, ...pickErrors(400, 413, 415), ...BUDGET_ERRORS },
      handler: async (input, res) => {
        const body = input.body;
        let checkInput: z.output<typeof CheckEnvelope>;
        let issuePath: (p: (string | number)[]) => (string | number)[];
        if ('plan' in body) {
          const env = CheckEnvelope.safeParse(body);
          if (!env.success) throw validationFailed(issuesFromZod(env.error, 'body'));
          checkInput = env.data;
          issuePath = (p) => ['body', ...p];
        } else {
          checkInput = { plan: body };
          issuePath = (p) => ['body', ...p.slice(p[0] === 'plan' ? 1 : 0)];
        }
        const { report, reportId } = await s.checks.check(checkInput, input.ctx, {
          planId: null,
          issuePath,
          signal: abortOnClose(res),
        });
        res.setHeader('X-Report-Id', reportId);
        return report;
      },
    }),
  ];
}
