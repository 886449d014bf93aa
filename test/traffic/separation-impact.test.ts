import { describe, expect, it } from 'vitest';
import { buildTimeline } from '../../rules/src/engine/timeline.js';
import type { DraftChange } from '../../rules/src/model/draft.js';
import { createPlane, toPlane } from '../../rules/src/traffic/plane.js';
import { plannedSeparationLosses } from '../../rules/src/traffic/separation-impact.js';
import { applyTrafficChanges, type TrafficData } from '../../rules/src/traffic/traffic-draft.js';
import { compareTraffic, type TrafficPlan } from '../../rules/src/traffic/traffic-impact.js';
import { loadRouteNetwork } from '../../server/src/data/traffic.js';
import { createParams } from './helpers.js';
import { createSeparationCorpus } from './separation-fixture.js';

const base = (): TrafficData => ({ params: createParams(), network: loadRouteNetwork() });
function drafted(changes: DraftChange[]): TrafficData {
  const r = applyTrafficChanges(base(), changes);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.data;
}
const minima = (h: number, v: number): DraftChange[] => [
  { op: 'set-traffic-parameter', path: 'separation', value: { horizontalM: h, verticalM: v } },
];

/** Oracle: every pair, positions each second from the engine timeline, no index. */
function bruteLosses(plans: readonly TrafficPlan[], data: TrafficData): number {
  const plane = createPlane(data.params.plane.originLon, data.params.plane.originLat);
  const { horizontalM: h, verticalM: v } = data.params.separation;
  const sampled = plans.map(({ plan }) => {
    const { timeline } = buildTimeline(plan.route, Date.parse(plan.start));
    const c = plan.route.coordinates;
    const at = new Map<number, [number, number, number]>();
    for (const leg of timeline.legs)
      for (let t = Math.ceil(leg.arriveMs / 1000) * 1000; t <= leg.endMs; t += 1000) {
        const f = t <= leg.departMs ? 0 : (t - leg.departMs) / (leg.endMs - leg.departMs);
        const [a, b] = [c[leg.leg], c[leg.leg + 1]];
        const [x, y] = toPlane(plane, a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f);
        at.set(t, [x, y, a[2] + (b[2] - a[2]) * f]);
      }
    return at;
  });
  let n = 0;
  for (let i = 0; i < sampled.length; i++)
    for (let j = i + 1; j < sampled.length; j++) {
      const near = [...sampled[i]].some(([t, p]) => {
        const q = sampled[j].get(t);
        return q !== undefined && Math.hypot(p[0] - q[0], p[1] - q[1]) < h && Math.abs(p[2] - q[2]) < v;
      });
      if (near) n++;
    }
  return n;
}

describe('planned losses of separation in the traffic impact', () => {
  const corpus = createSeparationCorpus();

  it.each([
    ['the built-in minima', [] as DraftChange[], 1],
    ['halved', minima(25, 7.5), 0],
    ['doubled', minima(100, 30), 3],
  ])('under %s: as many as the all-pairs oracle finds', (_, changes, expected) => {
    const data = changes.length ? drafted(changes) : base();
    const r = plannedSeparationLosses(corpus, data.params);
    expect(r.losses).toBe(expected);
    expect(r.losses).toBe(bruteLosses(corpus, data));
  });

  it('the impact report shows the minima and the losses before and after a draft doubling them', () => {
    const changes = minima(100, 30);
    const impact = compareTraffic(corpus, base(), drafted(changes), ['separation']);
    expect(impact.before.separation).toEqual({ horizontalM: 50, verticalM: 15, losses: 1 });
    expect(impact.after.separation).toEqual({ horizontalM: 100, verticalM: 30, losses: 3 });
    expect(impact.delta.separationLosses).toBe(2);
    // strategic conflicts depend on the buffers, not on the minima
    expect(impact.after.conflicts).toBe(impact.before.conflicts);
  });
});
