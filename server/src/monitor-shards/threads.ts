import { serialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { ShardLink } from '@sua-sandbox/rules/sim';
import type { SerializedShardInit, ShardInit, ShardInitMessage, ShardRequest, ShardResponse } from './protocol.js';
import { RequestLink } from './request-link.js';

const ENTRY = new URL('./entry.mjs', import.meta.url);

/** One shard thread behind a ShardLink (a thread answers in order; its death fails the link). */
class ThreadLink extends RequestLink {
  readonly ready: Promise<void>;

  constructor(readonly worker: Worker) {
    super();
    this.ready = new Promise((resolve, reject) => {
      worker.on('message', (m: ShardResponse) => {
        if (m.type === 'loaded') return;
        if (m.type === 'ready') return resolve();
        this.answer(m);
      });
      const fail = (err: Error) => {
        this.fail(err);
        reject(err);
      };
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`monitor shard thread exited (code ${code})`)));
    });
    this.ready.catch(() => {});
  }

  protected send(m: ShardRequest, transfer: ArrayBuffer[]): void {
    this.worker.postMessage(m, transfer);
  }
}

export interface ShardThreads {
  links: ShardLink[];
  close(): Promise<void>;
}

/**
 * Shard threads started ahead, waiting for a run: loading the TypeScript loader and the rules takes 0.5–1.3 s of
 * CPU per thread, which a session start or a takeover (within 5 s of a node's death) should not wait for. Unreferenced
 * while idle, so they never keep a process alive. Taken threads are replaced one at a time, a while after they were
 * taken: loading several at once would take the CPU from the sessions that were just taken over.
 */
const idle: Worker[] = [];
/** the idle threads that have loaded */
const loadedIdle = new Set<Worker>();
let warmTarget = 0;
let loading = false;
let refillTimer: NodeJS.Timeout | undefined;
const REFILL_AFTER_MS = 1_000;

/** Keep `n` shard threads loaded and waiting (a server sharding its monitors keeps some sessions' worth). */
export function warmShardThreads(n: number): void {
  warmTarget = n;
  refill();
}

function refill(): void {
  if (loading || idle.length >= warmTarget) return;
  const worker = new Worker(ENTRY);
  worker.unref();
  loading = true;
  let pending = true;
  // its first message says it has loaded (before any answer to a run, if it was taken meanwhile)
  const loaded = () => {
    if (!pending) return;
    pending = false;
    worker.off('message', loaded);
    if (idle.includes(worker)) loadedIdle.add(worker);
    loading = false;
    refill();
  };
  const drop = () => {
    const at = idle.indexOf(worker);
    if (at >= 0) idle.splice(at, 1);
    loadedIdle.delete(worker);
    loaded();
  };
  worker.on('message', loaded);
  worker.once('exit', drop);
  worker.once('error', drop);
  idle.push(worker);
}

/** Spare shard threads loaded and waiting, and how many are kept (readiness). */
export function waitingShardThreads(): { waiting: number; target: number } {
  return { waiting: loadedIdle.size, target: warmTarget };
}

/** A waiting thread (replaced later), or a new one. */
function takeThread(): Worker {
  const worker = idle.shift();
  if (!worker) return new Worker(ENTRY);
  loadedIdle.delete(worker);
  worker.ref();
  clearTimeout(refillTimer);
  refillTimer = setTimeout(refill, REFILL_AFTER_MS);
  refillTimer.unref();
  return worker;
}

/**
 * Start `n` shard threads on the same run description; resolves once each has built its run. The description is
 * serialized once, here, into memory the threads share: posting it to each thread would serialize the whole scenario
 * once per shard on this thread (1.6–1.9 s each at 34,000 aircraft), holding up every other session meanwhile.
 */
export async function startShardThreads(init: ShardInit, n: number): Promise<ShardThreads> {
  const message = shardInitMessage(init);
  const links = Array.from({ length: n }, () => {
    const worker = takeThread();
    worker.postMessage(message);
    return new ThreadLink(worker);
  });
  const close = async () => {
    await Promise.all(links.map((l) => l.worker.terminate()));
  };
  try {
    await Promise.all(links.map((l) => l.ready));
  } catch (err) {
    await close();
    throw err;
  }
  return { links, close };
}

/** The run description for every shard thread: serialized once, the ground model apart (see ShardInitMessage). */
export function shardInitMessage(init: ShardInit): ShardInitMessage {
  const { ground, ...airspace } = init.airspace;
  const rest: SerializedShardInit = { ...init, airspace };
  return { type: 'init', bytes: sharedBytes(serialize(rest)), ground };
}

/** A copy of `bytes` in a SharedArrayBuffer: posted to any number of threads without another copy. */
function sharedBytes(bytes: Uint8Array): Uint8Array {
  const shared = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
  shared.set(bytes);
  return shared;
}
