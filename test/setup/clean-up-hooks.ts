import { afterAll, afterEach, beforeEach } from 'vitest';
import { cleanUpHooks } from '../lib/clean-up.js';

// Setup file (vitest.config.ts setupFiles): runs for every test file, so every file cleans up what its helpers made.
beforeEach(cleanUpHooks.beforeEach);
afterEach(cleanUpHooks.afterEach);
afterAll(cleanUpHooks.afterAll);
