import { RulebookChange } from '@sua-sandbox/rules/engine';
import { Draft } from '@sua-sandbox/rules/model';
import { ApiIssue } from '@sua-sandbox/rules/protocol';
import { z } from 'zod';
import type { Services } from '../services/index.js';
import { defineRoute, type MountableRoute } from './route.js';
import { AnyJson, IdParams, pickErrors } from './schemas.js';

const DraftSummary = z.object({
  id: z.string(),
  title: z.string(),
  base: z.string(),
  source: z.enum(['builtin', 'stored']),
  changeCount: z.number().int(),
  revision: z.number().int(),
  updatedAt: z.string().nullable(),
});

const StoredDraftOut = z
  .object({
    id: z.string(),
    revision: z.number().int(),
    createdAt: z.string().nullable(),
    updatedAt: z.string().nullable(),
    draft: Draft,
  })
  .meta({ id: 'StoredDraft' });

const DraftValidation = z.object({
  valid: z.boolean(),
  issues: z.array(ApiIssue),
  base: z.unknown().optional(),
  rulebook: z.unknown().optional(),
  changes: z.array(RulebookChange).optional(),
});

export function draftRoutes(s: Services): MountableRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/drafts',
      operationId: 'listDrafts',
      summary: 'Drafts: stored ones (editable) and built-in ones (read-only)',
      tags: ['drafts'],
      responses: { 200: { description: 'summaries', schema: z.array(DraftSummary) } },
      handler: () => s.drafts.list(),
    }),
    defineRoute({
      method: 'post',
      path: '/api/drafts',
      operationId: 'createDraft',
      summary: 'Store a new draft (it must apply to its base)',
      tags: ['drafts'],
      request: { body: Draft },
      responses: { 201: { description: 'stored', schema: StoredDraftOut }, ...pickErrors(400, 409, 413, 415) },
      handler: async (input, res) => {
        const rec = await s.drafts.create(input.body, input.ctx);
        res.status(201);
        return rec;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/drafts/validate',
      operationId: 'validateDraft',
      summary: 'Validate a draft without storing it; on success, the rule changes it makes',
      tags: ['drafts'],
      request: { body: AnyJson },
      docBody: Draft,
      responses: { 200: { description: '`valid` and the issues', schema: DraftValidation }, ...pickErrors(413, 415) },
      handler: (input) => s.drafts.validate(input.body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/drafts/:id',
      operationId: 'getDraft',
      summary: 'A draft',
      tags: ['drafts'],
      request: { params: IdParams },
      responses: {
        200: { description: 'the draft', schema: StoredDraftOut.extend({ source: z.string() }) },
        ...pickErrors(404),
      },
      handler: async ({ params }) => {
        const r = await s.drafts.get(params.id);
        return {
          id: r.draft.id,
          source: r.source,
          revision: r.revision,
          createdAt: r.createdAt,
          updatedAt: r.updatedAt,
          draft: r.draft,
        };
      },
    }),
    defineRoute({
      method: 'put',
      path: '/api/drafts/:id',
      operationId: 'updateDraft',
      summary: 'Replace a stored draft',
      tags: ['drafts'],
      request: { params: IdParams, body: Draft },
      responses: { 200: { description: 'updated', schema: StoredDraftOut }, ...pickErrors(400, 404, 409, 413, 415) },
      handler: (input) => s.drafts.update(input.params.id, input.body, input.ctx),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/drafts/:id',
      operationId: 'deleteDraft',
      summary: 'Delete a stored draft',
      tags: ['drafts'],
      request: { params: IdParams },
      responses: { 204: { description: 'deleted' }, ...pickErrors(404, 409) },
      handler: async ({ params, ctx }, res) => {
        await s.drafts.delete(params.id, ctx);
        res.status(204).end();
      },
    }),
  ];
}
