import { z } from 'zod';
import { defineKind, EnclosedAreaExempt } from './types.js';

/** Carrying persons or animals is outside the standard operating requirements. */
export const personsOrAnimals = defineKind({
  kind: 'persons-or-animals',
  summary: 'The aircraft must not carry persons or animals.',
  params: z.object({ enclosedAreaExempt: EnclosedAreaExempt }).strict(),
  checkPlan(ctx) {
    if (!ctx.operation.carriesPersonsOrAnimals) return [];
    return [
      { effect: 'requires-permission', trigger: 'persons-or-animals', msg: { code: 'persons-or-animals.carried' } },
    ];
  },
});
