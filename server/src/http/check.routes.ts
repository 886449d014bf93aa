import { z } from 'zod';
import { FlightPlan, Report, Rulebook, Zone } from '../../../rules/src/model/index.js';
import { issuesFrom, validationFailed } from '../errors.js';
import type { Services } from '../services/index.js';
import { defineRoute, type MountableRoute } from './route.js';
import { pickErrors } from './schemas.js';

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

export function checkRoutes(s: Services): MountableRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/check',
      operationId: 'check',
      summary: 'Check a flight plan: the same report `sua-sandbox check --json` prints',
      description:
        'Body: a FlightPlan, or `{plan, rulebook?, asOf?, zones?}`. The report is stored (header X-Report-Id). Issues name the field, e.g. `body.route.coordinates.3`.',
      tags: ['check'],
      request: { body: z.record(z.string(), z.unknown()) },
      docBody: CheckBodyDoc,
      responses: { 200: { description: 'the report', schema: Report }, ...pickErrors(400, 413, 415) },
      handler: async (input, res) => {
        const body = input.body;
        let checkInput: z.output<typeof CheckEnvelope>;
        let issuePath: (p: (string | number)[]) => (string | number)[];
        if ('plan' in body) {
          const env = CheckEnvelope.safeParse(body);
          if (!env.success) throw validationFailed(issuesFrom(env.error, 'body'));
          checkInput = env.data;
          issuePath = (p) => ['body', ...p];
        } else {
          checkInput = { plan: body };
          issuePath = (p) => ['body', ...p.slice(p[0] === 'plan' ? 1 : 0)];
        }
        const { report, reportId } = await s.checks.check(checkInput, input.ctx, { planId: null, issuePath });
        res.setHeader('X-Report-Id', reportId);
        return report;
      },
    }),
  ];
}
