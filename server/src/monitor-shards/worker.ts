import { parentPort, workerData } from 'node:worker_threads';
import { buildZoneIndex } from '@sua-sandbox/rules/airspace';
import { MonitorShard, ScenarioRun } from '@sua-sandbox/rules/sim';
import { groundModel } from '../workers/airspace-cache.js';
import type { ShardInit, ShardRequest, ShardResponse } from './protocol.js';

/**
 * One monitor shard in its own thread: the session's scenario run rebuilt here (same compile, same monitor, same
 * aircraft order), judging the aircraft over its tiles on each tick the coordinator sends.
 */
const init = workerData as ShardInit;
const port = parentPort;
if (!port) throw new Error('monitor-shards/worker.ts runs only as a worker thread');

const base = buildZoneIndex(init.airspace.zones, {
  version: init.airspace.version,
  elevation: groundModel(init.airspace.ground),
});
const run = new ScenarioRun(init.scenario, {
  rulebook: init.rulebook,
  airspace: base,
  permissions: init.permissions,
  sharedEvaluators: init.sharedEvaluators,
  recheck: init.recheck,
});
run.monitor.setWithdrawnPermissions(new Set(init.withdrawn), run.simTimeMs);
const shard = new MonitorShard(
  run.monitor,
  run.airspace,
  run.sim.aircraft.map((a) => a.flight.id),
);

const send = (m: ShardResponse, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

port.on('message', (m: ShardRequest) => {
  try {
    if (m.type === 'hand-off') send({ id: m.id, type: 'hand-off', snapshots: shard.handOff(m.regs) });
    else {
      const reply = shard.tick(m.tick);
      send({ id: m.id, type: 'tick', reply }, [
        reply.eventOrder.buffer as ArrayBuffer,
        reply.flags.buffer as ArrayBuffer,
      ]);
    }
  } catch (err) {
    send({ id: m.id, type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
});
send({ id: -1, type: 'ready', aircraft: shard.ids.length });
