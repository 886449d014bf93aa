import { deserialize } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import type { MonitorShard } from '@sua-sandbox/rules/sim';
import type { SerializedShardInit, ShardInitMessage, ShardRequest, ShardResponse } from './protocol.js';
import { answerShard, buildShard, collectStartGarbage, errorText } from './shard-service.js';

/**
 * One monitor shard in its own thread (the request handling is shard-service.ts, shared with shard processes). The
 * thread may start before its run exists (threads.ts keeps some loaded and waiting): the run comes as the first
 * message, and the thread answers `ready` once it has built its shard.
 */
const port = parentPort;
if (!port) throw new Error('monitor-shards/worker.ts runs only as a worker thread');
let shard: MonitorShard | undefined;

port.on('message', (m: ShardRequest | ShardInitMessage) => {
  if (m.type === 'init') {
    shard = shardOf(m);
    collectStartGarbage();
    const ready: ShardResponse = { id: -1, type: 'ready', aircraft: shard.ids.length };
    port.postMessage(ready);
    return;
  }
  if (!shard) {
    const refused: ShardResponse = { id: m.id, type: 'error', message: errorText(new Error('no run yet')) };
    port.postMessage(refused);
    return;
  }
  const { response, transfer } = answerShard(shard, m);
  port.postMessage(response, transfer);
});

/** The shard of a run, deserialized here, off the coordinator's thread; the ground model comes apart, in shared memory. */
function shardOf(m: ShardInitMessage): MonitorShard {
  const init = deserialize(m.bytes) as SerializedShardInit;
  return buildShard({ ...init, airspace: { ...init.airspace, ground: m.ground } });
}

// loaded: a thread started ahead (threads.ts) is ready for a run
const loaded: ShardResponse = { id: -1, type: 'loaded' };
port.postMessage(loaded);
