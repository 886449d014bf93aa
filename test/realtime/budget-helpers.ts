import fs from 'node:fs';
import { FlightPlan } from '../../rules/src/model/plan.js';
import { PROTOCOL_VERSION } from '../../rules/src/protocol/index.js';
import type { PrincipalKeyFn } from '../../server/src/realtime/index.js';

/** The Kwun Tong roof inspection (A2, 110 m AGL), with its hover at the roof lasting `hoverS`. */
export function inlinePlan(id: string, hoverS = 60): FlightPlan {
  const raw = JSON.parse(
    fs.readFileSync(new URL('../../scenarios/plans/kwun-tong-roof-inspection.json', import.meta.url), 'utf8'),
  ) as Record<string, unknown>;
  delete raw.$schema;
  const plan = FlightPlan.parse(raw);
  return { ...plan, id, route: { ...plan.route, hoverS: [0, hoverS, 0, 0, 0] } };
}

/** All test sockets share one address: tests name their principal in the handshake instead. */
export const principalFromAuth: PrincipalKeyFn = (socket) =>
  `test:${String((socket.handshake.auth as { principal?: unknown }).principal ?? 'anonymous')}`;

export const as = (principal: string) => ({ auth: { protocolVersion: PROTOCOL_VERSION, principal } });
