import { z } from 'zod';
import type { MessageCode, MessageParam } from '../messages/index.js';
import type {
  Aircraft,
  Category,
  Column,
  FindingEffect,
  LocalizedText,
  Operation,
  PermissionTrigger,
  Quantity,
  RemotePilot,
  ResponsiblePerson,
  RuleDef,
  Zone,
  ZoneEffect,
} from '../model/index.js';

/** Data for a message template: plain values or text already in both languages (e.g. a zone name). */
export type MsgData = Record<string, MessageParam>;

/** A message by code; the catalogues in ../messages word it in English and Chinese. */
export interface Msg {
  code: MessageCode;
  data?: MsgData;
}

/** One thing a rule found: plan-wide, or at one sample of the route. The engine turns hits into findings. */
export interface Hit {
  effect: FindingEffect;
  trigger?: PermissionTrigger;
  msg: Msg;
  measured?: Quantity;
  limit?: Quantity;
  /** Which measured value is the worst when consecutive samples are merged. */
  worse?: 'max' | 'min';
  zoneId?: string;
}

/** What plan-level rules see: who flies what, how, classified under the rulebook. */
export interface PlanContext {
  aircraft: Aircraft;
  pilot: RemotePilot;
  /** Absent in live monitoring when only aircraft and pilot are known. */
  responsiblePerson?: ResponsiblePerson;
  operation: Operation;
  category: Category | 'out-of-scope';
  column: Column | null;
  /** How messages name the category (from the rulebook); absent: made from its id. */
  categoryName?: LocalizedText;
  massKg: number;
  /** Largest mass inside the Order's scope (the top category's upper bound), kg. */
  scopeMaxKg: number;
  /**
   * The whole flight is inside an enclosed area (s.6): declared, or every sample inside an enclosed-area zone.
   * Known only once the route has been sampled: per-sample checks must not read it (the engine applies it).
   */
  enclosed: boolean;
  /** Standard or advanced; known only in the second evaluation phase (rules restricted by operation). */
  operationType?: 'standard' | 'advanced';
  /** UTC offset of the flight's local time in minutes (from plan.start; +480 in Hong Kong). */
  utcOffsetMin: number;
  /** Zone effects present anywhere in the airspace used (e.g. whether an HKSAR boundary exists at all). */
  zoneEffectsPresent: ReadonlySet<ZoneEffect>;
}

/** A zone near a sample with its horizontal distance (0 when the sample is inside it). */
export interface ZoneDistance {
  zone: Zone;
  distanceM: number;
}

/** What per-sample rules see: one 4-D point of the flight (route sample or live telemetry). */
export interface SampleContext {
  lon: number;
  lat: number;
  altAmslM: number;
  aglM: number;
  tMs: number;
  groundSpeedKmh: number;
  pilotLon?: number;
  pilotLat?: number;
  /** Active zones containing this point (from the airspace index). */
  zones: readonly Zone[];
  /** Horizontal distance to the zones with this effect (nearest first), computed on demand. */
  distanceToZones(effect: ZoneEffect): ZoneDistance[];
  /**
   * Until when (epoch ms) the zones with this effect keep their activity: Infinity when none has a schedule,
   * else this sample's own time (no promise). Schedules activate zones away from the point, too.
   */
  activityStableUntil(effect: ZoneEffect): number;
}

/**
 * What adaptive route sampling knows about the stretch of flight between two evaluated samples `a` and `b`
 * of one leg (or one hover): the aircraft moves in a straight line at constant speed (or stays put), time
 * only increases, and `zones` is the same at every sample in between (the engine makes sure of that).
 */
export interface Stretch {
  /** Horizontal distance from a to b, metres (0 while hovering): every point between is this close to a. */
  lengthM: number;
  /**
   * Every AGL height and AMSL altitude from a to b lies between its values at a and b (they change linearly on
   * flat ground; over terrain the engine walks the ground model's cells to know).
   */
  linearHeights: boolean;
  /** Over uneven ground: the lowest and highest AGL heights and AMSL altitudes from a to b, both included. */
  heights?: { minAglM: number; maxAglM: number; minAmslM: number; maxAmslM: number };
  /** The active zones with this effect are the same at every sample from a to b. */
  activityConstant(effect: ZoneEffect): boolean;
}

/**
 * For live monitoring: how much a sample may change before a rule's hits there could change (which hits, with
 * which zone and effect; not their measured values). Each bound is independent: while the AGL height and the
 * altitude each stay within `heightM` of the sample's, the ground speed within `speedKmh`, the position within
 * `distanceM` (horizontally) and the time before `untilMs`, the hits are the same. Infinity: no dependence.
 * A margin assumes the zones containing the point stay the same (the monitor re-checks when they change).
 */
export interface Margin {
  heightM: number;
  speedKmh: number;
  distanceM: number;
  untilMs: number;
}

/** Narrow `into` to `m` (the tighter of each bound). */
export function narrowMargin(into: Margin, m: Partial<Margin>): void {
  if (m.heightM !== undefined && m.heightM < into.heightM) into.heightM = m.heightM;
  if (m.speedKmh !== undefined && m.speedKmh < into.speedKmh) into.speedKmh = m.speedKmh;
  if (m.distanceM !== undefined && m.distanceM < into.distanceM) into.distanceM = m.distanceM;
  if (m.untilMs !== undefined && m.untilMs < into.untilMs) into.untilMs = m.untilMs;
}

