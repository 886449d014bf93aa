/**
 * The bench's side of its node processes (node-process.ts): spawn, wait for them to listen, ask them over IPC, stop
 * them; and the Redis key prefix of one run (test/cluster/nodes.ts has the same for tests, but imports vitest).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import type { NodeMessage, NodeReport, NodeSpec, ParentMessage } from './protocol.js';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const NODE_SCRIPT = fileURLToPath(new URL('./node-process.ts', import.meta.url));
/** a node's start (catalogue, terrain, scenarios, warm-up of 20k aircraft on a busy 2-core machine) */
const START_TIMEOUT_MS = 240_000;
const ANSWER_TIMEOUT_MS = 60_000;

export interface BenchNode {
  spec: NodeSpec;
  url: string;
  child: ChildProcess;
  record(): Promise<void>;
  stop(): Promise<NodeReport>;
  exit(): Promise<void>;
  /** what the process wrote on stderr (its failures) */
  errors(): string;
}

/** The next message of `type` from `child`, or an error naming the node (it exited, or took too long). */
function next<T extends NodeMessage['type']>(
  child: ChildProcess,
  name: string,
  type: T,
  ms: number,
  errors: () => string,
): Promise<Extract<NodeMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (m: NodeMessage) => {
      if (m.type !== type) return;
      done();
      resolve(m as Extract<NodeMessage, { type: T }>);
    };
    const onExit = (code: number | null) => {
      done();
      reject(new Error(`node ${name} exited (${code}) waiting for ${type}: ${errors()}`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`node ${name} did not answer ${type} within ${ms} ms: ${errors()}`));
    }, ms);
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

export async function startNode(spec: NodeSpec): Promise<BenchNode> {
  const child = fork(NODE_SCRIPT, [], {
    execArgv: ['--max-semi-space-size=64', '--import', 'tsx'],
    env: { ...process.env, BENCH_NODE: JSON.stringify(spec) },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let err = '';
  child.stderr?.on('data', (d) => {
    err += d;
  });
  const errors = () => err.slice(-4000);
  const ask = <T extends NodeMessage['type']>(m: ParentMessage, type: T, ms = ANSWER_TIMEOUT_MS) => {
    const answer = next(child, spec.name, type, ms, errors);
    child.send(m);
    return answer;
  };
  const { url } = await next(child, spec.name, 'listening', START_TIMEOUT_MS, errors);
  return {
    spec,
    url,
    child,
    errors,
    record: async () => {
      await ask({ type: 'record' }, 'recording');
    },
    stop: async () => (await ask({ type: 'stop' }, 'report')).report,
    async exit() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ type: 'exit' } satisfies ParentMessage);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Redis must answer: a missing Redis fails the run with this message. */
export async function connectBenchRedis(): Promise<Redis> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 3000 });
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    redis.disconnect();
    throw new Error(
      `the 2-node runs need Redis at ${REDIS_URL} (set REDIS_URL): ${err instanceof Error ? err.message : err}`,
    );
  }
  return redis;
}

/** A key prefix of its own for one run, so runs never see each other's sessions. */
export const benchPrefix = () => `sua:bench:${randomBytes(4).toString('hex')}:`;

/** Delete every key of a run. */
export async function dropPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [nextCursor, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = nextCursor;
  } while (cursor !== '0');
}
