import { z } from 'zod';
import { Provision } from './citation.js';
import { RequirementId } from './rulebook.js';

/**
 * One provision the rulebooks implement: where it is (citation), what it requires (in its own words when
 * `form` is "quote", else close to them), and what implements it. Ids are stable: when a section number
 * is found later, the citation changes and the id stays.
 */
export const Requirement = z
  .object({
    id: RequirementId,
    title: z.string().min(1),
    citation: Provision,
    requires: z.string().min(1).describe('what the provision requires'),
    form: z.enum(['quote', 'paraphrase']).describe('"quote": the words of the cited source; else a paraphrase'),
    rules: z.array(z.string().min(1)).default([]).describe('ids of the rules implementing it (any rulebook)'),
    categories: z.array(z.string().min(1)).default([]).describe('classification categories defined by it'),
    code: z.array(z.string().min(1)).default([]).describe('repository paths of the code implementing it'),
    tests: z.array(z.string().min(1)).default([]).describe('repository paths of the tests exercising it'),
    note: z.string().optional(),
  })
  .refine((r) => r.rules.length + r.categories.length > 0, {
    message: 'a requirement is implemented by at least one rule or category',
    path: ['rules'],
  })
  .meta({ id: 'Requirement' });
export type Requirement = z.infer<typeof Requirement>;

export const RequirementsRegister = z
  .object({
    $schema: z.string().optional(),
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/),
    title: z.string().min(1),
    requirements: z.array(Requirement).min(1),
  })
  .superRefine((reg, ctx) => {
    const seen = new Set<string>();
    reg.requirements.forEach((r, i) => {
      if (seen.has(r.id))
        ctx.addIssue({
          code: 'custom',
          message: `duplicate requirement id "${r.id}"`,
          path: ['requirements', i, 'id'],
        });
      seen.add(r.id);
    });
  })
  .meta({ id: 'RequirementsRegister' });
export type RequirementsRegister = z.infer<typeof RequirementsRegister>;
export type RequirementsRegisterInput = z.input<typeof RequirementsRegister>;
