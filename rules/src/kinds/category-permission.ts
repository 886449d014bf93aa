import { z } from 'zod';
import { defineKind } from './types.js';

/** Every operation of an aircraft of this category needs CAD permission (category B; category C from 2025). */
export const categoryPermission = defineKind({
  kind: 'category-permission',
  summary: 'Any operation of an aircraft of the given category needs CAD permission.',
  params: z.object({ category: z.enum(['B', 'C']) }).strict(),
  checkPlan(ctx, p) {
    if (ctx.category !== p.category) return [];
    return [
      {
        effect: 'requires-permission',
        trigger: p.category === 'B' ? 'category-b' : 'category-c',
        msg: { code: 'category-permission.required', data: { category: p.category } },
        measured: { value: ctx.massKg, unit: 'kg' },
      },
    ];
  },
});
