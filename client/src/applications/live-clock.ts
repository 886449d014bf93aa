import type { LiveSocket } from '../net/socket.js';

/**
 * The simulated time of the live session this page follows, read from the socket's snapshots and ticks (the live
 * view joins one session at a time; a later snapshot names the session that counts). Listeners hear at most one
 * change per simulated second.
 */
export class LiveClock {
  private sessionId: string | undefined;
  private ms: number | undefined;
  private lastSecond = Number.NaN;
  private readonly listeners = new Set<() => void>();

  constructor(socket: LiveSocket) {
    socket.on('session:snapshot', (s) => {
      this.sessionId = s.session.id;
      this.set(s.session.clock.simTimeMs);
    });
    socket.on('tick', (b) => {
      if (b.sessionId === this.sessionId) this.set(b.clock?.simTimeMs ?? b.simTimeMs);
    });
  }

  /** epoch ms of the live session's clock, or undefined before the first snapshot */
  get timeMs(): number | undefined {
    return this.ms;
  }

  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private set(ms: number): void {
    this.ms = ms;
    const second = Math.floor(ms / 1000);
    if (second === this.lastSecond) return;
    this.lastSecond = second;
    for (const fn of this.listeners) fn();
  }
}
