import { z } from 'zod';
import { defineKind, round2 } from './types.js';

/** An aircraft heavier than the top category is outside the Order: no SUA permission can cover it. */
export const scope = defineKind({
  kind: 'scope',
  summary: 'The aircraft must be within the mass range of the Order (heavier aircraft fall under other law).',
  params: z.object({}).strict(),
  checkPlan(ctx) {
    if (ctx.category !== 'out-of-scope') return [];
    return [
      {
        effect: 'prohibited',
        msg: { code: 'scope.out' },
        measured: { value: round2(ctx.massKg), unit: 'kg' },
        limit: { value: round2(ctx.scopeMaxKg), unit: 'kg' },
      },
    ];
  },
});
