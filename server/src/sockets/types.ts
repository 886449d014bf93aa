import type http from 'node:http';
import {
  type AckFn,
  type ClientToServerEvents,
  type InterServerEvents,
  type ServerToClientEvents,
  type SocketData,
  TELEMETRY_NAMESPACE,
  type TelemetryClientEvents,
  type TelemetryServerEvents,
} from '@sua-sandbox/rules/protocol';
import { type BroadcastOperator, type Namespace, Server, type ServerOptions, type Socket } from 'socket.io';
import type { LoggedEvent } from '../realtime/event-log.js';

/**
 * socket.io typed with the protocol's event maps (rules/src/protocol/events.ts). Handlers still take their
 * payloads as `unknown` and validate them with zod: the maps describe what a well-behaved client sends.
 */
export type LiveServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type TelemetryNamespace = Namespace<TelemetryClientEvents, TelemetryServerEvents, InterServerEvents, SocketData>;

/**
 * The `/telemetry` namespace with its own event maps. socket.io types `of()` with the default namespace's
 * maps, so this is the one place that restates the namespace's type (it carries no payload).
 */
export function telemetryNamespace(io: LiveServer): TelemetryNamespace {
  return io.of(TELEMETRY_NAMESPACE) as Namespace as TelemetryNamespace;
}

/** The socket.io server of the app, typed with the protocol (`serveClient` etc. as the caller passes). */
export function createLiveServer(server: http.Server, opts: Partial<ServerOptions>): LiveServer {
  return new Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>(server, opts);
}

/** The ack of an event, or a no-op: a hand-written client may send no ack (or something that is not one). */
export function replyTo<T>(ack: unknown): AckFn<T> {
  return typeof ack === 'function' ? (res) => ack(res) : () => {};
}

/** Emits a logged event to a socket or a room; the switch lets each payload be checked against its event. */
export function emitSessionEvent(
  to: LiveSocket | BroadcastOperator<ServerToClientEvents, SocketData>,
  e: LoggedEvent,
): void {
  switch (e.event) {
    case 'finding:opened':
      to.emit(e.event, e.payload);
      return;
    case 'finding:closed':
      to.emit(e.event, e.payload);
      return;
    case 'zone:changed':
      to.emit(e.event, e.payload);
      return;
  }
}
