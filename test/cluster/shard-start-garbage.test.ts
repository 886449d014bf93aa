import { runInNewContext } from 'node:vm';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { collectStartGarbage, exposedGc } from '../../server/src/monitor-shards/shard-service.js';

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

  it('finds the collector while other threads toggle the same process-wide flag (shard threads starting together)', async () => {
    // what each shard thread does at its start, over and over, in 3 threads (plain JS: no loader needed)
    const toggler = `
      const { setFlagsFromString } = require('node:v8');
      const { runInNewContext } = require('node:vm');
      const { parentPort } = require('node:worker_threads');
      let stop = false;
      parentPort.on('message', () => { stop = true; });
      (function loop() {
        for (let i = 0; i < 200; i++) {
          setFlagsFromString('--expose-gc');
          runInNewContext('typeof gc');
          setFlagsFromString('--no-expose-gc');
        }
        if (stop) parentPort.close(); else setImmediate(loop);
      })();`;
    const threads = Array.from({ length: 3 }, () => new Worker(toggler, { eval: true }));
    try {
      await new Promise((resolve) => setTimeout(resolve, 100)); // the threads are toggling
      // finding the collector is what races (the collections themselves are slow on a test worker's heap)
      const found = Array.from({ length: 300 }, () => typeof exposedGc());
      expect(found.filter((t) => t !== 'function')).toEqual([]);
      collectStartGarbage();
    } finally {
      for (const t of threads) t.postMessage('stop');
      await Promise.all(threads.map((t) => new Promise((resolve) => t.once('exit', resolve))));
    }
    expect(runInNewContext('typeof gc')).toBe('undefined');
  });
});
