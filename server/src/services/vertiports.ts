import type { TrafficFinding } from '@sua-sandbox/rules/traffic';
import { type Movement, type Slot, type SlotResult, VertiportSlots } from '@sua-sandbox/rules/traffic';
import { conflict, forbidden, notFound } from '../errors.js';
import type { Repositories, Store, StoredSlot } from '../store/types.js';
import { type Actor, recordAudit } from './audit.js';
import type { IntentService } from './intents.js';

export type SlotOutcome =
  | { ok: true; created: boolean; slot: StoredSlot }
  | { ok: false; message: string; finding: TrafficFinding; nextFreeStart: string | null };

const toStored = (s: Slot, createdAt: string): StoredSlot => ({
  vertiportId: s.vertiportId,
  index: s.index,
  intentId: s.intentId,
  movement: s.movement,
  startAt: new Date(s.startMs).toISOString(),
  endAt: new Date(s.endMs).toISOString(),
  createdAt,
});

/**
 * Vertiport slots (issue 16): one VertiportSlots book per vertiport of the route network, persisted in the
 * store's vertiport_slots table and replayed at start. A slot is held by a live operational intent and freed
 * when it ends. Allocations share the intent service's queue and its decisions (intent-lock.ts), so they never
 * interleave with intent changes: on a store a cluster shares, each booking holds the cluster-wide intents lock
 * and first reads the intents and the slots other nodes wrote (booked or freed) since this node last looked.
 */
export class VertiportService {
  private readonly books = new Map<string, VertiportSlots>();
  /** the slots' change counter this node's books have read up to (a shared store only) */
  private seen = 0;

  constructor(
    private readonly store: Store,
    private readonly intents: IntentService,
    private readonly now: () => number,
  ) {
    const { network, params } = intents.traffic;
    for (const v of network.vertiports) this.books.set(v.id, new VertiportSlots(v, params.provision));
    intents.onEnded((id) => {
      for (const book of this.books.values()) book.release(id);
    });
  }

  private get shared(): boolean {
    return this.store.intentsExclusive !== undefined;
  }

  /** Replays the slots that end after now; returns how many. */
  async init(): Promise<number> {
    // whatever is written after this is read again by the first booking
    if (this.shared) this.seen = await this.store.vertiportSlots.lastChange();
    const held = await this.store.vertiportSlots.list({ endingAfter: new Date(this.now()).toISOString() });
    for (const s of held) this.hold(s);
    return held.length;
  }

  private hold(s: StoredSlot): void {
    this.books.get(s.vertiportId)?.request({ intentId: s.intentId, movement: s.movement, atMs: Date.parse(s.startAt) });
  }

  /** Brings this node's books up to date with the slots booked and freed since it last looked (under the lock). */
  private async catchUp(tx: Repositories): Promise<void> {
    const { slots, last } = await tx.vertiportSlots.changesSince(this.seen);
    const nowIso = new Date(this.now()).toISOString();
    // in change order; only an intent that ended frees slots, and it frees all of them
    for (const s of slots)
      if (s.freedAt !== null) this.books.get(s.vertiportId)?.release(s.intentId);
      else if (s.endAt > nowIso) this.hold(s);
    this.seen = last;
  }

  private book(vertiportId: string): VertiportSlots {
    const book = this.books.get(vertiportId);
    if (!book) throw notFound('vertiport', vertiportId);
    return book;
  }

  async list(vertiportId: string): Promise<StoredSlot[]> {
    this.book(vertiportId);
    return this.store.vertiportSlots.list({ vertiportId });
  }

  /** A slot for an intent; only its manager books for it, or the authority (`overrides`), else 403. */
  allocate(
    vertiportId: string,
    req: { intentId: string; movement: Movement; at: string },
    who: Actor & { overrides?: boolean },
  ) {
    return this.intents.serial(async (): Promise<SlotOutcome> => {
      const book = this.book(vertiportId);
      let booked = false;
      let written: number | undefined;
      try {
        const out = await this.intents.changes.decide(async (repos, write): Promise<SlotOutcome> => {
          if (this.shared) await this.catchUp(repos);
          const intent = this.intents.index.get(req.intentId);
          if (!intent) {
            const rec = await repos.intents.get(req.intentId);
            if (!rec) throw notFound('operational intent', req.intentId);
            throw conflict(
              `operational intent "${req.intentId}" is ${rec.intent.reference.state}: it cannot hold a slot`,
            );
          }
          if (intent.reference.manager !== who.actor && !who.overrides)
            throw forbidden(
              `operational intent "${req.intentId}" is managed by "${intent.reference.manager}", not "${who.actor}"`,
            );
          const atMs = Date.parse(req.at);
          const already = book.slotsAt(atMs).some((s) => s.intentId === req.intentId && s.movement === req.movement);
          const r = book.request({ intentId: req.intentId, movement: req.movement, atMs });
          if (!r.ok) return refusal(vertiportId, r);
          if (already) {
            const held = await repos.vertiportSlots.list({ vertiportId });
            const rec = held.find(
              (s) => s.index === r.slot.index && s.intentId === req.intentId && s.movement === req.movement,
            );
            return { ok: true, created: false, slot: rec ?? toStored(r.slot, new Date(this.now()).toISOString()) };
          }
          booked = true;
          const slot = await write(async (tx) => {
            const out = await tx.vertiportSlots.add(toStored(r.slot, ''));
            await recordAudit(tx, who, 'create', 'vertiport-slot', `${vertiportId}#${r.slot.index}`, null, out);
            if (this.shared) written = await tx.vertiportSlots.lastChange();
            return out;
          });
          return { ok: true, created: true, slot };
        });
        // this node's own booking counts as read once it is committed (its book already holds it)
        if (written !== undefined) this.seen = written;
        return out;
      } catch (err) {
        if (booked) await this.resync(book, vertiportId, req.intentId);
        throw err;
      }
    });
  }

  /** After a failed write, memory and store back in step: the intent's holds here are the stored ones. */
  private async resync(book: VertiportSlots, vertiportId: string, intentId: string): Promise<void> {
    book.release(intentId);
    const kept = await this.store.vertiportSlots.list({ vertiportId }).catch(() => []);
    for (const s of kept.filter((k) => k.intentId === intentId)) this.hold(s);
  }
}

function refusal(vertiportId: string, r: Extract<SlotResult, { ok: false }>): SlotOutcome {
  const next = r.nextFreeStartMs === null ? null : new Date(r.nextFreeStartMs).toISOString();
  const why = r.finding.code === 'traffic.vertiport.closed' ? 'is closed then' : 'has no free slot then';
  return {
    ok: false,
    message: `vertiport "${vertiportId}" ${why}; next free slot: ${next ?? 'none in the next 288 slots'}`,
    finding: r.finding,
    nextFreeStart: next,
  };
}
