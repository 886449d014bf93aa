import { buildZoneIndex } from '@sua-sandbox/rules/airspace';
import { type MonitorShard, scenarioShard } from '@sua-sandbox/rules/sim';
import { groundModel } from '../workers/airspace-cache.js';
import type { ShardInit, ShardRequest, ShardResponse } from './protocol.js';

/**
 * One monitor shard from its run description, wherever it runs (a worker thread or a `monitor-shard` process):
 * the session run's airspace and monitor rebuilt (same compile, same aircraft order), judging the aircraft over
 * its tiles on each tick the coordinator sends.
 */
export function buildShard(init: ShardInit): MonitorShard {
  const airspace = buildZoneIndex(init.airspace.zones, {
    version: init.airspace.version,
    elevation: groundModel(init.airspace.ground),
  });
  return scenarioShard(init.scenario, {
    rulebook: init.rulebook,
    airspace,
    permissions: init.permissions,
    sharedEvaluators: init.sharedEvaluators,
    recheck: init.recheck,
    separation: init.separation,
    withdrawn: new Set(init.withdrawn),
    present: init.present,
    clockMs: () => performance.now(),
  });
}

/** The shard's answer to one request (an error answer, never a throw), and the buffers a thread may move. */
export function answerShard(
  shard: MonitorShard,
  m: ShardRequest,
): { response: ShardResponse; transfer: ArrayBuffer[] } {
  try {
    if (m.type === 'hand-off')
      return { response: { id: m.id, type: 'hand-off', snapshots: shard.handOff(m.regs) }, transfer: [] };
    if (m.type === 'control')
      return { response: { id: m.id, type: 'control', reply: shard.control(m.control) }, transfer: [] };
    const reply = shard.tick(m.tick);
    return {
      response: { id: m.id, type: 'tick', reply },
      transfer: [reply.eventOrder.buffer as ArrayBuffer, reply.flags.buffer as ArrayBuffer],
    };
  } catch (err) {
    return { response: { id: m.id, type: 'error', message: errorText(err) }, transfer: [] };
  }
}

export const errorText = (err: unknown): string => (err instanceof Error ? (err.stack ?? err.message) : String(err));
