import type { ZoneIndex } from '../airspace/types.js';
import { localDate, offsetMinutes } from '../kinds/local-time.js';
import { worded } from '../messages/index.js';
import type { PermissionTrigger } from '../model/index.js';
import {
  Aircraft,
  type Assumption,
  type Finding,
  type FlightPlan,
  type FlightPlanInput,
  type Permission,
  type Report,
  type Rulebook,
} from '../model/index.js';
import { airspaceFor } from './airspace-view.js';
import {
  applyCoverage,
  checkPlanRules,
  permissionPlanHits,
  permissionPointHits,
  type Tagged,
  tagRuleHit,
} from './check.js';
import { classify } from './classify.js';
import {
  appliesToFlight,
  appliesToOperation,
  type CompiledRule,
  compileRules,
  dependsOnOperation,
  notYetInForce,
} from './compile.js';
import { buildPlanContext, standardAssumptions } from './context.js';
import { makeFinding, mergeSampleHits } from './findings.js';
import { groundClearanceFindings, markWorstHeights } from './ground-clearance.js';
import { groundedAirspace } from './ground-reference.js';
import { formatIssue, type Issue } from './issues.js';
import { jurisdictionOf, outsideHongKongFinding } from './jurisdiction.js';
import { assumption } from './messages.js';
import { operatorFenceFindings } from './operator-fence.js';
import { preparePermissions, resolveDeclared } from './permissions.js';
import { checkRoute, type Sampling } from './route-check.js';
import { validatePlan } from './validate-plan.js';
import { permissionsRequired, verdictOf } from './verdict.js';
import { zoneConditionNotes } from './zone-conditions.js';

export interface EvaluateOptions {
  rulebook: Rulebook;
  airspace: ZoneIndex;
  /** Known permissions and sandbox projects, to resolve the ids a plan declares. */
  permissions?: readonly Permission[];
  /** How densely the route is checked; both give the same report (default "adaptive", the fast one). */
  sampling?: Sampling;
}

/** The report plus what live monitoring of the same flight needs to agree with it. */
export interface Evaluation {
  report: Report;
  enclosed: boolean;
  operation: 'standard' | 'advanced';
  reliedPermissionIds: string[];
}

export function rulebookVersion(rb: Pick<Rulebook, 'id' | 'version'>): string {
  return `${rb.id}@${rb.version}`;
}

/** The rulebook as a report names it: its id, title (and Chinese title, when it has one) and version. */
function rulebookRef(rb: Rulebook): Report['rulebook'] {
  return { id: rb.id, title: rb.title, ...(rb.titleZh !== undefined && { titleZh: rb.titleZh }), version: rb.version };
}

function triggersOf(tagged: readonly Tagged[]): Set<PermissionTrigger> {
  const out = new Set<PermissionTrigger>();
  for (const t of tagged) if (t.hit.effect === 'requires-permission' && t.hit.trigger) out.add(t.hit.trigger);
  return out;
}

/**
 * Judge a flight plan under a rulebook. Collects every finding; never throws for bad data (an invalid
 * plan gives a non-compliant report whose finding lists the issues). Time comes from `plan.start`.
 */
export function evaluate(plan: FlightPlan | FlightPlanInput, opts: EvaluateOptions): Report {
  return evaluateDetailed(plan, opts).report;
}

