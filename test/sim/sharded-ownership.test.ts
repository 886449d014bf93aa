import { describe, expect, it } from 'vitest';
import { metresPerDegLon } from '../../rules/src/sim/geo.js';
import { Ownership, REACH_M, type WatchedSnapshot } from '../../rules/src/sim/sharded/index.js';

const LAT = 22.3;
const reachDeg = REACH_M / metresPerDegLon(LAT);
/** two strips, the border at 114.2° */
const tiling = { cuts: Float64Array.of(114.2) };
const snapshot = (id: string) => ({ id }) as unknown as WatchedSnapshot;

describe('sharded monitor: who judges an aircraft that crosses a border', () => {
  it('first owner: the tile under it, nothing handed over', () => {
    const o = new Ownership(3, 2);
    o.begin(tiling, LAT);
    expect(o.assign(0, 0, 114.1)).toBe(0);
    expect(o.assign(1, 1, 114.3)).toBe(1);
    o.end();
    expect([o.release, o.leaving, o.takeOver]).toEqual([
      [[], []],
      [[], []],
      [[], []],
    ]);
    expect(o.ownerOf(0)).toBe(0);
    expect(o.ownerOf(2)).toBe(-1);
  });

  it('just across: the owner judges it once more and releases it; its state goes to the new tile next tick', () => {
    const o = new Ownership(1, 2);
    o.begin(tiling, LAT);
    o.assign(0, 0, 114.19);
    o.end();
    o.begin(tiling, LAT);
    // 0.9 of the reach east of the border: still shard 0's this tick, released after it
    expect(o.assign(0, 1, 114.2 + 0.9 * reachDeg)).toBe(0);
    o.end();
    expect(o.release).toEqual([[0], []]);
    expect(o.leaving).toEqual([[], []]);
    o.hold(0, snapshot('a0'));
    o.begin(tiling, LAT);
    expect(o.assign(0, 1, 114.2 + 1.5 * reachDeg)).toBe(1);
    o.end();
    expect(o.takeOver).toEqual([[], [snapshot('a0')]]);
    expect(o.release).toEqual([[], []]);
    expect(o.ownerOf(0)).toBe(1);
  });

  it('beyond reach (a border moved, a track jumped): handed over before the tick', () => {
    const o = new Ownership(1, 2);
    o.begin(tiling, LAT);
    o.assign(0, 0, 114.19);
    o.end();
    o.begin(tiling, LAT);
    expect(o.assign(0, 1, 114.2 + 1.1 * reachDeg)).toBe(1);
    o.end();
    expect(o.leaving).toEqual([[0], []]);
    expect(o.release).toEqual([[], []]);
    expect(o.ownerOf(0)).toBe(1);
  });

  it('a released aircraft with no sample next tick goes back to the shard that released it', () => {
    const o = new Ownership(2, 2);
    o.begin(tiling, LAT);
    o.assign(0, 0, 114.19);
    o.assign(1, 0, 114.18);
    o.end();
    o.begin(tiling, LAT);
    o.assign(0, 1, 114.2 + 0.5 * reachDeg);
    o.end();
    o.hold(0, snapshot('a0'));
    o.begin(tiling, LAT);
    o.assign(1, 0, 114.18);
    o.end();
    expect(o.takeOver).toEqual([[snapshot('a0')], []]);
    expect(o.ownerOf(0)).toBe(0);
  });

  it('between ticks, the released states can be taken back (before a change is sent to every shard)', () => {
    const o = new Ownership(1, 2);
    o.begin(tiling, LAT);
    o.assign(0, 0, 114.19);
    o.end();
    o.begin(tiling, LAT);
    o.assign(0, 1, 114.2 + 0.5 * reachDeg);
    o.end();
    o.hold(0, snapshot('a0'));
    expect(o.takePending()).toEqual([[snapshot('a0')], []]);
    expect(o.takePending()).toEqual([[], []]);
    // nothing left to deliver with the next tick
    o.begin(tiling, LAT);
    o.assign(0, 0, 114.19);
    o.end();
    expect(o.takeOver).toEqual([[], []]);
  });

  it('a track that left is owned by no one, and nothing of it is delivered later', () => {
    const o = new Ownership(1, 2);
    o.begin(tiling, LAT);
    o.assign(0, 0, 114.19);
    o.end();
    o.hold(0, snapshot('a0'));
    o.forget(0);
    expect(o.ownerOf(0)).toBe(-1);
    expect(o.takePending()).toEqual([[], []]);
    o.register(5);
    expect(o.ownerOf(5)).toBe(-1);
  });
});
