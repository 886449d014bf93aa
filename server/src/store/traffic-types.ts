import type { IntentState, OperationalIntent } from '@sua-sandbox/rules/traffic';

/** Operational intents and vertiport slots in the store (issue 16). */

/** An operational intent as the DSS keeps it (issue 16): the F3548 reference and its volumes. */
export interface StoredIntent {
  id: string;
  intent: OperationalIntent;
  /** the stored plan it was built from, when it was */
  planId: string | null;
  /** the designated air route it claims, when it does */
  routeId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface IntentRepository {
  get(id: string): Promise<StoredIntent | undefined>;
  /** insert or replace (same id): the reference's state, version and end time are indexed columns */
  put(rec: { intent: OperationalIntent; planId: string | null; routeId: string | null }): Promise<StoredIntent>;
  /** intents in none of `excludeStates` whose end is after `endingAfter` (ISO), in id order: the start-up load */
  list(opts?: { excludeStates?: IntentState[]; endingAfter?: string }): Promise<StoredIntent[]>;
  /** the intents written after change `after` (a `lastChange` value), in write order, and the last change read */
  changesSince(after: number): Promise<{ intents: StoredIntent[]; last: number }>;
  /** the store-wide change counter of the latest intent write (0 before any) */
  lastChange(): Promise<number>;
}

/** One movement holding a vertiport slot (slot k runs [k·len, (k+1)·len) from the epoch). */
export interface StoredSlot {
  vertiportId: string;
  index: number;
  intentId: string;
  movement: 'arrival' | 'departure';
  startAt: string;
  endAt: string;
  createdAt: string;
}

/** A slot as a change read by another node: booked (`freedAt` null) or freed since. */
export interface SlotChange extends StoredSlot {
  freedAt: string | null;
}

export interface VertiportSlotRepository {
  /** throws DuplicateKeyError when the intent already holds that movement in that slot */
  add(slot: Omit<StoredSlot, 'createdAt'>): Promise<StoredSlot>;
  /** every slot held, in (vertiport, index) order; `endingAfter` (ISO) drops past ones */
  list(opts?: { vertiportId?: string; endingAfter?: string }): Promise<StoredSlot[]>;
  /** frees the slots an intent holds; returns how many */
  releaseIntent(intentId: string): Promise<number>;
  /** the slots booked or freed after change `after` (a `lastChange` value), in write order, and the last change read */
  changesSince(after: number): Promise<{ slots: SlotChange[]; last: number }>;
  /** the store-wide change counter of the latest slot booked or freed (0 before any) */
  lastChange(): Promise<number>;
}
