import { metresPerDegLat, metresPerDegLon, planarLength } from './geo.js';
import type { NavRoute } from './nav-route.js';

export interface Deviation {
  lateralM: number;
  /** signed: positive above the plan */
  verticalM: number;
  /** the nearest leg: pass it back as `window.around` next time to search only nearby legs */
  leg: number;
  /** the vertical distance from that leg alone (≥ |verticalM|), and how steeply it climbs (m per m) */
  legVerticalM: number;
  legSlope: number;
}

/**
 * How far a position is from the declared route: the horizontal distance to the nearest leg, and the
 * smallest vertical distance to the planned altitude of any leg within the lateral buffer. Where the route
 * climbs or descends on the spot (vertical take-off and landing legs), any altitude on that leg is on-plan.
 * With `window`, only legs around a hint are searched: a result inside both buffers is then exact (more legs
 * can only bring the route closer); a result outside them must be confirmed with a full search.
 */
export function deviationFromPlan(
  route: NavRoute,
  lon: number,
  lat: number,
  altAmslM: number,
  lateralBufferM = 0,
  window?: { around: number; span: number },
): Deviation {
  const kx = metresPerDegLon(lat);
  const ky = metresPerDegLat();
  const pts = route.xyz;
  const legCount = Math.max(1, route.count - 1);
  const from = window ? Math.max(0, window.around - window.span) : 0;
  const legs = window ? Math.min(legCount, window.around + window.span + 1) : legCount;
  // Two passes over the legs, the first one's results kept in reused typed arrays (this runs for every
  // aircraft on every tick: no allocation, each leg measured once).
  const n = legs - from;
  if (legD.length < n) {
    legD = new Float64Array(n * 2);
    legLo = new Float64Array(n * 2);
    legHi = new Float64Array(n * 2);
  }
  let best = Number.POSITIVE_INFINITY;
  let bestLeg = from;
  let bestSlope = 0;
  for (let i = from; i < legs; i++) {
    const l = legDistance(pts, i, Math.min(i + 1, route.count - 1), lon, lat, kx, ky);
    legD[i - from] = l.d;
    legLo[i - from] = l.lo;
    legHi[i - from] = l.hi;
    if (l.d < best) {
      best = l.d;
      bestLeg = i;
      bestSlope = l.slope;
    }
  }
  // Vertical deviation against every leg within the lateral buffer (at least the nearest ones), so an
  // aircraft a few metres off a vertical take-off leg is judged against that leg's whole climb.
  const reach = Math.max(best + 1, lateralBufferM);
  let vertical = Number.POSITIVE_INFINITY;
  for (let k = 0; k < n; k++) {
    if (legD[k] > reach) continue;
    const lo = legLo[k];
    const hi = legHi[k];
    const v = altAmslM < lo ? altAmslM - lo : altAmslM > hi ? altAmslM - hi : 0;
    if (Math.abs(v) < Math.abs(vertical)) vertical = v;
  }
  const k = bestLeg - from;
  const own = altAmslM < legLo[k] ? legLo[k] - altAmslM : altAmslM > legHi[k] ? altAmslM - legHi[k] : 0;
  return {
    lateralM: best,
    verticalM: Number.isFinite(vertical) ? vertical : 0,
    leg: bestLeg,
    legVerticalM: own,
    legSlope: bestSlope,
  };
}

const scratch = { d: 0, lo: 0, hi: 0, slope: 0 };
let legD = new Float64Array(64);
let legLo = new Float64Array(64);
let legHi = new Float64Array(64);

/** Distance to the leg from waypoint i to j and the planned altitude range at the closest point (shared scratch). */
function legDistance(
  xyz: Float64Array,
  i: number,
  j: number,
  lon: number,
  lat: number,
  kx: number,
  ky: number,
): typeof scratch {
  const a = 3 * i;
  const b = 3 * j;
  const aAlt = xyz[a + 2];
  const bAlt = xyz[b + 2];
  const ax = (xyz[a] - lon) * kx;
  const ay = (xyz[a + 1] - lat) * ky;
  const dx = (xyz[b] - xyz[a]) * kx;
  const dy = (xyz[b + 1] - xyz[a + 1]) * ky;
  const len2 = dx * dx + dy * dy;
  const f = len2 < 1 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
  scratch.d = planarLength(ax + f * dx, ay + f * dy);
  // A leg shorter than a metre is a vertical leg: its whole altitude range is planned.
  const alt = aAlt + (bAlt - aAlt) * f;
  scratch.lo = len2 < 1 ? Math.min(aAlt, bAlt) : alt;
  scratch.hi = len2 < 1 ? Math.max(aAlt, bAlt) : alt;
  scratch.slope = len2 < 1 ? 0 : Math.abs(bAlt - aAlt) / Math.sqrt(len2);
  return scratch;
}
