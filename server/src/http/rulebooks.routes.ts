import { diffRulebooks, RulebookChange } from '@sua-sandbox/rules/engine';
import { Provision, Rulebook } from '@sua-sandbox/rules/model';
import { z } from 'zod';
import type { Services } from '../services/index.js';
import { summariseRulebook } from '../services/rulebooks.js';
import { defineRoute, type MountableRoute } from './route.js';
import { pickErrors } from './schemas.js';

const RulebookSummary = z
  .object({
    id: z.string(),
    title: z.string(),
    version: z.string(),
    status: z.string(),
    commencement: z.string(),
    supersedes: z.string().nullable(),
    instrument: Provision,
    ruleCount: z.number().int(),
  })
  .meta({ id: 'RulebookSummary' });

const Ref = z.string().min(1).max(200).describe('a rulebook id, or draft:<draft id> for a draft applied to its base');

export function rulebookRoutes(s: Services): MountableRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/rulebooks',
      operationId: 'listRulebooks',
      summary: 'Built-in rulebooks (Cap. 448G as enacted, as amended)',
      tags: ['rulebooks'],
      responses: { 200: { description: 'summaries', schema: z.array(RulebookSummary) } },
      handler: () => s.rulebooks.list().map(summariseRulebook),
    }),
    defineRoute({
      method: 'get',
      path: '/api/rulebooks/:id',
      operationId: 'getRulebook',
      summary: 'A rulebook with every rule and its citation (draft:<id> gives a draft applied to its base)',
      tags: ['rulebooks'],
      request: { params: z.object({ id: Ref }) },
      responses: { 200: { description: 'the rulebook', schema: Rulebook }, ...pickErrors(400, 404) },
      handler: ({ params }) => s.rulebooks.resolve(params.id),
    }),
    defineRoute({
      method: 'get',
      path: '/api/diff',
      operationId: 'diffRulebooks',
      summary: 'What changes from rulebook a to rulebook b (each change with its citation)',
      tags: ['rulebooks', 'drafts'],
      request: { query: z.object({ a: Ref, b: Ref }) },
      responses: {
        200: {
          description: 'changes',
          schema: z.object({
            a: RulebookSummary,
            b: RulebookSummary,
            changes: z.array(RulebookChange),
          }),
        },
        ...pickErrors(400, 404),
      },
      handler: async ({ query }) => {
        const [a, b] = await Promise.all([s.rulebooks.resolve(query.a), s.rulebooks.resolve(query.b)]);
        return { a: summariseRulebook(a), b: summariseRulebook(b), changes: diffRulebooks(a, b) };
      },
    }),
  ];
}
