import { randomBytes } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import type { ShardLink } from '@sua-sandbox/rules/sim';
import { Redis } from 'ioredis';
import type { ShardInit, ShardProcessRequest, ShardRequest, ShardResponse } from './protocol.js';
import { claimOf, RUN_KEYS_TTL_MS, type RunKeys, runKeys, slotListKey } from './redis-keys.js';
import { RequestLink } from './request-link.js';

export interface ShardProcessOptions {
  redisUrl: string;
  /** the deployment's key prefix (REDIS_PREFIX): the shard processes must use the same */
  prefix: string;
  /** how long `n` shard processes have to take the run's slots and build it (default 60 s) */
  startTimeoutMs?: number;
  /** a request a shard has not answered in this long fails the shard (default 60 s) */
  requestTimeoutMs?: number;
  /** how often the shard processes' Redis connections are looked at (default 500 ms) */
  watchMs?: number;
}

/** The same shape as startShardThreads' answer (ShardThreads). */
export interface ShardProcesses {
  links: ShardLink[];
  close(): Promise<void>;
}

/**
 * One `sua-sandbox monitor-shard` process behind a ShardLink: requests go to its slot's request list with an id,
 * its answers come back on the reply list (read by a blocking connection of this link's own) and resolve them.
 * A failure (the process gone, an unanswered request, Redis unreachable) rejects everything pending, and every
 * later request, with the reason.
 */
export class RedisShardLink extends RequestLink {
  private stopped = false;
  /** the Redis client id of the shard process (from its ready answer): gone from CLIENT LIST = process gone */
  connection: number | undefined;
  readonly ready: Promise<void>;
  private settleReady: { resolve: () => void; reject: (e: Error) => void } | undefined;

  constructor(
    private readonly cmd: Redis,
    private readonly reader: Redis,
    private readonly keys: RunKeys,
    readonly slot: number,
    readonly name: string,
  ) {
    super();
    this.ready = new Promise((resolve, reject) => {
      this.settleReady = { resolve, reject };
    });
    this.ready.catch(() => {});
    void this.read();
  }

  private async read(): Promise<void> {
    while (!this.stopped && !this.failed) {
      let r: [Buffer, Buffer] | null;
      try {
        r = await this.reader.blpopBuffer(this.keys.reply(this.slot), 5);
      } catch (err) {
        if (!this.stopped)
          this.fail(new Error(`${this.name}: reading its answers from Redis failed: ${messageOf(err)}`));
        return;
      }
      if (r) this.dispatch(deserialize(r[1]) as ShardResponse);
    }
  }

  private dispatch(m: ShardResponse): void {
    if (m.type === 'ready') {
      this.connection = m.connection;
      this.settleReady?.resolve();
      return;
    }
    if (m.id === -1 && m.type === 'error') {
      this.fail(new Error(`${this.name} could not build the run: ${m.message}`));
      return;
    }
    this.answer(m);
  }

  /** Fails the link for good, its start too: pending and later requests reject with `err`. */
  override fail(err: Error): void {
    if (this.failed) return;
    super.fail(err);
    this.settleReady?.reject(err);
  }

  /** Stop reading answers (the run is closing): what is pending rejects. */
  stop(): void {
    this.stopped = true;
    this.fail(new Error(`${this.name}: the sharded run was closed`));
  }

  protected send(m: ShardRequest): void {
    pushMessage(this.cmd, this.keys.request(this.slot), m).catch((err: unknown) =>
      this.fail(new Error(`${this.name}: sending a request over Redis failed: ${messageOf(err)}`)),
    );
  }
}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Append a v8-serialized message to a list, renewing its expiry. */
export async function pushMessage(redis: Redis, key: string, m: ShardProcessRequest | ShardResponse): Promise<void> {
  await redis.multi().rpush(key, serialize(m)).pexpire(key, RUN_KEYS_TTL_MS).exec();
}

/**
 * Hand one run to `n` `sua-sandbox monitor-shard` processes through Redis; resolves once each has built its run,
 * with the same shape as startShardThreads. Rejects (naming the cause) when fewer than `n` processes take it in
 * time or one cannot build it.
 */
