import { z } from 'zod';
import { AppliesTo, RuleDef } from './rulebook.js';
import { isReservedKey, reservedKeyMessage, reservedKeyPaths } from './safe-keys.js';
import { Zone } from './zone.js';

/** A dot path inside rule params: non-empty segments, none of them a reserved key such as `__proto__`. */
const ParamPath = z
  .string()
  .min(1)
  .superRefine((path, ctx) => {
    for (const segment of path.split('.')) {
      if (segment === '') ctx.addIssue({ code: 'custom', message: `empty segment in the path "${path}"` });
      else if (isReservedKey(segment)) ctx.addIssue({ code: 'custom', message: reservedKeyMessage(segment) });
    }
  });

/** A rulebook parameter name; reserved keys would reach Object.prototype through the parameter table. */
const ParamName = z
  .string()
  .refine((name) => !isReservedKey(name), { error: (i) => reservedKeyMessage(String(i.input)) });

/** Any JSON value whose objects carry no reserved key at any depth; each one is reported at its path. */
const SafeValue = z.unknown().superRefine((value, ctx) => {
  for (const path of reservedKeyPaths(value))
    ctx.addIssue({ code: 'custom', path, message: reservedKeyMessage(String(path[path.length - 1])) });
});

/** One declarative change to a rulebook (drafts and enacted amendments). */
export const RulebookEditChange = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('set-parameter'),
    rule: z.string().describe('rule id'),
    path: ParamPath.describe('dot path inside the rule params, e.g. "limit.value"'),
    value: SafeValue,
    note: z.string().optional(),
  }),
  z.object({ op: z.literal('set-global'), name: ParamName, value: SafeValue, note: z.string().optional() }),
  z.object({
    op: z.literal('add-rule'),
    rule: RuleDef.superRefine((rule, ctx) => {
      for (const path of reservedKeyPaths(rule.params))
        ctx.addIssue({
          code: 'custom',
          path: ['params', ...path],
          message: reservedKeyMessage(String(path[path.length - 1])),
        });
    }),
    after: z.string().optional().describe('id of the rule the new rule follows; absent: at the end'),
    note: z.string().optional(),
  }),
  z.object({ op: z.literal('withdraw-rule'), rule: z.string(), note: z.string().optional() }),
  z.object({ op: z.literal('add-zone'), zone: Zone, note: z.string().optional() }),
  z.object({ op: z.literal('remove-zone'), zone: z.string(), note: z.string().optional() }),
  z.object({
    op: z.literal('set-applicability'),
    rule: z.string(),
    appliesTo: AppliesTo,
    note: z.string().optional(),
  }),
]);

/**
 * A change to the Sandbox X traffic data (rules/data/traffic), not to the rulebook: a draft may trial
 * buffers, route geometry or vertiport capacity; applyTrafficChanges applies it (impact runs only).
 */
export const TrafficChange = z
  .object({
    op: z.literal('set-traffic-parameter'),
    path: ParamPath.describe(
      'a dot path into the traffic params ("buffers.lateralM"), or into a route or vertiport by id, "*" for all ("routes.R-CYB-CCH.halfWidthM", "vertiports.*.slotLengthS")',
    ),
    value: SafeValue,
    note: z.string().optional(),
  })
  .meta({ id: 'TrafficChange' });
export type TrafficChange = z.infer<typeof TrafficChange>;

/** One declarative change a draft makes to its base rulebook, or to the traffic trial data. */
export const DraftChange = z
  .discriminatedUnion('op', [...RulebookEditChange.options, TrafficChange])
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
