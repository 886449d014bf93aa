/**
 * The Redis keys of monitor shards run as processes (`sua-sandbox monitor-shard`), all under the deployment's
 * prefix. A coordinator writes a run's ShardInit and pushes one claim per shard slot on the shared slot list; a
 * shard process pops a claim, builds the shard, then pops requests from its slot's request list and pushes
 * answers to its reply list. Every value is v8.serialize'd (typed arrays stay typed arrays).
 */
export interface RunKeys {
  /** v8 ShardInit of the run; it expires unless its coordinator keeps refreshing it (shard processes leave then) */
  init: string;
  request(slot: number): string;
  reply(slot: number): string;
}

/** Claims `<run>/<slot>` waiting for a shard process (shared by every run of the deployment). */
export const slotListKey = (prefix: string): string => `${prefix}monitor-shard:slots`;

export function runKeys(prefix: string, run: string): RunKeys {
  const base = `${prefix}monitor-shard:${run}`;
  return { init: `${base}:init`, request: (s) => `${base}:${s}:req`, reply: (s) => `${base}:${s}:rep` };
}

export const claimOf = (run: string, slot: number): string => `${run}/${slot}`;

export function parseClaim(claim: string): { run: string; slot: number } | undefined {
  const m = /^([\w-]{1,64})\/(\d{1,3})$/.exec(claim);
  return m ? { run: m[1], slot: Number(m[2]) } : undefined;
}

/** How long a run's keys live without their coordinator refreshing them. */
export const RUN_KEYS_TTL_MS = 30_000;
