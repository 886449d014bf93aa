import type {
  Aircraft,
  AltitudeConversion,
  FlightPlan,
  FlightPlanInput,
  Operation,
  RemotePilot,
  ResponsiblePerson,
} from '@sua-sandbox/rules/model';
import { speedToKmh } from '@sua-sandbox/rules/model';

export interface Waypoint {
  lon: number;
  lat: number;
  /** metres above the plan's altitude reference */
  alt: number;
  /** ground speed on the leg to the next waypoint, km/h (ignored on the last) */
  speedKmh: number;
}

export interface PlanDetails {
  aircraft: Aircraft;
  pilot: RemotePilot;
  responsiblePerson: ResponsiblePerson;
  operation: Operation;
}

/** Everything the plan checker edits; the panel is always rendered from this. */
export interface PlanState {
  name: string;
  waypoints: Waypoint[];
  altitudeRef: 'AGL' | 'AMSL';
  /** local Hong Kong time, "YYYY-MM-DDTHH:MM" (datetime-local input) */
  startLocal: string;
  /** '' = the rulebook in force on the flight date */
  rulebookId: string;
  /** optional "law as of" date, YYYY-MM-DD */
  asOf: string;
  details: PlanDetails;
  /** the pilot stands at the first waypoint until the user moves them */
  pilotFollowsRoute: boolean;
  /** fields of the original plan the editor does not show, kept on re-check (permissions, extra zones…) */
  passthrough: Partial<FlightPlanInput>;
  /**
   * Date, time and waypoint fields whose last entry could not be read or used, with the text as typed: the field
   * keeps showing it, and the check refuses to run (it would use the last good value, which the field no longer
   * shows).
   */
  unreadable?: Partial<Record<UnreadableField, string>>;
  /** how an imported file's altitudes were read (stated in the report), while the reference stays as imported */
  imported?: { altitudeRef: 'AGL' | 'AMSL'; conversions: AltitudeConversion[] };
}

/** A waypoint's editable numbers (the table's columns). */
export type WaypointKey = 'lon' | 'lat' | 'alt' | 'speedKmh';
/** A waypoint table cell by the id of its input: `wp-<row>-<key>`, rows from 0. */
export type WaypointField = `wp-${number}-${WaypointKey}`;

/** The plan checker's date, time and waypoint fields, by the id of their input. */
export type UnreadableField = 'plan-start' | 'plan-start-time' | 'plan-asof' | WaypointField;

export const DEFAULT_ALT_M = 60;
export const DEFAULT_SPEED_KMH = 30;

/** Tomorrow 10:00 Hong Kong time: a daylight flight by default. */
function defaultStart(): string {
  const hk = new Date(Date.now() + 8 * 3600_000 + 24 * 3600_000);
  return `${hk.toISOString().slice(0, 10)}T10:00`;
}

/** Sensible defaults: a registered Category A2 camera drone flown by a registered adult, in VLOS. */
export function defaultDetails(): PlanDetails {
  return {
    aircraft: {
      model: 'Quadcopter (example)',
      mass: { value: 900, unit: 'g' },
      maxDimensionM: 0.4,
      equipment: { flightLog: true, geoAwareness: true, failSafe: true, remoteId: true },
      registration: 'SUA-EXAMPLE-01',
      labelled: true,
      a1Exemption: false,
    },
    pilot: { name: '', age: 30, registered: true, advancedRating: false },
    responsiblePerson: { name: '', age: 30, registered: true, insurance: { value: 10_000_000, unit: 'HKD' } },
    operation: {
      purpose: 'photography',
      vlos: true,
      pilotPosition: [114.17, 22.3],
      aircraftPerPilot: 1,
      dangerousGoods: false,
      droppingArticles: false,
      carriesPersonsOrAnimals: false,
      whollyInEnclosedArea: false,
      minDistanceFromUninvolvedM: 50,
    },
  };
}

export function newPlanState(): PlanState {
  return {
    name: '',
    waypoints: [],
    altitudeRef: 'AGL',
    startLocal: defaultStart(),
    rulebookId: '',
    asOf: '',
    details: defaultDetails(),
    pilotFollowsRoute: true,
    passthrough: {},
  };
}

export function startInstant(local: string): string {
  const withSeconds = local.length === 16 ? `${local}:00` : local;
  return `${withSeconds}+08:00`;
}

