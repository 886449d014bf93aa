import { z } from 'zod';
import { defineKind, EnclosedAreaExempt } from './types.js';

/** One remote pilot flies at most `max` aircraft at a time (swarms and light shows need permission). */
export const aircraftPerPilot = defineKind({
  kind: 'aircraft-per-pilot',
  summary: 'A remote pilot may operate at most the given number of aircraft at a time.',
  params: z.object({ max: z.number().int().positive(), enclosedAreaExempt: EnclosedAreaExempt }).strict(),
  checkPlan(ctx, p) {
    const n = ctx.operation.aircraftPerPilot;
    if (n <= p.max) return [];
    return [
      {
        effect: 'requires-permission',
        trigger: 'aircraft-per-pilot',
        msg: { code: 'aircraft-per-pilot.exceeded' },
        measured: { value: n, unit: 'aircraft' },
        limit: { value: p.max, unit: 'aircraft' },
      },
    ];
  },
});
