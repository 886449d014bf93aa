import { CheckEnvelope, operations } from '@sua-sandbox/rules/api';
import type { Response } from 'express';
import type { z } from 'zod';
import { issuesFromZod, validationFailed } from '../errors.js';
import type { Services } from '../services/index.js';
import { defineRoute, type MountableRoute } from './route.js';

/** Budgets (budgets.ts): 413 past a size (e.g. bytes after decompression), 422 past a work limit, 503 when busy. */
export { BUDGET_ERRORS } from '@sua-sandbox/rules/api';

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
      ...operations.check,
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
        // the public's check is stateless; a signed-in caller's report is kept (X-Report-Id)
        if (input.ctx.principal.kind !== 'user')
          return s.checks.checkStateless(checkInput, {
            reader: input.ctx.principal,
            issuePath,
            signal: abortOnClose(res),
          });
        const { report, reportId } = await s.checks.check(checkInput, input.ctx, {
          planId: null,
          reader: input.ctx.principal,
          issuePath,
          signal: abortOnClose(res),
        });
        res.setHeader('X-Report-Id', reportId);
        return report;
      },
    }),
  ];
}
