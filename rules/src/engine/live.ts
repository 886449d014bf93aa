import type { ZoneIndex } from '../airspace/types.js';
import { formatInstant, localDate, offsetMinutes } from '../kinds/local-time.js';
import type { Margin } from '../kinds/types.js';
import type {
  Aircraft,
  Finding,
  FlightPlan,
  LonLatAlt,
  Operation,
  Permission,
  RemotePilot,
  Report,
  ResponsiblePerson,
  Rulebook,
} from '../model/index.js';
import { HK_UTC_OFFSET } from '../model/index.js';
import { airspaceFor } from './airspace-view.js';
import {
  applyCoverage,
  checkPlanRules,
  checkSampleRules,
  type FlightPoint,
  permissionPointHits,
  type Tagged,
  toSampleContext,
} from './check.js';
import { appliesToFlight, appliesToOperation, type CompiledRule, compileRules, dependsOnOperation } from './compile.js';
import { buildPlanContext } from './context.js';
import { evaluateDetailed, rulebookVersion } from './evaluate.js';
import { makeFinding, sameRule } from './findings.js';
import { groundedAirspace } from './ground-reference.js';
import { preparePermissions, resolveDeclared } from './permissions.js';

/** One telemetry point. Altitude in metres AMSL, time in epoch ms. */
export interface LiveSample {
  lon: number;
  lat: number;
  altAmslM: number;
  tMs: number;
  groundSpeedKmh: number;
  pilotLon: number;
  pilotLat: number;
  /** Leg of the planned route the aircraft is on, when known (reported in `where.leg`; default 0). */
  leg?: number;
}

/**
 * How much the next sample may differ from this one before `check` could give other violations (see the kinds'
 * Margin), when `known`. Not known when a rule cannot bound its change, or the plan brings zones of its own:
 * a monitor then re-checks on its own fixed policy.
 */
export interface LiveMargin extends Margin {
  known: boolean;
  /**
   * Asked for by giving them (any value): bounds on the AGL height alone and on the altitude alone, for rules
   * that depend on only one of the two (see max-height's margin); `heightM` then bounds both for the rest. Over
   * terrain an aircraft following the ground changes altitude but not height, and the reverse over a slope.
   */
  aglM?: number;
  amslM?: number;
}

export interface LiveViolation {
  /** Stable per rule + zone, so a monitor can open and close violations by diffing keys. */
  key: string;
  finding: Finding;
  /**
   * Whether `f` states the same rule, effect, limit and cover as this violation's finding (sameRule), answered
   * without wording the finding when it has not been read yet.
   */
  sameRuleAs?(f: Finding): boolean;
}

export interface LiveOptions {
  plan?: FlightPlan;
  aircraft: Aircraft;
  pilot: RemotePilot;
  responsiblePerson?: ResponsiblePerson;
  operation: Operation;
  rulebook: Rulebook;
  airspace: ZoneIndex;
  /** Permissions held. With a plan, the plan's declared ids are resolved against these. */
  permissions?: readonly Permission[];
  /** Local time for messages and rule commencement; default: the plan's offset, else +08:00. */
  utcOffset?: string;
  /** Flight start (epoch ms) for plan-level rules' commencement when there is no plan; default: all rules in force. */
  startMs?: number;
}

export interface LiveEvaluator {
  readonly rulebookVersion: string;
  readonly category: Report['category'];
  readonly column: Report['column'];
  readonly operation: 'standard' | 'advanced';
  /** Plan-level findings (registration, equipment, category…), judged once. */
  readonly planFindings: Finding[];
  /** The full route evaluation, when a plan was given. */
  readonly report?: Report;
  /** The violations at the sample; with `margin`, also how far they are sure to hold (filled in place). */
  check(sample: LiveSample, margin?: LiveMargin): LiveViolation[];
}

