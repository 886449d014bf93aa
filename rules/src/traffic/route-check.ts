import { isActiveAt } from '../airspace/timing.js';
import type { Issue } from '../engine/issues.js';
import { buildTimeline } from '../engine/timeline.js';
import type { LonLat } from '../model/geo.js';
import type { FlightPlan } from '../model/plan.js';
import { HK_UTC_OFFSET } from '../model/time.js';
import { lengthToMetres } from '../model/units.js';
import { type TrafficFinding, trafficFinding } from './findings.js';
import type { TrafficParams } from './params.js';
import { createPlane, type Plane, pointSegmentDist2, toPlane } from './plane.js';
import type { AirRoute, AltitudeLayer, RouteDirection, RouteNetwork, TerminalVolume, Vertiport } from './routes.js';

export type RouteCheckResult = { ok: true; findings: TrafficFinding[] } | { ok: false; issues: Issue[] };

interface Sample {
  leg: number;
  lon: number;
  lat: number;
  alt: number;
  tMs: number;
  x: number;
  y: number;
}

/** Positions of a route's centreline points (waypoints, or vertiport pads). */
export function routeCentreline(network: RouteNetwork, route: AirRoute): LonLat[] {
  return route.points.map((id) => {
    const w = network.waypoints.find((p) => p.id === id);
    if (w) return w.position;
    const v = network.vertiports.find((p) => p.id === id);
    if (v) return v.pad.center;
    throw new Error(`route ${route.id}: unknown point ${id} (the network was not validated)`);
  });
}

/** Distance to the centreline and the arc length along it of the closest point, in the plane. */
function project(line: [number, number][], x: number, y: number): { dist: number; along: number } {
  let best = Number.POSITIVE_INFINITY;
  let along = 0;
  let run = 0;
  for (let i = 1; i < line.length; i++) {
    const [ax, ay] = line[i - 1];
    const [bx, by] = line[i];
    const len = Math.hypot(bx - ax, by - ay);
    const d2 = pointSegmentDist2(x, y, ax, ay, bx, by);
    if (d2 < best) {
      best = d2;
      const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / (len * len)));
      along = run + t * len;
    }
    run += len;
  }
  return { dist: Math.sqrt(best), along };
}

function samplesOf(plan: FlightPlan, plane: Plane, stepM: number): { samples: Sample[]; issues: Issue[] } {
  const { timeline, issues } = buildTimeline(plan.route, Date.parse(plan.start));
  const c = plan.route.coordinates;
  const samples: Sample[] = [];
  for (const leg of timeline.legs) {
    const [aLon, aLat, aAlt] = c[leg.leg];
    const [bLon, bLat, bAlt] = c[leg.leg + 1];
    const n = Math.max(1, Math.ceil(leg.horizontalM / stepM));
    for (let k = 0; k <= n; k++) {
      const f = k / n;
      const lon = aLon + f * (bLon - aLon);
      const lat = aLat + f * (bLat - aLat);
      const [x, y] = toPlane(plane, lon, lat);
      const tMs = leg.departMs + f * (leg.endMs - leg.departMs);
      samples.push({ leg: leg.leg, lon, lat, alt: aAlt + f * (bAlt - aAlt), tMs, x, y });
    }
  }
  return { samples, issues };
}

function inBand(alt: number, lower: { value: number; unit: 'm' | 'ft' }, upper: { value: number; unit: 'm' | 'ft' }) {
  return alt >= lengthToMetres(lower) && alt <= lengthToMetres(upper);
}

/** Inside a route-end vertiport's approach or departure volume: exempt from the layer (it climbs or descends). */
function inTerminal(s: Sample, plane: Plane, ports: Vertiport[], ref: string): boolean {
  const inside = (v: Vertiport, t: TerminalVolume) => {
    if (t.lower.ref !== ref) return false;
    const [px, py] = toPlane(plane, v.pad.center[0], v.pad.center[1]);
    return Math.hypot(s.x - px, s.y - py) <= t.radiusM && inBand(s.alt, t.lower, t.upper);
  };
  return ports.some((v) => inside(v, v.approach) || inside(v, v.departure));
}

