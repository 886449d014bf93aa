import { z } from 'zod';
import { TelemetryAccepted, TelemetryBatch } from '../../../rules/src/protocol/index.js';
import { AppError } from '../errors.js';
import { requestPrincipalKey } from '../realtime/principal.js';
import type { Services } from '../services/index.js';
import { defineRoute, type MountableRoute } from './route.js';
import { pickErrors } from './schemas.js';

export function telemetryRoutes(s: Services): MountableRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/telemetry',
      operationId: 'postTelemetry',
      summary: 'Feed position reports (one or up to 1,000) into the live simulation',
      description:
        'The same samples the socket.io `/telemetry` namespace accepts. Rate-limited per source (client address): ' +
        'its HTTP requests and its `/telemetry` sockets share one budget. 413 for a batch larger than the burst.',
      tags: ['live'],
      request: { body: TelemetryBatch },
      responses: {
        200: { description: 'accepted', schema: TelemetryAccepted },
        ...pickErrors(400, 413, 415),
        429: { description: 'rate limited', schema: z.unknown() },
        503: { description: 'no live simulation is running', schema: z.unknown() },
      },
      handler: async ({ body }, _res, req) => {
        if (!s.telemetry)
          throw new AppError({ code: 'unavailable', status: 503, message: 'the live simulation is not running' });
        return s.telemetry(body, requestPrincipalKey(req));
      },
    }),
  ];
}
