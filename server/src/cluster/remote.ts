import { randomUUID } from 'node:crypto';
import {
  type Ack,
  ackError,
  ackOk,
  SessionControl,
  type SessionInfo,
  SessionJoin,
  SessionLeave,
} from '@sua-sandbox/rules/protocol';
import type { DefaultEventsMap, Server } from 'socket.io';
import type { Principal } from '../auth/principal.js';
import { sessionRoom } from '../realtime/handlers.js';
import type { RealtimeDeps, RealtimeLogger, Session } from '../realtime/index.js';
import { principalKey, socketPrincipal } from '../realtime/principal.js';
import { RealtimeError, resolveRulebook } from '../realtime/rulebook-select.js';
import type { SessionManager } from '../realtime/sessions.js';
import { emitSessionEvent, type LiveServer, type LiveSocket, replyTo } from '../sockets/types.js';

/** How long a node waits for the holder of a session to answer a forwarded request. */
export const REPLY_TIMEOUT_MS = 5000;
/**
 * How long in all it waits once the holder has said it is working on the request: serving a join of a large
 * session (10,000 aircraft: a 19 MB message built, encoded and published in one go) can take longer than
 * REPLY_TIMEOUT_MS. Bounded, so that a holder dying mid-way still ends in `unavailable`.
 */
export const WORKING_TIMEOUT_MS = 60_000;
/** How long a session list waits for the other nodes (a dead one must not hold up every viewer's list). */
export const LIST_TIMEOUT_MS = 2000;

/** Who asks for the cluster's session list: each node answers with what this principal may see of its own. */
interface ListRequest {
  principal: string;
  role?: string;
}

type Kind = 'join' | 'leave' | 'control';

/** A viewer's request for a session simulated on another node. */
interface RemoteRequest {
  reqId: string;
  /** the asking node (the reply is addressed to it) */
  from: string;
  kind: Kind;
  sessionId: string;
  socketId: string;
  payload: unknown;
  /** the asking socket's principal key (budgets, ownership) and principal (rights, what drafts it may read) */
  principal: string;
  who: Principal;
}

/** The holder's answer, or (`working`) its word that the answer is coming: the asker waits longer. */
type RemoteReply = { reqId: string; to: string } & ({ ack: Ack<unknown> } | { working: true });

interface ClusterEvents {
  'cluster:request': (r: RemoteRequest) => void;
  'cluster:reply': (r: RemoteReply) => void;
  'cluster:list': (r: ListRequest, answer: (sessions: SessionInfo[]) => void) => void;
}

const KINDS: Record<string, Kind> = { 'session:join': 'join', 'session:leave': 'leave', 'session:control': 'control' };

function sessionIdOf(payload: unknown): string | null {
  if (typeof payload !== 'object' || payload === null || !('sessionId' in payload)) return null;
  return typeof payload.sessionId === 'string' ? payload.sessionId : null;
}

export interface RemoteOptions {
  /** does the cluster run session `id` (on any node) */
  known(id: string): Promise<boolean>;
  nodeId: string;
  logger?: RealtimeLogger;
  /** tests only: the holder waits this long before serving a join or control (as a very large session would) */
  serveDelayMs?: number;
}

/** What the asker keeps of a forwarded request until its answer. */
interface Pending {
  answer(ack: Ack<unknown>): void;
  working(): void;
}

/**
 * Viewers of a session simulated on another node. `session:join`, `session:leave` and `session:control` for a
 * session not on this node go to every node (socket.io `serverSideEmit`, through Redis); the holder answers:
 * - join: it sends the viewer's socket (by id, through the adapter) the snapshot or the missed events, then puts
 *   the socket in the session's room, then replies. The adapter publishes all three on one Redis connection and
 *   each node applies them in order, so the viewer gets every later event exactly once.
 * - control: applied by the holder with the asking principal's rights; its ack comes back to the asker.
 * A join or control can take the holder seconds (a large session's snapshot, a seek): it first replies `working`
 * (the asker then waits up to WORKING_TIMEOUT_MS in all) and does the work on a later turn of its event loop, so the
 * keepalive is on the wire before the work blocks it. The work itself stays synchronous from snapshot to reply.
 * No answer within REPLY_TIMEOUT_MS (the holder died and no node has taken over yet): `unavailable`, retry.
 */
