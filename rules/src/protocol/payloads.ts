import { z } from 'zod';
import { Draft } from '../model/draft.js';
import { Aircraft, FlightPlan, Operation, RemotePilot, ResponsiblePerson } from '../model/plan.js';
import { Assumption, Finding } from '../model/report.js';
import { Instant } from '../model/time.js';
import { AltitudeRef } from '../model/units.js';
import { Zone } from '../model/zone.js';
import { AircraftInfo, PackedStates, TickStates } from './aircraft-state.js';
import { ApiError } from './errors.js';

/** Bumped on any incompatible change to an event name or payload (3: error codes spelled snake_case). */
export const PROTOCOL_VERSION = 3;

const SessionId = z.string().min(1).max(100);

/**
 * Absolute bounds of the payloads themselves (the server's budgets, server/src/realtime/budgets.ts, may be lower,
 * never higher): a payload past one is invalid whatever the server's settings.
 */
export const PAYLOAD_MAXIMA = {
  /** plans (ids or inline) in one `session:create` */
  plansPerSession: 500,
  /** samples in one telemetry batch (socket or `POST /api/telemetry`) */
  telemetryBatch: 1000,
  /** steps in one `step` control */
  stepsPerControl: 10_000,
} as const;

// ---------------------------------------------------------------- handshake

/** Sent by the client in the socket.io handshake (`auth`) and/or as the `hello` event. */
export const ClientHello = z.object({
  protocolVersion: z.number().int().nonnegative(),
  client: z.string().max(100).optional().describe('e.g. "sua-sandbox-web/0.1"'),
});
export type ClientHello = z.infer<typeof ClientHello>;

/**
 * Why the server refused a connection (socket.io `connect_error` carries it as `err.data`). Its `code` keeps
 * the protocol-1 spelling on purpose, the one exception to ErrorCode (errors.ts): this is the message a client
 * of an older or newer protocol must still understand, to tell its user to reload rather than retry forever.
 */
export const IncompatibleReason = z.object({
  code: z.enum(['protocol-version-missing', 'protocol-version-mismatch']),
  message: z.string(),
  serverVersion: z.number().int(),
  clientVersion: z.number().int().nullable(),
});
export type IncompatibleReason = z.infer<typeof IncompatibleReason>;

/** The server's greeting, emitted on connect and returned by the `hello` ack. */
export const ServerHello = z.object({
  protocolVersion: z.number().int(),
  server: z.string(),
  defaultSessionId: z.string().nullable(),
  sessions: z.array(z.object({ id: z.string(), title: z.string(), scenarioId: z.string().nullable() })),
});
export type ServerHello = z.infer<typeof ServerHello>;

// ---------------------------------------------------------------- clock and session

export const MIN_SPEED = 0.25;
export const MAX_SPEED = 100;

export const ClockState = z.object({
  playing: z.boolean(),
  speed: z.number().min(MIN_SPEED).max(MAX_SPEED),
  /** simulated time, epoch ms */
  simTimeMs: z.number(),
  /** simulated time since scenario start, ms */
  elapsedMs: z.number(),
  /** fixed simulation step, ms of simulated time */
  stepMs: z.number().positive(),
  /** scenario end relative to start, ms (null: unbounded, e.g. telemetry only) */
  durationMs: z.number().nullable(),
});
export type ClockState = z.infer<typeof ClockState>;

/** The rulebook a session judges against: a built-in id, or a draft applied to its base. */
export const RulebookSelector = z.union([
  z.object({ rulebookId: z.string().min(1) }),
  z.object({ draftId: z.string().min(1) }),
  z.object({ draft: Draft }),
]);
export type RulebookSelector = z.infer<typeof RulebookSelector>;