/**
 * A plan that claims a designated route: every sample (each `route.sampleStepM`) within the route's
 * half-width of its centreline, at the altitude layer of the direction it flies (forward when it ends
 * further along the centreline than it starts), within the route's hours. Samples inside a route-end
 * vertiport's terminal volume are exempt from the width and layer checks. One finding per kind of
 * departure from the route, with its count and the worst case.
 */
export function checkPlanOnRoute(
  plan: FlightPlan,
  network: RouteNetwork,
  routeId: string,
  params: TrafficParams,
): RouteCheckResult {
  const route = network.routes.find((r) => r.id === routeId);
  if (!route) return { ok: false, issues: [{ path: ['routeId'], message: `unknown air route "${routeId}"` }] };
  const plane = createPlane(params.plane.originLon, params.plane.originLat);
  const { samples, issues } = samplesOf(plan, plane, params.route.sampleStepM);
  if (issues.length > 0) return { ok: false, issues };
  const ref = plan.route.altitudeRef;
  const finding = (code: string, detail: TrafficFinding['params']) =>
    trafficFinding(params.provision, 'traffic.route', code, 'error', { routeId, ...detail });
  const layer = (d: RouteDirection): AltitudeLayer | undefined => route.layers.find((l) => l.direction === d);
  if (route.layers.some((l) => l.lower.ref !== ref))
    return {
      ok: true,
      findings: [finding('traffic.route.altitude-reference', { planRef: ref, routeRef: route.layers[0].lower.ref })],
    };

  const line = routeCentreline(network, route).map(([lon, lat]) => toPlane(plane, lon, lat));
  const first = project(line, samples[0].x, samples[0].y).along;
  const last = project(line, samples[samples.length - 1].x, samples[samples.length - 1].y).along;
  const direction: RouteDirection = last >= first ? 'forward' : 'reverse';
  const own = layer(direction);
  const opposite = layer(direction === 'forward' ? 'reverse' : 'forward');
  const ports = network.vertiports.filter(
    (v) => v.id === route.points[0] || v.id === route.points[route.points.length - 1],
  );

  const tally = new Map<string, { count: number; first: Sample; worst: number }>();
  const note = (code: string, s: Sample, value: number) => {
    const t = tally.get(code);
    if (!t) tally.set(code, { count: 1, first: s, worst: value });
    else {
      t.count++;
      t.worst = Math.max(t.worst, value);
    }
  };
  const hours = route.hours?.length ? { daily: route.hours, utcOffset: HK_UTC_OFFSET } : undefined;
  for (const s of samples) {
    if (hours && !isActiveAt(hours, s.tMs, s.lon, s.lat)) note('traffic.route.closed', s, 0);
    if (inTerminal(s, plane, ports, ref)) continue;
    const { dist } = project(line, s.x, s.y);
    if (dist > route.halfWidthM) note('traffic.route.outside', s, dist);
    if (!own) note('traffic.route.direction-not-allowed', s, 0);
    else if (!inBand(s.alt, own.lower, own.upper)) {
      const wrongWay = opposite !== undefined && inBand(s.alt, opposite.lower, opposite.upper);
      note(wrongWay ? 'traffic.route.wrong-direction-layer' : 'traffic.route.off-layer', s, s.alt);
    }
  }
  const findings = [...tally].map(([code, t]) =>
    finding(code, {
      direction,
      samples: t.count,
      firstLeg: t.first.leg,
      firstLon: t.first.lon,
      firstLat: t.first.lat,
      firstAltM: t.first.alt,
      firstTime: new Date(t.first.tMs).toISOString(),
      worst: Math.round(t.worst * 10) / 10,
      limit: code === 'traffic.route.outside' ? route.halfWidthM : null,
      layerLowerM: own ? lengthToMetres(own.lower) : null,
      layerUpperM: own ? lengthToMetres(own.upper) : null,
    }),
  );
  return { ok: true, findings };
}
