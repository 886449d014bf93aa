/** Server → client: live findings, their events, zone changes, tick batches and snapshots of a session. */
import { z } from 'zod';
import { Finding } from '../model/report.js';
import { Zone } from '../model/zone.js';
import { AircraftInfo, PackedStates, TickStates } from './aircraft-state.js';
import { ClockState, RulebookRef, SessionInfo } from './session.js';

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
