import { describe, expect, it } from 'vitest';
import {
  type AircraftState,
  PackedStates,
  packStates,
  StatePacker,
  unpackStates,
} from '../../rules/src/protocol/index.js';
import { ScenarioRun } from '../../rules/src/sim/run.js';
import { syntheticTraffic } from '../../rules/src/sim/traffic.js';
import { builtins } from '../sim/fixtures.js';

const state = (over: Partial<AircraftState> = {}): AircraftState => ({
  id: 'a1',
  lon: 114.1738123,
  lat: 22.2936456,
  altAmslM: 123.456,
  aglM: 100.04,
  headingDeg: 359.96,
  groundSpeedMps: 12.349,
  verticalSpeedMps: -2.55,
  mode: 'cruise',
  flags: 1 | 16,
  pilotDistanceM: 480.26,
  ...over,
});

/** What a client reads back: the value rounded to the field's step (1e-6°, 0.1 m, 0.1°, 0.1 m/s). */
const rounded = (s: AircraftState): AircraftState => ({
  ...s,
  lon: Math.round(s.lon * 1e6) / 1e6,
  lat: Math.round(s.lat * 1e6) / 1e6,
  altAmslM: Math.round(s.altAmslM * 10) / 10,
  aglM: Math.round(s.aglM * 10) / 10,
  headingDeg: Math.round(s.headingDeg * 10) / 10,
  groundSpeedMps: Math.round(s.groundSpeedMps * 10) / 10,
  verticalSpeedMps: Math.round(s.verticalSpeedMps * 10) / 10,
  pilotDistanceM: s.pilotDistanceM === null ? null : Math.round(s.pilotDistanceM * 10) / 10,
});

describe('packed aircraft states (the binary part of tick and snapshot)', () => {
  it('round-trips every field to its step, negative values, unknown pilot distance and the telemetry mode', () => {
    const states = [
      state(),
      state({ id: 'west', lon: -122.4194155, lat: -33.8688197, altAmslM: -12.34, flags: 0 }),
      state({ id: 'tm:rc-1', mode: 'telemetry', pilotDistanceM: null, flags: 8 }),
    ];
    const block = packStates(states);
    expect(block.ids).toEqual(['a1', 'west', 'tm:rc-1']);
    expect((block.data as Uint8Array).byteLength).toBe(3 * 40);
    expect(unpackStates(block)).toEqual(states.map(rounded));
  });

  it('grows past its first capacity and hands out a fresh buffer on every finish', () => {
    const packer = new StatePacker(2);
    const many = Array.from({ length: 1000 }, (_, i) => state({ id: `t${i}`, lon: 114 + i * 1e-4 }));
    for (const s of many) packer.add(s);
    const first = packer.finish();
    packer.add(state({ id: 'next' }));
    const second = packer.finish();
    expect(unpackStates(first)).toEqual(many.map(rounded));
    expect(unpackStates(second).map((s) => s.id)).toEqual(['next']);
    expect((first.data as Uint8Array).buffer).not.toBe((second.data as Uint8Array).buffer);
  });

  it('reads what socket.io delivers: an ArrayBuffer in browsers, a Buffer in Node', () => {
    const block = packStates([state(), state({ id: 'b' })]);
    const bytes = block.data as Uint8Array;
    const asArrayBuffer = new Uint8Array(bytes).buffer;
    const inBiggerBuffer = Buffer.concat([Buffer.alloc(8), Buffer.from(bytes)]).subarray(8);
    expect(unpackStates({ ids: block.ids, data: asArrayBuffer })).toEqual(unpackStates(block));
    expect(unpackStates({ ids: block.ids, data: inBiggerBuffer })).toEqual(unpackStates(block));
    expect(PackedStates.safeParse({ ids: [], data: [1, 2] }).success).toBe(false);
  });

  it('refuses a block whose length does not match its ids', () => {
    const block = packStates([state()]);
    expect(() => unpackStates({ ids: ['a', 'b'], data: block.data })).toThrow(/80/);
  });

  it('the simulation writes the same states as it reports (packState equals stateOf)', () => {
    const { airspace, rulebooks } = builtins();
    const run = new ScenarioRun(syntheticTraffic({ aircraft: 50, seed: 5, durationS: 120 }), {
      rulebook: rulebooks[1],
      airspace,
      permissions: [],
      sharedEvaluators: true,
    });
    for (let i = 0; i < 40; i++) run.step();
    const packer = new StatePacker();
    run.packStates(packer);
    expect(unpackStates(packer.finish())).toEqual(run.states().map(rounded));
  });
});
