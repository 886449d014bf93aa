import { describe, expect, it } from 'vitest';
import {
  type ConformanceTrack,
  conformanceFinding,
  conformanceStep,
  containment,
  type LivePosition,
} from '../../rules/src/traffic/conformance.js';
import { INTENT_TRANSITIONS, type IntentState } from '../../rules/src/traffic/intent.js';
import { createIntent, createParams } from './helpers.js';

const START = '2026-03-16T10:00:00+08:00';
const params = createParams();
const intent = createIntent(params, { id: 'c-1', manager: 'uss', operator: 'Charlie' }, START);
const v0 = intent.details.volumes[1];
const corridor = v0.volume.outline_corridor;
if (!corridor) throw new Error('fixture volume has no corridor');
const mid = {
  lon: (corridor.start.lng + corridor.end.lng) / 2,
  lat: (corridor.start.lat + corridor.end.lat) / 2,
};
const t = Date.parse(v0.time_start.value) + 60_000;
const agl = (v0.volume.altitude_lower.value + v0.volume.altitude_upper.value) / 2;

function at(patch: Partial<LivePosition> = {}): LivePosition {
  return { lon: mid.lon, lat: mid.lat, altAmslM: agl, groundM: 0, tMs: t, ...patch };
}

describe('containment in an intent (4-D)', () => {
  it('is inside on the leg, in its band and window', () => {
    expect(v0.volume.altitude_lower.reference).toBe('AGL');
    expect(containment(intent, at(), params)).toEqual({ inside: true, volume: 1 });
  });

  it('is outside beyond the lateral buffer, above the band, or after the window', () => {
    // 0.01° of latitude is about 1.1 km: well beyond the 50 m buffer of a leg that runs mostly east–west
    expect(containment(intent, at({ lat: mid.lat + 0.01 }), params).inside).toBe(false);
    expect(containment(intent, at({ altAmslM: v0.volume.altitude_upper.value + 5 }), params).inside).toBe(false);
    const end = Date.parse(intent.reference.time_end.value);
    expect(containment(intent, at({ tMs: end + 1000 }), params).inside).toBe(false);
  });

  it('reads AGL bands against the ground under the aircraft', () => {
    // the same AMSL altitude over 40 m of ground is 40 m lower above it: below the band
    expect(containment(intent, at({ groundM: 40 }), params).inside).toBe(false);
    expect(containment(intent, at({ groundM: 40, altAmslM: agl + 40 }), params).inside).toBe(true);
  });
});

describe('conformance step (state machine)', () => {
  const grace = params.conformance.graceS;
  const run = (state: IntentState, obs: [boolean, number][]) => {
    let track: ConformanceTrack = { state, outsideSinceMs: null };
    const moves: IntentState[] = [];
    for (const [inside, dt] of obs) {
      const s = conformanceStep(track, inside, t + dt, grace);
      track = s.track;
      moves.push(...s.transitions);
    }
    return { track, moves };
  };

  it('activates an accepted intent when its aircraft flies inside, and keeps a conforming one Activated', () => {
    expect(run('Accepted', [[true, 0]]).moves).toEqual(['Activated']);
    const conforming = run('Activated', [
      [true, 0],
      [true, 10_000],
      [true, 600_000],
    ]);
    expect(conforming.moves).toEqual([]);
    expect(conforming.track.state).toBe('Activated');
  });

  it('goes Nonconforming at once outside, and Contingent only once the grace has passed', () => {
    const g = grace * 1000;
    const early = run('Activated', [
      [false, 0],
      [false, g - 1000],
    ]);
    expect(early.moves).toEqual(['Nonconforming']);
    expect(early.track).toEqual({ state: 'Nonconforming', outsideSinceMs: t });
    const late = run('Activated', [
      [false, 0],
      [false, g - 1000],
      [false, g],
    ]);
    expect(late.moves).toEqual(['Nonconforming', 'Contingent']);
  });

  it('returns to Activated when back inside before the grace, and the grace starts again', () => {
    const g = grace * 1000;
    const r = run('Activated', [
      [false, 0],
      [true, g / 2],
      [false, g - 1000],
      [false, g + 1000],
    ]);
    expect(r.moves).toEqual(['Nonconforming', 'Activated', 'Nonconforming']);
    expect(r.track.state).toBe('Nonconforming');
  });

  it('never moves a Contingent or Ended intent, and every move it makes is legal', () => {
    expect(run('Contingent', [[true, 0]]).moves).toEqual([]);
    expect(run('Ended', [[false, 0]]).moves).toEqual([]);
    const { moves } = run('Accepted', [
      [false, 0],
      [false, grace * 1000],
    ]);
    expect(moves).toEqual(['Activated', 'Nonconforming', 'Contingent']);
    let from: IntentState = 'Accepted';
    for (const to of moves) {
      expect(INTENT_TRANSITIONS[from]).toContain(to);
      from = to;
    }
  });
});

describe('conformance finding', () => {
  it('is an advisory citing the Sandbox X trial provision while Nonconforming or Contingent, none otherwise', () => {
    expect(conformanceFinding(intent, { state: 'Activated', outsideSinceMs: null }, at(), params)).toBeNull();
    const f = conformanceFinding(intent, { state: 'Contingent', outsideSinceMs: t - 45_000 }, at(), params);
    expect(f).toMatchObject({
      ruleId: 'traffic.conformance',
      kind: 'intent-conformance',
      effect: 'advisory',
      code: 'traffic.conformance.contingent',
      params: { intent: 'c-1', outside: 45, grace: params.conformance.graceS },
      provision: params.provision,
      measured: { value: 45, unit: 's' },
    });
    expect(f?.message.en).toContain('c-1');
    expect(f?.message.zh).toContain('c-1');
  });
});
