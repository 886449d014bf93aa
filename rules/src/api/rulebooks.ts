import { z } from 'zod';
import { RulebookChange } from '../engine/diff.js';
import { Provision } from '../model/citation.js';
import { Rulebook } from '../model/rulebook.js';
import { defineOperation, pickErrors } from './operation.js';

export const RulebookSummary = z
  .object({
    id: z.string(),
    title: z.string(),
    titleZh: z.string().optional().describe('the title in Traditional Chinese, when the rulebook has one'),
    version: z.string(),
    status: z.string(),
    commencement: z.string(),
    supersedes: z.string().nullable(),
    instrument: Provision,
    ruleCount: z.number().int(),
  })
  .meta({ id: 'RulebookSummary' });
export type RulebookSummary = z.output<typeof RulebookSummary>;

export const RulebookRef = z
  .string()
  .min(1)
  .max(200)
  .describe('a rulebook id, or draft:<draft id> for a draft applied to its base');

export const RulebookDiff = z.object({
  a: RulebookSummary,
  b: RulebookSummary,
  changes: z.array(RulebookChange),
});

export const rulebookOperations = {
  listRulebooks: defineOperation({
    method: 'get',
    path: '/api/rulebooks',
    operationId: 'listRulebooks',
    summary: 'Built-in rulebooks (Cap. 448G as enacted, as amended)',
    tags: ['rulebooks'],
    request: {},
    responses: { 200: { description: 'summaries', schema: z.array(RulebookSummary) } },
  }),
  getRulebook: defineOperation({
    method: 'get',
    path: '/api/rulebooks/:id',
    operationId: 'getRulebook',
    summary: 'A rulebook with every rule and its citation (draft:<id> gives a draft applied to its base)',
    tags: ['rulebooks'],
    request: { params: z.object({ id: RulebookRef }) },
    responses: { 200: { description: 'the rulebook', schema: Rulebook }, ...pickErrors(400, 404) },
  }),
  diffRulebooks: defineOperation({
    method: 'get',
    path: '/api/diff',
    operationId: 'diffRulebooks',
    summary: 'What changes from rulebook a to rulebook b (each change with its citation)',
    tags: ['rulebooks', 'drafts'],
    request: { query: z.object({ a: RulebookRef, b: RulebookRef }) },
    responses: { 200: { description: 'changes', schema: RulebookDiff }, ...pickErrors(400, 404) },
  }),
};
