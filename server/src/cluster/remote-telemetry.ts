import { randomUUID } from 'node:crypto';
import { type Ack, ackError, ackOk, type TelemetryAccepted, type TelemetrySample } from '@sua-sandbox/rules/protocol';
import type { DefaultEventsMap, Server } from 'socket.io';
import type { Principal } from '../auth/principal.js';
import type { RealtimeLogger } from '../realtime/index.js';
import { RealtimeError } from '../realtime/rulebook-select.js';
import type { SessionManager } from '../realtime/sessions.js';
import type { LiveServer } from '../sockets/types.js';

/** How long the receiving node waits for the holder's answer (a dead holder: `unavailable` until one takes over). */
const REPLY_TIMEOUT_MS = 5000;

/** Samples (validated and metered by the node they arrived at) for a session another node simulates. */
interface TelemetryRequest {
  reqId: string;
  /** the receiving node (the reply is addressed to it) */
  from: string;
  sessionId: string;
  samples: TelemetrySample[];
  /** the sender's principal key (whose aircraft these are) and principal (what it may declare) */
  source: string;
  declarer?: Principal;
}

interface TelemetryReply {
  reqId: string;
  to: string;
  ack: Ack<TelemetryAccepted>;
}

interface TelemetryEvents {
  'cluster:telemetry': (r: TelemetryRequest) => void;
  'cluster:telemetry-reply': (r: TelemetryReply) => void;
}

export interface RemoteTelemetryOptions {
  /** does the cluster run session `id` (on any node) */
  known(id: string): Promise<boolean>;
  nodeId: string;
  logger?: RealtimeLogger;
}

/**
 * Telemetry for a session simulated on another node (SessionManager.telemetryElsewhere). The receiving node has
 * validated the samples and charged the sender's budget; it sends them to every node (socket.io `serverSideEmit`,
 * through Redis) with the sender's principal, and only the holder answers: it judges them as its own telemetry
 * (SessionManager.ingestHere: declared intents and permissions, another source's aircraft, track budgets) and its
 * ack — the accepted count and assumptions, or the error with its code and issue paths — comes back to the sender.
 */
export function registerRemoteTelemetry(io: LiveServer, sessions: SessionManager, opts: RemoteTelemetryOptions): void {
  // socket.io types server-to-server events with the protocol's (empty) map; these are the cluster's own.
  const cluster = io as unknown as Server<DefaultEventsMap, DefaultEventsMap, TelemetryEvents>;
  const pending = new Map<string, (ack: Ack<TelemetryAccepted>) => void>();

  cluster.on('cluster:telemetry-reply', (r: TelemetryReply) => {
    if (r.to === opts.nodeId) pending.get(r.reqId)?.(r.ack);
  });

  cluster.on('cluster:telemetry', (r: TelemetryRequest) => {
    if (!sessions.get(r.sessionId)) return; // not the holder
    let ack: Ack<TelemetryAccepted>;
    try {
      ack = ackOk(sessions.ingestHere(r.samples, r.source, r.sessionId, r.declarer));
    } catch (err) {
      if (err instanceof RealtimeError) ack = ackError(err.code, err.message, err.issues, err.extra);
      else {
        opts.logger?.error({ err, sessionId: r.sessionId }, 'cluster: forwarded telemetry failed');
        ack = ackError('internal', 'internal error');
      }
    }
    cluster.serverSideEmit('cluster:telemetry-reply', { reqId: r.reqId, to: r.from, ack });
  });

  const ask = (req: TelemetryRequest): Promise<Ack<TelemetryAccepted>> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        pending.delete(req.reqId);
        resolve(
          ackError('unavailable', `session "${req.sessionId}" is moving to another node; retry in a few seconds`),
        );
      }, REPLY_TIMEOUT_MS);
      pending.set(req.reqId, (ack) => {
        clearTimeout(timer);
        pending.delete(req.reqId);
        resolve(ack);
      });
      cluster.serverSideEmit('cluster:telemetry', req);
    });

  sessions.telemetryElsewhere = async (samples, source, sessionId, declarer) => {
    if (!(await opts.known(sessionId))) throw new RealtimeError('not_found', `session "${sessionId}" not found`);
    const req: TelemetryRequest = { reqId: randomUUID(), from: opts.nodeId, sessionId, samples: [...samples], source };
    if (declarer) req.declarer = declarer;
    const ack = await ask(req);
    if (ack.ok) return ack.data;
    const { code, message, issues, limit, retryAfterMs } = ack.error;
    throw new RealtimeError(code, message, issues, { limit, retryAfterMs });
  };
}
