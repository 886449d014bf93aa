import { z } from 'zod';
import { Provision } from './citation.js';
import { RulebookEditChange } from './draft.js';
import { CategoryBand, Classification, RequirementId, RulebookParameter, RuleDef } from './rulebook.js';
import { isReservedKey, reservedKeyMessage, reservedKeyPaths } from './safe-keys.js';

/**
 * Changes only an enacted amendment makes: what a draft changes (values, rules, zones) plus the parts of
 * a rulebook an amending Order rewrites (a new category, the scope, a rule's citation or title).
 */
const AmendRule = z
  .object({
    op: z.literal('amend-rule'),
    rule: z.string().describe('rule id'),
    title: RuleDef.shape.title.optional(),
    citation: Provision.optional(),
    quote: z.string().optional(),
    commencement: z.iso.date().optional(),
    requirement: RequirementId.optional(),
    note: z.string().optional(),
  })
  .refine((c) => c.title ?? c.citation ?? c.quote ?? c.commencement ?? c.requirement, {
    message: 'amend-rule changes at least one of title, citation, quote, commencement, requirement',
  });

const AddCategory = z.object({ op: z.literal('add-category'), category: CategoryBand, note: z.string().optional() });

const SetOutOfScope = z.object({
  op: z.literal('set-out-of-scope'),
  outOfScope: Classification.shape.outOfScope,
  note: z.string().optional(),
});

const AddParameter = z.object({
  op: z.literal('add-parameter'),
  name: z.string().refine((name) => !isReservedKey(name), { error: (i) => reservedKeyMessage(String(i.input)) }),
  parameter: RulebookParameter.superRefine((p, ctx) => {
    for (const path of reservedKeyPaths(p.value))
      ctx.addIssue({ code: 'custom', path: ['value', ...path], message: reservedKeyMessage(String(path.at(-1))) });
  }),
  note: z.string().optional(),
});

export const AmendmentOnlyChange = z.discriminatedUnion('op', [AmendRule, AddCategory, SetOutOfScope, AddParameter]);
export type AmendmentOnlyChange = z.infer<typeof AmendmentOnlyChange>;

export const AmendmentChange = z
  .discriminatedUnion('op', [...RulebookEditChange.options, ...AmendmentOnlyChange.options])
  .meta({ id: 'AmendmentChange' });
export type AmendmentChange = z.infer<typeof AmendmentChange>;

/**
 * An enacted amending instrument as a reform over the rulebook it amends (`base`): the same mechanism as a
 * regulator's draft, but the result is law (`status: amended`) with its own version, instrument and dates.
 */
export const Amendment = z
  .object({
    $schema: z.string().optional(),
    id: z.string().regex(/^[a-z0-9][a-z0-9:._-]*$/),
    title: z.string().min(1),
    titleZh: z
      .string()
      .min(1)
      .optional()
      .describe("the title in Traditional Chinese; the English when absent (the base's does not carry over)"),
    version: z.string().min(1),
    status: z.literal('amended'),
    base: z.string().describe('id of the rulebook this amendment changes'),
    instrument: Provision.describe('the Order as amended'),
    commencement: z.iso.date(),
    commencementNote: z.string().optional(),
    fullEffect: z.iso.date().optional().describe("absent: the base's full-effect date does not carry over"),
    description: z.string().optional(),
    changes: z.array(AmendmentChange).min(1),
  })
  .meta({ id: 'Amendment' });
export type Amendment = z.infer<typeof Amendment>;
export type AmendmentInput = z.input<typeof Amendment>;
