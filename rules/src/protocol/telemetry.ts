/** Telemetry: position reports from real aircraft or external simulators, over the socket or `POST /api/telemetry`. */
import { z } from 'zod';
import { Aircraft, Operation, RemotePilot, ResponsiblePerson } from '../model/plan.js';
import { Assumption } from '../model/report.js';
import { Instant } from '../model/time.js';
import { AltitudeRef } from '../model/units.js';
import { PAYLOAD_MAXIMA } from './limits.js';

/**
 * What a telemetry source declares about its aircraft, so it is judged as it really is. Without one the server
 * assumes a registered, labelled 0.9 kg multirotor (category A2) flown in VLOS by a registered adult. Send it with
 * an aircraft's first sample, and again when it changes (its findings are then judged afresh).
 */
export const TelemetryProfile = z
  .object({
    aircraft: Aircraft,
    pilot: RemotePilot,
    responsiblePerson: ResponsiblePerson.optional(),
    operation: Operation.omit({ pilotPosition: true })
      .partial()
      .optional()
      .describe('what differs from a VLOS flight by one pilot, no dangerous goods or dropping, 30 m from people'),
    permissions: z
      .array(z.string().min(1))
      .max(20)
      .default([])
      .describe('ids of known CAD permissions or sandbox projects the flight relies on'),
  })
  .strict();
export type TelemetryProfile = z.infer<typeof TelemetryProfile>;

/** One position report from a real aircraft or an external simulator. */
export const TelemetrySample = z.object({
  aircraftId: z.string().min(1).max(100),
  time: z.union([Instant, z.number().int().positive().describe('epoch ms')]),
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  alt: z.number().finite().describe('metres'),
  altRef: AltitudeRef,
  groundSpeed: z.number().nonnegative().optional().describe('m/s'),
  heading: z.number().min(0).max(360).optional().describe('degrees true'),
  sessionId: z.string().optional().describe('target session; default: the default live session'),
  pilot: z.tuple([z.number(), z.number()]).optional().describe('remote pilot [lon, lat], for VLOS'),
  profile: TelemetryProfile.optional(),
  intentId: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe(
      "the operational intent this aircraft flies (the sender's own): its conformance is monitored; kept until another is declared",
    ),
});
export type TelemetrySample = z.infer<typeof TelemetrySample>;
export const TelemetryBatch = z.union([
  TelemetrySample,
  z.array(TelemetrySample).min(1).max(PAYLOAD_MAXIMA.telemetryBatch),
]);
export const TelemetryAccepted = z.object({
  accepted: z.number().int(),
  sessionId: z.string(),
  assumptions: z
    .array(Assumption)
    .describe('how the altitudes were read: AGL converted to AMSL with the named ground model, AMSL used as given'),
});
export type TelemetryAccepted = z.infer<typeof TelemetryAccepted>;
