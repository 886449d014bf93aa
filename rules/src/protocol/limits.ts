/** Numeric bounds shared by the session and telemetry schemas. */

/**
 * Absolute bounds of the payloads themselves (the server's budgets, server/src/realtime/budgets.ts, may be lower,
 * never higher): a payload past one is invalid whatever the server's settings.
 */
export const PAYLOAD_MAXIMA = {
  /** plans (ids or inline) in one `session:create` */
  plansPerSession: 500,
  /** samples in one telemetry batch (socket or `POST /api/telemetry`) */
  telemetryBatch: 1000,
  /** steps in one `step` control */
  stepsPerControl: 10_000,
} as const;

/** Bounds of a session clock's speed (a multiple of real time). */
export const MIN_SPEED = 0.25;
export const MAX_SPEED = 100;