export const SessionCreate = z
  .object({
    scenarioId: z.string().min(1).optional(),
    plans: z
      .array(z.union([z.string().min(1).max(200), FlightPlan]))
      .min(1)
      .max(PAYLOAD_MAXIMA.plansPerSession)
      .optional()
      .describe('stored plan ids or inline plans, flown as simulated aircraft'),
    title: z.string().max(200).optional(),
    seed: z.number().int().optional(),
    rulebook: RulebookSelector.optional(),
    speed: z.number().min(MIN_SPEED).max(MAX_SPEED).optional(),
    autoplay: z.boolean().default(true),
    shared: z
      .boolean()
      .optional()
      .describe(
        "a session flown from plans is its owner's (and the regulator's) to list, follow and fork; shared: true makes it everyone's (a multi-operator trial)",
      ),
    fork: SessionId.optional().describe(
      'a private copy of this session at its current time, paused, with its own clock (for a viewer of a public session)',
    ),
  })
  .refine((c) => [c.scenarioId, c.plans, c.fork].filter(Boolean).length === 1, {
    message: 'give exactly one of scenarioId, plans or fork',
    path: ['scenarioId'],
  });
export type SessionCreate = z.infer<typeof SessionCreate>;
export type SessionCreateInput = z.input<typeof SessionCreate>;

/** `resume` lets a reconnecting client receive only what it missed. */
export const SessionJoin = z.object({
  sessionId: SessionId,
  resume: z.object({ lastTick: z.number().int().nonnegative(), lastSeq: z.number().int().nonnegative() }).optional(),
});
export type SessionJoin = z.infer<typeof SessionJoin>;

export const SessionLeave = z.object({ sessionId: SessionId });

export const ControlAction = z.discriminatedUnion('action', [
  z.object({ action: z.literal('play') }),
  z.object({ action: z.literal('pause') }),
  z.object({
    action: z.literal('step'),
    steps: z.number().int().min(1).max(PAYLOAD_MAXIMA.stepsPerControl).default(1),
  }),
  z.object({ action: z.literal('speed'), speed: z.number().min(MIN_SPEED).max(MAX_SPEED) }),
  z.object({
    action: z.literal('seek'),
    elapsedMs: z.number().nonnegative().describe('simulated ms since scenario start; re-simulated from the start'),
  }),
  z.object({ action: z.literal('set-rulebook'), rulebook: RulebookSelector }),
]);
export type ControlAction = z.infer<typeof ControlAction>;

export const SessionControl = z.intersection(z.object({ sessionId: SessionId }), ControlAction);
export type SessionControl = z.infer<typeof SessionControl>;

export const RulebookRef = z.object({
  id: z.string(),
  version: z.string(),
  title: z.string(),
  draftId: z.string().nullable(),
});
export type RulebookRef = z.infer<typeof RulebookRef>;

export const SessionInfo = z.object({
  id: z.string(),
  title: z.string(),
  scenarioId: z.string().nullable(),
  seed: z.number().int(),
  start: Instant,
  rulebook: RulebookRef,
  clock: ClockState,
});
export type SessionInfo = z.infer<typeof SessionInfo>;

// ---------------------------------------------------------------- server → client

/** A finding that is open now. `id` is stable for the life of the finding: `<aircraftId>|<key>`. */
export const LiveFinding = z.object({
  id: z.string(),
  aircraftId: z.string(),
  flightId: z.string(),
  key: z.string(),
  openedAtMs: z.number().describe('simulated epoch ms'),
  finding: Finding,
  intentId: z
    .string()
    .optional()
    .describe('the operational intent the aircraft flies: on intent-conformance and separation findings'),
  otherIntentId: z
    .string()
    .optional()
    .describe("on a separation finding between two aircraft both flying intents: the other aircraft's intent"),
});
export type LiveFinding = z.infer<typeof LiveFinding>;

/**
 * What a finding means for a flight that is happening (not a plan): an uncovered requires-permission finding is
 * flying without the permission the law requires (e.g. s.18 for a restricted flying zone), so a violation like a
 * prohibited one; a covered one is a flight under the permission it needs; advisories are for information.
 */
export const LiveOutcome = z.enum(['violation', 'permission', 'advisory']);
export type LiveOutcome = z.infer<typeof LiveOutcome>;

export function liveOutcome(f: Pick<Finding, 'effect' | 'covered'>): LiveOutcome {
  if (f.effect === 'advisory') return 'advisory';
  if (f.effect === 'requires-permission' && f.covered) return 'permission';
  return 'violation';
}

