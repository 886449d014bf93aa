import { z } from 'zod';
import { renderBoth } from '../messages/index.js';
import { Category } from '../model/rulebook.js';
import { categoryTrigger } from '../model/trigger.js';
import { defineKind } from './types.js';

/**
 * Every operation of an aircraft of this category needs CAD permission (category B; category C from 2025).
 * The category is any the rulebook declares (the loader checks it exists); its trigger is "category-<id>".
 */
export const categoryPermission = defineKind({
  kind: 'category-permission',
  summary: 'Any operation of an aircraft of the given category needs CAD permission.',
  params: z.object({ category: Category }).strict(),
  checkPlan(ctx, p) {
    if (ctx.category !== p.category) return [];
    return [
      {
        effect: 'requires-permission',
        trigger: categoryTrigger(p.category),
        msg: {
          code: 'category-permission.required',
          data: {
            category: p.category,
            categoryName: ctx.categoryName ?? renderBoth('category.name', { id: p.category }),
          },
        },
        measured: { value: ctx.massKg, unit: 'kg' },
      },
    ];
  },
});
