import { PAYLOAD_MAXIMA, TelemetryAccepted, TelemetryBatch } from '@sua-sandbox/rules/protocol';
import { z } from 'zod';
import { AppError, payloadTooLarge } from '../errors.js';
import { requestPrincipalKey } from '../realtime/principal.js';
import type { Services } from '../services/index.js';
import { defineRoute, type MountableRoute } from './route.js';
import { pickErrors } from './schemas.js';

/**
 * A batch over the protocol's maximum is refused before the schema runs: the one-or-many union would otherwise
 * hide "at most 1,000" behind a bare "Invalid input".
 */
const batchSizePrecheck = (body: unknown) => {
  const max = PAYLOAD_MAXIMA.telemetryBatch;
  if (!Array.isArray(body) || body.length <= max) return undefined;
  const err = payloadTooLarge(`telemetry batch of ${body.length} samples; the limit is ${max} samples per batch`);
  return new AppError({
    code: err.code,
    status: err.status,
    message: err.message,
    issues: [{ path: ['body'], message: `at most ${max} samples per batch` }],
  });
};

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
      request: { body: TelemetryBatch, precheck: batchSizePrecheck },
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