/**
 * Prepare per-sample checking of one aircraft in flight. `check` runs the same per-sample rule code as
 * route evaluation and returns the violations at that point (uncovered triggers, prohibitions, and
 * breaches of a relied-upon permission's envelope or conditions); advisories and covered hits are left out.
 */
export function prepareLive(opts: LiveOptions): LiveEvaluator {
  const rb = opts.rulebook;
  const version = rulebookVersion(rb);
  const evaluation = opts.plan ? evaluateDetailed(opts.plan, opts) : undefined;
  const offset = offsetMinutes(opts.utcOffset ?? opts.plan?.start ?? HK_UTC_OFFSET);
  // AGL over the ground the rulebook names (terrain or surface), as route checks judge it.
  const view = airspaceFor(groundedAirspace(opts.airspace, rb).index, rb, opts.plan?.extraZones ?? []);
  const enclosed = evaluation?.enclosed ?? opts.operation.whollyInEnclosedArea;
  const crew = {
    aircraft: opts.aircraft,
    pilot: opts.pilot,
    responsiblePerson: opts.responsiblePerson,
    operation: opts.operation,
  };
  const { ctx } = buildPlanContext(crew, rb, view, offset, enclosed);
  const { rules } = compileRules(rb);

  const declared = opts.plan
    ? resolveDeclared(opts.plan.permissions, opts.permissions ?? []).permissions
    : [...(opts.permissions ?? [])];
  const prepared = preparePermissions(declared, opts.aircraft, ctx.category, view.elevation);

  const byDate = new Map<string, CompiledRule[]>();
  const rulesOn = (date: string): CompiledRule[] => {
    let r = byDate.get(date);
    if (!r) {
      r = rules.filter((x) => appliesToFlight(x.def, ctx.column, date));
      byDate.set(date, r);
    }
    return r;
  };

  // Without a route, the operation type and relied-upon permissions come from the plan-level rules alone.
  const startMs = opts.plan ? Date.parse(opts.plan.start) : opts.startMs;
  const startDate = startMs === undefined ? '9999-12-31' : localDate(startMs, offset);
  const planHits = checkPlanRules(
    rulesOn(startDate).filter((r) => !dependsOnOperation(r.def)),
    ctx,
  );
  const planTriggers = new Set(planHits.flatMap((t) => (t.hit.trigger ? [t.hit.trigger] : [])));
  const operation = evaluation?.operation ?? (planTriggers.size > 0 ? 'advanced' : 'standard');
  ctx.operationType = operation;
  const relied = evaluation
    ? prepared.filter((p) => evaluation.reliedPermissionIds.includes(p.permission.id))
    : prepared.filter((p) => [...planTriggers].some((t) => p.covers(t)));
  const planFindings = evaluation
    ? evaluation.report.findings.filter((f) => !f.where)
    : [
        ...planHits,
        ...checkPlanRules(
          rulesOn(startDate).filter((r) => dependsOnOperation(r.def) && appliesToOperation(r.def, operation)),
          ctx,
        ),
      ].map((t) => makeFinding(t, version));

  // The per-sample rules for the operation, per local date (not filtered again on every check), and whether
  // they can all bound their change for a monitor (plan zones cannot: a monitor does not see them).
  const marginsPossible = (opts.plan?.extraZones.length ?? 0) === 0;
  const activeByDate = new Map<string, { rules: CompiledRule[]; margins: boolean }>();
  const activeOn = (date: string) => {
    let r = activeByDate.get(date);
    if (!r) {
      const rules = rulesOn(date).filter((x) => appliesToOperation(x.def, operation));
      const margins = marginsPossible && rules.every((x) => !x.bound.checkSample || x.bound.margin);
      r = { rules, margins };
      activeByDate.set(date, r);
    }
    return r;
  };

  // The local date of the last local day seen (live samples of one instant come in thousands). The day is
  // counted as localDate counts it: from the instant rounded to the second.
  let lastDay = Number.NaN;
  let lastDate = '';
  const dayOf = (tMs: number) => Math.floor((Math.round(tMs / 1000) * 1000 + offset * 60_000) / 86_400_000);
  const dateOf = (tMs: number): string => {
    const day = dayOf(tMs);
    if (day !== lastDay) {
      lastDay = day;
      lastDate = localDate(tMs, offset);
    }
    return lastDate;
  };
  // The first instant of the next local day (rules commence by date), as dayOf rounds it.
  const nextDayMs = (tMs: number) => (dayOf(tMs) + 1) * 86_400_000 - offset * 60_000 - 500;

  return {
    rulebookVersion: version,
    category: ctx.category,
    column: ctx.column,
    operation,
    planFindings,
    report: evaluation?.report,
    check(s, margin) {
      const ground = view.elevation.groundM(s.lon, s.lat);
      const point: FlightPoint = {
        lon: s.lon,
        lat: s.lat,
        altAmslM: s.altAmslM,
        aglM: s.altAmslM - ground,
        tMs: s.tMs,
        groundSpeedKmh: s.groundSpeedKmh,
        pilotLon: s.pilotLon,
        pilotLat: s.pilotLat,
        zones: view.zonesAt(s.lon, s.lat, s.altAmslM, s.tMs),
      };
      const active = activeOn(dateOf(s.tMs));
      const context = toSampleContext(point, view);
      const hits = checkSampleRules(active.rules, context, ctx);
      if (margin) {
        margin.known = active.margins;
        margin.heightM = Number.POSITIVE_INFINITY;
        margin.speedKmh = Number.POSITIVE_INFINITY;
        margin.distanceM = Number.POSITIVE_INFINITY;
        margin.untilMs = nextDayMs(s.tMs);
        if (margin.aglM !== undefined) margin.aglM = Number.POSITIVE_INFINITY;
        if (margin.amslM !== undefined) margin.amslM = Number.POSITIVE_INFINITY;
        if (active.margins) {
          for (const r of active.rules) r.bound.margin?.(context, ctx, margin);
          for (const p of prepared) p.margin(point, margin);
        }
      }
      applyCoverage(hits, prepared, point);
      hits.push(...permissionPointHits(relied, point));
      const at: WhereAt = { leg: s.leg ?? 0, lon: s.lon, lat: s.lat, altAmslM: s.altAmslM, tMs: s.tMs, offset };
      const out: LiveViolation[] = [];
      for (const t of hits) if (!t.covered && t.hit.effect !== 'advisory') out.push(new LazyViolation(t, version, at));
      return out;
    },
  };
}

