import type { DefaultEventsMap, Server } from 'socket.io';
import type { LiveServer } from '../sockets/types.js';

/**
 * Tells the other nodes of a cluster that an operational intent changed in the shared store (accepted, moved,
 * ended), so each node's deconfliction index takes the stored version at once instead of keeping the one it read
 * at start. Over socket.io's server-side events, which the Redis adapter carries between nodes.
 */
export interface IntentBus {
  announce(intentId: string): void;
  /** `onChange` runs when another node announces (never for this node's own announcements) */
  listen(onChange: (intentId: string) => void): void;
}

interface IntentEvents {
  'cluster:intent-changed': (intentId: string) => void;
}

export function intentBus(io: LiveServer): IntentBus {
  // socket.io types server-to-server events with the protocol's (empty) map; this one is the cluster's own.
  const cluster = io as unknown as Server<DefaultEventsMap, DefaultEventsMap, IntentEvents>;
  return {
    announce: (intentId) => cluster.serverSideEmit('cluster:intent-changed', intentId),
    listen: (onChange) => {
      cluster.on('cluster:intent-changed', (intentId: unknown) => {
        if (typeof intentId === 'string') onChange(intentId);
      });
    },
  };
}
