import { operations } from '@sua-sandbox/rules/api';
import type { Services } from '../services/index.js';
import { defineRoute, type MountableRoute } from './route.js';

export function draftRoutes(s: Services): MountableRoute[] {
  return [
    defineRoute({ ...operations.listDrafts, handler: () => s.drafts.list() }),
    defineRoute({
      ...operations.createDraft,
      handler: async (input, res) => {
        const rec = await s.drafts.create(input.body, input.ctx);
        res.status(201);
        return rec;
      },
    }),
    defineRoute({ ...operations.validateDraft, handler: (input) => s.drafts.validate(input.body) }),
    defineRoute({
      ...operations.getDraft,
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
      ...operations.updateDraft,
      handler: (input) => s.drafts.update(input.params.id, input.body, input.ctx),
    }),
    defineRoute({
      ...operations.deleteDraft,
      handler: async ({ params, ctx }, res) => {
        await s.drafts.delete(params.id, ctx);
        res.status(204).end();
      },
    }),
  ];
}
