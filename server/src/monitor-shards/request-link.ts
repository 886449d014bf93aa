import type {
  ShardControl,
  ShardControlReply,
  ShardLink,
  ShardReply,
  ShardTick,
  WatchedSnapshot,
} from '@sua-sandbox/rules/sim';
import type { ShardRequest, ShardRequestBody, ShardResponse } from './protocol.js';

type Waiting = { resolve: (m: ShardResponse) => void; reject: (e: Error) => void; since: number };

/**
 * A ShardLink over a message transport (a worker thread, a Redis list): each request carries an id, each answer
 * resolves the request with its id, and a failure rejects everything pending and every later request with its
 * reason. Subclasses send the requests and pass the answers in.
 */
export abstract class RequestLink implements ShardLink {
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();
  private failure: Error | null = null;

  /** Send one request; a transport that cannot moves nothing (`transfer`: buffers a thread may take over). */
  protected abstract send(m: ShardRequest, transfer: ArrayBuffer[]): void;

  /** An answer to a request: resolves it, or rejects it when the shard answered with an error. */
  protected answer(m: ShardResponse): void {
    const w = this.waiting.get(m.id);
    this.waiting.delete(m.id);
    if (m.type === 'error') w?.reject(new Error(`monitor shard failed: ${m.message}`));
    else w?.resolve(m);
  }

  /** Fails the link for good: pending and later requests reject with `err` (the first failure is kept). */
  fail(err: Error): void {
    if (this.failure) return;
    this.failure = err;
    for (const w of this.waiting.values()) w.reject(err);
    this.waiting.clear();
  }

  get failed(): boolean {
    return this.failure !== null;
  }

  /** How long the oldest unanswered request has waited (0: none). */
  oldestWaitMs(now: number): number {
    let oldest = now;
    for (const w of this.waiting.values()) oldest = Math.min(oldest, w.since);
    return now - oldest;
  }

  private request(body: ShardRequestBody, transfer: ArrayBuffer[] = []): Promise<ShardResponse> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, since: Date.now() });
      this.send({ ...body, id }, transfer);
    });
  }

  async handOff(regs: Int32Array): Promise<WatchedSnapshot[]> {
    const m = await this.request({ type: 'hand-off', regs });
    return m.type === 'hand-off' ? m.snapshots : [];
  }

  async control(c: ShardControl): Promise<ShardControlReply> {
    const m = await this.request({ type: 'control', control: c });
    if (m.type !== 'control') throw new Error('monitor shard answered a control message with something else');
    return m.reply;
  }

  async tick(t: ShardTick): Promise<ShardReply> {
    const m = await this.request({ type: 'tick', tick: t }, transferOf(t));
    if (m.type !== 'tick') throw new Error('monitor shard answered a tick with something else');
    return m.reply;
  }
}

/** The buffers of a tick's sample columns: moved to a shard's thread, not copied. */
function transferOf(t: ShardTick): ArrayBuffer[] {
  const c = t.samples;
  return [c.floats.buffer, c.ints.buffer, c.bytes.buffer] as ArrayBuffer[];
}
