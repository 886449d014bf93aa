import { z } from 'zod';
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

export const ErrorCode = z.enum([
  'invalid-payload',
  'not-found',
  'not-joined',
  'bad-rulebook',
  'rate-limited',
  'protocol-version-mismatch',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const AckError = z.object({
  code: ErrorCode,
  message: z.string(),
  issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })).optional(),
});
export type AckError = z.infer<typeof AckError>;

/** Every ack: commit or reject. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: AckError };
export type AckFn<T> = (res: Ack<T>) => void;

export function ackOk<T>(data: T): Ack<T> {
  return { ok: true, data };
}

export function ackError(code: ErrorCode, message: string, issues?: AckError['issues']): Ack<never> {
  return issues ? { ok: false, error: { code, message, issues } } : { ok: false, error: { code, message } };
}

/** zod issues → ack issues (paths kept, so the client can point at the field). */
export function issuesFromZod(error: z.ZodError): NonNullable<AckError['issues']> {
  return error.issues.map((i) => ({
    path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    message: i.message,
  }));
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
}

/** Client → server on the `/telemetry` namespace. */
export interface TelemetryClientEvents {
  telemetry: (payload: TelemetrySample | TelemetrySample[], ack: AckFn<TelemetryAccepted>) => void;
}

/** Server → client on the `/telemetry` namespace (nothing pushed; acks only). */
export type TelemetryServerEvents = Record<string, never>;

/** Namespace of the telemetry feed. */
export const TELEMETRY_NAMESPACE = '/telemetry';
