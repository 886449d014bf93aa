/** The socket.io handshake: the protocol version, the client's hello, the server's greeting or refusal. */
import { z } from 'zod';

/** Bumped on any incompatible change to an event name or payload (3: error codes spelled snake_case). */
export const PROTOCOL_VERSION = 3;

/** Sent by the client in the socket.io handshake (`auth`) and/or as the `hello` event. */
export const ClientHello = z.object({
  protocolVersion: z.number().int().nonnegative(),
  client: z.string().max(100).optional().describe('e.g. "sua-sandbox-web/0.1"'),
});
export type ClientHello = z.infer<typeof ClientHello>;

/**
 * Why the server refused a connection (socket.io `connect_error` carries it as `err.data`). Its `code` keeps
 * the protocol-1 spelling on purpose, the one exception to ErrorCode (errors.ts): this is the message a client
 * of an older or newer protocol must still understand, to tell its user to reload rather than retry forever.
 */
export const IncompatibleReason = z.object({
  code: z.enum(['protocol-version-missing', 'protocol-version-mismatch']),
  message: z.string(),
  serverVersion: z.number().int(),
  clientVersion: z.number().int().nullable(),
});
export type IncompatibleReason = z.infer<typeof IncompatibleReason>;

/** The server's greeting, emitted on connect and returned by the `hello` ack. */
export const ServerHello = z.object({
  protocolVersion: z.number().int(),
  server: z.string(),
  defaultSessionId: z.string().nullable(),
  sessions: z.array(z.object({ id: z.string(), title: z.string(), scenarioId: z.string().nullable() })),
});
export type ServerHello = z.infer<typeof ServerHello>;
