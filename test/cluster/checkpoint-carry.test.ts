import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Checkpoints, type SessionDefOf } from '../../server/src/cluster/checkpoints.js';
import { Leases } from '../../server/src/cluster/leases.js';
import type { CarriedTelemetry } from '../../server/src/realtime/session.js';
import { trackFromSample } from '../../server/src/realtime/tracks.js';
import { dropPrefix, requireRedis, testPrefix } from './nodes.js';

/**
 * What a takeover continues from besides the re-simulation (issue 15): the separation minima a rulebook draft
 * trials, and the telemetry aircraft, older by the time since they were written; written only by the lease holder.
 */
let redis: Redis;
const prefix = testPrefix();

beforeAll(async () => {
  redis = await requireRedis();
});
afterAll(async () => {
  if (!redis) return;
  await dropPrefix(redis, prefix);
  redis.disconnect();
});

const flat = { id: 'flat', description: 'sea level everywhere', groundM: () => 0 };

function carried(): CarriedTelemetry {
  const sample = {
    aircraftId: 'cx-1',
    time: 1_700_000_000_000,
    lon: 114.17,
    lat: 22.29,
    alt: 40,
    altRef: 'AMSL' as const,
  };
  const { heardAtMs: _h, ...track } = trackFromSample(sample, undefined, flat, 'user:one', 5000);
  return {
    tracks: [{ ...track, intentId: 'a-1', ageMs: 700 }],
    intents: [
      { aircraftId: 'tm:cx-1', intentId: 'a-1', track: { state: 'Nonconforming', outsideSinceMs: 42 }, open: null },
    ],
  };
}

describe('checkpointed state beyond the re-simulation', () => {
  it('carries separation minima and telemetry (aged since written); a node without the lease writes nothing', async () => {
    const leases = new Leases(redis, prefix, 'node-a', 5000);
    const a = new Checkpoints(redis, prefix, (id) => leases.key(id), 'node-a');
    const b = new Checkpoints(redis, prefix, (id) => leases.key(id), 'node-b');
    expect(await leases.acquire('s1')).toBe(true);
    const def = {
      id: 's1',
      title: 'trial',
      scenario: { id: 'sc', flights: [] },
      rulebook: { id: 'rb', version: '1' },
      rulebookRef: { id: 'rb', version: '1', title: 'Rulebook', draftId: 'd-1' },
      loop: false,
      separation: { horizontalM: 120, verticalM: 30 },
    } as unknown as SessionDefOf;
    expect(await a.define(def)).toBe(true);
    expect(await a.saveTelemetry('s1', carried())).toBe(true);
    expect(await b.saveTelemetry('s1', { tracks: [], intents: [] })).toBe(false);

    await new Promise((r) => setTimeout(r, 300));
    const stored = await b.load('s1');
    expect(stored?.def.separation).toEqual({ horizontalM: 120, verticalM: 30 });
    const [track] = stored?.telemetry?.tracks ?? [];
    expect(track).toMatchObject({ id: 'tm:cx-1', source: 'user:one', intentId: 'a-1' });
    // 700 ms old when written, silent since: at least 300 ms older now
    expect(track.ageMs).toBeGreaterThanOrEqual(1000);
    expect(track.ageMs).toBeLessThan(5000);
    expect(stored?.telemetry?.intents).toEqual(carried().intents);

    await a.forget('s1');
    expect(await redis.exists(`${prefix}session:s1:tm`)).toBe(0);
    await leases.release('s1');
  });
});
