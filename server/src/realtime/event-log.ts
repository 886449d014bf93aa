import type { FindingClosed, FindingOpened, ZoneChanged } from '@sua-sandbox/rules/protocol';

export type LoggedEvent =
  | { event: 'finding:opened'; payload: FindingOpened }
  | { event: 'finding:closed'; payload: FindingClosed }
  | { event: 'zone:changed'; payload: ZoneChanged };

/**
 * The last `capacity` events of a session, by seq, so a reconnecting client can be sent exactly what it
 * missed. After a seek the log restarts: older seqs can no longer be replayed (the client gets a snapshot).
 */
export class EventLog {
  private buf: LoggedEvent[] = [];
  private start = 0;
  /** the first seq that may be replayed */
  private floor = 1;

  constructor(private readonly capacity = 20_000) {}

  push(e: LoggedEvent): void {
    this.buf.push(e);
    if (this.buf.length - this.start > this.capacity) {
      this.start++;
      this.floor = this.buf[this.start].payload.seq;
      // Compact now and then instead of shifting on every push.
      if (this.start > this.capacity) {
        this.buf = this.buf.slice(this.start);
        this.start = 0;
      }
    }
  }

  /** Forget everything up to `seq`: events before it can no longer be replayed (seek, rebuild). */
  reset(nextSeq: number): void {
    this.buf = [];
    this.start = 0;
    this.floor = nextSeq;
  }

  /** Events with seq > lastSeq, or null when some of them are gone. */
  since(lastSeq: number): LoggedEvent[] | null {
    if (lastSeq + 1 < this.floor) return null;
    const out: LoggedEvent[] = [];
    for (let i = this.start; i < this.buf.length; i++) if (this.buf[i].payload.seq > lastSeq) out.push(this.buf[i]);
    return out;
  }
}
