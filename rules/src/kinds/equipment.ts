import { z } from 'zod';
import { defineKind, PrerequisiteEffect } from './types.js';

const Item = z.enum(['flightLog', 'geoAwareness', 'failSafe', 'remoteId']);

/** Basic equipment the aircraft must have (flight log, geo-awareness…). One hit per missing item. */
export const equipment = defineKind({
  kind: 'equipment',
  summary: 'The aircraft must have the listed equipment functions.',
  params: z.object({ required: z.array(Item).min(1), effect: PrerequisiteEffect }).strict(),
  checkPlan(ctx, p) {
    return p.required
      .filter((item) => !ctx.aircraft.equipment[item])
      .map((item) => ({ effect: p.effect, msg: { code: `equipment.${item}` } }));
  },
});
