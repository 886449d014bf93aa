import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

/** Which hops may name the client in X-Forwarded-For: none (the default), a hop count, or addresses/subnets. */
export type TrustProxy = (address: string, hop: number) => boolean;

export const TRUST_NO_PROXY: TrustProxy = () => false;

/**
 * TRUST_PROXY as written: `0`/`false` (no proxy: the socket's peer is the client), a hop count (`1`: one load
 * balancer in front), or a comma-separated list of addresses, CIDR subnets and the names `loopback`, `linklocal`,
 * `uniquelocal`. Behind a balancer without it, every visitor shares the balancer's address and so one per-IP
 * budget (and one sign-in lockout). Throws naming the entry proxy-addr cannot read.
 */
export function parseTrustProxy(setting: string): TrustProxy {
  const s = setting.trim();
  if (s === '' || s === '0' || s === 'false') return TRUST_NO_PROXY;
  if (/^\d+$/.test(s)) {
    const hops = Number(s);
    return (_address, hop) => hop < hops;
  }
  const entries = s.split(',').map((e) => e.trim());
  for (const e of entries) {
    try {
      proxyaddr.compile(e);
    } catch {
      throw new Error(`"${e}" is not an address, a CIDR subnet, or loopback / linklocal / uniquelocal`);
    }
  }
  return proxyaddr.compile(entries);
}

/** The client's address: the socket's peer, or what trusted proxies forwarded (socket.io handshakes and HTTP). */
export function clientAddress(req: IncomingMessage, trust: TrustProxy): string {
  return proxyaddr(req, trust) || 'unknown';
}
