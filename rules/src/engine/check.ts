import type { Hit, PlanContext, SampleContext, ZoneDistance } from '../kinds/types.js';
import { exceeds, round2 } from '../kinds/types.js';
import { type MessageCode, renderBoth } from '../messages/index.js';
import type { Zone, ZoneEffect } from '../model/index.js';
import { FT_TO_M, speedToKmh } from '../model/index.js';
import type { AirspaceView } from './airspace-view.js';
import type { CompiledRule, Source } from './compile.js';
import { render } from './messages.js';
import type { PointInTime, PreparedPermission } from './permissions.js';

export type { Source } from './compile.js';

export interface Tagged {
  hit: Hit;
  source: Source;
  /** Id of the declared permission that covers this hit's trigger here. */
  covered?: string;
}

/** A 4-D point of a flight as the per-sample rules need it (route sample or live telemetry). */
export interface FlightPoint extends PointInTime {
  aglM: number;
  groundSpeedKmh: number;
  pilotLon?: number;
  pilotLat?: number;
  zones: Zone[];
}

/** A flight point as the kinds see it; distances to zones are computed when first asked for. */
class PointContext implements SampleContext {
  readonly lon: number;
  readonly lat: number;
  readonly altAmslM: number;
  readonly aglM: number;
  readonly tMs: number;
  readonly groundSpeedKmh: number;
  readonly pilotLon?: number;
  readonly pilotLat?: number;
  readonly zones: readonly Zone[];
  private distances?: Map<ZoneEffect, ZoneDistance[]>;

  constructor(
    p: FlightPoint,
    private readonly view: AirspaceView,
  ) {
    this.lon = p.lon;
    this.lat = p.lat;
    this.altAmslM = p.altAmslM;
    this.aglM = p.aglM;
    this.tMs = p.tMs;
    this.groundSpeedKmh = p.groundSpeedKmh;
    this.pilotLon = p.pilotLon;
    this.pilotLat = p.pilotLat;
    this.zones = p.zones;
  }

  distanceToZones(effect: ZoneEffect): ZoneDistance[] {
    this.distances ??= new Map();
    let d = this.distances.get(effect);
    if (!d) {
      d = this.view.distanceToZones(effect, this.lon, this.lat, this.tMs, this.zones);
      this.distances.set(effect, d);
    }
    return d;
  }

  activityStableUntil(effect: ZoneEffect): number {
    return this.view.timedZones(effect).length === 0 ? Number.POSITIVE_INFINITY : this.tMs;
  }
}

export function toSampleContext(p: FlightPoint, view: AirspaceView): SampleContext {
  return new PointContext(p, view);
}

/** A per-sample rule's hit before the enclosed-area adjustment (which needs the whole route). */
export interface RuleHit {
  hit: Hit;
  rule: CompiledRule;
}

/** Every hit of the per-sample rules at one sample, as the kinds return them. */
export function sampleRuleHits(rules: readonly CompiledRule[], s: SampleContext, ctx: PlanContext): RuleHit[] {
  const out: RuleHit[] = [];
  for (const rule of rules) {
    const check = rule.bound.checkSample;
    if (!check) continue;
    for (const hit of check(s, ctx, rule.def)) out.push({ hit, rule });
  }
  return out;
}

export function tagRuleHit(h: RuleHit, ctx: PlanContext): Tagged {
  return { hit: enclosedAdjust(h.hit, h.rule, ctx), source: h.rule.source };
}

/**
 * Wholly inside an enclosed area (s.6), exceeding an operating requirement does not make the operation
 * advanced: the hit is kept for information as advisory, without a trigger.
 */
function enclosedAdjust(hit: Hit, rule: CompiledRule, ctx: PlanContext): Hit {
  if (!ctx.enclosed || !rule.bound.enclosedAreaExempt || hit.effect !== 'requires-permission') return hit;
  return {
    ...hit,
    effect: 'advisory',
    trigger: undefined,
    msg: { code: 'enclosed.exempt', data: { inner: render(hit.msg, hit.measured, hit.limit) } },
  };
}

export function checkPlanRules(rules: readonly CompiledRule[], ctx: PlanContext): Tagged[] {
  const out: Tagged[] = [];
  for (const r of rules) {
    if (!r.bound.checkPlan) continue;
    for (const hit of r.bound.checkPlan(ctx, r.def)) out.push({ hit: enclosedAdjust(hit, r, ctx), source: r.source });
  }
  return out;
}

export function checkSampleRules(rules: readonly CompiledRule[], s: SampleContext, ctx: PlanContext): Tagged[] {
  return sampleRuleHits(rules, s, ctx).map((h) => tagRuleHit(h, ctx));
}

/** Usable for covering triggers: the aircraft is inside the permission's aircraft envelope. */
function usable(p: PreparedPermission): boolean {
  return p.aircraftProblems.length === 0;
}

