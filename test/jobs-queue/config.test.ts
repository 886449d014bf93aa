import { describe, expect, it } from 'vitest';
import { JobQueueConfigError, loadJobQueueConfig } from '../../server/src/jobs-queue/config.js';
import { decodeFailure, encodeFailure } from '../../server/src/jobs-queue/messages.js';
import { startWorker } from './queue-env.js';

describe('job queue configuration', () => {
  it('without REDIS_URL there is no queue: impact jobs stay in-process', () => {
    expect(loadJobQueueConfig({})).toBeUndefined();
    expect(loadJobQueueConfig({ REDIS_URL: '' })).toBeUndefined();
  });

  it('with REDIS_URL: defaults, and the prefix under the cluster prefix', () => {
    expect(loadJobQueueConfig({ REDIS_URL: 'redis://127.0.0.1:6379' })).toEqual({
      redisUrl: 'redis://127.0.0.1:6379',
      prefix: 'sua:jobs',
      lockMs: 30_000,
      attempts: 3,
      concurrency: 1,
    });
    expect(loadJobQueueConfig({ REDIS_URL: 'redis://r', REDIS_PREFIX: 'hk:' })?.prefix).toBe('hk:jobs');
    expect(loadJobQueueConfig({ REDIS_URL: 'redis://r', JOB_QUEUE_PREFIX: 'q1', JOB_LOCK_MS: '1500' })).toMatchObject({
      prefix: 'q1',
      lockMs: 1500,
    });
  });

  it('names every bad variable', () => {
    const bad = () =>
      loadJobQueueConfig({ REDIS_URL: 'http://x', JOB_LOCK_MS: '10', JOB_ATTEMPTS: 'many', JOB_QUEUE_PREFIX: 'a b' });
    expect(bad).toThrow(JobQueueConfigError);
    expect(bad).toThrow(/REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(bad).toThrow(/JOB_LOCK_MS:/);
    expect(bad).toThrow(/JOB_ATTEMPTS:/);
    expect(bad).toThrow(/JOB_QUEUE_PREFIX:/);
  });
});

describe('failure reasons through the queue', () => {
  it('a reason the worker gave comes back as it was; anything else says no more than in-process', () => {
    const reply = { code: 'budget_exceeded' as const, message: 'the batch of plans 0–99 failed: too slow' };
    expect(decodeFailure(encodeFailure(reply))).toEqual(reply);
    expect(decodeFailure('connect ECONNREFUSED 10.0.0.3:5432')).toEqual({
      code: 'internal',
      message: 'the impact run failed',
    });
    expect(decodeFailure('job stalled more than allowable limit')).toMatchObject({ code: 'failed' });
    expect(decodeFailure(undefined)).toMatchObject({ code: 'internal' });
  });
});

describe('sua-sandbox worker: bad environment', () => {
  it('exits 2 naming REDIS_URL, then DATABASE_URL, when either is missing', async () => {
    const noRedis = startWorker({ REDIS_URL: '', DATABASE_URL: '' });
    expect(await noRedis.exited).toBe(2);
    expect(noRedis.output()).toMatch(/sua-sandbox worker: REDIS_URL: required/);
    const noDb = startWorker({ REDIS_URL: 'redis://127.0.0.1:6379', DATABASE_URL: '' });
    expect(await noDb.exited).toBe(2);
    expect(noDb.output()).toMatch(/sua-sandbox worker: DATABASE_URL: required/);
  }, 60_000);

  it('exits 1 naming the Redis that did not answer, never its password', async () => {
    const w = startWorker({
      REDIS_URL: 'redis://:secret@127.0.0.1:1',
      DATABASE_URL: 'postgres://postgres@127.0.0.1/test',
    });
    expect(await w.exited).toBe(1);
    expect(w.output()).toMatch(/Redis at 127\.0\.0\.1:1 did not answer/);
    expect(w.output()).not.toContain('secret');
  }, 60_000);
});