export function evaluateDetailed(input: FlightPlan | FlightPlanInput, opts: EvaluateOptions): Evaluation {
  const rb = opts.rulebook;
  const version = rulebookVersion(rb);
  const v = validatePlan(input);
  if (!v.ok)
    return {
      report: invalidReport(input, rb, v.issues),
      enclosed: false,
      operation: 'standard',
      reliedPermissionIds: [],
    };
  const { plan, timeline } = v;
  const offset = offsetMinutes(plan.start);
  const date = localDate(Date.parse(plan.start), offset);
  const grounded = groundedAirspace(opts.airspace, rb);
  const view = airspaceFor(grounded.index, rb, plan.extraZones);
  // Per-sample rules do not read `enclosed`: it is settled from the checked samples below.
  const { ctx, notes } = buildPlanContext(plan, rb, view, offset, plan.operation.whollyInEnclosedArea);
  const compiled = compileRules(rb);
  const applicable = compiled.rules.filter((r) => appliesToFlight(r.def, ctx.column, date));
  const declared = resolveDeclared(plan.permissions, opts.permissions ?? []);
  const prepared = preparePermissions(declared.permissions, plan.aircraft, ctx.category, view.elevation);

  const route = checkRoute({
    route: plan.route,
    timeline,
    view,
    rules: applicable.filter((r) => r.bound.checkSample),
    permissions: prepared,
    ctx,
    pilot: plan.operation.pilotPosition,
    sampling: opts.sampling,
  });
  const { samples, points } = route;
  const enclosedByZones =
    view.effectsPresent.has('enclosed-area') && samples.every((s) => s.zones.some((z) => z.effect === 'enclosed-area'));
  const enclosed = plan.operation.whollyInEnclosedArea || enclosedByZones;
  ctx.enclosed = enclosed;
  const sampleHitsOf = (phase: ReadonlySet<CompiledRule>) =>
    route.hits.map((hits) => hits.filter((h) => phase.has(h.rule)).map((h) => tagRuleHit(h, ctx)));

  // Phase 1: the rules that decide whether the operation is advanced.
  const phase1 = applicable.filter((r) => !dependsOnOperation(r.def));
  const planHits = checkPlanRules(phase1, ctx);
  const sampleHits = sampleHitsOf(new Set(phase1));
  const raised = triggersOf([...planHits, ...sampleHits.flat()]);
  const operation = raised.size > 0 ? 'advanced' : 'standard';
  ctx.operationType = operation;

  // Phase 2: rules for standard or advanced operations only (registration, rating, insurance…).
  const phase2 = applicable.filter((r) => dependsOnOperation(r.def) && appliesToOperation(r.def, operation));
  planHits.push(...checkPlanRules(phase2, ctx));
  sampleHitsOf(new Set(phase2)).forEach((hits, i) => {
    sampleHits[i].push(...hits);
  });

  // Declared permissions: those covering a raised trigger are relied upon; their envelope must hold.
  const relied = prepared.filter((p) => [...raised].some((t) => p.covers(t)));
  points.forEach((p, i) => {
    applyCoverage(sampleHits[i], relied, p);
    sampleHits[i].push(...permissionPointHits(relied, p));
  });
  applyCoverage(planHits, relied, (p) => points.some((pt) => p.outside(pt) === null));
  planHits.push(...permissionPlanHits(relied, ctx));

  const ordered = [
    ...planHits.map((t) => ({ finding: makeFinding(t, version), order: t.source.order, sample: -1 })),
    ...mergeSampleHits(sampleHits, samples, version, offset),
  ].sort((a, b) => a.order - b.order || a.sample - b.sample);
  const findings: Finding[] = [
    ...groundClearanceFindings(route.legs, plan.route, timeline, view.elevation, version, offset),
    ...ordered.map((o) => o.finding),
    ...operatorFenceFindings(samples, plan.extraZones, version, offset),
  ];
  markWorstHeights(findings, route.legs, plan.route, view.elevation);

  const conversions = (plan.route.altitudeConversions ?? []).map((c) => assumption(c.code, c.params));
  const assumptions: Assumption[] = [
    ...standardAssumptions(view, rb),
    ...conversions,
    ...grounded.notes,
    ...notes,
    ...compiled.notes,
    ...notYetInForce(compiled.rules, date),
    ...zoneConditionNotes(samples, { category: ctx.category, vlos: plan.operation.vlos }),
  ];
  if (enclosed)
    assumptions.push(assumption(enclosedByZones ? 'assumption.enclosed-by-zones' : 'assumption.enclosed-declared'));
  for (const id of declared.unknown) assumptions.push(assumption('assumption.unknown-permission', { id }));
  if (plan.route.waypointTimesS && plan.route.legSpeeds) assumptions.push(assumption('assumption.times-and-speeds'));

  const jurisdiction = jurisdictionOf(samples, view.effectsPresent.has('boundary'));
  if (jurisdiction === 'outside') {
    // Hong Kong law says nothing of a flight that never enters Hong Kong: one finding, no Hong Kong rules.
    const outside = [outsideHongKongFinding(rb, version)];
    const report: Report = {
      rulebook: rulebookRef(rb),
      category: ctx.category,
      column: ctx.column,
      operation: 'standard',
      verdict: verdictOf(outside, false),
      jurisdiction,
      findings: outside,
      permissionsRequired: [],
      assumptions: [...standardAssumptions(view, rb), ...conversions, ...grounded.notes],
    };
    return { report, enclosed, operation: 'standard', reliedPermissionIds: [] };
  }

  const report: Report = {
    rulebook: rulebookRef(rb),
    category: ctx.category,
    column: ctx.column,
    operation,
    verdict: verdictOf(findings, ctx.category === 'out-of-scope'),
    jurisdiction,
    findings,
    permissionsRequired: permissionsRequired(findings),
    assumptions,
  };
  return { report, enclosed, operation, reliedPermissionIds: relied.map((p) => p.permission.id) };
}

/** A plan that is not valid data: non-compliant, with one finding naming every issue. */
function invalidReport(input: unknown, rb: Rulebook, issues: Issue[]): Report {
  const raw = typeof input === 'object' && input !== null && 'aircraft' in input ? input.aircraft : undefined;
  const aircraft = Aircraft.safeParse(raw);
  const c = aircraft.success ? classify(aircraft.data, rb) : undefined;
  const text = issues.map(formatIssue).join('; ');
  return {
    rulebook: rulebookRef(rb),
    category: c?.category ?? 'out-of-scope',
    column: c?.column ?? null,
    operation: 'standard',
    verdict: 'non-compliant',
    findings: [
      {
        ruleId: 'input',
        kind: 'input',
        provision: rb.instrument,
        rulebookVersion: rulebookVersion(rb),
        effect: 'prohibited',
        ...worded('input.invalid', { issues: text }),
      },
    ],
    permissionsRequired: [],
    assumptions: [],
  };
}
