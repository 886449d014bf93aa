import pg from 'pg';

/**
 * Who resumes the impact jobs a stopped process left unfinished. With SQLite one server owns the data
 * directory (store/lock.ts); PostgreSQL is shared by every node, so the resume step is guarded by a
 * session-level advisory lock, keyed by the store's schema and held on a connection of its own for the
 * life of the process: PostgreSQL drops it when that connection ends, however the process ends.
 */
export interface ResumeLock {
  /** takes the lock if free; true while this process holds it */
  claim(): Promise<boolean>;
  release(): Promise<void>;
}

export function resumeLock(connectionString: string, schema: string): ResumeLock {
  let holder: pg.Client | undefined;
  return {
    async claim() {
      if (holder) return true;
      const client = new pg.Client({ connectionString });
      // a lost connection has lost the lock; the next claim tries again on a new one
      client.on('error', () => {
        if (holder === client) holder = undefined;
      });
      await client.connect();
      try {
        const r = await client.query<{ ok: boolean }>(
          "SELECT pg_try_advisory_lock(hashtext('sua-sandbox:job-resume:' || $1::text)) AS ok",
          [schema],
        );
        if (r.rows[0]?.ok) {
          holder = client;
          return true;
        }
      } catch (err) {
        await client.end().catch(() => {});
        throw err;
      }
      await client.end();
      return false;
    },
    async release() {
      const client = holder;
      holder = undefined;
      await client?.end();
    },
  };
}
