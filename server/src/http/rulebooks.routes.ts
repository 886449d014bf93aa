import { operations } from '@sua-sandbox/rules/api';
import { diffRulebooks } from '@sua-sandbox/rules/engine';
import type { Services } from '../services/index.js';
import { summariseRulebook } from '../services/rulebooks.js';
import { defineRoute, type MountableRoute } from './route.js';

export function rulebookRoutes(s: Services): MountableRoute[] {
  return [
    defineRoute({ ...operations.listRulebooks, handler: () => s.rulebooks.list().map(summariseRulebook) }),
    defineRoute({ ...operations.getRulebook, handler: ({ params }) => s.rulebooks.resolve(params.id) }),
    defineRoute({
      ...operations.diffRulebooks,
      handler: async ({ query }) => {
        const [a, b] = await Promise.all([s.rulebooks.resolve(query.a), s.rulebooks.resolve(query.b)]);
        return { a: summariseRulebook(a), b: summariseRulebook(b), changes: diffRulebooks(a, b) };
      },
    }),
  ];
}