/** The FlightPlan sent to POST /api/check (validated by the server; the client shows its issues). */
export function toFlightPlan(s: PlanState): FlightPlanInput {
  const first = s.waypoints[0];
  const operation =
    s.pilotFollowsRoute && first
      ? { ...s.details.operation, pilotPosition: [first.lon, first.lat] as [number, number] }
      : s.details.operation;
  return {
    ...s.passthrough,
    name: s.name || undefined,
    aircraft: s.details.aircraft,
    pilot: s.details.pilot,
    responsiblePerson: s.details.responsiblePerson,
    operation,
    route: {
      type: 'LineString',
      coordinates: s.waypoints.map((w) => [w.lon, w.lat, w.alt]),
      altitudeRef: s.altitudeRef,
      legSpeeds: s.waypoints.slice(0, -1).map((w) => ({ value: w.speedKmh, unit: 'km/h' as const })),
      ...(s.imported && s.imported.altitudeRef === s.altitudeRef && s.waypoints.length > 0
        ? { altitudeConversions: s.imported.conversions }
        : {}),
    },
    start: startInstant(s.startLocal),
  };
}

/** Load a stored or imported plan into the editor. Waypoint times become speeds where needed. */
export function fromFlightPlan(p: FlightPlan | FlightPlanInput, base: PlanState = newPlanState()): PlanState {
  const coords = p.route.coordinates;
  const speeds = p.route.legSpeeds?.map((sp) => speedToKmh(sp));
  const times = p.route.waypointTimesS;
  const waypoints: Waypoint[] = coords.map((c, i) => {
    let speed = speeds?.[i];
    if (speed === undefined && times && i + 1 < coords.length) {
      const dt = (times[i + 1] ?? 0) - (times[i] ?? 0);
      speed = dt > 0 ? (distanceM(c, coords[i + 1]) / dt) * 3.6 : DEFAULT_SPEED_KMH;
    }
    return { lon: c[0], lat: c[1], alt: c[2], speedKmh: Math.round((speed ?? DEFAULT_SPEED_KMH) * 10) / 10 };
  });
  const { aircraft, pilot, responsiblePerson, operation, route: _route, start, name, ...rest } = p;
  const startMs = Date.parse(start);
  const local = Number.isFinite(startMs)
    ? new Date(startMs + 8 * 3600_000).toISOString().slice(0, 16)
    : base.startLocal;
  return {
    ...base,
    name: name ?? '',
    waypoints,
    altitudeRef: p.route.altitudeRef,
    startLocal: local,
    details: {
      aircraft: { ...aircraft, a1Exemption: aircraft.a1Exemption ?? false },
      pilot,
      responsiblePerson,
      operation,
    },
    pilotFollowsRoute: false,
    // the plan brings its own take-off; a "law as of" date typed and not read yet stays
    unreadable:
      base.unreadable?.['plan-asof'] === undefined ? undefined : { 'plan-asof': base.unreadable['plan-asof'] },
    passthrough: rest,
    imported: p.route.altitudeConversions?.length
      ? { altitudeRef: p.route.altitudeRef, conversions: p.route.altitudeConversions }
      : undefined,
  };
}

export function distanceM(a: readonly number[], b: readonly number[]): number {
  const toRad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * toRad;
  const dLon = (b[0] - a[0]) * toRad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * toRad) * Math.cos(b[1] * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
}

/** A waypoint clicked on the map, at the height and speed of the one before it (micro-degree precision). */
export function appendWaypoint(s: PlanState, lon: number, lat: number): void {
  const prev = s.waypoints[s.waypoints.length - 1];
  const micro = (v: number) => Math.round(v * 1e6) / 1e6;
  s.waypoints.push({
    lon: micro(lon),
    lat: micro(lat),
    alt: prev?.alt ?? DEFAULT_ALT_M,
    speedKmh: prev?.speedKmh ?? DEFAULT_SPEED_KMH,
  });
}

/** The route's bounding box ([[west, south], [east, north]]), or undefined with no waypoints. */
export function routeBounds(w: readonly Waypoint[]): [[number, number], [number, number]] | undefined {
  if (w.length === 0) return undefined;
  const lons = w.map((p) => p.lon);
  const lats = w.map((p) => p.lat);
  return [
    [Math.min(...lons), Math.min(...lats)],
    [Math.max(...lons), Math.max(...lats)],
  ];
}
