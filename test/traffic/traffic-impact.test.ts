import { describe, expect, it } from 'vitest';
import type { DraftChange } from '../../rules/src/model/draft.js';
import { buildIntentFromPlan } from '../../rules/src/traffic/build-intent.js';
import { compileIntent } from '../../rules/src/traffic/compiled.js';
import { volumesOverlap } from '../../rules/src/traffic/overlap.js';
import { createPlane } from '../../rules/src/traffic/plane.js';
import { applyTrafficChanges, type TrafficData } from '../../rules/src/traffic/traffic-draft.js';
import { analyseTraffic, compareTraffic } from '../../rules/src/traffic/traffic-impact.js';
import { loadRouteNetwork } from '../../server/src/data/traffic.js';
import { createParams } from './helpers.js';
import { createTrafficCorpus, HALVE_BUFFERS } from './traffic-corpus.js';

const corpus = createTrafficCorpus();

const base = (): TrafficData => ({ params: createParams(), network: loadRouteNetwork() });

function drafted(changes: DraftChange[]): TrafficData {
  const r = applyTrafficChanges(base(), changes);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.data;
}

/** Brute force: every pair of plans, every pair of volumes, the exact 4-D test. */
function bruteConflicts(data: TrafficData): number {
  const plane = createPlane(data.params.plane.originLon, data.params.plane.originLat);
  const cs = corpus.map((p, i) => {
    const r = buildIntentFromPlan(p.plan, data.params, { id: `x${i}`, manager: 'm', operator: 'o' });
    if (!r.ok) throw new Error('fixture does not build');
    return compileIntent(plane, r.intent);
  });
  let n = 0;
  for (let i = 0; i < cs.length; i++)
    for (let j = i + 1; j < cs.length; j++)
      if (cs[i].volumes.some((a) => cs[j].volumes.some((b) => volumesOverlap(a, b)))) n++;
  return n;
}

/** Brute force: the smallest whole-second delay at which a copy of the flight clears it. */
function bruteHeadway(data: TrafficData): number {
  const plane = createPlane(data.params.plane.originLon, data.params.plane.originLat);
  const r = buildIntentFromPlan(corpus[0].plan, data.params, { id: 'h', manager: 'm', operator: 'o' });
  if (!r.ok) throw new Error('fixture does not build');
  const c = compileIntent(plane, r.intent);
  for (let s = 0; s <= 3600; s++)
    if (!c.volumes.some((a) => c.volumes.some((b) => volumesOverlap(a, b, s * 1000)))) return s;
  throw new Error('no headway within an hour');
}

