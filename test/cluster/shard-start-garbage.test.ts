import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { collectStartGarbage } from '../../server/src/monitor-shards/shard-service.js';

describe('a monitor shard collects the garbage of its start', () => {
  it('collects what nothing holds any more, and leaves no collector exposed', async () => {
    let ref: WeakRef<object> | undefined;
    (() => {
      ref = new WeakRef({ scenario: Array.from({ length: 10_000 }, (_, i) => ({ i })) });
    })();
    // a weak reference holds its target until the end of the job that made it
    await new Promise((resolve) => setImmediate(resolve));
    collectStartGarbage();
    expect(ref?.deref()).toBeUndefined();
    // the flag was set for the collector's own context only, then reset: new contexts have no `gc`
    expect(runInNewContext('typeof gc')).toBe('undefined');
  });
});
