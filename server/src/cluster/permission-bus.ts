import type { DefaultEventsMap, Server } from 'socket.io';
import type { LiveServer } from '../sockets/types.js';

/**
 * Tells the other nodes of a cluster that permissions changed in the shared store (an approval, suspension,
 * revocation or expiry; a regulator's own permission), so their checks and live sessions stop using a stale copy
 * at once. Over socket.io's server-side events, which the Redis adapter carries between nodes.
 */
export interface PermissionBus {
  announce(): void;
  /** `onChange` runs when another node announces (never for this node's own announcements) */
  listen(onChange: () => void): void;
}

interface PermissionEvents {
  'cluster:permissions-changed': () => void;
}

export function permissionBus(io: LiveServer): PermissionBus {
  // socket.io types server-to-server events with the protocol's (empty) map; this one is the cluster's own.
  const cluster = io as unknown as Server<DefaultEventsMap, DefaultEventsMap, PermissionEvents>;
  return {
    announce: () => cluster.serverSideEmit('cluster:permissions-changed'),
    listen: (onChange) => {
      cluster.on('cluster:permissions-changed', onChange);
    },
  };
}
