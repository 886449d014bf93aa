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
    // Each worker process runs file after file (vitest's --no-isolate) instead of forking a fresh one per file:
    // starting a fork and importing the server's module graph again cost ~2 s of CPU per file, and the CPU is
    // saturated during a run (97-99 % busy on 2 cores). Full suite on the 2-core machine: 1065 s isolated, 869 s
    // and 877 s not. No test file changes process-wide state without undoing it (client-call.test.ts unstubs its
    // globals after each test); the shared state that does exist (module caches, V8's JIT) is what a server
    // process has too.
    isolate: false,
    // ...so the clean-up hooks of shared helper modules are registered here, once for every file (a helper module is
    // evaluated once per worker, and hooks at its top level would belong to the first file that imported it)
    setupFiles: ['test/setup/clean-up-hooks.ts'],
  },
});
