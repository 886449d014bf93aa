/**
 * The socket.io protocol shared by the server and the browser client: event maps, zod payload schemas,
 * acks and PROTOCOL_VERSION. Types and zod only (no socket.io import), so the client bundle can use it.
 *
 * Handshake: the client passes `{ protocolVersion: PROTOCOL_VERSION }` as socket.io `auth`; a mismatch is
 * refused with a `connect_error` whose `data` is an `IncompatibleReason`. The server then emits `hello`.
 *
 * Ordering: per session, `tick` numbers strictly increase; findings and zone changes carry a strictly
 * increasing `seq`. A joiner gets `session:snapshot` first; a rejoiner that sends `resume: {lastTick, lastSeq}`
 * gets only the events with a higher seq (or a snapshot with reason `resume-gap` when they are gone).
 */
export * from './aircraft-state.js';
export * from './errors.js';
export * from './events.js';
export * from './payloads.js';
