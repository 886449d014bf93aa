import type { AircraftMode } from '../protocol/aircraft-state.js';
import { DEG, headingOf, metresPerDegLat, metresPerDegLon, offsetLonLat, planarLength, toRad } from './geo.js';
import type { NavRoute } from './nav-route.js';

/** Performance in SI units (compiled from the scenario's `Performance`). */
export interface Airframe {
  climbMps: number;
  descentMps: number;
  turnRateDegS: number;
  accelMps2: number;
  maxSpeedMps: number;
  cruiseMps: number;
  rthHeightM: number;
}

export type Phase = 'scheduled' | 'mission' | 'return-to-home' | 'land' | 'hold' | 'landed';
export type Outcome = 'pending' | 'completed' | 'returned-home' | 'landed-in-place' | 'airborne';

/** Mutable flight state of one simulated aircraft. Position is the TRUE position. */
export interface NavState {
  lon: number;
  lat: number;
  alt: number;
  /** direction of the air-relative velocity, degrees true */
  headingDeg: number;
  airSpeed: number;
  groundE: number;
  groundN: number;
  vs: number;
  wp: number;
  hoverLeft: number;
  phase: Phase;
  outcome: Outcome;
  home: [number, number];
  /** position held in `hold`, and the RTH leg: 0 climb, 1 transit, 2 descend */
  holdAt: [number, number, number];
  rthLeg: 0 | 1 | 2;
}

/** What the aircraft's surroundings do to it during a step. */
export interface NavEnv {
  /** wind velocity (where the air moves TO), m/s east and north */
  windE: number;
  windN: number;
  /** navigation error: the aircraft believes it is this far east/north of where it really is */
  gnssE: number;
  gnssN: number;
  groundM: number;
}

export function initialNavState(route: NavRoute, home: [number, number], groundM: number): NavState {
  const lon = route.xyz[0];
  const lat = route.xyz[1];
  return {
    lon,
    lat,
    alt: groundM,
    headingDeg: 0,
    airSpeed: 0,
    groundE: 0,
    groundN: 0,
    vs: 0,
    wp: 0,
    hoverLeft: 0,
    phase: 'scheduled',
    outcome: 'pending',
    home,
    holdAt: [lon, lat, groundM],
    rthLeg: 0,
  };
}

export function isAirborne(s: NavState): boolean {
  return s.phase !== 'scheduled' && s.phase !== 'landed';
}

export function modeOf(s: NavState): AircraftMode {
  switch (s.phase) {
    case 'scheduled':
      return 'scheduled';
    case 'landed':
      return 'landed';
    case 'return-to-home':
      return 'return-to-home';
    case 'land':
      return 'emergency-landing';
    case 'hold':
      return 'hover';
  }
  if (s.hoverLeft > 0) return 'hover';
  if (s.vs > 0.5) return 'climb';
  if (s.vs < -0.5) return 'descent';
  if (planarLength(s.groundE, s.groundN) < 0.5) return 'hover';
  return 'cruise';
}

/** Below this air speed the aircraft manoeuvres like a hovering multirotor, not along a turning track. */
const SLOW_MPS = 3;

/** Top speed used to hold or regain a position (hover, landing spot, climb-out point) against drift. */
const HOLD_SPEED = 3;

interface Target {
  lon: number;
  lat: number;
  alt: number;
  speed: number;
  /** fly-by: switch to the next target within the turn radius instead of stopping over it */
  flyBy: boolean;
}

/** The one target record stepNav steers to (rewritten by each currentTarget call: no allocation per aircraft and step). */
const steering: Target = { lon: 0, lat: 0, alt: 0, speed: 0, flyBy: false };

function aimAt(lon: number, lat: number, alt: number, speed: number, flyBy: boolean): Target {
  steering.lon = lon;
  steering.lat = lat;
  steering.alt = alt;
  steering.speed = speed;
  steering.flyBy = flyBy;
  return steering;
}

/**
 * Where the aircraft believes it is, rewritten by stepNav for each aircraft: currentTarget is too large for TurboFan
 * to inline, and two numbers passed to it were boxed on every call (32 bytes of garbage per aircraft and substep).
 */
const believed = { lon: 0, lat: 0 };

