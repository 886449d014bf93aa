/**
 * The attacks of issue 10 as functions over a running server, shared by the abuse tests (which assert on what
 * they return) and `bench:abuse` (which times health around them). Every attack is bounded in count and time.
 */
import { io as connect, type Socket } from 'socket.io-client';
import type { Ack } from '../../rules/src/protocol/index.js';
import { PROTOCOL_VERSION, TELEMETRY_NAMESPACE } from '../../rules/src/protocol/index.js';
import { api, credentialsFor, type Reply } from './harness.js';
import { kmzOptions, longPlan, planTemplate, telemetrySamples } from './payloads.js';

// ---------------------------------------------------------------- sockets

export async function connectSocket(url: string, namespace = ''): Promise<Socket> {
  const socket = connect(url + namespace, {
    transports: ['websocket'],
    auth: { protocolVersion: PROTOCOL_VERSION },
    // the attacker's token, as for HTTP (telemetry needs one)
    extraHeaders: credentialsFor(url),
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no socket.io connection to ${url}${namespace}`)), 20_000);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('connect_error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
  return socket;
}

export type AckOrSilence<T> =
  | Ack<T>
  | { ok: false; error: { code: 'no-answer' | 'disconnected'; message: string; issues?: undefined } };

/**
 * Emit with an ack; after `timeoutMs` without one (a liveness bound) or when the server disconnects the socket,
 * the result says so.
 */
export function emitAck<T>(
  socket: Socket,
  event: string,
  payload: unknown,
  timeoutMs = 60_000,
): Promise<AckOrSilence<T>> {
  return new Promise((resolve) => {
    const onDisconnect = (reason: string) => {
      clearTimeout(timer);
      resolve({ ok: false, error: { code: 'disconnected', message: `disconnected (${reason}) before the ack` } });
    };
    const timer = setTimeout(() => {
      socket.off('disconnect', onDisconnect);
      resolve({ ok: false, error: { code: 'no-answer', message: `no ack to ${event} within ${timeoutMs} ms` } });
    }, timeoutMs);
    if (socket.disconnected) return onDisconnect('already');
    socket.once('disconnect', onDisconnect);
    socket.emit(event, payload, (res: Ack<T>) => {
      clearTimeout(timer);
      socket.off('disconnect', onDisconnect);
      resolve(res);
    });
  });
}

export async function defaultSessionId(socket: Socket): Promise<string> {
  const hello = await emitAck<{ defaultSessionId: string | null }>(socket, 'hello', {
    protocolVersion: PROTOCOL_VERSION,
  });
  if (!hello.ok || !hello.data.defaultSessionId) throw new Error(`no default session: ${JSON.stringify(hello)}`);
  return hello.data.defaultSessionId;
}

/** Counts of ack outcomes by error code (`ok` for commits). */
export type AckCounts = Record<string, number>;
const count = (counts: AckCounts, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

export interface FloodResult {
  sent: number;
  acks: AckCounts;
  /** acks still missing when the bounded wait ended (or when the server disconnected the socket) */
  unanswered: number;
  /** why the server disconnected the socket, if it did */
  disconnected: string | null;
  /** an example message per error code */
  messages: Record<string, string>;
}

/** `session:join` on one socket at `perSecond` for `seconds` (issue: ~3,600/s), then waits up to 30 s for acks. */
export async function joinFlood(url: string, perSecond = 3600, seconds = 3): Promise<FloodResult> {
  const socket = await connectSocket(url);
  const sessionId = await defaultSessionId(socket);
  const result: FloodResult = { sent: 0, acks: {}, unanswered: 0, disconnected: null, messages: {} };
  socket.on('disconnect', (reason) => {
    result.disconnected = reason;
  });
  let answered = 0;
  const perTick = Math.round(perSecond / 100);
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      for (let i = 0; i < perTick; i++) {
        result.sent++;
        socket.emit('session:join', { sessionId }, (res: Ack<unknown>) => {
          answered++;
          const key = res.ok ? 'ok' : res.error.code;
          count(result.acks, key);
          if (!res.ok) result.messages[key] ??= res.error.message;
        });
      }
      if (result.sent >= perSecond * seconds) {
        clearInterval(timer);
        resolve();
      }
    }, 10);
  });
  for (let i = 0; i < 300 && answered < result.sent && !result.disconnected; i++)
    await new Promise((r) => setTimeout(r, 100));
  result.unanswered = result.sent - answered;
  socket.removeAllListeners('disconnect');
  socket.disconnect();
  return result;
}

export interface CreateSeekResult {
  create: AckOrSilence<{ id: string; clock: { durationMs: number | null } }>;
  seek: AckOrSilence<unknown> | null;
}

/** The issue's session: `count` inline `days`-day plans. */
export const longPlans = (count = 500, days = 6) => Array.from({ length: count }, (_, i) => longPlan(days, i));

/** `session:create` with inline plans (see longPlans), then a seek to the end of the session. */
export async function createAndSeek(url: string, plans: unknown[], days = 6): Promise<CreateSeekResult> {
  const socket = await connectSocket(url);
  try {
    const create = await emitAck<{ id: string; clock: { durationMs: number | null } }>(socket, 'session:create', {
      plans,
      autoplay: false,
      title: 'abuse: long plans',
    });
    if (!create.ok) return { create, seek: null };
    const seek = await emitAck(socket, 'session:control', {
      sessionId: create.data.id,
      action: 'seek',
      elapsedMs: create.data.clock.durationMs ?? days * 86_400_000,
    });
    return { create, seek };
  } finally {
    socket.disconnect();
  }
}

export interface TelemetryRun {
  sockets: number;
  offered: number;
  accepted: number;
  acks: AckCounts;
}

/**
 * `sockets` telemetry connections each sending batches of `batch` samples, one after another's ack, for
 * `seconds` (reconnecting when disconnected); counts what the server accepted. All come from one source
 * (127.0.0.1), so more sockets must not mean more accepted samples.
 */
export async function telemetryRace(url: string, sockets: number, seconds = 2, batch = 20): Promise<TelemetryRun> {
  const run: TelemetryRun = { sockets, offered: 0, accepted: 0, acks: {} };
  const deadline = performance.now() + seconds * 1000;
  const t0 = Date.now();
  const feeds = await Promise.all(Array.from({ length: sockets }, () => connectSocket(url, TELEMETRY_NAMESPACE)));
  await Promise.all(
    feeds.map(async (first, f) => {
      let feed = first;
      for (let round = 0; performance.now() < deadline; round++) {
        const samples = telemetrySamples(batch, t0 + round * 1000, `race-${sockets}-${f}`, batch);
        run.offered += samples.length;
        const ack = await emitAck<{ accepted: number }>(feed, 'telemetry', samples, 10_000);
        count(run.acks, ack.ok ? 'ok' : ack.error.code);
        if (ack.ok) run.accepted += ack.data.accepted;
        else if (ack.error.code === 'no-answer') break;
        // a source the server disconnects for flooding comes back, as a real one would
        else if (ack.error.code === 'disconnected') {
          const again = await connectSocket(url, TELEMETRY_NAMESPACE).catch((err: unknown) => err);
          if (again instanceof Error) {
            count(run.acks, 'reconnect-refused');
            break;
          }
          feed = again as Socket;
        }
      }
      feed.disconnect();
    }),
  );
  for (const f of feeds) f.disconnect();
  return run;
}

// ---------------------------------------------------------------- HTTP

/** POST /api/plans as multipart: a route file plus the standard template (format: auto unless given). */
export function uploadPlan(
  url: string,
  content: Uint8Array | string,
  fileName: string,
  options?: object,
  format?: string,
): Promise<Reply> {
  const form = new FormData();
  if (format) form.set('format', format);
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  form.set('file', new Blob([bytes]), fileName);
  form.set('template', JSON.stringify(planTemplate()));
  if (options) form.set('options', JSON.stringify(options));
  return api(url, 'POST', '/api/plans', { form });
}

/** What the list endpoints hold, to show a refused request stored nothing. */
export async function storedCounts(url: string) {
  const plans = await api<{ total: number }>(url, 'GET', '/api/plans?limit=1');
  const drafts = await api<{ source: string }[]>(url, 'GET', '/api/drafts');
  const layers = await api<unknown[]>(url, 'GET', '/api/zones/layers');
  const zones = await api<{ features: unknown[] }>(url, 'GET', '/api/zones');
  return {
    plans: plans.body.total,
    storedDrafts: drafts.body.filter((d) => d.source === 'stored').length,
    layers: layers.body.length,
    zones: zones.body.features?.length ?? -1,
  };
}

/** A request that never got an answer (the server died or hung) is returned, not thrown, so tests can say why. */
export const settle = (p: Promise<Reply>): Promise<Reply | Error> =>
  p.catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))));

/** Options that try to lift the KMZ inflation limit to 4 GiB. */
export const RAISED_LIMIT_OPTIONS = { ...kmzOptions, maxUncompressedBytes: 2 ** 32 };

export const uploadKmz = (url: string, kmz: Uint8Array, options: object = kmzOptions) =>
  settle(uploadPlan(url, kmz, 'route.kmz', options));

/** POST /api/check with a body already serialised (build it before the attack starts). */
export const checkJson = (url: string, json: string) =>
  settle(
    api(url, 'POST', '/api/check', { raw: json, headers: { 'content-type': 'application/json' }, timeoutMs: 120_000 }),
  );

/** A status for tables: the HTTP status, or why there was none. */
export const outcome = (r: Reply | Error) => (r instanceof Error ? `no answer (${r.message})` : String(r.status));
