import { operations } from '@sua-sandbox/rules/api';
import { PAYLOAD_MAXIMA } from '@sua-sandbox/rules/protocol';
import { AppError, payloadTooLarge } from '../errors.js';
import { requestPrincipalKey } from '../realtime/principal.js';
import type { Services } from '../services/index.js';
import { defineRoute, type MountableRoute } from './route.js';

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
  const op = operations.postTelemetry;
  return [
    defineRoute({
      ...op,
      request: { ...op.request, precheck: batchSizePrecheck },
      handler: async ({ body, ctx }, _res, req) => {
        if (!s.telemetry)
          throw new AppError({ code: 'unavailable', status: 503, message: 'the live simulation is not running' });
        return s.telemetry(body, requestPrincipalKey(req, ctx.principal), ctx.principal);
      },
    }),
  ];
}
