import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from '../e2e/harness.js';

/**
 * Test files share a worker (`isolate: false`): the clean-ups of shared helpers must still run after each file,
 * not only after the first one that imported the helper. Runs three fixture files in one worker with the suite's
 * own configuration and checks that every folder they made is gone.
 */
it('every file of a worker cleans up what its helpers made, after each test and after the file', () => {
  const probe = fs.mkdtempSync(path.join(os.tmpdir(), 'sua-clean-up-probe-'));
  try {
    const log = path.join(probe, 'made.log');
    const run = spawnSync(
      process.execPath,
      ['node_modules/vitest/vitest.mjs', 'run', '--config', 'test/setup/fixtures/vitest.fixture.config.ts'],
      { cwd: repoRoot, env: { ...process.env, PROBE_LOG: log, NO_COLOR: '1' }, encoding: 'utf8', timeout: 120_000 },
    );
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Test Files\s+3 passed/);
    const made = fs.readFileSync(log, 'utf8').trim().split('\n');
    expect(made).toHaveLength(6); // a per-file and a per-test folder in each of the three files
    expect(made.filter((dir) => fs.existsSync(dir))).toEqual([]);
  } finally {
    fs.rmSync(probe, { recursive: true, force: true });
  }
});
