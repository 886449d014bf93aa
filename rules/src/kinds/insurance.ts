import { z } from 'zod';
import { defineKind, MoneyLimit, PrerequisiteEffect } from './types.js';

/**
 * Third-party insurance (bodily injury / death) held by the responsible person.
 * `inForce: false` or `min: null` encodes a requirement whose commencement or amount the law leaves open.
 */
export const insurance = defineKind({
  kind: 'insurance',
  summary: 'The responsible person must hold third-party insurance of at least the minimum cover.',
  params: z
    .object({ min: MoneyLimit.nullable(), inForce: z.boolean().default(true), effect: PrerequisiteEffect })
    .strict(),
  checkPlan(ctx, p) {
    const rp = ctx.responsiblePerson;
    if (!p.inForce || p.min === null || !rp) return [];
    const cover = rp.insurance?.value ?? 0;
    if (cover >= p.min.value) return [];
    return [
      {
        effect: p.effect,
        msg: { code: rp.insurance ? 'insurance.insufficient' : 'insurance.none' },
        measured: { value: cover, unit: 'HKD' },
        limit: { value: p.min.value, unit: 'HKD' },
      },
    ];
  },
});