/** Mark hits whose trigger a relied-upon permission covers at this point (or, for plan-level hits, at all). */
export function applyCoverage(
  tagged: Tagged[],
  relied: readonly PreparedPermission[],
  at: PointInTime | ((p: PreparedPermission) => boolean),
): void {
  if (relied.length === 0) return;
  const inside = typeof at === 'function' ? at : (p: PreparedPermission) => p.outside(at) === null;
  for (const t of tagged) {
    const trig = t.hit.trigger;
    if (t.hit.effect !== 'requires-permission' || !trig) continue;
    const p = relied.find((q) => q.covers(trig) && usable(q) && inside(q));
    if (p) t.covered = p.permission.id;
  }
}

function permissionSource(p: PreparedPermission, kind: string, index: number): Source {
  return { ruleId: `permission:${p.permission.id}`, kind, provision: p.permission.legalBasis, order: 100_000 + index };
}

const cond = (p: PreparedPermission, what: MessageCode): Hit['msg'] => ({
  code: 'permission.condition',
  data: { permission: p.permission.id, what: renderBoth(what) },
});

/** Envelope and per-point conditions of the relied-upon permissions at one point of the flight. */
export function permissionPointHits(relied: readonly PreparedPermission[], pt: FlightPoint): Tagged[] {
  if (relied.length === 0) return [];
  const out: Tagged[] = [];
  const reasons = relied.map((p) => p.outside(pt));
  if (reasons.every((r) => r !== null)) {
    const p = relied[0];
    out.push({
      source: permissionSource(p, 'permission-envelope', 0),
      hit: {
        effect: 'prohibited',
        msg: { code: 'permission.envelope-left', data: { permission: p.permission.id, what: reasons[0] ?? '' } },
        zoneId: p.permission.id,
      },
    });
  }
  relied.forEach((p, i) => {
    if (reasons[i] !== null) return;
    const c = p.permission.conditions;
    if (c.maxHeight) {
      const metres = c.maxHeight.ref === 'AGL' ? pt.aglM : pt.altAmslM;
      const measured = c.maxHeight.unit === 'ft' ? metres / FT_TO_M : metres;
      if (exceeds(measured, c.maxHeight.value)) {
        const unit = `${c.maxHeight.unit} ${c.maxHeight.ref}`;
        out.push({
          source: permissionSource(p, 'permission-condition', i),
          hit: {
            effect: 'prohibited',
            msg: cond(p, 'permission-condition.max-height'),
            measured: { value: round2(measured), unit },
            limit: { value: c.maxHeight.value, unit },
            worse: 'max',
            zoneId: `${p.permission.id}:max-height`,
          },
        });
      }
    }
    if (c.maxSpeed && exceeds(pt.groundSpeedKmh, speedToKmh(c.maxSpeed))) {
      out.push({
        source: permissionSource(p, 'permission-condition', i),
        hit: {
          effect: 'prohibited',
          msg: cond(p, 'permission-condition.max-speed'),
          measured: { value: round2(pt.groundSpeedKmh), unit: 'km/h' },
          limit: { value: round2(speedToKmh(c.maxSpeed)), unit: 'km/h' },
          worse: 'max',
          zoneId: `${p.permission.id}:max-speed`,
        },
      });
    }
  });
  return out;
}

/** Aircraft envelope and plan-wide conditions of the relied-upon permissions. */
export function permissionPlanHits(relied: readonly PreparedPermission[], ctx: PlanContext): Tagged[] {
  const out: Tagged[] = [];
  relied.forEach((p, i) => {
    const id = p.permission.id;
    for (const what of p.aircraftProblems)
      out.push({
        source: permissionSource(p, 'permission-aircraft', i),
        hit: { effect: 'prohibited', msg: { code: 'permission.aircraft', data: { permission: id, what } } },
      });
    const c = p.permission.conditions;
    const fail = (what: MessageCode, extra: Partial<Hit> = {}) =>
      out.push({
        source: permissionSource(p, 'permission-condition', i),
        hit: { effect: 'prohibited', msg: cond(p, what), ...extra },
      });
    if (c.maxAircraftPerPilot !== undefined && ctx.operation.aircraftPerPilot > c.maxAircraftPerPilot)
      fail('permission-condition.aircraft-per-pilot', {
        measured: { value: ctx.operation.aircraftPerPilot, unit: 'aircraft' },
        limit: { value: c.maxAircraftPerPilot, unit: 'aircraft' },
      });
    if (c.requireFailSafe && !ctx.aircraft.equipment.failSafe) fail('permission-condition.fail-safe');
    if (c.requireRemoteId && !ctx.aircraft.equipment.remoteId) fail('permission-condition.remote-id');
    if (c.requireAdvancedRating && !ctx.pilot.advancedRating) fail('permission-condition.advanced-rating');
    const cover = ctx.responsiblePerson?.insurance?.value ?? 0;
    if (c.minInsuranceHKD !== undefined && ctx.responsiblePerson && cover < c.minInsuranceHKD)
      fail('permission-condition.insurance', {
        measured: { value: cover, unit: 'HKD' },
        limit: { value: c.minInsuranceHKD, unit: 'HKD' },
      });
  });
  return out;
}
