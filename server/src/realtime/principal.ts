import type { IncomingMessage } from 'node:http';
import { isIPv6 } from 'node:net';
import type { Socket } from 'socket.io';
import type { Principal } from '../auth/principal.js';

/**
 * Who is asking, as a key for budgets (events, sessions, telemetry) and session ownership: the signed-in user
 * (`user:<id>`; a telemetry token bound to a source: `source:<id>`), else the client address. Pass another
 * function in RealtimeDeps.principalKey to change it (tests tell sources apart by their handshake).
 */
export type PrincipalKeyFn = (socket: Pick<Socket, 'handshake'>) => string;

/** Finds who opened a socket from its handshake request (the session cookie or a bearer token). */
export type SocketPrincipalResolver = (req: IncomingMessage) => Promise<Principal>;

/** The principal of each socket, set once at the handshake (auth middleware below). */
const principals = new WeakMap<object, Principal>();

/** The principal of a socket: anonymous (by address) unless the handshake authenticated it. */
export function socketPrincipal(socket: Pick<Socket, 'handshake'>): Principal {
  return principals.get(socket) ?? { kind: 'anonymous', ip: socket.handshake.address };
}

/**
 * A socket.io middleware that authenticates the handshake with the same cookie or token as HTTP. A bad token
 * refuses the connection (`connect_error` naming it); no credentials at all is an anonymous viewer.
 */
export function authenticateSockets(resolve: SocketPrincipalResolver) {
  return (socket: Socket, next: (err?: Error) => void) => {
    resolve(socket.request).then(
      (principal) => {
        principals.set(socket, principal);
        next();
      },
      (err: unknown) => next(err instanceof Error ? err : new Error(String(err))),
    );
  };
}

/** The eight 16-bit groups of an IPv6 address (`::` expanded). */
function ipv6Groups(address: string): string[] {
  const [head, tail] = address.split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [];
  if (tail === undefined) return h;
  const t = tail ? tail.split(':') : [];
  return [...h, ...Array<string>(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t];
}

/**
 * `ip:<IPv4>` for IPv4 (also when IPv4-mapped in IPv6), `ip6:<first 64 bits>` for IPv6: one host usually holds a
 * whole /64, so keying by full address would hand it billions of budgets.
 */
export function addressKey(address: string | undefined): string {
  if (!address) return 'ip:unknown';
  const a = address.toLowerCase().replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped) return `ip:${mapped[1]}`;
  if (!isIPv6(a)) return `ip:${a}`;
  if (a === '::1') return 'ip:::1';
  return `ip6:${ipv6Groups(a)
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

/** A signed-in principal's key: its telemetry source when its token is bound to one, else its user. */
export function userKey(p: Principal): string | undefined {
  if (p.kind !== 'user') return undefined;
  return p.sourceId ? `source:${p.sourceId}` : `user:${p.userId}`;
}

/** The default principal key of a socket: its user (or telemetry source), else its client address. */
export const principalKey: PrincipalKeyFn = (socket) => {
  const p = principals.get(socket);
  // the handshake's principal carries the client's address as trusted proxies forwarded it
  return (p && userKey(p)) ?? addressKey(p?.ip ?? socket.handshake.address);
};

/**
 * The same key for an HTTP request (`POST /api/telemetry` shares the budget and the aircraft of the source's
 * sockets): its authenticated principal when given, else its address.
 */
export function requestPrincipalKey(
  req: { ip?: string; socket?: { remoteAddress?: string } },
  principal?: Principal,
): string {
  return (principal && userKey(principal)) ?? addressKey(req.ip ?? req.socket?.remoteAddress);
}
