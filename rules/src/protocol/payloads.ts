/**
 * The zod schemas of the protocol payloads (socket events and their HTTP twins), one module per concern;
 * this barrel keeps them importable from one place.
 */
export * from './handshake.js';
export * from './jobs.js';
export * from './limits.js';
export * from './live-events.js';
export * from './session.js';
export * from './telemetry.js';
