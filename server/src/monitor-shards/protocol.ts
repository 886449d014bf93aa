import type { Permission, Rulebook, Zone } from '@sua-sandbox/rules/model';
import type {
  RecheckPolicy,
  Scenario,
  ShardControl,
  ShardControlReply,
  ShardReply,
  ShardTick,
  WatchedSnapshot,
} from '@sua-sandbox/rules/sim';
import type { PortableGround } from '../workers/airspace-cache.js';

/** What a shard starts from (its thread's first message, or from Redis): enough to build the session run's monitor for its tiles. */
export interface ShardInit {
  scenario: Scenario;
  rulebook: Rulebook;
  permissions: readonly Permission[];
  sharedEvaluators: boolean;
  recheck?: Partial<RecheckPolicy>;
  /** separation minima replacing the scenario's (a draft trialling them) */
  separation?: Scenario['separation'];
  /** permissions withdrawn when the run starts */
  withdrawn: string[];
  /** the scenario zones present when the run starts */
  present: string[];
  /** the catalogue index the run layers its zones on: its zones and ground model, rebuilt in the thread */
  airspace: { zones: Zone[]; version: string; ground: PortableGround };
}

/**
 * A shard thread's first message: its ShardInit, v8-serialized once for all the run's threads (shared memory),
 * except the ground model, posted as it is: its heights are in shared memory (loadTerrainGrid), which a thread reads
 * in place, where serializing them would give every thread a copy.
 */
export interface ShardInitMessage {
  type: 'init';
  /** a SerializedShardInit */
  bytes: Uint8Array;
  ground: PortableGround;
}

/** What ShardInitMessage.bytes hold: the ShardInit without its ground model. */
export type SerializedShardInit = Omit<ShardInit, 'airspace'> & { airspace: Omit<ShardInit['airspace'], 'ground'> };

export type ShardRequestBody =
  | { type: 'hand-off'; regs: Int32Array }
  | { type: 'tick'; tick: ShardTick }
  | { type: 'control'; control: ShardControl };
export type ShardRequest = ShardRequestBody & { id: number };

/** A shard's answers; `connection` (processes only): the Redis client id the coordinator watches for its death. */
export type ShardResponse =
  | { id: number; type: 'hand-off'; snapshots: WatchedSnapshot[] }
  | { id: number; type: 'tick'; reply: ShardReply }
  | { id: number; type: 'control'; reply: ShardControlReply }
  | { id: number; type: 'error'; message: string }
  | { id: -1; type: 'ready'; aircraft: number; connection?: number }
  | { id: -1; type: 'loaded' };

/** What a coordinator sends a shard process besides requests: the run is over, go back to waiting for work. */
export type ShardProcessRequest = ShardRequest | { type: 'close' };
