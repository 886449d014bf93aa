import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterEnv, clusterConfig } from '../../server/src/cluster/config.js';
import { Leases } from '../../server/src/cluster/leases.js';
import { ConfigError, loadConfig } from '../../server/src/config.js';
import { dropPrefix, requireRedis, testPrefix } from './nodes.js';

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

describe('session leases', () => {
  it('one holder at a time; only the holder renews or releases; a lapsed lease goes to the next asker', async () => {
    const a = new Leases(redis, prefix, 'node-a', 300);
    const b = new Leases(redis, prefix, 'node-b', 300);
    expect(await a.acquire('s1')).toBe(true);
    expect(await b.acquire('s1')).toBe(false);
    expect(await b.renew('s1')).toBe(false);
    await b.release('s1');
    expect(await a.holder('s1')).toBe('node-a');
    expect(await a.renew('s1')).toBe(true);
    // a stops renewing (it died): after the ttl b gets it, and a can no longer renew it
    await new Promise((r) => setTimeout(r, 400));
    expect(await b.acquire('s1')).toBe(true);
    expect(await a.renew('s1')).toBe(false);
    await b.release('s1');
    expect(await a.holder('s1')).toBeNull();
  });
});

describe('cluster configuration', () => {
  it('without REDIS_URL there is no cluster (one process, as npm start)', () => {
    expect(loadConfig({}, '/repo').cluster).toBeUndefined();
  });

  it('REDIS_URL makes a node; defaults for prefix, lease and node id', () => {
    const c = clusterConfig(ClusterEnv.parse({ REDIS_URL: 'redis://127.0.0.1:6379' }));
    expect(c).toMatchObject({ redisUrl: 'redis://127.0.0.1:6379', prefix: 'sua:', leaseMs: 2000 });
    expect(c?.nodeId).toMatch(/-\d+$/);
  });

  it('bad values fail fast naming the variable', () => {
    expect(() => loadConfig({ REDIS_URL: 'http://x', CLUSTER_LEASE_MS: '10' }, '/repo')).toThrow(ConfigError);
    try {
      loadConfig({ REDIS_URL: 'http://x', CLUSTER_LEASE_MS: '10' }, '/repo');
    } catch (err) {
      expect((err as Error).message).toMatch(/REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/);
      expect((err as Error).message).toMatch(/CLUSTER_LEASE_MS/);
    }
  });
});
