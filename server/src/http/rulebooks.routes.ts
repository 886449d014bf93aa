import { operations } from '@sua-sandbox/rules/api';
import { diffRulebooks } from '@sua-sandbox/rules/engine';
import type { Services } from '../services/index.js';
import { summariseRulebook } from '../services/rulebooks.js';
import { defineRoute, type MountableRoute } from './route.js';

export function rulebookRoutes(s: Services): MountableRoute[] {
  return [
    defineRoute({ ...operations.listRulebooks, handler: () => s.rulebooks.list().map(summariseRulebook) }),
    defineRoute({
      ...operations.getRulebook,
      handler: ({ params, ctx }) => s.rulebooks.resolve(params.id, ctx.principal),
    }),
    defineRoute({
      ...operations.diffRulebooks,
      handler: async ({ query, ctx }) => {
        const [a, b] = await Promise.all([
          s.rulebooks.resolve(query.a, ctx.principal),
          s.rulebooks.resolve(query.b, ctx.principal),
        ]);
        return { a: summariseRulebook(a), b: summariseRulebook(b), changes: diffRulebooks(a, b) };
      },
    }),
  ];
}
