import type { Principal } from '../auth/principal.js';
import { socketPrincipal } from '../realtime/principal.js';
import type { ApplicationEvents } from '../services/applications.js';
import type { LiveServer, LiveSocket } from './types.js';

/** The room of one organisation's members: they hear about their own applications. */
export const orgRoom = (orgId: string) => `org:${orgId}`;
/** Regulators and admins hear about every application. */
export const REGULATORS_ROOM = 'regulators';

/** `application:transition` to the applicant's organisation and to the regulators (one emit, no duplicates). */
export function socketApplicationEvents(io: LiveServer): ApplicationEvents {
  return {
    transition: (e) => io.to(orgRoom(e.orgId)).to(REGULATORS_ROOM).emit('application:transition', e),
  };
}

/** The rooms a principal's sockets belong in: its organisation's, and `regulators` for regulators and admins. */
export function applicationRoomsOf(p: Principal): string[] {
  if (p.kind !== 'user') return [];
  const rooms: string[] = [];
  if (p.orgId && p.role !== 'viewer') rooms.push(orgRoom(p.orgId));
  if (p.role === 'regulator' || p.role === 'admin') rooms.push(REGULATORS_ROOM);
  return rooms;
}

/** Put a socket in the rooms of its principal, so it receives the application transitions that concern it. */
export async function joinApplicationRooms(socket: LiveSocket, p: Principal): Promise<void> {
  const rooms = applicationRoomsOf(p);
  if (rooms.length > 0) await socket.join(rooms);
}

/**
 * Every connecting socket joins the rooms of the principal its handshake authenticated (realtime/principal.ts);
 * an anonymous socket joins none. Until the app passes `resolvePrincipal` to the realtime layer, every socket
 * is anonymous and nobody is in these rooms.
 */
export function registerApplicationSockets(io: LiveServer): void {
  io.on('connection', (socket) => {
    void joinApplicationRooms(socket, socketPrincipal(socket));
  });
}
