import { z } from 'zod';
import { defineKind, EnclosedAreaExempt } from './types.js';

/** Nothing may be dropped from the aircraft unless with permission. */
export const dropping = defineKind({
  kind: 'dropping',
  summary: 'Nothing may be dropped from the aircraft without permission.',
  params: z.object({ enclosedAreaExempt: EnclosedAreaExempt }).strict(),
  checkPlan(ctx) {
    if (!ctx.operation.droppingArticles) return [];
    return [{ effect: 'requires-permission', trigger: 'dropping', msg: { code: 'dropping.planned' } }];
  },
});
