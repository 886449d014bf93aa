import { z } from 'zod';
import { defineKind, PrerequisiteEffect } from './types.js';

/** The CAD label (registration number and identification mark) must be displayed on the aircraft. */
export const labelling = defineKind({
  kind: 'labelling',
  summary: 'The CAD registration label must be displayed on the aircraft.',
  params: z.object({ effect: PrerequisiteEffect }).strict(),
  checkPlan(ctx, p) {
    return ctx.aircraft.labelled ? [] : [{ effect: p.effect, msg: { code: 'labelling.missing' } }];
  },
});
