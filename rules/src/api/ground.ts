import { z } from 'zod';
import { LonLat } from '../model/geo.js';
import { defineOperation, pickErrors } from './operation.js';

/** Ground heights from the server's elevation model: the plan checker's profile and the map's click readout. */

/** Most points one request may ask for (a profile samples a route at a few hundred). */
export const MAX_GROUND_POINTS = 2000;

export const GroundRequest = z
  .object({
    points: z
      .array(LonLat)
      .min(1, 'give at least one [lon, lat] point')
      .max(MAX_GROUND_POINTS, `at most ${MAX_GROUND_POINTS} points per request`)
      .describe('[lon, lat] points, WGS 84 degrees'),
  })
  .strict()
  .meta({ id: 'GroundRequest' });
export type GroundRequest = z.infer<typeof GroundRequest>;

export const GroundModelInfo = z
  .object({
    id: z.string().describe('terrain (Lands Department DTM), surface (SRTM) or sea-level'),
    title: z.string().describe('what the model is, for a caption'),
    terrain: z.boolean().describe('false when no terrain model is loaded and the ground is taken at sea level'),
    resolutionM: z.number().positive().optional().describe('horizontal resolution of the data, metres'),
    verticalAccuracyM: z.number().nonnegative().optional().describe('stated vertical accuracy, metres'),
  })
  .meta({ id: 'GroundModelInfo' });
export type GroundModelInfo = z.infer<typeof GroundModelInfo>;

export const GroundResponse = z
  .object({
    model: GroundModelInfo,
    groundM: z.array(z.number()).describe('ground height in metres AMSL at each point, in request order (0.1 m)'),
  })
  .meta({ id: 'GroundResponse' });
export type GroundResponse = z.infer<typeof GroundResponse>;

export const groundOperations = {
  groundHeights: defineOperation({
    method: 'post',
    path: '/api/ground',
    operationId: 'groundHeights',
    summary: "Ground heights at points, from the server's elevation model (read-only)",
    description:
      'The ground the checks measure heights above (AGL): the model the server loaded, its resolution and accuracy, ' +
      `and the height at each point. At most ${MAX_GROUND_POINTS} points; more is a 400 naming body.points.`,
    tags: ['zones'],
    request: { body: GroundRequest },
    responses: {
      200: { description: 'the ground height at each point', schema: GroundResponse },
      ...pickErrors(400, 413, 415),
    },
  }),
};