/** Where a live sample was taken, kept raw until a finding is worded. */
interface WhereAt {
  leg: number;
  lon: number;
  lat: number;
  altAmslM: number;
  tMs: number;
  offset: number;
}

/**
 * A violation whose Finding is worded only when first read: a monitor re-checks every aircraft every few
 * seconds but needs the finding only when its key opens (or a rulebook swap compares it).
 */
class LazyViolation implements LiveViolation {
  readonly key: string;
  private built?: Finding;

  constructor(
    private readonly tagged: Tagged,
    private readonly version: string,
    private readonly at: WhereAt,
  ) {
    this.key = `${tagged.source.ruleId}|${tagged.hit.zoneId ?? ''}`;
  }

  sameRuleAs(f: Finding): boolean {
    if (this.built) return sameRule(f, this.built);
    const { hit, source, covered } = this.tagged;
    return (
      f.ruleId === source.ruleId &&
      f.effect === hit.effect &&
      f.limit?.value === hit.limit?.value &&
      f.limit?.unit === hit.limit?.unit &&
      f.covered?.permissionId === (covered || undefined)
    );
  }

  get finding(): Finding {
    if (!this.built) {
      const a = this.at;
      const position: LonLatAlt = [a.lon, a.lat, a.altAmslM];
      const where = { leg: a.leg, position, time: formatInstant(a.tMs, a.offset) };
      this.built = makeFinding(this.tagged, this.version, where);
    }
    return this.built;
  }
}
