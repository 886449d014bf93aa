import {
  ackError,
  ackOk,
  ClientHello,
  IncompatibleReason,
  issuesFromZod,
  PROTOCOL_VERSION,
  type ServerHello,
  SessionControl,
  SessionCreate,
  type SessionInfo,
  SessionJoin,
  SessionLeave,
} from '@sua-sandbox/rules/protocol';
import type { Socket } from 'socket.io';
import { emitSessionEvent, type LiveServer, replyTo } from '../sockets/types.js';
import type { RealtimeDeps, RealtimeLogger, SessionCluster } from './deps.js';
import type { EventBudgets } from './event-budget.js';
import { principalKey, socketPrincipal } from './principal.js';
import { RealtimeError, resolveRulebook } from './rulebook-select.js';
import type { SessionManager } from './sessions.js';

export const sessionRoom = (id: string) => `session:${id}`;

/**
 * Version check at the handshake: a client that states another protocol version is refused with a typed
 * reason (`connect_error` → `err.data`). A client that states none is let in (curl, old tools) and told
 * the server's version in `hello`.
 */
export function versionCheck(socket: Pick<Socket, 'handshake'>, next: (err?: Error) => void): void {
  const raw = (socket.handshake.auth as Record<string, unknown> | undefined)?.protocolVersion;
  const client = typeof raw === 'number' && Number.isInteger(raw) ? raw : null;
  if (raw === undefined || client === PROTOCOL_VERSION) {
    next();
    return;
  }
  const reason: IncompatibleReason = IncompatibleReason.parse({
    code: 'protocol-version-mismatch',
    message: `server speaks protocol ${PROTOCOL_VERSION}, client ${client ?? String(raw)}; reload the page or update the client`,
    serverVersion: PROTOCOL_VERSION,
    clientVersion: client,
  });
  const err = new Error(reason.message) as Error & { data?: IncompatibleReason };
  err.data = reason;
  next(err);
}

/** Run a handler; map failures to error acks so no payload can crash the server. */
async function guarded<T>(ack: unknown, logger: RealtimeLogger | undefined, work: () => Promise<T> | T): Promise<void> {
  const reply = replyTo<T>(ack);
  try {
    reply(ackOk(await work()));
  } catch (err) {
    if (err instanceof RealtimeError) reply(ackError(err.code, err.message, err.issues, err.extra));
    else {
      logger?.error({ err }, 'realtime handler failed');
      reply(ackError('internal', 'internal error'));
    }
  }
}

function parse<T>(
  schema: { safeParse(x: unknown): { success: true; data: T } | { success: false; error: import('zod').ZodError } },
  payload: unknown,
): T {
  const r = schema.safeParse(payload);
  if (!r.success) throw new RealtimeError('invalid_payload', 'invalid payload', issuesFromZod(r.error));
  return r.data;
}

/**
 * The sessions this principal may see (SessionManager.maySee): this node's, then, in a cluster, the other nodes'
 * (each applies the same rule to its own), a session listed once even while it moves between nodes.
 */
export async function visibleSessions(
  sessions: SessionManager,
  cluster: SessionCluster | undefined,
  principalKey: string,
  role: string | undefined,
): Promise<SessionInfo[]> {
  const here = sessions.visibleTo(principalKey, role).map((s) => s.info());
  if (!cluster) return here;
  const seen = new Set(here.map((s) => s.id));
  const elsewhere = (await cluster.listElsewhere(principalKey, role)).filter((s) => !seen.has(s.id) && seen.add(s.id));
  return [...here, ...elsewhere];
}

/** The greeting: the sessions this principal may see. */
export async function serverHello(
  sessions: SessionManager,
  cluster: SessionCluster | undefined,
  principalKey: string,
  role: string | undefined,
): Promise<ServerHello> {
  const visible = await visibleSessions(sessions, cluster, principalKey, role);
  return {
    protocolVersion: PROTOCOL_VERSION,
    server: 'sua-sandbox',
    defaultSessionId: sessions.defaultSessionId,
    sessions: visible.map((s) => ({ id: s.id, title: s.title, scenarioId: s.scenarioId })),
  };
}

/**
 * Socket handlers of the default namespace: sessions, joining with snapshot or resume, clock control. Every
 * event is metered first (event-budget.ts), per connection and per principal.
 */
