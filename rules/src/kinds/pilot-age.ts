import { z } from 'zod';
import { AgeLimit, defineKind } from './types.js';

/** Minimum age of the remote pilot. Being too young cannot be cured by a permission. */
export const pilotAge = defineKind({
  kind: 'pilot-age',
  summary: 'The remote pilot must be at least the minimum age.',
  params: z.object({ min: AgeLimit }).strict(),
  checkPlan(ctx, p) {
    if (ctx.pilot.age >= p.min.value) return [];
    return [
      {
        effect: 'prohibited',
        msg: { code: 'pilot-age.under' },
        measured: { value: ctx.pilot.age, unit: 'years' },
        limit: { value: p.min.value, unit: 'years' },
      },
    ];
  },
});
