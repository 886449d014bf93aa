import { z } from 'zod';
import { defineKind } from './types.js';

/**
 * Carrying dangerous goods (s.2: Cap. 295 s.3 goods, excluding the aircraft's own power source and items
 * needed to fly) makes the operation advanced, enclosed area or not.
 */
export const dangerousGoods = defineKind({
  kind: 'dangerous-goods',
  summary: 'Carrying dangerous goods needs CAD permission.',
  params: z.object({}).strict(),
  checkPlan(ctx) {
    if (!ctx.operation.dangerousGoods) return [];
    return [{ effect: 'requires-permission', trigger: 'dangerous-goods', msg: { code: 'dangerous-goods.carried' } }];
  },
});
