import { z } from 'zod';
import { ApplicationAction, ApplicationState } from '../model/application.js';
import { ApiError, type ErrorCode } from './errors.js';
import type {
  ClientHello,
  FindingClosed,
  FindingOpened,
  JobDone,
  JobProgress,
  ServerHello,
  SessionControl,
  SessionCreateInput,
  SessionInfo,
  SessionJoin,
  Snapshot,
  TelemetryAccepted,
  TelemetrySample,
  TickBatch,
  ZoneChanged,
} from './payloads.js';

/** Which server budget refused a request (`limit` and `rate_limited` errors): its name, its value, what was asked. */
export const LimitInfo = z.object({
  name: z.string().describe('e.g. "inlinePlansPerSession", "sessionsPerPrincipal", "seekAircraftSteps"'),
  max: z.number(),
  actual: z.number().optional(),
});
export type LimitInfo = z.infer<typeof LimitInfo>;

/** An ack's error: the one ApiError, plus which budget refused and when to retry (`limit`, `rate_limited`). */
export const AckError = ApiError.extend({
  limit: LimitInfo.optional(),
  /** for `rate_limited`: when a retry can succeed */
  retryAfterMs: z.number().int().nonnegative().optional(),
});
export type AckError = z.infer<typeof AckError>;

/** Every ack: commit or reject. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: AckError };
export type AckFn<T> = (res: Ack<T>) => void;

export function ackOk<T>(data: T): Ack<T> {
  return { ok: true, data };
}

export function ackError(
  code: ErrorCode,
  message: string,
  issues?: AckError['issues'],
  extra: Pick<AckError, 'limit' | 'retryAfterMs'> = {},
): Ack<never> {
  const error: AckError = issues ? { code, message, issues } : { code, message };
  if (extra.limit) error.limit = extra.limit;
  if (extra.retryAfterMs !== undefined) error.retryAfterMs = extra.retryAfterMs;
  return { ok: false, error };
}

/**
 * Client → server on the default namespace. Payloads are `unknown` on the server side until validated
 * with the zod schema of the same name in payloads.ts; the types here describe what a client sends.
 */
export interface ClientToServerEvents {
  hello: (payload: ClientHello, ack: AckFn<ServerHello>) => void;
  'session:create': (payload: SessionCreateInput, ack: AckFn<SessionInfo>) => void;
  'session:join': (payload: SessionJoin, ack: AckFn<SessionInfo>) => void;
  'session:leave': (payload: { sessionId: string }, ack: AckFn<{ sessionId: string }>) => void;
  'session:control': (payload: SessionControl, ack: AckFn<SessionInfo>) => void;
  'session:list': (payload: Record<string, never>, ack: AckFn<SessionInfo[]>) => void;
  'job:subscribe': (payload: { jobId: string }, ack: AckFn<{ jobId: string }>) => void;
}

/**
 * A sandbox application moved (issue 12): sent to the room of the applicant's organisation (`org:<orgId>`) and to
 * the `regulators` room, so both sides see the transitions that concern them.
 */
export const ApplicationTransitionEvent = z
  .object({
    applicationId: z.string(),
    orgId: z.string(),
    from: ApplicationState,
    to: ApplicationState,
    action: ApplicationAction,
    at: z.string(),
    /** the permission the application holds, when an approval created one */
    permissionId: z.string().nullable(),
  })
  .meta({ id: 'ApplicationTransitionEvent' });
export type ApplicationTransitionEvent = z.infer<typeof ApplicationTransitionEvent>;

/**
 * An operational intent turned Contingent (issue 16): its aircraft stayed outside it past the grace. Sent to the
 * room of every organisation whose intents it affects (`affectedIntentIds`: theirs among them), to the intent's
 * own organisation, and to `regulators` (every affected intent).
 */
export const IntentContingentEvent = z
  .object({
    intentId: z.string(),
    operator: z.string().describe("the contingent intent's operator"),
    ovn: z.string(),
    aircraftId: z.string().describe('the live aircraft flying it'),
    sessionId: z.string(),
    position: z.tuple([z.number(), z.number(), z.number()]).describe('[lon, lat, m AMSL] when it turned contingent'),
    at: z.string().describe('time of the observation (RFC 3339)'),
    affectedIntentIds: z
      .array(z.string())
      .describe("the recipient's intents meeting the contingent one or the aircraft"),
  })
  .meta({ id: 'IntentContingentEvent' });
export type IntentContingentEvent = z.infer<typeof IntentContingentEvent>;

/** Server → client on the default namespace. */
export interface ServerToClientEvents {
  hello: (payload: ServerHello) => void;
  'session:snapshot': (payload: Snapshot) => void;
  tick: (payload: TickBatch) => void;
  'finding:opened': (payload: FindingOpened) => void;
  'finding:closed': (payload: FindingClosed) => void;
  'zone:changed': (payload: ZoneChanged) => void;
  'session:closed': (payload: { sessionId: string; reason: string }) => void;
  'job:progress': (payload: JobProgress) => void;
  'job:done': (payload: JobDone) => void;
  'application:transition': (payload: ApplicationTransitionEvent) => void;
  'intent:contingent': (payload: IntentContingentEvent) => void;
}

/** Client → server on the `/telemetry` namespace. */
export interface TelemetryClientEvents {
  telemetry: (payload: TelemetrySample | TelemetrySample[], ack: AckFn<TelemetryAccepted>) => void;
}

/** Server → client on the `/telemetry` namespace (nothing pushed; acks only). */
export type TelemetryServerEvents = Record<string, never>;

/** Between socket.io servers (an adapter such as Redis): none yet. */
export type InterServerEvents = Record<string, never>;

/** What the server keeps on `socket.data`: nothing (the principal is derived from the handshake). */
export type SocketData = Record<string, never>;

/** Namespace of the telemetry feed. */
export const TELEMETRY_NAMESPACE = '/telemetry';
