import { z } from 'zod';
import { Permission } from '../model/permission.js';
import { Aircraft, FlightPlan } from '../model/plan.js';
import { Zone } from '../model/zone.js';
import { defineOperation, pickErrors } from './operation.js';

/**
 * The example plans (scenarios/plans) by key: the file name without its extension, e.g. `a1-mini-drone`
 * for `a1-mini-drone.json`.
 */
export const ExampleKey = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'letters, digits, "-" and "_" only (a file name without extension)')
  .describe('example plan key: the file name in scenarios/plans without .json');

export const ExampleSummary = z
  .object({ key: ExampleKey, name: z.string().nullable(), description: z.string().nullable() })
  .meta({ id: 'ExampleSummary' });

/** A plan as its file stores it: fields with defaults may be absent (FlightPlan.parse completes it). */
export const ExamplePlanFile = FlightPlan.extend({
  aircraft: Aircraft.extend({ a1Exemption: z.boolean().optional() }),
  permissions: z.array(z.union([z.string(), Permission])).optional(),
  extraZones: z.array(Zone).optional(),
}).meta({ id: 'ExamplePlanFile', description: 'a FlightPlan as stored in its file (defaults not applied)' });

export const exampleOperations = {
  listExamples: defineOperation({
    method: 'get',
    path: '/api/examples',
    operationId: 'listExamples',
    summary: 'Example flight plans shipped with the product (key, name, description)',
    tags: ['examples'],
    request: {},
    responses: { 200: { description: 'summaries', schema: z.array(ExampleSummary) } },
  }),
  getExample: defineOperation({
    method: 'get',
    path: '/api/examples/:key',
    operationId: 'getExample',
    summary:
      'An example flight plan, as stored in scenarios/plans/<key>.json (without its repository-relative $schema)',
    tags: ['examples'],
    request: { params: z.object({ key: ExampleKey }) },
    responses: { 200: { description: 'the FlightPlan file', schema: ExamplePlanFile }, ...pickErrors(400, 404) },
  }),
};
