import type { Redis } from 'ioredis';

/** Extend the lease only if this node still holds it (compare-and-renew). */
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end
return 0`;
/** Drop the lease only if this node holds it. */
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
return 0`;

/**
 * One lease per live session: the node whose id is stored under the key simulates the session. It lives `ttlMs`
 * unless renewed; a node that dies stops renewing, and the first other node to ask after that gets it.
 */
export class Leases {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    readonly nodeId: string,
    readonly ttlMs: number,
  ) {}

  key(sessionId: string): string {
    return `${this.prefix}lease:${sessionId}`;
  }

  /** true: this node now holds the lease (it was free or had expired) */
  async acquire(sessionId: string): Promise<boolean> {
    return (await this.redis.set(this.key(sessionId), this.nodeId, 'PX', this.ttlMs, 'NX')) === 'OK';
  }

  /** true: still held and extended; false: lost (expired and taken, or released) */
  async renew(sessionId: string): Promise<boolean> {
    return (await this.redis.eval(RENEW, 1, this.key(sessionId), this.nodeId, String(this.ttlMs))) === 1;
  }

  async release(sessionId: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.key(sessionId), this.nodeId);
  }

  /** the holder of each lease (null: free), in one round trip */
  holders(sessionIds: readonly string[]): Promise<(string | null)[]> {
    return this.redis.mget(sessionIds.map((id) => this.key(id)));
  }

  /** the node holding the lease, or null */
  holder(sessionId: string): Promise<string | null> {
    return this.redis.get(this.key(sessionId));
  }
}
