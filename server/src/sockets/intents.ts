import type { IntentContingentEvent } from '@sua-sandbox/rules/protocol';
import { affectedIntents } from '@sua-sandbox/rules/traffic';
import { actorOf, type Principal } from '../auth/principal.js';
import type { LiveIntents } from '../realtime/intent-watch.js';
import type { IntentService } from '../services/intents.js';
import type { AccountRepository } from '../store/types.js';
import { orgRoom, REGULATORS_ROOM } from './applications.js';
import type { LiveServer } from './types.js';

/** The audit actor of the transitions the live conformance monitor makes (the authority, not a USS). */
export const CONFORMANCE_ACTOR = 'system:conformance';

/**
 * The operational intents as live sessions see them: read from the deconfliction index, moved by the conformance
 * monitor as the authority, and a contingency told over socket.io (`intent:contingent`) to the organisation of every
 * affected intent's manager (with its own intents among them), to the contingent intent's organisation, and to the
 * regulators (every affected intent). An aircraft may fly an intent its sender manages (a regulator or admin any).
 */
export function liveIntents(intents: IntentService, accounts: AccountRepository, io: LiveServer): LiveIntents {
  const orgOf = async (manager: string): Promise<string | null> => {
    if (!manager.startsWith('user:')) return null;
    return (await accounts.getUser(manager.slice('user:'.length)))?.orgId ?? null;
  };
  return {
    params: intents.traffic.params,
    get: (id) => intents.index.get(id),
    mayFly(id: string, declarer: Principal | undefined) {
      if (!declarer) return true;
      if (declarer.kind === 'user' && (declarer.role === 'regulator' || declarer.role === 'admin')) return true;
      return intents.index.get(id)?.reference.manager === actorOf(declarer);
    },
    async transition(id, to) {
      await intents.transition(id, to, { actor: CONFORMANCE_ACTOR, overrides: true });
    },
    async contingent(at) {
      const intent = intents.index.get(at.intentId);
      if (!intent) return;
      const affected = affectedIntents(intents.index, intent, at, intents.traffic.params);
      const byOrg = new Map<string, string[]>();
      const own = await orgOf(intent.reference.manager);
      if (own) byOrg.set(own, []);
      for (const id of affected) {
        const other = intents.index.get(id);
        const org = other ? await orgOf(other.reference.manager) : null;
        if (org) byOrg.set(org, [...(byOrg.get(org) ?? []), id]);
      }
      const event = (affectedIntentIds: string[]): IntentContingentEvent => ({
        intentId: intent.reference.id,
        operator: intent.reference.operator,
        ovn: intent.reference.ovn,
        aircraftId: at.aircraftId,
        sessionId: at.sessionId,
        position: [at.lon, at.lat, Math.round(at.altAmslM * 100) / 100],
        at: new Date(at.tMs).toISOString(),
        affectedIntentIds,
      });
      for (const [org, ids] of byOrg) io.to(orgRoom(org)).emit('intent:contingent', event(ids));
      io.to(REGULATORS_ROOM).emit('intent:contingent', event(affected));
    },
  };
}