/** Findings a session has opened and closed since its run began (a seek or loop re-runs from the start). */
export const FindingCounts = z.object({
  opened: z.number().int().nonnegative(),
  closed: z.number().int().nonnegative(),
  /** opened findings by what they meant when they opened */
  byOutcome: z.object({
    violation: z.number().int().nonnegative(),
    permission: z.number().int().nonnegative(),
    advisory: z.number().int().nonnegative(),
  }),
});
export type FindingCounts = z.infer<typeof FindingCounts>;

const EventHeader = {
  sessionId: z.string(),
  /** per-session event sequence (findings and zone changes), strictly increasing; used to resume */
  seq: z.number().int().positive(),
  tick: z.number().int().nonnegative(),
  simTimeMs: z.number(),
};

export const FindingOpened = z.object({ ...EventHeader, ...LiveFinding.shape });
export type FindingOpened = z.infer<typeof FindingOpened>;

export const FindingClosed = z.object({
  ...EventHeader,
  id: z.string(),
  aircraftId: z.string(),
  key: z.string(),
  reason: z.enum(['cleared', 'rulebook-changed', 'aircraft-removed', 'profile-changed']),
});
export type FindingClosed = z.infer<typeof FindingClosed>;

export const ZoneChanged = z.object({
  ...EventHeader,
  change: z.enum(['enter', 'exit', 'added', 'removed']),
  zoneId: z.string(),
  /** for enter/exit */
  aircraftId: z.string().optional(),
  /** for added */
  zone: Zone.optional(),
});
export type ZoneChanged = z.infer<typeof ZoneChanged>;

/** One batched state per session per loop pass. `tick` strictly increases within a session. */
export const TickBatch = z.object({
  sessionId: z.string(),
  tick: z.number().int().nonnegative(),
  simTimeMs: z.number(),
  elapsedMs: z.number(),
  /** the last event seq emitted so far (0: none) */
  seq: z.number().int().nonnegative(),
  aircraft: TickStates.describe('every aircraft of the session, binary (see PackedStates and TickStates)'),
  added: z.array(AircraftInfo).optional(),
  removed: z.array(z.string()).optional(),
  clock: ClockState.optional().describe('present when the clock changed'),
  rulebook: RulebookRef.optional().describe('present when the rulebook changed'),
});
export type TickBatch = z.infer<typeof TickBatch>;

export const Snapshot = z.object({
  session: SessionInfo,
  reason: z.enum(['join', 'seek', 'rulebook-changed', 'resume-gap']),
  tick: z.number().int().nonnegative(),
  seq: z.number().int().nonnegative(),
  aircraftInfo: z.array(AircraftInfo),
  aircraft: PackedStates,
  findings: z.array(LiveFinding),
  /** scenario and temporary zones in this session (catalogue zones come from GET /api/zones) */
  zones: z.array(Zone),
  /** aircraftId → zone ids it is inside */
  occupancy: z.record(z.string(), z.array(z.string())),
  /** the findings so far, so a late joiner sees what happened before it came (the open ones are in `findings`) */
  counts: FindingCounts.optional(),
});
export type Snapshot = z.infer<typeof Snapshot>;

// ---------------------------------------------------------------- jobs (impact analysis)

export const JobSubscribe = z.object({ jobId: z.string().min(1).max(200) });
export type JobSubscribe = z.infer<typeof JobSubscribe>;
/** `job:progress`, pushed to the room `job:<id>`. */
export const JobProgress = z.object({
  jobId: z.string(),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  message: z.string().optional(),
  percent: z.number().min(0).max(100).optional(),
  /** estimated time left; null while unknown */
  etaMs: z.number().nonnegative().nullable().optional(),
});
export type JobProgress = z.infer<typeof JobProgress>;
/** `job:done`: the result, or why the job failed (the one ApiError shape). */
export const JobDone = z.object({
  jobId: z.string(),
  ok: z.boolean(),
  result: z.unknown().optional(),
  error: ApiError.optional(),
});
export type JobDone = z.infer<typeof JobDone>;

// ---------------------------------------------------------------- telemetry

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