export function registerRemoteSessions(
  io: LiveServer,
  sessions: SessionManager,
  deps: RealtimeDeps,
  opts: RemoteOptions,
): (principal: string, role: string | undefined) => Promise<SessionInfo[]> {
  // socket.io types server-to-server events with the protocol's (empty) map; these are the cluster's own.
  const cluster = io as unknown as Server<DefaultEventsMap, DefaultEventsMap, ClusterEvents>;
  const pending = new Map<string, Pending>();

  const forward = (socket: LiveSocket, kind: Kind, sessionId: string, payload: unknown): Promise<Ack<unknown>> => {
    const req: RemoteRequest = {
      reqId: randomUUID(),
      from: opts.nodeId,
      kind,
      sessionId,
      socketId: socket.id,
      payload,
      principal: (deps.principalKey ?? principalKey)(socket),
      who: socketPrincipal(socket),
    };
    return new Promise((resolve) => {
      const sent = Date.now();
      const answer = (ack: Ack<unknown>) => {
        clearTimeout(timer);
        pending.delete(req.reqId);
        resolve(ack);
      };
      const giveUp = () =>
        answer(ackError('unavailable', `session "${sessionId}" is moving to another node; retry in a few seconds`));
      let timer = setTimeout(giveUp, REPLY_TIMEOUT_MS);
      const working = () => {
        clearTimeout(timer);
        timer = setTimeout(giveUp, Math.max(0, sent + WORKING_TIMEOUT_MS - Date.now()));
      };
      pending.set(req.reqId, { answer, working });
      cluster.serverSideEmit('cluster:request', req);
    });
  };

  cluster.on('cluster:reply', (r: RemoteReply) => {
    if (r.to !== opts.nodeId) return;
    const p = pending.get(r.reqId);
    if (!p) return;
    if ('ack' in r) p.answer(r.ack);
    else p.working();
  });

  /** The holder's side of a forwarded request (throws for a payload that no longer parses). */
  const serve = (
    r: RemoteRequest,
    session: Session,
    reply: (ack: Ack<unknown>) => void,
    fail: (e: unknown) => void,
  ) => {
    // the same visibility as on the holder's own sockets: another's private session is not there
    const role = r.who.kind === 'user' ? r.who.role : undefined;
    if (r.kind !== 'leave' && !sessions.maySee(session.id, r.principal, role))
      throw new RealtimeError('not_found', `session "${session.id}" not found`);
    if (r.kind === 'leave') {
      session.viewers = Math.max(0, session.viewers - 1);
      reply(ackOk({ sessionId: session.id }));
    } else if (r.kind === 'join') {
      // synchronous from here to the reply: nothing of the session is broadcast in between
      const req = SessionJoin.parse(r.payload);
      const to = io.to(r.socketId);
      const replay = req.resume ? session.replaySince(req.resume.lastSeq) : null;
      if (req.resume && replay) {
        for (const e of replay) emitSessionEvent(to, e);
        if (req.resume.lastTick < session.tick) to.emit('tick', session.resumeTick());
      } else to.emit('session:snapshot', session.snapshot(req.resume ? 'resume-gap' : 'join'));
      io.in(r.socketId).socketsJoin(sessionRoom(session.id));
      session.viewers++;
      reply(ackOk(session.info()));
    } else {
      const req = SessionControl.parse(r.payload);
      if (!sessions.mayControl(session.id, r.principal, role))
        throw new RealtimeError('forbidden', `session "${session.id}" is not yours to control: follow it, or fork it`);
      const done =
        req.action === 'set-rulebook'
          ? resolveRulebook(deps, req.rulebook, { at: session.scenario.start }, r.who).then((rb) =>
              session.control(req, rb),
            )
          : session.control(req);
      done.then((info) => reply(ackOk(info)), fail);
    }
  };

  cluster.on('cluster:request', (r: RemoteRequest) => {
    const session = sessions.get(r.sessionId);
    if (!session) return; // not the holder
    const reply = (ack: Ack<unknown>) => cluster.serverSideEmit('cluster:reply', { reqId: r.reqId, to: r.from, ack });
    const fail = (err: unknown) => {
      if (err instanceof RealtimeError) reply(ackError(err.code, err.message, err.issues, err.extra));
      else {
        opts.logger?.error({ err, sessionId: r.sessionId }, 'cluster: forwarded request failed');
        reply(ackError('internal', 'internal error'));
      }
    };
    const run = () => {
      try {
        serve(r, session, reply, fail);
      } catch (err) {
        fail(err);
      }
    };
    if (r.kind === 'leave') return run();
    // published now (written to Redis before this handler returns); the work waits for a later turn
    cluster.serverSideEmit('cluster:reply', { reqId: r.reqId, to: r.from, working: true });
    const later = () => {
      // it may have moved to another node (or ended) meanwhile: the viewer retries there
      if (sessions.get(r.sessionId) !== session)
        return reply(ackError('unavailable', `session "${r.sessionId}" moved to another node or ended; retry`));
      run();
    };
    if (opts.serveDelayMs) setTimeout(later, opts.serveDelayMs);
    else setImmediate(later);
  });

  // Each node lists its own sessions with its own visibility rule (SessionManager.maySee), as for its sockets.
  cluster.on('cluster:list', (r: ListRequest, answer) => {
    answer(sessions.visibleTo(r.principal, r.role).map((s) => s.info()));
  });

  io.on('connection', (socket) => {
    /** sessions this socket follows through another node's request (it is in their rooms) */
    const followed = new Set<string>();
    socket.use((packet, next) => {
      const [event, payload] = packet;
      const kind = KINDS[String(event)];
      const id = kind ? sessionIdOf(payload) : null;
      if (!kind || !id) return next();
      const ack = replyTo<unknown>(packet.at(-1));
      const local = sessions.get(id);
      if (local) {
        // taken over by this node while the socket followed it: it is in the room, not in the handler's list
        if (kind === 'leave' && followed.delete(id)) {
          void socket.leave(sessionRoom(id));
          local.viewers = Math.max(0, local.viewers - 1);
          ack(ackOk({ sessionId: id }));
          return;
        }
        if (kind === 'join') followed.delete(id);
        return next();
      }
      const schema = kind === 'join' ? SessionJoin : kind === 'leave' ? SessionLeave : SessionControl;
      if (!schema.safeParse(payload).success) return next(); // the handler answers with the issues
      opts.known(id).then(
        (known) => {
          if (!known) return next(); // the handler answers not_found
          if (kind === 'leave') {
            followed.delete(id);
            void socket.leave(sessionRoom(id));
          }
          void forward(socket, kind, id, payload).then((res) => {
            if (kind === 'join' && res.ok) {
              // gone while the holder worked: it counted a viewer that will never leave
              if (socket.connected) followed.add(id);
              else void forward(socket, 'leave', id, { sessionId: id });
            }
            ack(res);
          });
        },
        (err: unknown) => {
          opts.logger?.error({ err }, 'cluster: session lookup failed');
          ack(ackError('unavailable', 'the cluster store does not answer; retry shortly'));
        },
      );
    });
    socket.on('disconnect', () => {
      for (const id of followed) {
        if (!sessions.get(id)) void forward(socket, 'leave', id, { sessionId: id });
        else {
          const s = sessions.get(id);
          if (s) s.viewers = Math.max(0, s.viewers - 1);
        }
      }
      followed.clear();
    });
  });

  /** The sessions the other nodes run that this principal may see (those that answered within LIST_TIMEOUT_MS). */
  return (principal, role) =>
    new Promise((resolve) => {
      // the adapter calls back once every other node answered, or after its requestsTimeout with those that did
      cluster.serverSideEmit('cluster:list', { principal, role }, (err: Error | null, answers: SessionInfo[][]) => {
        if (err) opts.logger?.warn({ err }, 'cluster: a node did not list its sessions in time');
        resolve((answers ?? []).flat());
      });
    });
}
