import { z } from 'zod';
import { AppliesTo, RuleDef } from './rulebook.js';
import { Zone } from './zone.js';

/** One declarative change a draft makes to its base rulebook. */
export const DraftChange = z
  .discriminatedUnion('op', [
    z.object({
      op: z.literal('set-parameter'),
      rule: z.string().describe('rule id'),
      path: z.string().min(1).describe('dot path inside the rule params, e.g. "limit.value"'),
      value: z.unknown(),
      note: z.string().optional(),
    }),
    z.object({ op: z.literal('set-global'), name: z.string(), value: z.unknown(), note: z.string().optional() }),
    z.object({ op: z.literal('add-rule'), rule: RuleDef, note: z.string().optional() }),
    z.object({ op: z.literal('withdraw-rule'), rule: z.string(), note: z.string().optional() }),
    z.object({ op: z.literal('add-zone'), zone: Zone, note: z.string().optional() }),
    z.object({ op: z.literal('remove-zone'), zone: z.string(), note: z.string().optional() }),
    z.object({
      op: z.literal('set-applicability'),
      rule: z.string(),
      appliesTo: AppliesTo,
      note: z.string().optional(),
    }),
  ])
  .meta({ id: 'DraftChange' });
export type DraftChange = z.infer<typeof DraftChange>;

/** A regulator's draft: a named reform over a base rulebook. Applying it is a pure function. */
export const Draft = z
  .object({
    $schema: z.string().optional(),
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/),
    title: z.string().min(1),
    base: z.string().describe('id of the rulebook this draft changes'),
    author: z.string().optional(),
    description: z.string().optional(),
    commencement: z.iso.date().optional().describe('proposed commencement; defaults to the base'),
    changes: z.array(DraftChange).min(1),
  })
  .meta({ id: 'Draft' });
export type Draft = z.infer<typeof Draft>;
export type DraftInput = z.input<typeof Draft>;
