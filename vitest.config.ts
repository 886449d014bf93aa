import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'rules/src/**/*.test.ts', 'server/src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two files at a time even on 2 cores (vitest's default there is one): most files wait on a server process, a
    // browser, PostgreSQL or Redis, and the whole suite took 1153 s one file at a time against 874 s two at a time
    // on the 2-core CI machine. Every test that waits on something slower than a tick polls for it.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
