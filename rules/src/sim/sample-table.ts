import type { MonitorSample } from './monitor-types.js';

/**
 * A tick's samples column by column: row i is aircraft i of the simulation, then (sharded monitoring) telemetry
 * aircraft appended after them. The simulation writes each aircraft's row as it steps it, while its state is still
 * in the cache: reading thousands of aircraft's state objects again afterwards was the main thread's largest cost
 * in a sharded tick (a cache miss or more per aircraft), and the samples of the single monitor come from here too.
 */
export class SampleTable {
  /** rows in use */
  count = 0;
  /** the aircraft's id per row (the simulation's rows are set once) */
  ids: string[];
  lon: Float64Array;
  lat: Float64Array;
  altAmslM: Float64Array;
  tMs: Float64Array;
  groundSpeedMps: Float64Array;
  /** NaN: none (the pilot's declared position applies) */
  pilotLon: Float64Array;
  pilotLat: Float64Array;
  /** -1: none */
  leg: Int32Array;
  airborne: Uint8Array;

  constructor(capacity: number) {
    this.ids = new Array<string>(capacity).fill('');
    this.lon = new Float64Array(capacity);
    this.lat = new Float64Array(capacity);
    this.altAmslM = new Float64Array(capacity);
    this.tMs = new Float64Array(capacity);
    this.groundSpeedMps = new Float64Array(capacity);
    this.pilotLon = new Float64Array(capacity).fill(Number.NaN);
    this.pilotLat = new Float64Array(capacity).fill(Number.NaN);
    this.leg = new Int32Array(capacity).fill(-1);
    this.airborne = new Uint8Array(capacity);
  }

  get capacity(): number {
    return this.lon.length;
  }

  /** Room for `n` rows, the rows in use kept. */
  reserve(n: number): void {
    if (n <= this.capacity) return;
    const size = Math.max(n, 2 * this.capacity);
    const f64 = (a: Float64Array, fill = 0) => {
      const b = new Float64Array(size).fill(fill);
      b.set(a);
      return b;
    };
    this.ids = this.ids.concat(new Array<string>(size - this.ids.length).fill(''));
    this.lon = f64(this.lon);
    this.lat = f64(this.lat);
    this.altAmslM = f64(this.altAmslM);
    this.tMs = f64(this.tMs);
    this.groundSpeedMps = f64(this.groundSpeedMps);
    this.pilotLon = f64(this.pilotLon, Number.NaN);
    this.pilotLat = f64(this.pilotLat, Number.NaN);
    const leg = new Int32Array(size).fill(-1);
    leg.set(this.leg);
    this.leg = leg;
    const airborne = new Uint8Array(size);
    airborne.set(this.airborne);
    this.airborne = airborne;
  }

  /** Row `i` from a sample record. */
  put(i: number, s: MonitorSample): void {
    this.ids[i] = s.id;
    this.lon[i] = s.lon;
    this.lat[i] = s.lat;
    this.altAmslM[i] = s.altAmslM;
    this.tMs[i] = s.tMs;
    this.groundSpeedMps[i] = s.groundSpeedMps;
    this.pilotLon[i] = s.pilotLon ?? Number.NaN;
    this.pilotLat[i] = s.pilotLat ?? Number.NaN;
    this.leg[i] = s.leg ?? -1;
    this.airborne[i] = s.airborne ? 1 : 0;
  }

  /** Row `i` written into a sample record (the monitor's input). */
  read(i: number, into: MonitorSample): MonitorSample {
    const pilotLon = this.pilotLon[i];
    const pilotLat = this.pilotLat[i];
    const leg = this.leg[i];
    into.id = this.ids[i];
    into.lon = this.lon[i];
    into.lat = this.lat[i];
    into.altAmslM = this.altAmslM[i];
    into.tMs = this.tMs[i];
    into.groundSpeedMps = this.groundSpeedMps[i];
    into.airborne = this.airborne[i] === 1;
    into.pilotLon = Number.isNaN(pilotLon) ? undefined : pilotLon;
    into.pilotLat = Number.isNaN(pilotLat) ? undefined : pilotLat;
    into.leg = leg < 0 ? undefined : leg;
    return into;
  }

  /** The first `rows` rows of `from` (typed-array copies: a fraction of a millisecond for tens of thousands). */
  copyFrom(from: SampleTable, rows: number): void {
    this.reserve(rows);
    for (let i = 0; i < rows; i++) this.ids[i] = from.ids[i];
    this.lon.set(from.lon.subarray(0, rows));
    this.lat.set(from.lat.subarray(0, rows));
    this.altAmslM.set(from.altAmslM.subarray(0, rows));
    this.tMs.set(from.tMs.subarray(0, rows));
    this.groundSpeedMps.set(from.groundSpeedMps.subarray(0, rows));
    this.pilotLon.set(from.pilotLon.subarray(0, rows));
    this.pilotLat.set(from.pilotLat.subarray(0, rows));
    this.leg.set(from.leg.subarray(0, rows));
    this.airborne.set(from.airborne.subarray(0, rows));
    this.count = rows;
  }

  /** A table of these samples, in their order. */
  static of(samples: readonly MonitorSample[]): SampleTable {
    const t = new SampleTable(samples.length);
    samples.forEach((s, i) => {
      t.put(i, s);
    });
    t.count = samples.length;
    return t;
  }

  /** The rows in use as sample records (new ones). */
  toSamples(): MonitorSample[] {
    return Array.from({ length: this.count }, (_, i) => this.read(i, blankSample()));
  }
}

export function blankSample(): MonitorSample {
  return {
    id: '',
    lon: 0,
    lat: 0,
    altAmslM: 0,
    tMs: 0,
    groundSpeedMps: 0,
    airborne: false,
    pilotLon: undefined,
    pilotLat: undefined,
    leg: undefined,
  };
}
