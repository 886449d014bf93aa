import { z } from 'zod';
import { RulebookChange } from '../engine/diff.js';
import { Draft } from '../model/draft.js';
import { ApiIssue } from '../protocol/errors.js';
import { AnyJson, defineOperation, IdParams, pickErrors, Timestamp } from './operation.js';
import { RulebookSummary } from './rulebooks.js';

export const DraftSummary = z.object({
  id: z.string(),
  title: z.string(),
  base: z.string(),
  source: z.enum(['builtin', 'stored']),
  changeCount: z.number().int(),
  revision: z.number().int(),
  updatedAt: Timestamp.nullable(),
});

export const StoredDraft = z
  .object({
    id: z.string(),
    revision: z.number().int(),
    createdAt: Timestamp.nullable(),
    updatedAt: Timestamp.nullable(),
    draft: Draft,
  })
  .meta({ id: 'StoredDraft' });

/** On success, the rulebooks before and after and the changes between them. */
export const DraftValidation = z.object({
  valid: z.boolean(),
  issues: z.array(ApiIssue),
  base: RulebookSummary.optional(),
  rulebook: RulebookSummary.optional(),
  changes: z.array(RulebookChange).optional(),
});

export const draftOperations = {
  listDrafts: defineOperation({
    method: 'get',
    path: '/api/drafts',
    operationId: 'listDrafts',
    summary: 'Drafts: stored ones (editable) and built-in ones (read-only)',
    tags: ['drafts'],
    request: {},
    responses: { 200: { description: 'summaries', schema: z.array(DraftSummary) } },
  }),
  createDraft: defineOperation({
    method: 'post',
    path: '/api/drafts',
    operationId: 'createDraft',
    summary: 'Store a new draft (it must apply to its base)',
    tags: ['drafts'],
    request: { body: Draft },
    responses: { 201: { description: 'stored', schema: StoredDraft }, ...pickErrors(400, 409, 413, 415) },
  }),
  validateDraft: defineOperation({
    method: 'post',
    path: '/api/drafts/validate',
    operationId: 'validateDraft',
    summary: 'Validate a draft without storing it; on success, the rule changes it makes',
    tags: ['drafts'],
    request: { body: AnyJson },
    docBody: Draft,
    responses: { 200: { description: '`valid` and the issues', schema: DraftValidation }, ...pickErrors(413, 415) },
  }),
  getDraft: defineOperation({
    method: 'get',
    path: '/api/drafts/:id',
    operationId: 'getDraft',
    summary: 'A draft',
    tags: ['drafts'],
    request: { params: IdParams },
    responses: {
      200: { description: 'the draft', schema: StoredDraft.extend({ source: z.enum(['builtin', 'stored']) }) },
      ...pickErrors(404),
    },
  }),
  updateDraft: defineOperation({
    method: 'put',
    path: '/api/drafts/:id',
    operationId: 'updateDraft',
    summary: 'Replace a stored draft',
    tags: ['drafts'],
    request: { params: IdParams, body: Draft },
    responses: { 200: { description: 'updated', schema: StoredDraft }, ...pickErrors(400, 404, 409, 413, 415) },
  }),
  deleteDraft: defineOperation({
    method: 'delete',
    path: '/api/drafts/:id',
    operationId: 'deleteDraft',
    summary: 'Delete a stored draft',
    tags: ['drafts'],
    request: { params: IdParams },
    responses: { 204: { description: 'deleted' }, ...pickErrors(404, 409) },
  }),
};
