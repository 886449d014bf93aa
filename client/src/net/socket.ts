import {
  type Ack,
  type ApiIssue,
  type ClientToServerEvents,
  type ErrorCode,
  IncompatibleReason,
  PROTOCOL_VERSION,
  type ServerHello,
  type ServerToClientEvents,
} from '@sua-sandbox/rules/protocol';
import { io, type Socket } from 'socket.io-client';

export type ConnState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'incompatible';
export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A refused or unanswered request: the ack's ApiError (`timeout` when no ack came). */
export class AckFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: ApiIssue[] = [],
  ) {
    super(message);
    this.name = 'AckFailure';
  }
}

type AckData<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[1] extends (
  res: Ack<infer T>,
) => void
  ? T
  : never;

const ACK_TIMEOUT_MS = 15_000;

/**
 * The one socket.io connection of the page, speaking rules/src/protocol. It reports its state for the
 * reconnect indicator, and tells listeners after every (re)connect so sessions can rejoin with `resume`.
 */
export class Connection {
  readonly socket: LiveSocket;
  private stateListeners = new Set<(s: ConnState, detail?: string) => void>();
  private connectListeners = new Set<(hello: ServerHello | undefined, reconnect: boolean) => void>();
  private everConnected = false;
  state: ConnState = 'connecting';
  hello: ServerHello | undefined;

  constructor(url: string = location.origin) {
    this.socket = io(url, {
      path: new URL('socket.io', document.baseURI).pathname,
      auth: { protocolVersion: PROTOCOL_VERSION, client: 'sua-sandbox-web/0.1' },
      transports: ['websocket', 'polling'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
    });
    this.socket.on('hello', (hello) => {
      this.hello = hello;
      const reconnect = this.everConnected;
      this.everConnected = true;
      this.setState('connected');
      for (const fn of this.connectListeners) fn(hello, reconnect);
    });
    this.socket.on('disconnect', () => this.setState(this.everConnected ? 'reconnecting' : 'offline'));
    this.socket.on('connect_error', (err: Error & { data?: unknown }) => {
      const incompatible = IncompatibleReason.safeParse(err.data);
      if (incompatible.success) {
        this.socket.disconnect();
        this.setState('incompatible', incompatible.data.message);
        return;
      }
      this.setState(this.everConnected ? 'reconnecting' : 'offline', err.message);
    });
  }

  private setState(s: ConnState, detail?: string): void {
    this.state = s;
    for (const fn of this.stateListeners) fn(s, detail);
  }

  onState(fn: (s: ConnState, detail?: string) => void): () => void {
    this.stateListeners.add(fn);
    fn(this.state);
    return () => this.stateListeners.delete(fn);
  }

  /** Called after each `hello` (first connect and every reconnect). Fires at once if already connected. */
  onConnected(fn: (hello: ServerHello | undefined, reconnect: boolean) => void): () => void {
    this.connectListeners.add(fn);
    if (this.state === 'connected') fn(this.hello, false);
    return () => this.connectListeners.delete(fn);
  }

  /** Emit a request and resolve with the ack's data; reject with AckFailure on `{ok: false}` or timeout. */
  async call<E extends keyof ClientToServerEvents>(
    event: E,
    payload: Parameters<ClientToServerEvents[E]>[0],
  ): Promise<AckData<E>> {
    const emitter = this.socket.timeout(ACK_TIMEOUT_MS) as unknown as {
      emitWithAck(ev: string, p: unknown): Promise<Ack<AckData<E>>>;
    };
    let res: Ack<AckData<E>>;
    try {
      res = await emitter.emitWithAck(event, payload);
    } catch (e) {
      throw new AckFailure('timeout', e instanceof Error ? e.message : 'no answer from the server');
    }
    if (!res.ok) throw new AckFailure(res.error.code, res.error.message, res.error.issues);
    return res.data;
  }
}
