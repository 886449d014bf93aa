import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir, lockFileOf } from '../../server/src/store/lock.js';
import { call, tempDir } from '../server/helpers.js';
import { startMain } from './main-process.js';

describe('one server per data directory', () => {
  it('a second server on the same DATA_DIR exits 2 naming the lock and the holding pid; a kill -9 leaves no stale lock', async () => {
    const dir = tempDir('sua-lock-');
    const first = startMain(dir);
    try {
      const url = await first.listening;
      const second = startMain(dir);
      expect(await second.exited).toBe(2);
      expect(second.errors()).toContain(path.join(dir, 'server.lock'));
      expect(second.errors()).toContain(`process ${first.pid}`);
      expect(second.output()).not.toContain('listening');
      // the first one is untouched
      expect((await call(url, 'GET', '/api/health')).status).toBe(200);
    } finally {
      first.child.kill('SIGKILL');
      await first.exited;
    }
    // the dead holder's files are still there, but the lock died with it
    expect(fs.existsSync(path.join(dir, 'server.lock.json'))).toBe(true);
    const third = startMain(dir);
    const url = await third.listening;
    expect((await call(url, 'GET', '/api/health')).status).toBe(200);
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
    // a clean stop removes the holder record
    expect(fs.existsSync(path.join(dir, 'server.lock.json'))).toBe(false);
  }, 120_000);

  it('is held until released, in the same process too', () => {
    const dir = tempDir('sua-lock-');
    const lock = lockDataDir(dir);
    expect(lock.file).toBe(lockFileOf(dir));
    let refused: unknown;
    try {
      lockDataDir(dir);
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(DataDirLockedError);
    expect((refused as DataDirLockedError).holder.pid).toBe(process.pid);
    lock.release();
    lockDataDir(dir).release();
  });
});
