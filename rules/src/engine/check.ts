import type { Hit, PlanContext, SampleContext } from '../kinds/types.js';
import { exceeds, round2 } from '../kinds/types.js';
import type { Provision, Zone } from '../model/index.js';
import { FT_TO_M, speedToKmh } from '../model/index.js';
import type { AirspaceView } from './airspace-view.js';
import type { CompiledRule } from './compile.js';
import { render } from './messages.js';
import type { PointInTime, PreparedPermission } from './permissions.js';

/** Where a hit comes from: a rulebook rule or a declared permission. */
export interface Source {
  ruleId: string;
  kind: string;
  provision: Provision;
  order: number;
}

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

export function ruleSource(r: CompiledRule): Source {
  return { ruleId: r.def.id, kind: r.def.kind, provision: r.def.citation, order: r.order };
}

export function toSampleContext(p: FlightPoint, view: AirspaceView): SampleContext {
  let cache: Map<string, ReturnType<SampleContext['distanceToZones']>> | undefined;
  return {
    ...p,
    distanceToZones(effect) {
      cache ??= new Map();
      let d = cache.get(effect);
      if (!d) {
        d = view.distanceToZones(effect, p.lon, p.lat, p.tMs, p.zones);
        cache.set(effect, d);
      }
      return d;
    },
  };
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
    for (const hit of r.bound.checkPlan(ctx, r.def))
      out.push({ hit: enclosedAdjust(hit, r, ctx), source: ruleSource(r) });
  }
  return out;
}

export function checkSampleRules(rules: readonly CompiledRule[], s: SampleContext, ctx: PlanContext): Tagged[] {
  const out: Tagged[] = [];
  for (const r of rules) {
    if (!r.bound.checkSample) continue;
    for (const hit of r.bound.checkSample(s, ctx, r.def))
      out.push({ hit: enclosedAdjust(hit, r, ctx), source: ruleSource(r) });
  }
  return out;
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
  for (const t of tagged) {
    const trig = t.hit.trigger;
    if (t.hit.effect !== 'requires-permission' || !trig) continue;
    const inside = typeof at === 'function' ? at : (p: PreparedPermission) => p.outside(at) === null;
    const p = relied.find((q) => q.covers(trig) && usable(q) && inside(q));
    if (p) t.covered = p.permission.id;
  }
}

function permissionSource(p: PreparedPermission, kind: string, index: number): Source {
  return { ruleId: `permission:${p.permission.id}`, kind, provision: p.permission.legalBasis, order: 100_000 + index };
}

const cond = (p: PreparedPermission, en: string, zh: string) => ({
  code: 'permission.condition',
  data: { permission: p.permission.id, what: { en, zh } },
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
            msg: cond(p, 'maximum height', '最高高度'),
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
          msg: cond(p, 'maximum speed', '最高速度'),
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
    const fail = (en: string, zh: string, extra: Partial<Hit> = {}) =>
      out.push({
        source: permissionSource(p, 'permission-condition', i),
        hit: { effect: 'prohibited', msg: cond(p, en, zh), ...extra },
      });
    if (c.maxAircraftPerPilot !== undefined && ctx.operation.aircraftPerPilot > c.maxAircraftPerPilot)
      fail('aircraft per pilot', '每名駕駛員操作的無人機數目', {
        measured: { value: ctx.operation.aircraftPerPilot, unit: 'aircraft' },
        limit: { value: c.maxAircraftPerPilot, unit: 'aircraft' },
      });
    if (c.requireFailSafe && !ctx.aircraft.equipment.failSafe) fail('fail-safe function required', '須有失效安全功能');
    if (c.requireRemoteId && !ctx.aircraft.equipment.remoteId)
      fail('remote identification required', '須有遙距識別功能');
    if (c.requireAdvancedRating && !ctx.pilot.advancedRating) fail('advanced rating required', '須持有進階評級');
    const cover = ctx.responsiblePerson?.insurance?.value ?? 0;
    if (c.minInsuranceHKD !== undefined && ctx.responsiblePerson && cover < c.minInsuranceHKD)
      fail('third-party insurance', '第三者保險', {
        measured: { value: cover, unit: 'HKD' },
        limit: { value: c.minInsuranceHKD, unit: 'HKD' },
      });
  });
  return out;
}
