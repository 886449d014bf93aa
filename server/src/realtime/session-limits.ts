import { limitError, type RealtimeBudgets } from './budgets.js';
import type { Session } from './session.js';

/** Server-wide slots for seeks and long steps, at most `max()` (budget concurrentSeeks) taken at once. */
export class WorkSlots {
  private heavyWork = 0;

  constructor(private readonly max: () => number) {}

  /** A server-wide slot for one seek or long step; refused (limit concurrentSeeks) when all are taken. */
  readonly take = (): (() => void) => {
    const max = this.max();
    if (this.heavyWork >= max)
      throw limitError(
        'concurrentSeeks',
        max,
        this.heavyWork + 1,
        'the server is busy with other seeks; retry shortly',
      );
    this.heavyWork++;
    let released = false;
    return () => {
      if (!released) this.heavyWork--;
      released = true;
    };
  };
}

/**
 * Room for one more session of an owner who runs `mine`, with `total` sessions live on the server: null when under
 * both session budgets, else the owner's own oldest session that nobody watches (to close for the new one). Never
 * another principal's: refused (limit sessionsPerPrincipal or sessionsTotal) when the owner has none to spare.
 */
export function sessionToReplace(budgets: RealtimeBudgets, mine: readonly Session[], total: number): Session | null {
  const { sessionsPerPrincipal, sessionsTotal } = budgets;
  const principalFull = mine.length >= sessionsPerPrincipal;
  const totalFull = total >= sessionsTotal;
  if (!principalFull && !totalFull) return null;
  const spare = mine.filter((s) => s.viewers === 0).sort((a, b) => a.createdAt - b.createdAt)[0];
  if (!spare)
    throw principalFull
      ? limitError('sessionsPerPrincipal', sessionsPerPrincipal, mine.length + 1, 'all your live sessions are in use')
      : limitError('sessionsTotal', sessionsTotal, total + 1, 'the server runs as many live sessions as it may');
  return spare;
}
