import { z } from 'zod';
import { Provision } from './citation.js';
import { LocalizedText } from './text.js';
import { Mass } from './units.js';
import { Zone } from './zone.js';

/**
 * A category id as a rulebook declares it in `classification.categories` ("A1", "A2", "B", "C" in Cap. 448G).
 * Categories are data: an amendment may add one without a code change.
 */
export const Category = z
  .string()
  .regex(/^[A-Z][A-Z0-9]{0,7}$/, 'category id: an upper-case letter, then up to 7 letters or digits')
  .meta({ id: 'Category' });
export type Category = z.infer<typeof Category>;

/**
 * The column of the operating-requirements table a flight is judged against: the category, or a column a
 * category declares for aircraft flown under exemption ("A1-exempt": a Category A1 SUA under exemption).
 */
export const Column = z
  .string()
  .regex(/^[A-Z][A-Z0-9]{0,7}(-exempt)?$/, 'column: a category id, or "<id>-exempt"')
  .meta({ id: 'Column' });
export type Column = z.infer<typeof Column>;

/** The id of a provision in the requirements register (rules/requirements/), e.g. "CAP448G-S18". */
export const RequirementId = z
  .string()
  .regex(/^[A-Z][A-Z0-9]*(-[A-Z0-9.]+)+$/, 'requirement id: upper-case words joined by "-", e.g. CAP448G-S18')
  .meta({ id: 'RequirementId' });

export const CategoryBand = z.object({
  id: Category,
  maxMass: Mass.describe('upper bound, inclusive ("not more than")'),
  citation: Provision,
  requirement: RequirementId.optional().describe('the provision defining the category, in the requirements register'),
  name: LocalizedText.optional().describe('how messages name the category, e.g. {en: "category B", zh: "乙類"}'),
  exemptColumn: Column.optional().describe(
    'the column an aircraft of this category is judged in when flown under exemption (A2 → "A1-exempt")',
  ),
});

export const Classification = z
  .object({
    categories: z.array(CategoryBand).min(1).describe('ascending by maxMass'),
    outOfScope: z.object({
      message: LocalizedText,
      citation: Provision,
    }),
  })
  .meta({ id: 'Classification' });
export type Classification = z.infer<typeof Classification>;

/** Who a rule applies to. Absent lists mean "all". */
export const AppliesTo = z
  .object({
    columns: z.array(Column).min(1).optional(),
    operations: z
      .array(z.enum(['standard', 'advanced']))
      .min(1)
      .optional(),
  })
  .meta({ id: 'AppliesTo' });
export type AppliesTo = z.infer<typeof AppliesTo>;

/**
 * One rule of a rulebook: a known rule kind with its parameters, a citation and a commencement date.
 * `params` is checked against the kind's own schema when the rulebook is loaded.
 */
export const RuleDef = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'rule id: lower-case letters, digits, . and -'),
    kind: z.string().min(1),
    title: LocalizedText,
    citation: Provision,
    quote: z.string().optional().describe('the text of the provision or CAD document, for reviewers'),
    requirement: RequirementId.optional().describe('the provision the rule implements, in the requirements register'),
    commencement: z.iso.date(),
    appliesTo: AppliesTo.default({}),
    params: z.record(z.string(), z.unknown()).default({}),
  })
  .meta({ id: 'RuleDef' });
export type RuleDef = z.infer<typeof RuleDef>;
export type RuleDefInput = z.input<typeof RuleDef>;

/** A value the rules refer to with `{ $param: name }`, mostly one the law leaves open. */
export const RulebookParameter = z
  .object({
    value: z.unknown(),
    unit: z.string().optional(),
    description: z.string(),
    citation: Provision.optional(),
    unknownInLaw: z.boolean().optional().describe('the law does not state this value; it is our parameter'),
  })
  .meta({ id: 'RulebookParameter' });
export type RulebookParameter = z.infer<typeof RulebookParameter>;

export const RulebookStatus = z.enum(['enacted', 'amended', 'draft']);

export const Rulebook = z
  .object({
    $schema: z.string().optional(),
    id: z.string().regex(/^[a-z0-9][a-z0-9:._-]*$/),
    title: z.string().min(1),
    titleZh: z
      .string()
      .min(1)
      .optional()
      .describe('the title in Traditional Chinese, as the client shows it in 繁中; the English when absent'),
    version: z.string().min(1),
    status: RulebookStatus,
    jurisdiction: z.literal('HK'),
    instrument: Provision,
    commencement: z.iso.date().describe('first day the rulebook is in force'),
    commencementNote: z.string().optional(),
    fullEffect: z.iso.date().optional(),
    supersedes: z.string().optional(),
    classification: Classification,
    parameters: z.record(z.string(), RulebookParameter).default({}),
    rules: z.array(RuleDef).min(1),
    zones: z.array(Zone).default([]).describe('zones the rulebook adds to the airspace'),
    withdrawnZones: z.array(z.string()).default([]).describe('catalogue zone ids the rulebook removes'),
  })
  .superRefine((rb, ctx) => {
    const seen = new Set<string>();
    rb.rules.forEach((r, i) => {
      if (seen.has(r.id))
        ctx.addIssue({ code: 'custom', message: `duplicate rule id "${r.id}"`, path: ['rules', i, 'id'] });
      seen.add(r.id);
    });
  })
  .meta({ id: 'Rulebook' });
export type Rulebook = z.infer<typeof Rulebook>;
export type RulebookInput = z.input<typeof Rulebook>;
