import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
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

/**
 * Two full collections, once a shard is built and before it says it is ready (in a thread, or in a process serving
 * one slot at a time). Deserializing the run description left the whole scenario behind as garbage (at 34,000
 * aircraft, 384 MB of a shard thread's heap in use; 68 MB after the second collection: the first finds the
 * deserializer unreachable, the second frees what it held). Without them V8 keeps it all until its first full
 * collection, in the middle of the session's live ticks. Node has no call for a collection: the flag that exposes
 * one is set for the context made here only, then reset (as jest's leak detector does).
 */
export function collectStartGarbage(): void {
  const gc = exposedGc();
  gc?.();
  gc?.();
}

/**
 * The flag is process-wide: shard threads starting together can reset it between another thread's set and its
 * read (seen with 4 shard threads: `gc is not defined`), so a read that finds none sets it again (one try almost
 * always does; 100 hold against threads doing nothing else, in the test). The collections only save memory: with
 * none found the shard starts without them.
 */
export function exposedGc(): (() => void) | undefined {
  for (let attempt = 0; attempt < 100; attempt++) {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('typeof gc === "function" ? gc : undefined');
    setFlagsFromString('--no-expose-gc');
    if (typeof gc === 'function') return () => void gc();
  }
  return undefined;
}
