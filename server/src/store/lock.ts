import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

/**
 * One server per data directory. The lock is SQLite's own: an exclusive transaction held open on a small
 * database file (`server.lock`) for the life of the process. The operating system drops it when the process
 * ends in any way (kill -9 included), so a stale lock never blocks the next start and a reused pid never
 * fakes one. Who holds it is written beside it (`server.lock.json`) for the message a second start prints.
 */
export interface DataDirLock {
  file: string;
  release(): void;
}

export interface LockHolder {
  pid: number | null;
  startedAt: string | null;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly file: string,
    readonly holder: LockHolder,
  ) {
    const who = holder.pid === null ? 'another process' : `process ${holder.pid}`;
    const since = holder.startedAt ? ` (started ${holder.startedAt})` : '';
    super(
      `another sua-sandbox server is using this data directory: the lock ${file} is held by ${who}${since}. ` +
        'Stop that server, or set DATA_DIR to another directory.',
    );
    this.name = 'DataDirLockedError';
  }
}

export const lockFileOf = (dataDir: string) => path.join(path.resolve(dataDir), 'server.lock');
const holderFileOf = (lockFile: string) => `${lockFile}.json`;

function readHolder(lockFile: string): LockHolder {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(holderFileOf(lockFile), 'utf8'));
    const rec = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
    return {
      pid: typeof rec.pid === 'number' ? rec.pid : null,
      startedAt: typeof rec.startedAt === 'string' ? rec.startedAt : null,
    };
  } catch {
    // the holder has not written it yet, or it was removed: the lock itself is what counts
    return { pid: null, startedAt: null };
  }
}

const isBusy = (err: unknown) => {
  const code = (err as { code?: unknown }).code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
};

/** Takes the data directory's lock or throws DataDirLockedError naming the lock file and its holder. */
export function lockDataDir(dataDir: string): DataDirLock {
  fs.mkdirSync(path.resolve(dataDir), { recursive: true });
  const file = lockFileOf(dataDir);
  // timeout 0: a held lock answers at once instead of waiting for it
  const db = new BetterSqlite3(file, { timeout: 0 });
  try {
    db.pragma('journal_mode = MEMORY'); // nothing is written: no journal file beside the lock
    db.exec('BEGIN EXCLUSIVE');
  } catch (err) {
    db.close();
    if (isBusy(err)) throw new DataDirLockedError(file, readHolder(file));
    throw err;
  }
  const holder = { pid: process.pid, startedAt: new Date().toISOString() };
  fs.writeFileSync(holderFileOf(file), `${JSON.stringify(holder)}\n`);
  let released = false;
  return {
    file,
    release() {
      if (released) return;
      released = true;
      if (readHolder(file).pid === process.pid) fs.rmSync(holderFileOf(file), { force: true });
      db.exec('ROLLBACK');
      db.close();
    },
  };
}
