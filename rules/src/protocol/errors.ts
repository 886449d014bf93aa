import { z } from 'zod';

/**
 * The one error contract of every boundary: HTTP problem bodies (`{error: ApiError}`), socket.io acks
 * (`{ok: false, error: AckError}`), job results, the CLI and the browser client. Codes are snake_case
 * everywhere; the only other spelling on any wire is the handshake's `IncompatibleReason` (payloads.ts),
 * frozen so that a client of any protocol version can read why it was refused.
 */
export const ErrorCode = z
  .enum([
    // input
    'bad_request',
    'validation_failed',
    'invalid_payload',
    'unsupported_media_type',
    'payload_too_large',
    // lookups and state
    'not_found',
    'conflict',
    'not_joined',
    'bad_rulebook',
    'unknown_rulebook',
    'no_rulebook_in_force',
    'draft_does_not_apply',
    'protocol_version_mismatch',
    // identity: no valid credentials (401), or not allowed for this principal (403)
    'unauthorized',
    'forbidden',
    // budgets and load
    'budget_exceeded',
    'limit',
    'rate_limited',
    'busy',
    'aborted',
    'unavailable',
    // failures
    'failed',
    'internal',
    // client side only: no answer, no usable answer
    'network',
    'timeout',
    'bad_response',
  ])
  .meta({ id: 'ErrorCode' });
export type ErrorCode = z.infer<typeof ErrorCode>;

/** A problem with one part of the input: where (a path into it, as zod reports) and what. */
export const ApiIssue = z
  .object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })
  .meta({ id: 'ApiIssue' });
export type ApiIssue = z.infer<typeof ApiIssue>;

/** `issues` is present only when the error names fields; it is never an empty placeholder. */
export const ApiError = z
  .object({ code: ErrorCode, message: z.string(), issues: z.array(ApiIssue).optional() })
  .meta({ id: 'ApiError' });
export type ApiError = z.infer<typeof ApiError>;

/** zod issues → ApiIssues, each path prefixed with where the value sat (`"body"`, `["rules", 3, "params"]`). */
export function issuesFromZod(error: z.ZodError, prefix: string | readonly (string | number)[] = []): ApiIssue[] {
  const head = typeof prefix === 'string' ? [prefix] : prefix;
  return error.issues.map((i) => ({
    path: [...head, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
    message: i.message,
  }));
}
