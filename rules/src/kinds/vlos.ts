import { z } from 'zod';
import { distanceM, EARTH_RADIUS_M } from '../airspace/geodesy.js';
import { lengthToMetres } from '../model/units.js';
import {
  defineKind,
  distanceMargin,
  EnclosedAreaExempt,
  exceeds,
  LengthLimit,
  narrowMargin,
  round2,
  type SampleContext,
  sideAlong,
} from './types.js';

const DEG = Math.PI / 180;

/**
 * Is the pilot–aircraft distance monotone from a to b? In a local plane at the pilot, the closest approach of
 * the line a→b must lie clearly before a or after b (the margin covers the projection's error).
 */
function distanceMonotone(pLon: number, pLat: number, a: SampleContext, b: SampleContext): boolean {
  if (a.lon === b.lon && a.lat === b.lat) return true;
  const kx = Math.cos(pLat * DEG) * DEG * EARTH_RADIUS_M;
  const ky = DEG * EARTH_RADIUS_M;
  const ax = (a.lon - pLon) * kx;
  const ay = (a.lat - pLat) * ky;
  const ux = (b.lon - a.lon) * kx;
  const uy = (b.lat - a.lat) * ky;
  const len = Math.hypot(ux, uy);
  const tStar = -(ax * ux + ay * uy) / (len * len);
  const margin = (0.01 * (Math.hypot(ax, ay) + len)) / len;
  return tStar <= -margin || tStar >= 1 + margin;
}

/**
 * Full-time unaided visual line of sight. The plan's declaration decides; when the rulebook sets a
 * maximum VLOS range (the law gives none), the horizontal pilot–aircraft distance is checked as well.
 */
export const vlos = defineKind({
  kind: 'vlos',
  summary: 'The aircraft must be kept within visual line of sight of the remote pilot.',
  params: z.object({ maxRange: LengthLimit.nullable().default(null), enclosedAreaExempt: EnclosedAreaExempt }).strict(),
  checkPlan(ctx) {
    if (ctx.operation.vlos) return [];
    return [{ effect: 'requires-permission', trigger: 'bvlos', msg: { code: 'vlos.declared-bvlos' } }];
  },
  checkSample(s, _ctx, p) {
    if (!p.maxRange || s.pilotLon === undefined || s.pilotLat === undefined) return [];
    const d = distanceM(s.pilotLon, s.pilotLat, s.lon, s.lat);
    const limitM = lengthToMetres(p.maxRange);
    if (!exceeds(d, limitM)) return [];
    return [
      {
        effect: 'requires-permission',
        trigger: 'bvlos',
        msg: { code: 'vlos.range' },
        measured: { value: round2(d), unit: 'm' },
        limit: { value: round2(limitM), unit: 'm' },
        worse: 'max',
      },
    ];
  },
  steady(a, b, _ctx, p, stretch) {
    if (!p.maxRange) return true;
    const pLon = a.pilotLon;
    const pLat = a.pilotLat;
    if (pLon === undefined || pLat === undefined) return b.pilotLon === undefined && b.pilotLat === undefined;
    if (b.pilotLon !== pLon || b.pilotLat !== pLat) return false;
    const limitM = lengthToMetres(p.maxRange);
    const side = sideAlong(distanceM(pLon, pLat, a.lon, a.lat), stretch.lengthM, limitM);
    if (side === null || side !== sideAlong(distanceM(pLon, pLat, b.lon, b.lat), stretch.lengthM, limitM)) return false;
    // Beyond the range all along: the finding's worst distance must be at an end.
    return side === 'below' || distanceMonotone(pLon, pLat, a, b);
  },
  // A monitor re-checks whenever the pilot moves; the aircraft may move until the distance could reach the range.
  margin(s, _ctx, p, into) {
    if (!p.maxRange || s.pilotLon === undefined || s.pilotLat === undefined) return;
    const d = distanceM(s.pilotLon, s.pilotLat, s.lon, s.lat);
    narrowMargin(into, { distanceM: distanceMargin(d, lengthToMetres(p.maxRange)) });
  },
});
