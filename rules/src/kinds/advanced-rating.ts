import { z } from 'zod';
import { defineKind, PrerequisiteEffect } from './types.js';

/** The remote pilot holds an advanced rating (advanced training and assessment at a CAD-approved ATO). */
export const advancedRating = defineKind({
  kind: 'advanced-rating',
  summary: 'The remote pilot must hold an advanced rating.',
  params: z.object({ effect: PrerequisiteEffect }).strict(),
  checkPlan(ctx, p) {
    return ctx.pilot.advancedRating ? [] : [{ effect: p.effect, msg: { code: 'advanced-rating.missing' } }];
  },
});