/** Where the aircraft steers now (`believed`: where it believes it is), in the shared record `steering`. */
function currentTarget(
  s: NavState,
  route: NavRoute,
  af: Airframe,
  env: NavEnv,
  believed: { lon: number; lat: number },
): Target | null {
  const last = route.count - 1;
  switch (s.phase) {
    case 'mission': {
      if (s.wp > last) return aimAt(believed.lon, believed.lat, env.groundM, HOLD_SPEED, false);
      const xyz = route.xyz;
      const p = 3 * s.wp;
      const speed = s.wp === 0 ? af.cruiseMps : route.legSpeedMps[s.wp - 1];
      // Fly by intermediate waypoints, but finish a vertical leg (take-off climb) before moving on.
      const prev = 3 * Math.max(0, s.wp - 1);
      const vertical = s.wp > 0 && Math.abs(xyz[prev] - xyz[p]) < 1e-5 && Math.abs(xyz[prev + 1] - xyz[p + 1]) < 1e-5;
      const flyBy = s.wp < last && route.hoverS[s.wp] === 0 && !vertical;
      return aimAt(xyz[p], xyz[p + 1], xyz[p + 2], Math.min(speed, af.maxSpeedMps), flyBy);
    }
    case 'return-to-home': {
      const rthAlt = Math.max(s.holdAt[2], env.groundM + af.rthHeightM);
      if (s.rthLeg === 0) return aimAt(believed.lon, believed.lat, rthAlt, HOLD_SPEED, false);
      if (s.rthLeg === 1) return aimAt(s.home[0], s.home[1], s.alt, af.cruiseMps, false);
      return aimAt(s.home[0], s.home[1], env.groundM, HOLD_SPEED, false);
    }
    case 'land':
      return aimAt(believed.lon, believed.lat, env.groundM, HOLD_SPEED, false);
    case 'hold':
      return aimAt(s.holdAt[0], s.holdAt[1], s.holdAt[2], HOLD_SPEED, false);
    default:
      return null;
  }
}

function arrived(s: NavState, t: Target, distM: number, af: Airframe): boolean {
  const v = planarLength(s.groundE, s.groundN);
  const turnRadius = v / toRad(af.turnRateDegS);
  const horizontal = t.flyBy ? Math.max(2, Math.min(turnRadius, 60)) : 1.5;
  return distM <= horizontal && Math.abs(t.alt - s.alt) <= (t.flyBy ? 3 : 0.5);
}

/** Advance to the next target once one is reached; may land the aircraft. */
function onArrival(s: NavState, route: NavRoute, env: NavEnv): void {
  if (s.phase === 'mission') {
    if (s.wp > route.count - 1) {
      land(s, 'completed');
      return;
    }
    const hover = route.hoverS[s.wp] ?? 0;
    if (hover > 0 && s.hoverLeft <= 0 && s.wp > 0) {
      s.hoverLeft = hover;
      return;
    }
    s.wp++;
    if (s.wp > route.count - 1 && s.alt - env.groundM <= 0.5) land(s, 'completed');
  } else if (s.phase === 'return-to-home') {
    if (s.rthLeg < 2) s.rthLeg++;
    else land(s, 'returned-home');
  } else if (s.phase === 'land') {
    land(s, 'landed-in-place');
  }
}

function land(s: NavState, outcome: Outcome): void {
  s.phase = 'landed';
  s.outcome = outcome;
  s.airSpeed = 0;
  s.groundE = 0;
  s.groundN = 0;
  s.vs = 0;
}

/** Switch to a fail-safe behaviour (lost link, low battery). */
export function engageFailSafe(
  s: NavState,
  mode: 'return-to-home' | 'land' | 'hover',
  gnss: { east: number; north: number } = { east: 0, north: 0 },
): void {
  if (!isAirborne(s) || s.phase === 'land') return;
  if (mode === 'return-to-home' && s.phase === 'return-to-home') return;
  // Held where the aircraft believes it is (its navigation frame).
  const [lon, lat] = offsetLonLat(s.lon, s.lat, gnss.east, gnss.north);
  s.holdAt = [lon, lat, s.alt];
  s.hoverLeft = 0;
  if (mode === 'hover') s.phase = 'hold';
  else if (mode === 'land') s.phase = 'land';
  else {
    s.phase = 'return-to-home';
    s.rthLeg = 0;
  }
}

/** The link is back: a holding aircraft resumes its mission (RTH and landing continue). */
export function resumeMission(s: NavState): void {
  if (s.phase === 'hold') s.phase = 'mission';
}

export function takeOff(s: NavState): void {
  if (s.phase === 'scheduled') s.phase = 'mission';
}

/**
 * Integrate one step of `dt` seconds. The autopilot steers the believed position (true + GNSS error)
 * to the target, compensates the wind up to the airframe's top speed (a stronger wind makes it drift),
 * turns no faster than its turn rate and accelerates no faster than its acceleration.
 */
