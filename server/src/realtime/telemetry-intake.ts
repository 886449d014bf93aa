import type { TelemetryAccepted, TelemetrySample } from '@sua-sandbox/rules/protocol';
import { sees } from '../auth/access-policy.js';
import type { Principal } from '../auth/principal.js';
import type { RealtimeDeps } from './deps.js';
import { undeclarableIntents } from './intent-watch.js';
import { RealtimeError } from './rulebook-select.js';
import type { Session } from './session.js';
import { telemetryAssumptions } from './track-checks.js';

/**
 * Telemetry for the sessions simulated here, judged against what its declarer may fly and declare: the operational
 * intents (intent-watch.ts) and the permissions whose holders it sees.
 */
export class TelemetryIntake {
  /** permission id → the organisation an approval made it for (absent: public); read at session creation */
  private holders: ReadonlyMap<string, string> = new Map();

  constructor(private readonly deps: Pick<RealtimeDeps, 'intents'>) {}

  /** The holders changed (read at session creation, and with the server's permissions). */
  setHolders(holders: ReadonlyMap<string, string>): void {
    this.holders = holders;
  }

  /** Which permission ids `declarer` may declare for its aircraft: the public ones and its organisation's. */
  private declarable(declarer: Principal | undefined): (permissionId: string) => boolean {
    if (!declarer) return () => true;
    return (id) => {
      const holder = this.holders.get(id);
      return holder === undefined || sees(declarer, holder);
    };
  }

  /**
   * Telemetry for `session`: refused whole (RealtimeError, issue paths from the sample's index) for an intent the
   * declarer may not fly, a permission it may not declare, another source's aircraft, or budgets.
   */
  ingest(
    session: Session,
    samples: readonly TelemetrySample[],
    source: string,
    declarer: Principal | undefined,
  ): TelemetryAccepted {
    const intents = this.deps.intents;
    const refused = intents ? undeclarableIntents(samples, intents, declarer) : [];
    if (refused.length > 0) throw new RealtimeError('invalid_payload', 'invalid telemetry intent', refused);
    const accepted = session.ingest(samples, source, this.declarable(declarer));
    return { accepted, sessionId: session.id, assumptions: telemetryAssumptions(samples, session.groundModel().id) };
  }
}
