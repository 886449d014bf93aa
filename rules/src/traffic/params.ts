import { z } from 'zod';
import { Provision } from '../model/citation.js';
import { Purpose } from '../model/plan.js';

/**
 * Traffic-management parameters: buffers, priorities, the deconfliction search and its index. Their values
 * live in rules/data/traffic/params.yaml (a draft can change them); nothing here has a default, so a missing
 * value is an error naming the field, never a silent number.
 */
const Seconds = z.number().finite().nonnegative();
const Metres = z.number().finite().nonnegative();

export const IntentBuffers = z
  .object({
    lateralM: Metres.describe('added to each side of the flown segment: navigation and flight-technical error'),
    verticalM: Metres.describe('added above and below the planned altitudes: altimetry and height keeping'),
    timeBeforeS: Seconds.describe('the volume starts this long before the planned arrival at the leg'),
    timeAfterS: Seconds.describe('and ends this long after the planned end of the leg: timing accuracy'),
  })
  .strict()
  .meta({ id: 'IntentBuffers' });
export type IntentBuffers = z.infer<typeof IntentBuffers>;

export const PriorityParams = z
  .object({
    classes: z
      .record(z.string().min(1), z.number().int())
      .describe('priority class → number; a higher number takes precedence (F3548 priority)'),
    byPurpose: z
      .partialRecord(Purpose, z.string().min(1))
      .describe('class given to a plan of this purpose unless the applicant declares one'),
    default: z.string().min(1).describe('class of every other plan'),
  })
  .strict()
  .superRefine((p, ctx) => {
    const known = (c: string) => Object.hasOwn(p.classes, c);
    if (!known(p.default)) ctx.addIssue({ code: 'custom', message: `unknown class "${p.default}"`, path: ['default'] });
    for (const [purpose, c] of Object.entries(p.byPurpose))
      if (c !== undefined && !known(c))
        ctx.addIssue({ code: 'custom', message: `unknown class "${c}"`, path: ['byPurpose', purpose] });
  });
export type PriorityParams = z.infer<typeof PriorityParams>;

/**
 * Live separation minima between airborne aircraft (the monitor's tactical check): a pair closer than both is a
 * separation advisory. Bounded above because a larger minimum makes every aircraft a neighbour of every other.
 */
export const SeparationMinima = z
  .object({
    horizontalM: z.number().finite().positive().max(5000).describe('horizontal minimum (great-circle distance)'),
    verticalM: z.number().finite().positive().max(500).describe('vertical minimum (difference of AMSL altitudes)'),
  })
  .strict()
  .meta({ id: 'SeparationMinima' });
export type SeparationMinima = z.infer<typeof SeparationMinima>;

export const TrafficParams = z
  .object({
    provision: Provision.describe('the sandbox source every traffic finding cites (a trial parameter, not law)'),
    plane: z
      .object({ originLon: z.number().min(-180).max(180), originLat: z.number().min(-80).max(80) })
      .strict()
      .describe('origin of the shared planar projection'),
    buffers: IntentBuffers,
    priorities: PriorityParams,
    deconfliction: z
      .object({
        maxShiftS: Seconds.describe('the start-delay search stops here: no shift is suggested past it'),
        cellM: z.number().positive().describe('index cell size'),
        binS: z.number().positive().describe('index time-bin length'),
      })
      .strict(),
    route: z
      .object({ sampleStepM: z.number().positive().describe('plans are checked against a route at this spacing') })
      .strict(),
    separation: SeparationMinima.describe(
      "live sessions judged under a draft that sets these use them instead of their scenario's minima",
    ),
    conformance: z
      .object({
        graceS: Seconds.describe('a Nonconforming aircraft still outside its intent this long turns Contingent'),
      })
      .strict(),
  })
  .strict()
  .meta({ id: 'TrafficParams' });
export type TrafficParams = z.infer<typeof TrafficParams>;
export type TrafficParamsInput = z.input<typeof TrafficParams>;
