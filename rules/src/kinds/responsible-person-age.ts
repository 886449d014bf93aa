import { z } from 'zod';
import { AgeLimit, defineKind } from './types.js';

/** Minimum age of the responsible person (owner / operator who registers the aircraft). */
export const responsiblePersonAge = defineKind({
  kind: 'responsible-person-age',
  summary: 'The responsible person must be at least the minimum age.',
  params: z.object({ min: AgeLimit }).strict(),
  checkPlan(ctx, p) {
    const rp = ctx.responsiblePerson;
    if (!rp || rp.age >= p.min.value) return [];
    return [
      {
        effect: 'prohibited',
        msg: { code: 'responsible-person-age.under' },
        measured: { value: rp.age, unit: 'years' },
        limit: { value: p.min.value, unit: 'years' },
      },
    ];
  },
});
