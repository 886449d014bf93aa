/** Sessions and their clocks: create, join, leave and control a session, and what it is. */
import { z } from 'zod';
import { Draft } from '../model/draft.js';
import { FlightPlan } from '../model/plan.js';
import { Instant } from '../model/time.js';
import { MAX_SPEED, MIN_SPEED, PAYLOAD_MAXIMA } from './limits.js';

const SessionId = z.string().min(1).max(100);

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
  titleZh: z.string().optional().describe('the title in Traditional Chinese, when the rulebook has one'),
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
  /** in a join's answer: the asking principal owns the session (a private copy, e.g. rejoined after a reload) */
  yours: z.boolean().optional(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;
