import { TelemetryAccepted, TelemetryBatch } from '../protocol/payloads.js';
import { defineOperation, ErrorBody, pickErrors } from './operation.js';

/** Position reports into the live simulation (the same samples as the socket.io `/telemetry` namespace). */
export const liveOperations = {
  postTelemetry: defineOperation({
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
      429: { description: 'rate limited', schema: ErrorBody },
      503: { description: 'no live simulation is running', schema: ErrorBody },
    },
  }),
};
