import { operations } from '@sua-sandbox/rules/api';
import { notFound } from '../errors.js';
import { findExample, listExamples, servedExamplePlan } from '../services/examples.js';
import type { Services } from '../services/index.js';
import { defineRoute, type MountableRoute } from './route.js';

/** The example flight plans shipped in scenarios/plans (the "examples" impact corpus). */
export function exampleRoutes(s: Services): MountableRoute[] {
  return [
    defineRoute({ ...operations.listExamples, handler: () => listExamples(s.examples()) }),
    defineRoute({
      ...operations.getExample,
      handler: ({ params }) => {
        const item = findExample(s.examples(), params.key);
        if (!item) throw notFound('example plan', params.key);
        return servedExamplePlan(item);
      },
    }),
  ];
}
