import { isActiveAt } from '../airspace/timing.js';
import type { Provision } from '../model/citation.js';
import { HK_UTC_OFFSET } from '../model/time.js';
import { type TrafficFinding, trafficFinding } from './findings.js';
import type { Vertiport } from './routes.js';

export type Movement = 'arrival' | 'departure';

export interface SlotRequest {
  intentId: string;
  movement: Movement;
  /** when the aircraft wants to use the pad, epoch ms */
  atMs: number;
}

export interface Slot {
  vertiportId: string;
  intentId: string;
  movement: Movement;
  /** slots are fixed windows of slotLengthS from the epoch: index k runs [k·len, (k+1)·len) */
  index: number;
  startMs: number;
  endMs: number;
}

export type SlotResult =
  | { ok: true; slot: Slot }
  | { ok: false; finding: TrafficFinding; nextFreeStartMs: number | null };

/** How far ahead a refused request looks for a free slot. */
const SEARCH_SLOTS = 288;

/**
 * The slot book of one vertiport: each slot holds at most `capacity` movements (arrivals and departures
 * together). A request takes the slot containing its time or is refused with the next free slot; no
 * wall clock, no I/O.
 */
export class VertiportSlots {
  private readonly bySlot = new Map<number, Slot[]>();
  private readonly lenMs: number;

  constructor(
    readonly vertiport: Vertiport,
    private readonly provision: Provision,
  ) {
    this.lenMs = vertiport.slotLengthS * 1000;
  }

  private open(tMs: number): boolean {
    const v = this.vertiport;
    if (!v.hours?.length) return true;
    return isActiveAt({ daily: v.hours, utcOffset: HK_UTC_OFFSET }, tMs, v.pad.center[0], v.pad.center[1]);
  }

  private free(index: number): boolean {
    const startMs = index * this.lenMs;
    return (
      (this.bySlot.get(index)?.length ?? 0) < this.vertiport.capacity &&
      this.open(startMs) &&
      this.open(startMs + this.lenMs - 1)
    );
  }

  slotsAt(atMs: number): readonly Slot[] {
    return this.bySlot.get(Math.floor(atMs / this.lenMs)) ?? [];
  }

  request(r: SlotRequest): SlotResult {
    const index = Math.floor(r.atMs / this.lenMs);
    const held = this.bySlot.get(index) ?? [];
    const mine = held.find((s) => s.intentId === r.intentId && s.movement === r.movement);
    if (mine) return { ok: true, slot: mine };
    if (this.free(index)) {
      const slot: Slot = {
        vertiportId: this.vertiport.id,
        intentId: r.intentId,
        movement: r.movement,
        index,
        startMs: index * this.lenMs,
        endMs: (index + 1) * this.lenMs,
      };
      this.bySlot.set(index, [...held, slot]);
      return { ok: true, slot };
    }
    let next: number | null = null;
    for (let k = index + 1; k <= index + SEARCH_SLOTS && next === null; k++) if (this.free(k)) next = k * this.lenMs;
    const closed = !this.open(r.atMs);
    const finding = trafficFinding(
      this.provision,
      'traffic.vertiport',
      closed ? 'traffic.vertiport.closed' : 'traffic.vertiport.slot-clash',
      'error',
      {
        vertiportId: this.vertiport.id,
        intentId: r.intentId,
        movement: r.movement,
        requested: new Date(r.atMs).toISOString(),
        capacity: this.vertiport.capacity,
        heldBy: held.map((s) => s.intentId).join(','),
        nextFree: next === null ? null : new Date(next).toISOString(),
      },
    );
    return { ok: false, finding, nextFreeStartMs: next };
  }

  /** Frees every slot an intent holds (it ended or was replaced); returns how many. */
  release(intentId: string): number {
    let n = 0;
    for (const [k, list] of this.bySlot) {
      const kept = list.filter((s) => s.intentId !== intentId);
      n += list.length - kept.length;
      if (kept.length === 0) this.bySlot.delete(k);
      else if (kept.length !== list.length) this.bySlot.set(k, kept);
    }
    return n;
  }
}
