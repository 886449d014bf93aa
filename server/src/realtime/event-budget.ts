import { ackError } from '@sua-sandbox/rules/protocol';
import type { Socket } from 'socket.io';
import { HEAVY_EVENTS, type RealtimeBudgets } from './budgets.js';
import type { RealtimeLogger } from './deps.js';
import { TokenBuckets } from './rate-limit.js';

/** The event budgets shared by every connection: buckets per principal. */
export class EventBudgets {
  readonly perPrincipal: TokenBuckets;
  readonly heavyPerPrincipal: TokenBuckets;

  constructor(
    readonly budgets: RealtimeBudgets,
    readonly now: () => number = () => performance.now(),
  ) {
    this.perPrincipal = new TokenBuckets(budgets.eventsPerPrincipal, now);
    this.heavyPerPrincipal = new TokenBuckets(budgets.heavyEventsPerPrincipal, now);
  }

  /**
   * Meter every client → server event of `socket` (all handlers, jobs included: socket middleware runs before
   * any listener). Over budget, the ack answers `rate_limited` and the handler never runs; a connection that
   * keeps sending refused events past `refusalsBeforeDisconnect` is disconnected.
   * `meterEvents: false` only counts refusals (the telemetry namespace meters samples itself).
   */
  guard(
    socket: Socket,
    principal: string,
    opts: { meterEvents?: boolean; logger?: RealtimeLogger } = {},
  ): { refuse(): void } {
    const conn = new TokenBuckets(this.budgets.eventsPerConnection, this.now);
    const strikes = new TokenBuckets({ ratePerS: 1, burst: this.budgets.refusalsBeforeDisconnect }, this.now);
    const refuse = () => {
      if (strikes.take('', 1) || !socket.connected) return;
      opts.logger?.warn({ principal, socketId: socket.id }, 'client kept sending past its budget; disconnected');
      socket.disconnect(true);
    };
    // Which bucket an event would overflow (none: it may pass).
    const over = (heavy: boolean): [string, TokenBuckets, string] | null => {
      if (!conn.has('', 1)) return ['eventsPerConnection', conn, ''];
      if (!this.perPrincipal.has(principal, 1)) return ['eventsPerPrincipal', this.perPrincipal, principal];
      if (heavy && !this.heavyPerPrincipal.has(principal, 1))
        return ['heavyEventsPerPrincipal', this.heavyPerPrincipal, principal];
      return null;
    };
    if (opts.meterEvents ?? true)
      socket.use((packet, next) => {
        const [event, ...args] = packet;
        const heavy = HEAVY_EVENTS.has(String(event));
        const refusedBy = over(heavy);
        if (!refusedBy) {
          conn.take('', 1);
          this.perPrincipal.take(principal, 1);
          if (heavy) this.heavyPerPrincipal.take(principal, 1);
          next();
          return;
        }
        const [name, buckets, key] = refusedBy;
        const ack = args.at(-1);
        if (typeof ack === 'function')
          ack(
            ackError(
              'rate_limited',
              `too many events (${name}: ${buckets.rate.ratePerS}/s, burst ${buckets.rate.burst}); slow down and retry`,
              undefined,
              { limit: { name, max: buckets.rate.ratePerS }, retryAfterMs: buckets.retryAfterMs(key, 1) },
            ),
          );
        refuse();
      });
    return { refuse };
  }
}