export function registerSessionHandlers(
  io: LiveServer,
  sessions: SessionManager,
  deps: RealtimeDeps,
  events: EventBudgets,
): void {
  const logger = deps.logger;
  io.on('connection', (socket) => {
    const principal = (deps.principalKey ?? principalKey)(socket);
    events.guard(socket, principal, { logger });
    const joined = new Set<string>();
    const whoIs = socketPrincipal(socket);
    const role = whoIs.kind === 'user' ? whoIs.role : undefined;
    void serverHello(sessions, deps.cluster, principal, role).then(
      (hello) => socket.emit('hello', hello),
      (err: unknown) => logger?.error({ err }, 'hello failed'),
    );

    socket.on('hello', (payload: unknown, ack: unknown) =>
      guarded(ack, logger, () => {
        const hello = parse(ClientHello, payload);
        if (hello.protocolVersion !== PROTOCOL_VERSION)
          throw new RealtimeError(
            'protocol_version_mismatch',
            `server speaks protocol ${PROTOCOL_VERSION}, client ${hello.protocolVersion}`,
          );
        return serverHello(sessions, deps.cluster, principal, role);
      }),
    );

    socket.on('session:list', (_payload: unknown, ack: unknown) =>
      guarded(ack, logger, () => visibleSessions(sessions, deps.cluster, principal, role)),
    );

    socket.on('session:create', (payload: unknown, ack: unknown) =>
      guarded(ack, logger, async () => {
        const req = parse(SessionCreate, payload);
        // another's private session is not there to fork
        if (req.fork && !sessions.maySee(req.fork, principal, role))
          throw new RealtimeError('not_found', `session "${req.fork}" not found`);
        const session = req.fork
          ? await sessions.fork(req.fork, principal, req.title)
          : await sessions.create(req, { owner: principal, reader: socketPrincipal(socket) });
        return session.info();
      }),
    );

    socket.on('session:join', (payload: unknown, ack: unknown) =>
      guarded(ack, logger, () => {
        const req = parse(SessionJoin, payload);
        const session = sessions.get(req.sessionId);
        if (!session || !sessions.maySee(session.id, principal, role))
          throw new RealtimeError('not_found', `session "${req.sessionId}" not found`);
        // whose it is, so a page reloaded on its own private copy steers it again rather than following it
        const info = () => ({ ...session.info(), yours: sessions.ownerOf(session.id) === principal });
        // Already in the room: it receives everything live, so joining again changes nothing and sends nothing.
        if (joined.has(session.id)) return info();
        joined.add(session.id);
        session.viewers++;
        void socket.join(sessionRoom(session.id));
        const replay = req.resume ? session.replaySince(req.resume.lastSeq) : null;
        if (req.resume && replay) {
          for (const e of replay) emitSessionEvent(socket, e);
          if (req.resume.lastTick < session.tick) socket.emit('tick', session.resumeTick());
        } else socket.emit('session:snapshot', session.snapshot(req.resume ? 'resume-gap' : 'join'));
        return info();
      }),
    );

    socket.on('session:leave', (payload: unknown, ack: unknown) =>
      guarded(ack, logger, () => {
        const { sessionId } = parse(SessionLeave, payload);
        if (joined.delete(sessionId)) {
          void socket.leave(sessionRoom(sessionId));
          const s = sessions.get(sessionId);
          if (s) s.viewers = Math.max(0, s.viewers - 1);
        }
        return { sessionId };
      }),
    );

    socket.on('session:control', (payload: unknown, ack: unknown) =>
      guarded(ack, logger, async () => {
        const req = parse(SessionControl, payload);
        const session = sessions.get(req.sessionId);
        if (!session || !sessions.maySee(session.id, principal, role))
          throw new RealtimeError('not_found', `session "${req.sessionId}" not found`);
        const who = socketPrincipal(socket);
        if (!sessions.mayControl(session.id, principal, who.kind === 'user' ? who.role : undefined))
          throw new RealtimeError(
            'forbidden',
            `session "${session.id}" is not yours to control: follow it, or fork it (session:create {fork}) for your own copy with its own clock`,
          );
        if (req.action === 'set-rulebook') {
          const resolved = await resolveRulebook(deps, req.rulebook, { at: session.scenario.start }, who);
          return session.control(req, resolved);
        }
        return session.control(req);
      }),
    );

    socket.on('disconnect', () => {
      for (const id of joined) {
        const s = sessions.get(id);
        if (s) s.viewers = Math.max(0, s.viewers - 1);
      }
      joined.clear();
    });
  });
}
