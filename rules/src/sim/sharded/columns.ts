import type { MonitorSample } from '../monitor-types.js';
import type { SampleTable } from '../sample-table.js';
import { type StripTiling, tileOf } from './tiling.js';

/** Float fields per sample, in this order (absent pilot positions are NaN). */
const F = 7;
/** Int fields per sample: aircraft (registry index), place in the tick's sample list, leg (-1: none). */
const I = 3;
/** Byte fields per sample: owned (judged here) or halo (traffic only), airborne. */
const B = 2;

/**
 * One shard's samples of a tick as three typed arrays (moved, not copied, between threads): the aircraft it
 * owns and the airborne aircraft in its halo, in the order of the tick's sample list.
 */
export interface SampleColumns {
  count: number;
  floats: Float64Array;
  ints: Int32Array;
  bytes: Uint8Array;
}

function columns(count: number): SampleColumns {
  return {
    count,
    floats: new Float64Array(count * F),
    ints: new Int32Array(count * I),
    bytes: new Uint8Array(count * B),
  };
}

/** Row `row` of the tick's table as sample k of shard columns `c`. */
function put(c: SampleColumns, k: number, t: SampleTable, row: number, reg: number, owned: boolean): void {
  const f = k * F;
  c.floats[f] = t.lon[row];
  c.floats[f + 1] = t.lat[row];
  c.floats[f + 2] = t.altAmslM[row];
  c.floats[f + 3] = t.tMs[row];
  c.floats[f + 4] = t.groundSpeedMps[row];
  c.floats[f + 5] = t.pilotLon[row];
  c.floats[f + 6] = t.pilotLat[row];
  const i = k * I;
  c.ints[i] = reg;
  c.ints[i + 1] = row;
  c.ints[i + 2] = t.leg[row];
  c.bytes[k * B] = owned ? 1 : 0;
  c.bytes[k * B + 1] = t.airborne[row];
}

export const regAt = (c: SampleColumns, k: number): number => c.ints[k * I];
export const orderAt = (c: SampleColumns, k: number): number => c.ints[k * I + 1];
export const ownedAt = (c: SampleColumns, k: number): boolean => c.bytes[k * B] === 1;

/** Write sample k of `c` into `into` (a record the shard keeps per aircraft, as the single monitor's caller does). */
export function readSample(c: SampleColumns, k: number, id: string, into: MonitorSample): MonitorSample {
  const f = k * F;
  const pilotLon = c.floats[f + 5];
  const pilotLat = c.floats[f + 6];
  const leg = c.ints[k * I + 2];
  into.id = id;
  into.lon = c.floats[f];
  into.lat = c.floats[f + 1];
  into.altAmslM = c.floats[f + 2];
  into.tMs = c.floats[f + 3];
  into.groundSpeedMps = c.floats[f + 4];
  into.airborne = c.bytes[k * B + 1] === 1;
  into.pilotLon = Number.isNaN(pilotLon) ? undefined : pilotLon;
  into.pilotLat = Number.isNaN(pilotLat) ? undefined : pilotLat;
  into.leg = leg < 0 ? undefined : leg;
  return into;
}

export interface Partition {
  /** per shard, its samples */
  shards: SampleColumns[];
  /** per sample of the tick, the shard owning it (-1: an aircraft no shard watches) */
  owner: Int32Array;
  /** per sample of the tick, its aircraft's registry index (when owned by a shard) */
  regs: Int32Array;
}

/**
 * Split a tick's samples (the table's rows in use) by tile: each watched aircraft goes to the shard `assign` gives
 * it (by default the shard whose strip it is over: owned), and, when airborne, to every other shard whose strip
 * widened by `haloDeg` contains it (halo), so that each shard sees all traffic within the separation minimum of the
 * aircraft it owns (an owner other than the tile's must then be within the halo's extra width of its strip).
 */
export function partitionSamples(
  table: SampleTable,
  /** the aircraft's registry index (`i`: its row, usually its index: the run lists them in order) */
  regOf: (id: string, i: number) => number | undefined,
  tiling: StripTiling,
  haloDeg: number,
  assign: (reg: number, tile: number, lon: number) => number = (_reg, tile) => tile,
): Partition {
  const n = tiling.cuts.length + 1;
  const lo = Float64Array.from({ length: n }, (_, s) => (s === 0 ? -Infinity : tiling.cuts[s - 1] - haloDeg));
  const hi = Float64Array.from({ length: n }, (_, s) => (s === n - 1 ? Infinity : tiling.cuts[s] + haloDeg));
  const rows = table.count;
  const owner = new Int32Array(rows).fill(-1);
  const regs = new Int32Array(rows);
  const counts = new Int32Array(n);
  const { lon, airborne } = table;
  for (let i = 0; i < rows; i++) {
    const reg = regOf(table.ids[i], i);
    if (reg === undefined) continue;
    regs[i] = reg;
    const x = lon[i];
    const o = assign(reg, tileOf(tiling, x), x);
    owner[i] = o;
    counts[o]++;
    if (airborne[i] === 1 && n > 1) for (let k = 0; k < n; k++) if (k !== o && x >= lo[k] && x < hi[k]) counts[k]++;
  }
  const shards = Array.from(counts, (c) => columns(c));
  const fill = new Int32Array(n);
  for (let i = 0; i < rows; i++) {
    const o = owner[i];
    if (o < 0) continue;
    put(shards[o], fill[o]++, table, i, regs[i], true);
    const x = lon[i];
    if (airborne[i] === 1 && n > 1)
      for (let k = 0; k < n; k++)
        if (k !== o && x >= lo[k] && x < hi[k]) put(shards[k], fill[k]++, table, i, regs[i], false);
  }
  return { shards, owner, regs };
}

/**
 * Whether a table's first rows are the simulated aircraft in registry order, as a simulation's own table (or a copy
 * of it) lists them: checked once per table and row, as a simulation never reorders its rows. Comparing ids row by
 * row on every tick reads each aircraft's id string, a cache miss per aircraft (2.5 ms a tick at 34,000).
 */
export class TableOrder {
  /** per table, how many of its first rows were found in order */
  private readonly checked = new WeakMap<SampleTable, number>();

  /** @param ids the simulated aircraft in registry order */
  constructor(private readonly ids: readonly string[]) {}

  inOrder(table: SampleTable): boolean {
    const rows = Math.min(this.ids.length, table.count);
    const from = this.checked.get(table) ?? 0;
    for (let i = from; i < rows; i++) if (table.ids[i] !== this.ids[i]) return false;
    if (rows > from) this.checked.set(table, rows);
    return true;
  }
}
