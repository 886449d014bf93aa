import { z } from 'zod';
import { defineKind, PrerequisiteEffect } from './types.js';

/**
 * Registration with CAD (eSUA) of the aircraft, the remote pilot or the responsible person.
 * @example params: { subject: aircraft, effect: prohibited }
 */
export const registration = defineKind({
  kind: 'registration',
  summary: 'The aircraft, remote pilot or responsible person must be registered with CAD.',
  params: z
    .object({ subject: z.enum(['aircraft', 'remote-pilot', 'responsible-person']), effect: PrerequisiteEffect })
    .strict(),
  checkPlan(ctx, p) {
    const registered =
      p.subject === 'aircraft'
        ? ctx.aircraft.registration !== null
        : p.subject === 'remote-pilot'
          ? ctx.pilot.registered
          : ctx.responsiblePerson?.registered;
    if (registered === undefined || registered) return [];
    return [{ effect: p.effect, msg: { code: `registration.${p.subject}` } }];
  },
});