export async function startShardProcesses(
  init: ShardInit,
  n: number,
  opts: ShardProcessOptions,
): Promise<ShardProcesses> {
  const run = randomBytes(8).toString('hex');
  const keys = runKeys(opts.prefix, run);
  const slots = slotListKey(opts.prefix);
  const connect = (blocking: boolean) => {
    const r = new Redis(opts.redisUrl, blocking ? { maxRetriesPerRequest: null } : { maxRetriesPerRequest: 1 });
    r.on('error', () => {}); // failures surface on the commands (and fail the link)
    return r;
  };
  const cmd = connect(false);
  const readers = Array.from({ length: n }, () => connect(true));
  const links = readers.map(
    (reader, s) =>
      new RedisShardLink(cmd, reader, keys, s, `monitor shard ${s} of run ${run} (a monitor-shard process)`),
  );
  const watchdog = new ShardWatchdog(cmd, keys, links, opts.requestTimeoutMs ?? 60_000);
  const timer = setInterval(() => watchdog.check(), opts.watchMs ?? 500);
  const close = async () => {
    clearInterval(timer);
    for (const l of links) l.stop();
    try {
      const m = cmd.multi().del(keys.init);
      for (let s = 0; s < n; s++) m.lrem(slots, 0, claimOf(run, s)).del(keys.reply(s));
      await m.exec();
      for (let s = 0; s < n; s++) await pushMessage(cmd, keys.request(s), { type: 'close' });
    } catch {
      // Redis gone: the keys expire on their own and the shard processes leave when the run's init key has
    } finally {
      for (const r of readers) r.disconnect();
      cmd.disconnect();
    }
  };
  try {
    await cmd.set(keys.init, serialize(init), 'PX', RUN_KEYS_TTL_MS);
    const claims = links.map((_, s) => claimOf(run, s));
    await cmd
      .multi()
      .rpush(slots, ...claims)
      .pexpire(slots, RUN_KEYS_TTL_MS)
      .exec();
    await allReadyWithin(links, opts.startTimeoutMs ?? 60_000, opts.prefix);
  } catch (err) {
    await close();
    throw err;
  }
  return { links, close };
}

async function allReadyWithin(links: RedisShardLink[], ms: number, prefix: string): Promise<void> {
  let ready = 0;
  let timeout: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timeout = setTimeout(
      () =>
        reject(
          new Error(
            `only ${ready} of ${links.length} monitor shards were taken by a \`sua-sandbox monitor-shard\` process ` +
              `within ${ms / 1000} s: start at least ${links.length} of them on this Redis with REDIS_PREFIX=${prefix}`,
          ),
        ),
      ms,
    );
  });
  try {
    await Promise.race([Promise.all(links.map((l) => l.ready.then(() => ready++))), late]);
  } finally {
    clearTimeout(timeout);
  }
}

/**
 * Keeps a run's keys alive while its coordinator lives, and fails a shard whose process is gone (its Redis
 * connection closed: a kill -9 is seen within one check) or that leaves a request unanswered too long.
 */
class ShardWatchdog {
  private busy = false;

  constructor(
    private readonly cmd: Redis,
    private readonly keys: RunKeys,
    private readonly links: RedisShardLink[],
    private readonly requestTimeoutMs: number,
  ) {}

  check(): void {
    const now = Date.now();
    for (const l of this.links)
      if (l.oldestWaitMs(now) > this.requestTimeoutMs)
        l.fail(new Error(`${l.name} did not answer within ${this.requestTimeoutMs / 1000} s`));
    if (this.busy) return;
    this.busy = true;
    this.look().finally(() => {
      this.busy = false;
    });
  }

  private async look(): Promise<void> {
    try {
      await this.cmd.pexpire(this.keys.init, RUN_KEYS_TTL_MS);
      const watched = this.links.filter((l) => l.connection !== undefined && !l.failed);
      if (watched.length === 0) return;
      const list = String(await this.cmd.call('CLIENT', 'LIST', 'ID', ...watched.map((l) => String(l.connection))));
      const alive = new Set([...list.matchAll(/^id=(\d+)/gm)].map((m) => Number(m[1])));
      for (const l of watched)
        if (!alive.has(l.connection ?? -1))
          l.fail(new Error(`${l.name} is gone: its Redis connection closed (the process died or lost Redis)`));
    } catch {
      // Redis unreachable or CLIENT LIST not allowed: the request deadline above still bounds every wait
    }
  }
}
