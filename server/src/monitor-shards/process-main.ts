import { deserialize } from 'node:v8';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { ShardInit, ShardProcessRequest, ShardResponse } from './protocol.js';
import { parseClaim, runKeys, slotListKey } from './redis-keys.js';
import { pushMessage } from './redis-link.js';
import { answerShard, buildShard, collectStartGarbage, errorText } from './shard-service.js';

export interface ShardProcessOptions {
  redisUrl: string;
  prefix: string;
  logger: Logger;
  /** seconds a blocking wait lasts before looking again at whether to stop or whether the run still exists */
  pollS?: number;
}

export interface ShardProcess {
  /** finish the request at hand, leave the slot (its coordinator then sees the shard gone) and disconnect */
  stop(): Promise<void>;
  /** settles when the process stopped serving (rejects on an unexpected failure) */
  done: Promise<void>;
}

/**
 * A `sua-sandbox monitor-shard` process: takes one shard slot of a sharded run at a time from Redis, builds the
 * shard from the run's ShardInit (as a shard thread does), answers the coordinator's requests until the run is
 * closed or its keys expire (coordinator gone), then takes the next slot.
 */
export function startShardProcess(opts: ShardProcessOptions): ShardProcess {
  const pollS = opts.pollS ?? 2;
  // Blocking reads on one connection (its client id is what the coordinator watches), answers on the other.
  const blocking = new Redis(opts.redisUrl, { maxRetriesPerRequest: null });
  const cmd = new Redis(opts.redisUrl, { maxRetriesPerRequest: null });
  for (const r of [blocking, cmd]) r.on('error', (err) => opts.logger.warn({ err: err.message }, 'redis'));
  let stopping = false;

  /** The shard of a run from its description in Redis (null: gone), the description's bytes dropped once read. */
  async function shardOfRun(key: string): Promise<ReturnType<typeof buildShard> | null> {
    const bytes = await cmd.getBuffer(key);
    return bytes ? buildShard(deserialize(bytes) as ShardInit) : null;
  }

  async function serveSlot(run: string, slot: number): Promise<void> {
    const keys = runKeys(opts.prefix, run);
    const log = opts.logger.child({ run, slot });
    const reply = (m: ShardResponse) => pushMessage(cmd, keys.reply(slot), m);
    let shard: ReturnType<typeof buildShard> | null;
    try {
      shard = await shardOfRun(keys.init);
    } catch (err) {
      log.error({ err: errorText(err) }, 'monitor shard could not build its run');
      return reply({ id: -1, type: 'error', message: errorText(err) });
    }
    if (!shard) return log.info('monitor shard slot skipped: its run is gone');
    collectStartGarbage();
    const connection = Number(await blocking.call('CLIENT', 'ID'));
    await reply({ id: -1, type: 'ready', aircraft: shard.ids.length, connection });
    log.info({ aircraft: shard.ids.length }, 'monitor shard serving');
    while (!stopping) {
      const r = await blocking.blpopBuffer(keys.request(slot), pollS);
      if (!r) {
        if ((await cmd.exists(keys.init)) === 0) return log.info('monitor shard left: its coordinator is gone');
        continue;
      }
      const m = deserialize(r[1]) as ShardProcessRequest;
      if (m.type === 'close') return log.info('monitor shard done: its run closed');
      await reply(answerShard(shard, m).response);
    }
    log.warn('monitor shard left its slot on stop: its run will fail over this shard');
  }

  async function loop(): Promise<void> {
    while (!stopping) {
      const claim = await blocking.blpop(slotListKey(opts.prefix), pollS);
      if (!claim) continue;
      const c = parseClaim(claim[1]);
      if (!c) {
        opts.logger.warn({ claim: claim[1] }, 'not a monitor shard claim: dropped');
        continue;
      }
      try {
        await serveSlot(c.run, c.slot);
      } catch (err) {
        // this slot's run fails (its coordinator sees the shard silent); the process goes on to the next one
        opts.logger.error({ run: c.run, slot: c.slot, err: errorText(err) }, 'monitor shard slot failed');
      }
    }
  }

  const done = loop().finally(() => {
    blocking.disconnect();
    cmd.disconnect();
  });
  done.catch(() => {});
  return {
    done,
    async stop() {
      stopping = true;
      await done.catch(() => {});
    },
  };
}