export function stepNav(s: NavState, route: NavRoute, af: Airframe, env: NavEnv, dt: number): void {
  if (!isAirborne(s)) return;
  if (s.hoverLeft > 0) {
    s.hoverLeft -= dt;
    if (s.hoverLeft <= 0) {
      s.hoverLeft = 0;
      s.wp++;
    }
  }
  // offsetLonLat and enuDelta spelled out: their pairs were arrays allocated per aircraft and step (same arithmetic)
  const believedLon = s.lon + env.gnssE / metresPerDegLon(s.lat);
  const believedLat = s.lat + env.gnssN / metresPerDegLat();
  const kx = metresPerDegLon(believedLat);
  believed.lon = believedLon;
  believed.lat = believedLat;
  let target = currentTarget(s, route, af, env, believed);
  if (!target) return;
  let dE = (target.lon - believedLon) * kx;
  let dN = (target.lat - believedLat) * metresPerDegLat();
  let dist = planarLength(dE, dN);
  if (s.hoverLeft <= 0 && arrived(s, target, dist, af)) {
    onArrival(s, route, env);
    if (!isAirborne(s)) return;
    target = currentTarget(s, route, af, env, believed);
    if (!target) return;
    dE = (target.lon - believedLon) * kx;
    dN = (target.lat - believedLat) * metresPerDegLat();
    dist = planarLength(dE, dN);
  }
  const holding = s.hoverLeft > 0;
  // Desired ground velocity: toward the target, slowing to stop over it unless flying by.
  let want = holding ? HOLD_SPEED : target.speed;
  if (!target.flyBy) want = Math.min(want, Math.sqrt(2 * af.accelMps2 * dist), dist / dt);
  if (dist < 0.5 && !target.flyBy) want = Math.min(want, dist / dt);
  const desE = dist > 1e-6 ? (dE / dist) * want : 0;
  const desN = dist > 1e-6 ? (dN / dist) * want : 0;
  // Air velocity needed, limited by top speed.
  let airE = desE - env.windE;
  let airN = desN - env.windN;
  const airWant = planarLength(airE, airN);
  if (airWant > af.maxSpeedMps) {
    airE *= af.maxSpeedMps / airWant;
    airN *= af.maxSpeedMps / airWant;
  }
  const airMag = Math.min(airWant, af.maxSpeedMps);
  const h0 = toRad(s.headingDeg);
  const dv = af.accelMps2 * dt;
  if (s.airSpeed > SLOW_MPS && airMag > SLOW_MPS) {
    // At speed the track turns no faster than the turn rate; the speed changes at most by the acceleration.
    // headingOf and turnDelta spelled out (same arithmetic): TurboFan did not inline them here, and every call boxed
    // its numbers, 50 bytes of garbage per aircraft and substep
    let heading = Math.atan2(airE, airN) / DEG;
    if (heading < 0) heading += 360;
    let turn = (heading - s.headingDeg) % 360;
    if (turn > 180) turn -= 360;
    if (turn <= -180) turn += 360;
    const maxTurn = af.turnRateDegS * dt;
    s.headingDeg = (s.headingDeg + Math.max(-maxTurn, Math.min(maxTurn, turn)) + 360) % 360;
    s.airSpeed = Math.max(s.airSpeed - dv, Math.min(s.airSpeed + dv, airMag));
  } else {
    // Slow (hover, take-off, landing): a multirotor moves its velocity vector freely, limited by acceleration.
    const curE = Math.sin(h0) * s.airSpeed;
    const curN = Math.cos(h0) * s.airSpeed;
    const dE2 = airE - curE;
    const dN2 = airN - curN;
    const dMag = planarLength(dE2, dN2);
    const k = dMag > dv ? dv / dMag : 1;
    const newE = curE + dE2 * k;
    const newN = curN + dN2 * k;
    s.airSpeed = planarLength(newE, newN);
    if (s.airSpeed > 1e-3) s.headingDeg = headingOf(newE, newN);
  }
  const h = toRad(s.headingDeg);
  s.groundE = Math.sin(h) * s.airSpeed + env.windE;
  s.groundN = Math.cos(h) * s.airSpeed + env.windN;
  // Vertical: arrive at the target altitude together with the horizontal arrival, never overshooting it.
  const dAlt = target.alt - s.alt;
  let vWant = want > 0.5 && dist > 1 ? dAlt / (dist / want) : dAlt / dt;
  if (Math.abs(vWant * dt) > Math.abs(dAlt)) vWant = dAlt / dt;
  s.vs = Math.max(-af.descentMps, Math.min(af.climbMps, vWant));
  const lat0 = s.lat;
  s.lon += (s.groundE * dt) / metresPerDegLon(lat0);
  s.lat = lat0 + (s.groundN * dt) / metresPerDegLat();
  s.alt += s.vs * dt;
  if (s.alt < env.groundM) s.alt = env.groundM;
}
