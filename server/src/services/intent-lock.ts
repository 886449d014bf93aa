import { AppError } from '../errors.js';
import { LockTimeoutError, type Repositories, type Store, type StoredIntent } from '../store/types.js';

/** How long a change waits for the cluster-wide intents lock (and any lock after it) before answering 503. */
export const INTENT_LOCK_WAIT_MS = 5_000;

/** Writes a decided change: in the decision's own transaction (a shared store) or in a new one (one process). */
export type IntentWrite = <R>(write: (tx: Repositories) => Promise<R>) => Promise<R>;

/**
 * Where an operational-intent change is decided (issues 15/16). With one process on the store (SQLite) the
 * service's own queue already orders every decision and its write, and nothing is added. With a store that a
 * cluster's nodes share (PostgreSQL), each node's queue is not enough: two nodes could each accept one of two
 * conflicting intents before hearing of the other. There the decision runs in one transaction holding the
 * store-wide intents lock, and first brings this node's index up to date with every intent written since it last
 * looked (the store's change counter), so it decides against all the accepted intents, whichever node took them.
 * The intent bus (cluster/intent-bus.ts) still tells the other nodes at once, for their read paths.
 */
export class IntentChanges {
  /** the store's change counter this node's index has read up to (a shared store only) */
  private seen = 0;

  constructor(
    private readonly store: Store,
    /** takes a row another node wrote into this node's index */
    private readonly apply: (rec: StoredIntent) => void,
    private readonly waitMs = INTENT_LOCK_WAIT_MS,
  ) {}

  /** Before the start-up load: whatever is written after this is read again by the first decision. */
  async start(): Promise<void> {
    if (this.store.intentsExclusive) this.seen = await this.store.intents.lastChange();
  }

  /**
   * Runs `decide` (call inside the service's queue) with the repositories to read and `write` for its one write.
   * Nothing slow belongs in it: building the intent and checking its route happen before.
   */
  async decide<T>(decide: (repos: Repositories, write: IntentWrite) => Promise<T>): Promise<T> {
    const exclusive = this.store.intentsExclusive;
    if (!exclusive) return decide(this.store, (write) => this.store.transaction(write));
    let written: number | undefined;
    try {
      const out = await exclusive(this.waitMs, async (tx) => {
        const { intents, last } = await tx.intents.changesSince(this.seen);
        // committed by others before the lock was ours: safe to keep even if this transaction rolls back
        for (const rec of intents) this.apply(rec);
        this.seen = last;
        return decide(tx, async (write) => {
          const r = await write(tx);
          written = await tx.intents.lastChange();
          return r;
        });
      });
      // this node's own write counts as read once it is committed (the caller puts it in the index)
      if (written !== undefined) this.seen = written;
      return out;
    } catch (err) {
      if (err instanceof LockTimeoutError)
        throw new AppError({
          code: 'unavailable',
          status: 503,
          message: `operational intents are busy: another change held the cluster-wide lock for more than ${this.waitMs / 1000} s; try again`,
          cause: err,
        });
      throw err;
    }
  }
}
