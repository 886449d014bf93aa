import type { Rulebook } from '../../model/rulebook.js';
import type { MonitorEvent, MonitoredAircraft, MonitorSample } from '../monitor-types.js';
import type { WatchedSnapshot } from './handoff.js';

/**
 * What changes a sharded monitor between ticks, sent to every shard in the same order: an aircraft joins the
 * registry (a telemetry track: every shard registers it under the same index), a track's profile changes or it
 * leaves, permissions are withdrawn or reinstated, or the rulebook changes. The shard watching the aircraft
 * concerned answers with the single monitor's events; the others only keep their registry and evaluators current
 * (an aircraft they take over later is judged with them). Before any of these, the states released after the last
 * tick go back to the shards that released them (`take-over`), so that every aircraft is watched somewhere.
 */
export type ShardControl =
  | { type: 'take-over'; snapshots: WatchedSnapshot[] }
  | { type: 'add'; reg: number; aircraft: MonitoredAircraft }
  | { type: 'update'; aircraft: MonitoredAircraft; tMs: number }
  | { type: 'remove'; id: string; tMs: number }
  | { type: 'withdraw'; permissions: string[]; tMs: number }
  | {
      type: 'rulebook';
      rulebook: Rulebook;
      separation: { horizontalM: number; verticalM: number };
      tMs: number;
      /**
       * every aircraft's last sample, in registry order: new minima may reach beyond the last tick's halo, and
       * the single monitor finds conflicts among all of them
       */
      traffic: MonitorSample[];
    };

/** A shard's answer to a control message. */
export interface ShardControlReply {
  events: MonitorEvent[];
  /** per event, its aircraft's registry index: the single monitor re-judges its aircraft in registry order */
  eventOrder: Int32Array;
  /** the registry indices of the aircraft with events, and their monitor flags after them */
  flagRegs: Int32Array;
  flagValues: Int32Array;
}

export const NO_CONTROL_EVENTS: ShardControlReply = Object.freeze({
  events: [],
  eventOrder: new Int32Array(0),
  flagRegs: new Int32Array(0),
  flagValues: new Int32Array(0),
});

/** A typed array of at least `n` entries, the old ones kept (doubling, so registering one by one stays linear). */
export function grown<T extends Int32Array | Uint8Array>(a: T, n: number, make: (size: number) => T): T {
  if (a.length >= n) return a;
  const b = make(Math.max(n, a.length * 2, 16));
  b.set(a);
  return b;
}
