/**
 * What drives session loops. The server uses a wall-clock interval; tests and benchmarks use a manual
 * source, so nothing sleeps in real time and a run is reproducible.
 */
export interface TickSource {
  /** Calls `onPulse(wallDeltaMs)` on every pulse until the returned unsubscribe is called. */
  subscribe(onPulse: (wallDeltaMs: number) => void): () => void;
}

export interface ManualTickSource extends TickSource {
  /** Deliver one pulse of `wallDeltaMs` to every subscriber, synchronously. */
  pulse(wallDeltaMs: number): void;
}

export function manualTickSource(): ManualTickSource {
  const subscribers = new Set<(wallDeltaMs: number) => void>();
  return {
    subscribe(onPulse) {
      subscribers.add(onPulse);
      return () => subscribers.delete(onPulse);
    },
    pulse(wallDeltaMs) {
      for (const s of [...subscribers]) s(wallDeltaMs);
    },
  };
}

/** Pulses every `periodMs` of wall time with the measured elapsed time (so a slow pass is caught up). */
export function intervalTickSource(periodMs = 100): TickSource {
  return {
    subscribe(onPulse) {
      let last = performance.now();
      const timer = setInterval(() => {
        const now = performance.now();
        const delta = now - last;
        last = now;
        onPulse(delta);
      }, periodMs);
      timer.unref?.();
      return () => clearInterval(timer);
    },
  };
}
