import type { PackedStates, TickStates } from '@sua-sandbox/rules/protocol';
import { sameIds } from '@sua-sandbox/rules/sim';

/**
 * Whether a broadcast tick carries the ids of its rows: only when the rows changed since the last broadcast, or
 * after a snapshot or a resume tick went to some client (whose rows may differ from the last broadcast's).
 */
export class RowIds {
  private last: readonly string[] = [];
  private force = true;

  /** A snapshot or a resume tick (with ids) went to some client. */
  sentElsewhere(): void {
    this.force = true;
  }

  /** The states as the next broadcast tick carries them. */
  forBroadcast(states: PackedStates): TickStates {
    const same = !this.force && sameIds(states.ids, this.last);
    this.last = states.ids;
    this.force = false;
    return same ? { data: states.data } : states;
  }
}
