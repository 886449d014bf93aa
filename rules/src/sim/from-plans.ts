import type { FlightPlan } from '../model/plan.js';
import { speedToKmh } from '../model/units.js';
import { haversineM } from './geo.js';
import { Performance, Scenario, type ScenarioInput } from './scenario.js';

/** Seconds a declared route takes: its waypoint times, or leg lengths over leg speeds plus hovers. */
export function routeDurationS(plan: FlightPlan): number {
  const r = plan.route;
  const hover = (r.hoverS ?? []).reduce((a, b) => a + b, 0);
  if (r.waypointTimesS) return r.waypointTimesS[r.waypointTimesS.length - 1] + (r.hoverS?.at(-1) ?? 0);
  let t = hover;
  for (let i = 0; i + 1 < r.coordinates.length; i++) {
    const a = r.coordinates[i];
    const b = r.coordinates[i + 1];
    const len = Math.hypot(haversineM(a[0], a[1], b[0], b[1]), b[2] - a[2]);
    const v = r.legSpeeds ? speedToKmh(r.legSpeeds[i]) / 3.6 : 10;
    t += v > 0 ? len / v : 0;
  }
  return t;
}

const slug = (s: string, i: number) =>
  `${
    s
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'plan'
  }-${i + 1}`;

/**
 * A scenario that flies stored flight plans as declared: each plan takes off at its own start time (relative
 * to the earliest), the run lasts until the last one should have landed plus two minutes.
 */
export function scenarioFromPlans(
  plans: readonly FlightPlan[],
  opts: { title?: string; seed?: number; rulebook?: string } = {},
): Scenario {
  if (plans.length === 0) throw new Error('scenarioFromPlans: no plans');
  const starts = plans.map((p) => Date.parse(p.start));
  const t0 = Math.min(...starts);
  const first = plans[starts.indexOf(t0)];
  const flights = plans.map((p, i) => {
    const id = slug(p.id ?? p.name ?? 'plan', i);
    return { id, plan: p, startS: (starts[i] - t0) / 1000 };
  });
  const durationS = Math.max(...flights.map((f) => f.startS + routeDurationS(f.plan))) + 120;
  const defaults = Performance.parse({});
  const input: ScenarioInput = {
    id: 'plans',
    title: { en: opts.title ?? `Stored plans (${plans.length})`, zh: `已儲存的飛行計劃（${plans.length}）` },
    description: { en: 'Flight plans flown as declared.', zh: '按申報飛行計劃模擬。' },
    provenance: [{ place: 'user flight plans', source: 'user', accuracy: 'user' }],
    illustrative: false,
    start: first.start,
    durationS: Math.min(86_400, Math.ceil(durationS)),
    seed: opts.seed ?? 1,
    rulebook: opts.rulebook,
    aircraft: Object.fromEntries(
      flights.map((f) => {
        const max = Math.max(
          speedToKmh(defaults.maxSpeed),
          ...(f.plan.route.legSpeeds ?? []).map((s) => speedToKmh(s) * 1.2),
        );
        return [f.id, { ...f.plan.aircraft, performance: { maxSpeed: { value: max, unit: 'km/h' } } }];
      }),
    ),
    crew: {
      pilots: Object.fromEntries(flights.map((f) => [f.id, f.plan.pilot])),
      responsiblePersons: Object.fromEntries(flights.map((f) => [f.id, f.plan.responsiblePerson])),
    },
    flights: flights.map((f) => ({
      id: f.id,
      label: f.plan.name ?? f.plan.id ?? f.id,
      aircraft: f.id,
      pilot: f.id,
      responsiblePerson: f.id,
      operation: f.plan.operation,
      startS: f.startS,
      route: f.plan.route,
      permissions: f.plan.permissions,
    })),
    zones: [...new Map(plans.flatMap((p) => p.extraZones).map((z) => [z.id, z])).values()],
    expect: { exhaustive: false },
  };
  return Scenario.parse(input);
}
