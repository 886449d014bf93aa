import { isIPv6 } from 'node:net';
import type { Socket } from 'socket.io';

/**
 * Who is asking, as a key for budgets (events, sessions, telemetry). For now a client address; accounts will
 * replace it with the authenticated principal. Pass another function in RealtimeDeps.principalKey to change it.
 */
export type PrincipalKeyFn = (socket: Pick<Socket, 'handshake'>) => string;

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

/** The default principal of a socket: its client address. */
export const principalKey: PrincipalKeyFn = (socket) => addressKey(socket.handshake.address);

/** The same key for an HTTP request (`POST /api/telemetry` shares the budget of the source's sockets). */
export function requestPrincipalKey(req: { ip?: string; socket?: { remoteAddress?: string } }): string {
  return addressKey(req.ip ?? req.socket?.remoteAddress);
}
