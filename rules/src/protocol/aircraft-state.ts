import { z } from 'zod';
import { LonLat, LonLatAlt } from '../model/geo.js';
import { Category } from '../model/rulebook.js';

/**
 * What an aircraft is doing. Sent as an index into this list inside packed states (see `PackedStates`).
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

/** One aircraft's state, as clients see it (sent packed: see `PackedStates`). */
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

/** Integers per aircraft in `PackedStates.data`, and the factor each field is stored at. */
export const STATE_ROW_INTS = 10;
const SCALE = [1e6, 1e6, 10, 10, 10, 10, 10, 1, 1, 10] as const;
const ROW_BYTES = STATE_ROW_INTS * 4;

const isBinary = (v: unknown): v is ArrayBuffer | ArrayBufferView => v instanceof ArrayBuffer || ArrayBuffer.isView(v);

/**
 * The states of many aircraft in one binary block (sent as a socket.io binary attachment: a 10k-aircraft tick is
 * 400 KB that clients read in place, instead of 600 KB of JSON to parse). Row i is aircraft `ids[i]`: 10
 * little-endian Int32 values, each the value × its factor, rounded: lon, lat (×1e6, i.e. 1e-6° ≈ 0.1 m),
 * altAmslM, aglM (×10: 0.1 m), headingDeg (×10), groundSpeedMps, verticalSpeedMps (×10: 0.1 m/s), the index of
 * the mode in AIRCRAFT_MODES, flags (AircraftFlag bits), pilotDistanceM (×10; -1 when unknown).
 */
export const PackedStates = z.object({
  ids: z.array(z.string()),
  data: z.custom<ArrayBuffer | ArrayBufferView>(isBinary, { message: 'expected binary data' }),
});
export type PackedStates = z.infer<typeof PackedStates>;

/**
 * In a `tick`, `ids` is left out when the rows are the same aircraft in the same order as in the last message
 * that had them (snapshot, resume tick or tick): 10k ids are 80 KB of JSON to parse every second otherwise.
 */
export const TickStates = PackedStates.extend({
  ids: z.array(z.string()).optional().describe('absent: the same rows as the last ids received'),
});
export type TickStates = z.infer<typeof TickStates>;

/**
 * Builds a PackedStates block row by row. Each `finish` hands out a fresh buffer: socket writes may still be
 * reading the last one.
 */
export class StatePacker {
  private ids: string[] = [];
  private view: DataView;
  private n = 0;

  constructor(private capacity = 64) {
    this.view = new DataView(new ArrayBuffer(Math.max(1, capacity) * ROW_BYTES));
  }

  /** One row; values as in AircraftState (mode as its index, pilot distance -1 when unknown). */
  row(
    id: string,
    lon: number,
    lat: number,
    altAmslM: number,
    aglM: number,
    headingDeg: number,
    groundSpeedMps: number,
    verticalSpeedMps: number,
    mode: number,
    flags: number,
    pilotDistanceM: number,
  ): void {
    if (this.n === this.capacity) this.grow();
    const v = this.view;
    const o = this.n * ROW_BYTES;
    v.setInt32(o, Math.round(lon * 1e6), true);
    v.setInt32(o + 4, Math.round(lat * 1e6), true);
    v.setInt32(o + 8, Math.round(altAmslM * 10), true);
    v.setInt32(o + 12, Math.round(aglM * 10), true);
    v.setInt32(o + 16, Math.round(headingDeg * 10), true);
    v.setInt32(o + 20, Math.round(groundSpeedMps * 10), true);
    v.setInt32(o + 24, Math.round(verticalSpeedMps * 10), true);
    v.setInt32(o + 28, mode, true);
    v.setInt32(o + 32, flags, true);
    v.setInt32(o + 36, pilotDistanceM < 0 ? -1 : Math.round(pilotDistanceM * 10), true);
    this.ids.push(id);
    this.n++;
  }

  add(s: AircraftState): void {
    const mode = AIRCRAFT_MODES.indexOf(s.mode);
    this.row(
      s.id,
      s.lon,
      s.lat,
      s.altAmslM,
      s.aglM,
      s.headingDeg,
      s.groundSpeedMps,
      s.verticalSpeedMps,
      mode < 0 ? AIRCRAFT_MODES.indexOf('telemetry') : mode,
      s.flags,
      s.pilotDistanceM ?? -1,
    );
  }

  finish(): PackedStates {
    const out = { ids: this.ids, data: new Uint8Array(this.view.buffer, 0, this.n * ROW_BYTES) };
    this.ids = [];
    this.view = new DataView(new ArrayBuffer(Math.max(1, this.capacity) * ROW_BYTES));
    this.n = 0;
    return out;
  }

  private grow(): void {
    const bigger = new Uint8Array(this.capacity * 2 * ROW_BYTES);
    bigger.set(new Uint8Array(this.view.buffer, 0, this.n * ROW_BYTES));
    this.capacity *= 2;
    this.view = new DataView(bigger.buffer);
  }
}

export function packStates(states: Iterable<AircraftState>): PackedStates {
  const p = new StatePacker();
  for (const s of states) p.add(s);
  return p.finish();
}

/**
 * Read a block back (socket.io delivers the binary part as an ArrayBuffer in browsers, a Buffer in Node), with
 * `knownIds` for a tick that left its ids out. Throws a RangeError when the data is not one row per id.
 */
export function unpackStates(block: TickStates, knownIds: readonly string[] = []): AircraftState[] {
  const ids = block.ids ?? knownIds;
  const d = block.data;
  const view = d instanceof ArrayBuffer ? new DataView(d) : new DataView(d.buffer, d.byteOffset, d.byteLength);
  const n = ids.length;
  if (view.byteLength !== n * ROW_BYTES)
    throw new RangeError(`packed states: ${view.byteLength} bytes for ${n} aircraft (expected ${n * ROW_BYTES})`);
  const out: AircraftState[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * ROW_BYTES;
    const at = (k: number) => view.getInt32(o + 4 * k, true) / SCALE[k];
    const pilot = view.getInt32(o + 36, true);
    out[i] = {
      id: ids[i],
      lon: at(0),
      lat: at(1),
      altAmslM: at(2),
      aglM: at(3),
      headingDeg: at(4),
      groundSpeedMps: at(5),
      verticalSpeedMps: at(6),
      mode: AIRCRAFT_MODES[view.getInt32(o + 28, true)] ?? 'telemetry',
      flags: view.getInt32(o + 32, true),
      pilotDistanceM: pilot < 0 ? null : pilot / 10,
    };
  }
  return out;
}

/** Static facts about an aircraft in a session: sent once (snapshot, or `tick.added`). */
export const AircraftInfo = z
  .object({
    id: z.string(),
    flightId: z.string().describe('the scenario flight or plan id; equals id for telemetry'),
    label: z.string(),
    labelZh: z.string().optional().describe('the label in Traditional Chinese, when the scenario gives one'),
    source: z.enum(['sim', 'telemetry']),
    category: z.union([Category, z.literal('out-of-scope')]).optional(),
    model: z.string().optional(),
    modelZh: z.string().optional().describe('the model described in Traditional Chinese, when the scenario gives it'),
    pilot: LonLat.optional().describe('remote pilot position [lon, lat]'),
    plannedRoute: z.array(LonLatAlt).optional().describe('declared route, altitudes in metres AMSL'),
    permissions: z.array(z.string()).default([]),
  })
  .meta({ id: 'AircraftInfo' });
export type AircraftInfo = z.infer<typeof AircraftInfo>;