describe('traffic impact of a draft', () => {
  it('counts conflicts as the brute force does, before and after halving the buffers', () => {
    const before = analyseTraffic(corpus, base());
    const after = analyseTraffic(corpus, drafted(HALVE_BUFFERS));
    expect(before.intents).toBe(6);
    expect(before.conflicts).toBe(bruteConflicts(base()));
    expect(after.conflicts).toBe(bruteConflicts(drafted(HALVE_BUFFERS)));
    expect(before.conflicts).toBe(5); // each delivery with the next one: 660 s apart, closer than the headway
    expect(after.conflicts).toBe(0);
  });

  it('reports flights per hour on the route from the in-trail headway, limited by the vertiports', () => {
    const b = base();
    const d = drafted(HALVE_BUFFERS);
    const route = (s: ReturnType<typeof analyseTraffic>) => s.routes.find((r) => r.routeId === 'R-CYB-CCH');
    const before = route(analyseTraffic(corpus, b));
    const after = route(analyseTraffic(corpus, d));
    expect(before?.plans).toBe(6);
    expect(before?.headwayS).toBe(bruteHeadway(b));
    expect([before?.headwayS, after?.headwayS]).toEqual([723, 633]);
    expect([before?.flightsPerHour, after?.flightsPerHour]).toEqual([4, 5]);
    expect(after?.headwayS).toBe(bruteHeadway(d));
    expect(before?.flightsPerHour).toBe(Math.floor(3600 / bruteHeadway(b)));
    expect(after?.flightsPerHour).toBe(Math.floor(3600 / bruteHeadway(d)));
    expect(after?.flightsPerHour ?? 0).toBeGreaterThan(before?.flightsPerHour ?? 0);
    expect(before?.limitedBy).toBe('route');
    // a slot of 1 movement per 15 min at Cheung Chau caps the route at 4 flights per hour
    const slow = drafted([
      ...HALVE_BUFFERS,
      { op: 'set-traffic-parameter', path: 'vertiports.VP-CCH.slotLengthS', value: 900 },
    ]);
    expect(route(analyseTraffic(corpus, slow))).toMatchObject({ flightsPerHour: 4, limitedBy: 'VP-CCH' });
    // the unused cross-boundary route has no capacity figure
    expect(analyseTraffic(corpus, b).routes.find((r) => r.routeId === 'R-NDH-LMC')).toMatchObject({
      plans: 0,
      flightsPerHour: null,
    });
  });

  it('sequences the corpus: each later delivery delayed by the earliest shift that clears the earlier ones', () => {
    const b = base();
    const before = analyseTraffic(corpus, b);
    const h = bruteHeadway(b);
    // starts 660 s apart, each must trail the previous by h: delay k·(h − 660) for the k-th delivery
    const delays = [1, 2, 3, 4, 5].map((k) => k * (h - 660));
    expect(before.delays).toEqual({
      delayed: 5,
      totalS: delays.reduce((x, y) => x + y, 0),
      maxS: delays[4],
      unresolved: 0,
    });
    expect(analyseTraffic(corpus, drafted(HALVE_BUFFERS)).delays).toEqual({
      delayed: 0,
      totalS: 0,
      maxS: 0,
      unresolved: 0,
    });
  });

  it('compares before and after with the deltas', () => {
    const r = compareTraffic(corpus, base(), drafted(HALVE_BUFFERS), ['buffers.lateralM']);
    expect(r.delta.conflicts).toBe(-5);
    expect(r.delta.delayTotalS).toBe(-r.before.delays.totalS);
    const fph = r.delta.routes.find((x) => x.routeId === 'R-CYB-CCH')?.flightsPerHour ?? 0;
    expect(fph).toBeGreaterThan(0);
  });

  it('halving the route half-width everywhere is a valid draft; the network copy changes, the base does not', () => {
    const b = base();
    const r = applyTrafficChanges(b, [{ op: 'set-traffic-parameter', path: 'routes.*.halfWidthM', value: 75 }]);
    expect(r.ok && r.data.network.routes.map((x) => x.halfWidthM)).toEqual([75, 75]);
    expect(b.network.routes.map((x) => x.halfWidthM)).toEqual([150, 100]);
    expect(r.ok && r.changed).toEqual(['routes.*.halfWidthM']);
  });

  it('refuses an invalid traffic parameter naming the field and the change', () => {
    const changes: DraftChange[] = [
      { op: 'set-parameter', rule: 'x', path: 'a', value: 1 },
      { op: 'set-traffic-parameter', path: 'buffers.lateralM', value: -5 },
    ];
    const r = applyTrafficChanges(base(), changes);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0].path).toEqual(['changes', 1, 'value']);
    expect(r.issues[0].message).toMatch(/^traffic parameter "buffers\.lateralM": /);
    const unknownRoute = applyTrafficChanges(base(), [
      { op: 'set-traffic-parameter', path: 'routes.R-NONE.halfWidthM', value: 50 },
    ]);
    expect(unknownRoute.ok ? [] : unknownRoute.issues.map((i) => i.message)).toEqual([
      'traffic parameter no route "R-NONE"; known: R-CYB-CCH, R-NDH-LMC',
    ]);
    const unknownField = applyTrafficChanges(base(), [
      { op: 'set-traffic-parameter', path: 'routes.R-CYB-CCH.halfWidth', value: 50 },
    ]);
    expect(unknownField.ok ? [] : unknownField.issues.map((i) => i.message.split(':')[0])).toEqual([
      'traffic parameter "routes.R-CYB-CCH"',
    ]);
  });
});