export interface KindDefinition<S extends z.ZodType> {
  kind: string;
  /** One sentence for docs and the CLI. */
  summary: string;
  params: S;
  checkPlan?(ctx: PlanContext, params: z.infer<S>, rule: RuleDef): Hit[];
  checkSample?(sample: SampleContext, ctx: PlanContext, params: z.infer<S>, rule: RuleDef): Hit[];
  /**
   * For adaptive sampling (without it, every sample of the route is checked): true only when, along the
   * stretch from `a` to `b`, each of checkSample's hits can appear, disappear or change its zone, message
   * code, effect or trigger at most once, and every measured value is monotone — so a route sampled at a and
   * b alone gives the same findings as one sampled densely in between whenever the hits at a and b agree.
   */
  steady?(a: SampleContext, b: SampleContext, ctx: PlanContext, params: z.infer<S>, stretch: Stretch): boolean;
  /**
   * For live monitoring (without it, a monitor re-checks on its fixed policy): narrow `into` to how much the
   * sample may change before checkSample's hits could change (see Margin). Must be sound: a bound too wide
   * would let a monitor miss a finding opening or closing.
   */
  margin?(s: SampleContext, ctx: PlanContext, params: z.infer<S>, into: Margin): void;
}

/** A rule bound to its validated parameters: the engine calls these, never the raw kind. */
export interface BoundRule {
  enclosedAreaExempt: boolean;
  checkPlan?(ctx: PlanContext, rule: RuleDef): Hit[];
  checkSample?(sample: SampleContext, ctx: PlanContext, rule: RuleDef): Hit[];
  steady?(a: SampleContext, b: SampleContext, ctx: PlanContext, stretch: Stretch): boolean;
  margin?(s: SampleContext, ctx: PlanContext, into: Margin): void;
}

export type BindResult = { ok: true; bound: BoundRule } | { ok: false; error: z.ZodError };

/** A rule kind as stored in the registry (its parameter type erased behind `bind`). */
export interface RuleKindModule {
  kind: string;
  summary: string;
  params: z.ZodType;
  perSample: boolean;
  bind(params: unknown): BindResult;
}

export function defineKind<S extends z.ZodType>(def: KindDefinition<S>): RuleKindModule {
  return {
    kind: def.kind,
    summary: def.summary,
    params: def.params,
    perSample: def.checkSample !== undefined,
    bind(raw) {
      const parsed = def.params.safeParse(raw);
      if (!parsed.success) return { ok: false, error: parsed.error };
      const p = parsed.data;
      const exempt = typeof p === 'object' && p !== null && 'enclosedAreaExempt' in p && p.enclosedAreaExempt === true;
      const { checkPlan, checkSample, steady, margin } = def;
      return {
        ok: true,
        bound: {
          enclosedAreaExempt: exempt,
          checkPlan: checkPlan ? (ctx, rule) => checkPlan(ctx, p, rule) : undefined,
          checkSample: checkSample ? (s, ctx, rule) => checkSample(s, ctx, p, rule) : undefined,
          steady: steady ? (a, b, ctx, stretch) => steady(a, b, ctx, p, stretch) : undefined,
          margin: margin ? (s, ctx, into) => margin(s, ctx, p, into) : undefined,
        },
      };
    },
  };
}

// ---- shared parameter schemas: every number carries its unit ----

export const LengthLimit = z.object({ value: z.number().finite().nonnegative(), unit: z.enum(['m', 'ft']) }).strict();
export const HeightLimit = z
  .object({ value: z.number().finite().nonnegative(), unit: z.enum(['m', 'ft']), ref: z.enum(['AGL', 'AMSL']) })
  .strict();
export const SpeedLimit = z
  .object({ value: z.number().finite().positive(), unit: z.enum(['km/h', 'm/s', 'kt']) })
  .strict();
export const AgeLimit = z.object({ value: z.number().int().nonnegative(), unit: z.literal('years') }).strict();
export const MoneyLimit = z.object({ value: z.number().finite().nonnegative(), unit: z.literal('HKD') }).strict();

/** Exceeding this operating requirement does not make the flight advanced when it is wholly in an enclosed area. */
export const EnclosedAreaExempt = z
  .boolean()
  .default(false)
  .describe('true for operating requirements: a flight wholly inside an enclosed area (s.6) is not advanced');

/**
 * What breaking a prerequisite means: unlawful until the person obtains it. A prerequisite of a CAD permission
 * (rating, insurance, registration…) is not something a permission supplies, so it is never
 * "requires-permission": that effect is kept for triggers CAD can grant, each listed in `permissionsRequired`.
 */
export const PrerequisiteEffect = z
  .enum(['prohibited'])
  .describe('prohibited: no permission can supply a missing prerequisite; the finding names what to obtain');

/** Comparisons with a tolerance so that 300 ft written as 91.44 m is "exactly 300 ft", not above it. */
export const EPS = 1e-6;
export function exceeds(measured: number, limit: number): boolean {
  return measured > limit + EPS * Math.max(1, Math.abs(limit));
}
export function below(measured: number, limit: number): boolean {
  return measured < limit - EPS * Math.max(1, Math.abs(limit));
}

/**
 * Which side of `limitM` a horizontal distance stays on along a stretch of `lengthM` metres, judged from its
 * value `dM` at one end: a distance changes by no more than the distance moved (with a margin for the local
 * projections distances are computed in). null when the stretch may reach the limit.
 */
export function sideAlong(dM: number, lengthM: number, limitM: number): 'above' | 'below' | null {
  const slack = 1.05 * lengthM + 0.002 * dM + 1;
  if (dM - slack > limitM) return 'above';
  if (dM + slack < limitM) return 'below';
  return null;
}

/**
 * How far the point may move before a distance `dM` (from a pilot or a zone edge) could reach `limitM`:
 * the inverse of sideAlong's slack, so the two agree on what "clearly on one side" means.
 */
export function distanceMargin(dM: number, limitM: number): number {
  return Math.max(0, (Math.abs(dM - limitM) - 0.002 * dM - 1) / 1.05);
}

export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
