import { z } from 'zod';
import { notFound } from '../errors.js';
import { ExampleKey, findExample, listExamples } from '../services/examples.js';
import type { Services } from '../services/index.js';
import { defineRoute, type MountableRoute } from './route.js';
import { AnyJson, pickErrors } from './schemas.js';

const ExampleSummary = z
  .object({ key: ExampleKey, name: z.string().nullable(), description: z.string().nullable() })
  .meta({ id: 'ExampleSummary' });

/** The example flight plans shipped in scenarios/plans (the "examples" impact corpus). */
export function exampleRoutes(s: Services): MountableRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/examples',
      operationId: 'listExamples',
      summary: 'Example flight plans shipped with the product (key, name, description)',
      tags: ['examples'],
      responses: { 200: { description: 'summaries', schema: z.array(ExampleSummary) } },
      handler: () => listExamples(s.examples()),
    }),
    defineRoute({
      method: 'get',
      path: '/api/examples/:key',
      operationId: 'getExample',
      summary: 'An example flight plan, as stored in scenarios/plans/<key>.json',
      tags: ['examples'],
      request: { params: z.object({ key: ExampleKey }) },
      responses: { 200: { description: 'the FlightPlan JSON', schema: AnyJson }, ...pickErrors(400, 404) },
      handler: ({ params }) => {
        const item = findExample(s.examples(), params.key);
        if (!item) throw notFound('example plan', params.key);
        return item.plan;
      },
    }),
  ];
}
