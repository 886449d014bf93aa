/** What the cluster-nodes bench and its node processes (node-process.ts) tell each other over IPC. */

/** One synthetic session a node creates (and, in a cluster, holds the lease of). */
export interface SessionSpec {
  id: string;
  aircraft: number;
  seed: number;
}

/** A node's configuration (env BENCH_NODE, JSON). */
export interface NodeSpec {
  name: string;
  sessions: SessionSpec[];
  /** set: a cluster node on this Redis, under this key prefix; unset: one process, no Redis */
  redis?: { url: string; prefix: string; leaseMs?: number };
  ground: string;
  /** simulated seconds run before the node listens (every aircraft airborne) */
  warmS: number;
  /** set: each session's monitor on this many shard threads (MONITOR_SHARDS) */
  monitorShards?: number;
}

export type ParentMessage = { type: 'record' } | { type: 'stop' } | { type: 'exit' };

/** What a node measured between `record` and `stop`. */
export interface NodeReport {
  /** wall ms of each 1 Hz pass (every session of this node) */
  compute: number[];
  /** the same until the event loop was free again (deferred socket writes included) */
  busy: number[];
  /** CPU ms the node's process used during each pass (contention on a busy machine inflates wall time, not this) */
  cpu: number[];
  /** events sent: [sessionId, seq, wall start of the pass that emitted it (timeOrigin + now), is a finding] */
  emitted: [string, number, number, boolean][];
  /** the last tick number each session of this node sent */
  lastTick: Record<string, number>;
  /** warnings and errors logged meanwhile (a session moving to another node, a failed checkpoint) */
  warnings: string[];
  /** the sessions this node simulates (in a cluster: whose lease it holds) */
  held: string[];
}

export type NodeMessage =
  | { type: 'listening'; url: string }
  | { type: 'recording' }
  | { type: 'report'; report: NodeReport };
