import { z } from 'zod';
import { LonLat, LonLatAlt } from '../model/geo.js';

/**
 * What an aircraft is doing. Sent as an index into this list inside a packed state
 * (see `AircraftStateTuple`) so a 10k-aircraft tick stays small.
 */
export const AIRCRAFT_MODES = [
  'scheduled', // not yet taken off
  'climb',
  'cruise',
  'hover',
  'descent',
  'landed',
  'return-to-home',
  'emergency-landing',
  'telemetry', // a real aircraft or external simulator: mode unknown
] as const;
export const AircraftMode = z.enum(AIRCRAFT_MODES);
export type AircraftMode = z.infer<typeof AircraftMode>;

/** Bit flags in a packed state, for styling without a lookup. */
export const AircraftFlag = {
  /** at least one open finding whose effect is prohibited or requires-permission (uncovered) */
  violating: 1,
  lostLink: 2,
  lowBattery: 4,
  /** from telemetry, not simulated */
  telemetry: 8,
  /** an open separation advisory with another aircraft */
  conflict: 16,
  /** outside the declared plan's lateral or vertical buffer */
  offPlan: 32,
} as const;

/**
 * One aircraft's state in a `tick`, packed as a tuple:
 * [id, lon, lat, altAmslM, aglM, headingDeg, groundSpeedMps, verticalSpeedMps, modeIndex, flags, pilotDistanceM]
 * Coordinates are rounded to 1e-6° (~0.1 m), lengths to 0.1 m, speeds to 0.1 m/s.
 * `pilotDistanceM` is -1 when the pilot position is unknown (telemetry without a pilot).
 */
export const AircraftStateTuple = z.tuple([
  z.string(),
  z.number(),
  z.number(),
  z.number(),
  z.number(),
  z.number(),
  z.number(),
  z.number(),
  z.number().int().min(0),
  z.number().int().min(0),
  z.number(),
]);
export type AircraftStateTuple = z.infer<typeof AircraftStateTuple>;

/** The unpacked form of `AircraftStateTuple`, for clients. */
export interface AircraftState {
  id: string;
  lon: number;
  lat: number;
  altAmslM: number;
  aglM: number;
  headingDeg: number;
  groundSpeedMps: number;
  verticalSpeedMps: number;
  mode: AircraftMode;
  flags: number;
  /** horizontal distance from the remote pilot, metres; null when unknown */
  pilotDistanceM: number | null;
}

const round = (v: number, f: number): number => Math.round(v * f) / f;

export function packAircraftState(s: AircraftState): AircraftStateTuple {
  const mode = AIRCRAFT_MODES.indexOf(s.mode);
  return [
    s.id,
    round(s.lon, 1e6),
    round(s.lat, 1e6),
    round(s.altAmslM, 10),
    round(s.aglM, 10),
    round(s.headingDeg, 10),
    round(s.groundSpeedMps, 10),
    round(s.verticalSpeedMps, 10),
    mode < 0 ? AIRCRAFT_MODES.indexOf('telemetry') : mode,
    s.flags,
    s.pilotDistanceM === null ? -1 : round(s.pilotDistanceM, 10),
  ];
}

export function unpackAircraftState(t: AircraftStateTuple): AircraftState {
  return {
    id: t[0],
    lon: t[1],
    lat: t[2],
    altAmslM: t[3],
    aglM: t[4],
    headingDeg: t[5],
    groundSpeedMps: t[6],
    verticalSpeedMps: t[7],
    mode: AIRCRAFT_MODES[t[8]] ?? 'telemetry',
    flags: t[9],
    pilotDistanceM: t[10] < 0 ? null : t[10],
  };
}

/** Static facts about an aircraft in a session: sent once (snapshot, or `tick.added`). */
export const AircraftInfo = z
  .object({
    id: z.string(),
    flightId: z.string().describe('the scenario flight or plan id; equals id for telemetry'),
    label: z.string(),
    source: z.enum(['sim', 'telemetry']),
    category: z.enum(['A1', 'A2', 'B', 'C', 'out-of-scope']).optional(),
    model: z.string().optional(),
    pilot: LonLat.optional().describe('remote pilot position [lon, lat]'),
    plannedRoute: z.array(LonLatAlt).optional().describe('declared route, altitudes in metres AMSL'),
    permissions: z.array(z.string()).default([]),
  })
  .meta({ id: 'AircraftInfo' });
export type AircraftInfo = z.infer<typeof AircraftInfo>;
