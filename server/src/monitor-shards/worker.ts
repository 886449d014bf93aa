import { parentPort, workerData } from 'node:worker_threads';
import type { ShardInit, ShardRequest, ShardResponse } from './protocol.js';
import { answerShard, buildShard } from './shard-service.js';

/** One monitor shard in its own thread (the request handling is shard-service.ts, shared with shard processes). */
const port = parentPort;
if (!port) throw new Error('monitor-shards/worker.ts runs only as a worker thread');
const shard = buildShard(workerData as ShardInit);

port.on('message', (m: ShardRequest) => {
  const { response, transfer } = answerShard(shard, m);
  port.postMessage(response, transfer);
});
const ready: ShardResponse = { id: -1, type: 'ready', aircraft: shard.ids.length };
port.postMessage(ready);
