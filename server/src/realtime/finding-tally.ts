import { type FindingCounts, liveOutcome } from '@sua-sandbox/rules/protocol';
import type { MonitorEvent } from '@sua-sandbox/rules/sim';

/**
 * The findings a session's run has opened and closed, for snapshots: a viewer joining late learns what happened
 * before it came, not only what is open now. A run re-simulated for a seek is counted as it runs.
 */
export class FindingTally {
  private opened = 0;
  private closed = 0;
  private readonly byOutcome = { violation: 0, permission: 0, advisory: 0 };

  add(events: readonly MonitorEvent[]): void {
    for (const e of events) {
      if (e.type === 'opened') {
        this.opened++;
        this.byOutcome[liveOutcome(e.finding)]++;
      } else if (e.type === 'closed') this.closed++;
    }
  }

  counts(): FindingCounts {
    return { opened: this.opened, closed: this.closed, byOutcome: { ...this.byOutcome } };
  }
}
