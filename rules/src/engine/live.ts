import type { ZoneIndex } from '../airspace/types.js';
import { formatInstant, localDate, offsetMinutes } from '../kinds/local-time.js';
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
  toSampleContext,
} from './check.js';
import { appliesToFlight, appliesToOperation, type CompiledRule, compileRules, dependsOnOperation } from './compile.js';
import { buildPlanContext } from './context.js';
import { evaluateDetailed, rulebookVersion } from './evaluate.js';
import { makeFinding } from './findings.js';
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

export interface LiveViolation {
  /** Stable per rule + zone, so a monitor can open and close violations by diffing keys. */
  key: string;
  finding: Finding;
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
  check(sample: LiveSample): LiveViolation[];
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
  const view = airspaceFor(opts.airspace, rb, opts.plan?.extraZones ?? []);
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

  return {
    rulebookVersion: version,
    category: ctx.category,
    column: ctx.column,
    operation,
    planFindings,
    report: evaluation?.report,
    check(s) {
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
      const active = rulesOn(localDate(s.tMs, offset)).filter((r) => appliesToOperation(r.def, operation));
      const hits = checkSampleRules(active, toSampleContext(point, view), ctx);
      applyCoverage(hits, prepared, point);
      hits.push(...permissionPointHits(relied, point));
      const position: LonLatAlt = [s.lon, s.lat, s.altAmslM];
      const where = { leg: s.leg ?? 0, position, time: formatInstant(s.tMs, offset) };
      return hits
        .filter((t) => !t.covered && t.hit.effect !== 'advisory')
        .map((t) => ({ key: `${t.source.ruleId}|${t.hit.zoneId ?? ''}`, finding: makeFinding(t, version, where) }));
    },
  };
}
