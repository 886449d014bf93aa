import type { MonitorEvent } from '../monitor-types.js';

export interface OrderedEvents {
  events: readonly MonitorEvent[];
  /** per event, the place of its aircraft in the tick's sample list; non-decreasing */
  eventOrder: Int32Array;
}

/**
 * The shards' events as one stream in the single monitor's order: by the place of the aircraft in the tick's
 * sample list, and in each aircraft's own order within it. An aircraft is owned by exactly one shard, so its
 * events come from one run, already in order; a k-way merge of the runs by place gives the single monitor's
 * stream exactly.
 */
export function mergeShardEvents(runs: readonly OrderedEvents[]): MonitorEvent[] {
  if (runs.length === 1) return [...runs[0].events];
  const out: MonitorEvent[] = [];
  const at = new Int32Array(runs.length);
  for (;;) {
    let best = -1;
    let bestOrder = Number.POSITIVE_INFINITY;
    for (let r = 0; r < runs.length; r++) {
      if (at[r] >= runs[r].events.length) continue;
      const o = runs[r].eventOrder[at[r]];
      if (o < bestOrder) {
        bestOrder = o;
        best = r;
      }
    }
    if (best < 0) return out;
    // all of this aircraft's events at once (they are contiguous in its run)
    const run = runs[best];
    while (at[best] < run.events.length && run.eventOrder[at[best]] === bestOrder) out.push(run.events[at[best]++]);
  }
}

/**
 * Which shard judges a pair of aircraft as a pair (for counting conflicts once): the shard owning the aircraft
 * whose id sorts first. Each aircraft's own separation advisory is judged by the shard owning that aircraft; a
 * pair across a tile border is seen by both shards (each has the other aircraft in its halo) but counted by one.
 */
export function pairOwner(idA: string, idB: string, ownerOf: (id: string) => number): number {
  return ownerOf(idA < idB ? idA : idB);
}
