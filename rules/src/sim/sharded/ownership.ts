import { metresPerDegLon } from '../geo.js';
import type { WatchedSnapshot } from './handoff.js';
import { grown } from './shard-control.js';
import type { StripTiling } from './tiling.js';

/**
 * How far past its strip (metres) a shard goes on judging an aircraft for one more tick: more than any aircraft
 * flies in a one-second step. The halo widens by as much, so that the shard still sees all traffic around it.
 */
export const REACH_M = 100;

/**
 * Which shard judges each aircraft, and the hand-overs that follow from it. An aircraft that has just flown over
 * another shard's tile stays with its owner for that tick while it is within reach of the owner's strip: the owner
 * judges it and releases its state with its reply, and the aircraft's next owner takes the state over with the
 * next tick. Crossing a border then costs no round trip to the shards before the tick (at 34,000 aircraft on two
 * shards, that round trip was about 2 ms of every tick). An aircraft beyond reach (a border moved, a telemetry track
 * jumped) is handed over before the tick (`leaving`), as every crossing was before.
 */
export class Ownership {
  /** per aircraft (registry index): the shard that judged it last (-1: none yet) */
  private owner: Int32Array;
  /** state a shard released after the last tick (by registry index), for the aircraft's next owner */
  private readonly pending = new Map<number, WatchedSnapshot>();
  /** this tick's lists, per shard: aircraft to release after judging, to hand over first, states to take over */
  release: number[][] = [];
  leaving: number[][] = [];
  takeOver: WatchedSnapshot[][] = [];
  /** this tick's strips widened by the reach (degrees of longitude) */
  private lo = new Float64Array(0);
  private hi = new Float64Array(0);

  constructor(
    aircraft: number,
    private readonly shards: number,
  ) {
    this.owner = new Int32Array(aircraft).fill(-1);
  }

  /** Room for registry index `reg` (a new telemetry track), not owned yet. */
  register(reg: number): void {
    this.owner = grown(this.owner, reg + 1, (n) => new Int32Array(n).fill(-1));
    this.owner[reg] = -1;
  }

  /** The aircraft left: no shard owns it. */
  forget(reg: number): void {
    this.owner[reg] = -1;
    this.pending.delete(reg);
  }

  ownerOf(reg: number): number {
    return this.owner[reg] ?? -1;
  }

  /** Start a tick over `tiling`: the reach in degrees at the highest latitude flown. */
  begin(tiling: StripTiling, maxAbsLat: number): void {
    const n = this.shards;
    const reachDeg = REACH_M / metresPerDegLon(Math.min(89, maxAbsLat));
    this.lo = Float64Array.from({ length: n }, (_, s) => (s === 0 ? -Infinity : tiling.cuts[s - 1] - reachDeg));
    this.hi = Float64Array.from({ length: n }, (_, s) => (s === n - 1 ? Infinity : tiling.cuts[s] + reachDeg));
    this.release = Array.from({ length: n }, () => []);
    this.leaving = Array.from({ length: n }, () => []);
    this.takeOver = Array.from({ length: n }, () => []);
  }

  /** The shard to judge aircraft `reg` this tick, over tile `tile` at longitude `lon`. */
  assign(reg: number, tile: number, lon: number): number {
    const from = this.owner[reg];
    const released = this.pending.get(reg);
    if (released) {
      this.pending.delete(reg);
      this.takeOver[tile].push(released);
    } else if (from >= 0 && from !== tile) {
      if (lon >= this.lo[from] && lon < this.hi[from]) {
        this.release[from].push(reg);
        return from;
      }
      this.leaving[from].push(reg);
    }
    this.owner[reg] = tile;
    return tile;
  }

  /** After assigning this tick's samples: states released for aircraft with no sample now go back where they were. */
  end(): void {
    for (const [reg, snapshot] of this.pending) this.takeOver[this.owner[reg]].push(snapshot);
    this.pending.clear();
  }

  /** A shard released this aircraft's state after judging it: it goes to the aircraft's owner at the next tick. */
  hold(reg: number, snapshot: WatchedSnapshot): void {
    this.pending.set(reg, snapshot);
  }

  /** The states released and not taken over yet, by the shard that released them (emptied). */
  takePending(): WatchedSnapshot[][] {
    const out: WatchedSnapshot[][] = Array.from({ length: this.shards }, () => []);
    for (const [reg, snapshot] of this.pending) out[this.owner[reg]].push(snapshot);
    this.pending.clear();
    return out;
  }
}
