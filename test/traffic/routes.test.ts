import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { FlightPlan } from '../../rules/src/model/plan.js';
import { checkPlanOnRoute } from '../../rules/src/traffic/route-check.js';
import { RouteNetwork } from '../../rules/src/traffic/routes.js';
import { loadRouteNetwork } from '../../server/src/data/traffic.js';
import { createDeliveryPlan, createParams } from './helpers.js';

const ROUTES_FILE = fileURLToPath(new URL('../../rules/data/traffic/routes.yaml', import.meta.url));

type Coords = FlightPlan['route']['coordinates'];

/** The delivery plan flown along `coords` (lon, lat, alt AGL) at 60 km/h. */
function planAlong(coords: Coords, start = '2026-03-16T10:00:00+08:00', ref: 'AGL' | 'AMSL' = 'AGL'): FlightPlan {
  const plan = createDeliveryPlan(start);
  plan.route = {
    type: 'LineString',
    coordinates: coords,
    altitudeRef: ref,
    legSpeeds: coords.slice(1).map(() => ({ value: 60, unit: 'km/h' as const })),
  };
  return plan;
}

const CYB = [114.1298, 22.2606] as const;
const CCH = [114.0309, 22.2086] as const;

/** Take off at A, climb to `alt`, fly the route's fixes, land at B. */
function pad2pad(alt: number, reverse = false): Coords {
  const fixes: [number, number][] = [
    [CYB[0], CYB[1]],
    [114.1, 22.242],
    [114.055, 22.218],
    [CCH[0], CCH[1]],
  ];
  const path = reverse ? [...fixes].reverse() : fixes;
  const [first, last] = [path[0], path[path.length - 1]];
  return [[...first, 0], ...path.map(([lon, lat]) => [lon, lat, alt] as [number, number, number]), [...last, 0]];
}

function codes(plan: FlightPlan, routeId = 'R-CYB-CCH'): string[] {
  const r = checkPlanOnRoute(plan, loadRouteNetwork(), routeId, createParams());
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.findings.map((f) => f.code).sort();
}

describe('air-route network data', () => {
  it('validates, with the Cyberport → Cheung Chau route and a cross-boundary route to a handover point', () => {
    const n = loadRouteNetwork();
    const cc = n.routes.find((r) => r.id === 'R-CYB-CCH');
    expect(cc?.points[0]).toBe('VP-CYB');
    expect(cc?.points.at(-1)).toBe('VP-CCH');
    const xb = n.routes.find((r) => r.crossBoundary);
    const end = n.waypoints.find((w) => w.id === xb?.points.at(-1));
    expect(end?.kind).toBe('boundary-handover');
    for (const item of [...n.waypoints, ...n.vertiports, ...n.routes]) expect(item.provenance.illustrative).toBe(true);
  });

  it('refuses a broken network, naming the field', () => {
    const raw = parse(readFileSync(ROUTES_FILE, 'utf8'), { merge: true });
    raw.routes[0].points[1] = 'WP-NOWHERE';
    raw.routes[0].layers[1].direction = 'forward';
    const r = RouteNetwork.safeParse(raw);
    expect(r.success).toBe(false);
    const issues = r.error?.issues.map((i) => ({ path: i.path, message: i.message }));
    expect(issues).toContainEqual({
      path: ['routes', 0, 'points', 1],
      message: 'unknown waypoint or vertiport "WP-NOWHERE"',
    });
    expect(issues).toContainEqual({ path: ['routes', 0, 'layers'], message: 'two layers for direction forward' });
  });
});

describe('a plan claiming a route (sandbox trial rule, not law)', () => {
  it('the example delivery at 100 m on the forward layer is clean', () => {
    expect(codes(planAlong(pad2pad(100)))).toEqual([]);
    // The example plan's own middle fix is ~400 m north of the designated centreline: outside its 150 m.
    expect(codes(createDeliveryPlan())).toEqual(['traffic.route.outside']);
  });

  it('off its route layer: flagged, and the wrong direction named when it flies the other layer', () => {
    expect(codes(planAlong(pad2pad(60)))).toEqual(['traffic.route.off-layer']);
    expect(codes(planAlong(pad2pad(135)))).toEqual(['traffic.route.wrong-direction-layer']);
    expect(codes(planAlong(pad2pad(135, true)))).toEqual([]);
    expect(codes(planAlong(pad2pad(100, true)))).toEqual(['traffic.route.wrong-direction-layer']);
  });

  it('leaving the route width is flagged with the worst distance and the limit, citing the sandbox', () => {
    const coords = pad2pad(100);
    coords[3] = [114.1, 22.21, 100]; // the off-corridor example's middle fix, ~3.5 km south of the route
    const r = checkPlanOnRoute(planAlong(coords), loadRouteNetwork(), 'R-CYB-CCH', createParams());
    if (!r.ok) throw new Error('check failed');
    expect(r.findings).toHaveLength(1);
    const [f] = r.findings;
    expect(f).toMatchObject({
      code: 'traffic.route.outside',
      trialParameter: true,
      params: { limit: 150, direction: 'forward' },
    });
    expect(f.params.worst).toBeGreaterThan(1000);
    expect(f.provision).toMatchObject({ section: null, secondary: true });
    expect(f.provision.instrument).toMatch(/Sandbox X.*not law/);
  });

  it('outside the route hours, or with another altitude reference: flagged', () => {
    expect(codes(planAlong(pad2pad(100), '2026-03-16T19:55:00+08:00'))).toEqual(['traffic.route.closed']);
    expect(codes(planAlong(pad2pad(100), undefined, 'AMSL'))).toEqual(['traffic.route.altitude-reference']);
  });

  it('the cross-boundary route to the handover point', () => {
    const ndh: [number, number] = [114.1245, 22.4966];
    const hop: [number, number] = [114.08, 22.5175];
    const out: Coords = [
      [...ndh, 0],
      [...ndh, 75],
      [114.1, 22.508, 75],
      [...hop, 75],
    ];
    expect(codes(planAlong(out), 'R-NDH-LMC')).toEqual([]);
    expect(
      codes(
        planAlong([
          [...hop, 115],
          [114.1, 22.508, 115],
          [...ndh, 115],
          [...ndh, 0],
        ]),
        'R-NDH-LMC',
      ),
    ).toEqual([]);
    expect(
      codes(
        planAlong([
          [...hop, 75],
          [114.1, 22.508, 75],
          [...ndh, 75],
          [...ndh, 0],
        ]),
        'R-NDH-LMC',
      ),
    ).toEqual(['traffic.route.wrong-direction-layer']);
  });

  it('an unknown route is an issue naming routeId', () => {
    const r = checkPlanOnRoute(createDeliveryPlan(), loadRouteNetwork(), 'R-NONE', createParams());
    expect(r).toEqual({ ok: false, issues: [{ path: ['routeId'], message: 'unknown air route "R-NONE"' }] });
  });
});
