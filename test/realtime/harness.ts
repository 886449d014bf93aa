import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import { buildZoneIndex } from '../../rules/src/airspace/index.js';
import type { Rulebook } from '../../rules/src/model/rulebook.js';
import {
  type Ack,
  type AircraftState,
  type ClientToServerEvents,
  PROTOCOL_VERSION,
  type ServerToClientEvents,
  type Snapshot,
  TELEMETRY_NAMESPACE,
  type TickBatch,
  unpackStates,
} from '../../rules/src/protocol/index.js';
import type { Scenario } from '../../rules/src/sim/scenario.js';
import type { Role } from '../../server/src/auth/principal.js';
import { loadCatalogue } from '../../server/src/data/airspace.js';
import { loadBuiltinPermissions } from '../../server/src/data/permissions.js';
import { loadBuiltinDrafts, loadBuiltinRulebooks } from '../../server/src/data/rulebooks.js';
import {
  manualTickSource,
  type RealtimeDeps,
  type RealtimeHandle,
  registerRealtime,
  type SocketPrincipalResolver,
} from '../../server/src/realtime/index.js';
import { createLiveServer, type LiveServer } from '../../server/src/sockets/types.js';

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

let shared: { airspace: ReturnType<typeof buildZoneIndex>; rulebooks: Rulebook[] } | undefined;
function data() {
  if (!shared) {
    const cat = loadCatalogue();
    shared = { airspace: buildZoneIndex(cat.zones, { version: cat.version }), rulebooks: loadBuiltinRulebooks() };
  }
  return shared;
}

export interface TestServer {
  url: string;
  realtime: RealtimeHandle;
  ticks: ReturnType<typeof manualTickSource>;
  io: LiveServer;
  clients: Client[];
  /** `as`: a signed-in user of that role (the harness's resolver reads it from a test header) */
  client(opts?: { auth?: Record<string, unknown>; namespace?: string; as?: Role }): Promise<Client>;
  close(): Promise<void>;
}

/** A socket.io server on port 0 with the realtime layer, a manual tick source and the given scenarios. */
/** The tests' stand-in for sign-in: a socket sending this header is a user of that role (never in the server). */
const TEST_ROLE_HEADER = 'x-test-role';
const testPrincipal: SocketPrincipalResolver = async (req) => {
  const role = req.headers[TEST_ROLE_HEADER];
  const ip = req.socket.remoteAddress ?? 'unknown';
  if (role !== 'viewer' && role !== 'applicant' && role !== 'regulator' && role !== 'admin')
    return { kind: 'anonymous', ip };
  return {
    kind: 'user',
    userId: `test-${role}`,
    email: `${role}@test`,
    role,
    orgId: null,
    via: 'session',
    scopes: ['read', 'plans', 'applications', 'ingest'],
    ip,
  };
};

export async function startServer(scenarios: Scenario[], extra: Partial<RealtimeDeps> = {}): Promise<TestServer> {
  const server = http.createServer();
  const io = createLiveServer(server, { serveClient: false });
  const ticks = manualTickSource();
  const drafts = loadBuiltinDrafts();
  const realtime = registerRealtime(io, {
    rulebooks: () => data().rulebooks,
    drafts: { get: (id) => drafts.find((d) => d.id === id) },
    airspace: data().airspace,
    permissions: () => loadBuiltinPermissions(),
    scenarios: () => scenarios,
    tickSource: ticks,
    resolvePrincipal: testPrincipal,
    ...extra,
  });
  await realtime.ready;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clients: Client[] = [];
  return {
    url,
    realtime,
    ticks,
    io,
    clients,
    async client(opts = {}) {
      // telemetry needs a signed-in operator with the ingest scope: feeders default to an applicant
      const role = opts.as ?? (opts.namespace === TELEMETRY_NAMESPACE ? 'applicant' : undefined);
      const socket: Client = connect(url + (opts.namespace ?? ''), {
        transports: ['websocket'],
        auth: opts.auth ?? { protocolVersion: PROTOCOL_VERSION },
        extraHeaders: role ? { [TEST_ROLE_HEADER]: role } : {},
        reconnection: false,
        forceNew: true,
      });
      clients.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', (err) => reject(err));
      });
      return socket;
    },
    async close() {
      for (const c of clients) c.disconnect();
      await realtime.close();
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}

/** Emit with an ack and wait for it. */
export function request<T>(socket: Client | Socket, event: string, payload: unknown): Promise<Ack<T>> {
  return new Promise((resolve) => {
    (socket as Socket).emit(event, payload, (res: Ack<T>) => resolve(res));
  });
}

/** Everything a client receives, in order, for assertions. */
export function record(socket: Client) {
  const log: { event: string; payload: unknown }[] = [];
  (socket as unknown as Socket).onAny((event: string, payload: unknown) => log.push({ event, payload }));
  return log;
}

/** The payloads of one event in a recorded log, in order. */
export const eventsOf = <T>(log: { event: string; payload: unknown }[], event: string): T[] =>
  log.filter((m) => m.event === event).map((m) => m.payload as T);

/**
 * The aircraft states of every tick in a recorded log, decoded as a client does: a tick without ids reuses the
 * rows of the last snapshot or tick that had them.
 */
export function tickStates(log: { event: string; payload: unknown }[]): AircraftState[][] {
  let ids: readonly string[] = [];
  const out: AircraftState[][] = [];
  for (const m of log) {
    if (m.event === 'session:snapshot') ids = (m.payload as Snapshot).aircraft.ids;
    if (m.event !== 'tick') continue;
    const t = m.payload as TickBatch;
    ids = t.aircraft.ids ?? ids;
    out.push(unpackStates(t.aircraft, ids));
  }
  return out;
}

/** Wait until `pred` holds, checking after each socket message (no wall-clock sleeps). */
export function until(socket: Client, pred: () => boolean, what = 'condition'): Promise<void> {
  if (pred()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), 10_000);
    const check = () => {
      if (!pred()) return;
      clearTimeout(timer);
      (socket as unknown as Socket).offAny(check);
      resolve();
    };
    (socket as unknown as Socket).onAny(check);
  });
}

/** A round trip through the server: everything it sent before answering has arrived. */
export async function flush(socket: Client): Promise<void> {
  await request(socket, 'session:list', {});
}
