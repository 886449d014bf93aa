import { type BodyOf, type Operation, type QueryOf, type ResponseOf, SUCCESS_STATUSES } from '@sua-sandbox/rules/api';
import { ApiError as ApiErrorShape, type ApiIssue, type ErrorCode, issuesFromZod } from '@sua-sandbox/rules/protocol';
import { z } from 'zod';

/**
 * Thin fetch wrapper for the server's HTTP API: `call(operations.getPlan, {params: {id}})`. Every answer is
 * parsed with the operation's declared response schema; every failure becomes an ApiError carrying the
 * server's problem body (`{error: ApiError}`, rules/src/protocol/errors.ts), or code `network` when the server
 * is down, or `bad_response` when the answer is neither a problem body nor what the operation declares.
 */
export { type ApiIssue, issuesFromZod };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly issues: ApiIssue[] = [],
    /** the answer's body when it is not a problem body (e.g. a 409 an operation declares), for its caller to parse */
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** One line per issue, "path: message", for showing under a form. */
  describe(): string {
    if (this.issues.length === 0) return this.message;
    return this.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`).join('\n');
  }
}

const ProblemBody = z.object({ error: ApiErrorShape });

function problemFrom(status: number, body: unknown): ApiError {
  const problem = ProblemBody.safeParse(body);
  if (problem.success) {
    const { code, message, issues } = problem.data.error;
    return new ApiError(status, code, message, issues);
  }
  // A proxy in front of a stopped server answers 502/503/504 without a problem body.
  if (status >= 502 && status <= 504)
    return new ApiError(status, 'network', `the server is not reachable (HTTP ${status})`);
  return new ApiError(status, 'bad_response', `HTTP ${status}`, [], body);
}

export function apiUrl(path: string): string {
  return new URL(path.replace(/^\//, ''), document.baseURI).href;
}

async function send(method: string, path: string, body?: BodyInit, headers?: HeadersInit): Promise<Response> {
  try {
    return await fetch(apiUrl(path), { method, body, headers });
  } catch (e) {
    throw new ApiError(0, 'network', e instanceof Error ? e.message : 'network error');
  }
}

async function parse(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    if (!res.ok) return undefined;
    throw new ApiError(res.status, 'bad_response', 'the server sent a response that is not JSON');
  }
}

type Params<O extends Operation> = O['request']['params'] extends z.ZodType
  ? { params: z.input<O['request']['params']> }
  : { params?: undefined };

/** What one call sends: path parameters, query, and a JSON body or (for an upload operation) a form. */
export type CallInput<O extends Operation> = Params<O> & {
  query?: QueryOf<O>;
  body?: BodyOf<O>;
  form?: FormData;
};

/** `/api/plans/:id` + {id} → `api/plans/p%201` (relative: the page may be served under a prefix). */
function urlOf(op: Operation, params: unknown, query: unknown): string {
  const values = z
    .record(z.string(), z.unknown())
    .catch({})
    .parse(params ?? {});
  let path = op.path.replace(/:([A-Za-z_]\w*)/g, (_m, name: string) => encodeURIComponent(String(values[name])));
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(
    z
      .record(z.string(), z.unknown())
      .catch({})
      .parse(query ?? {}),
  ))
    if (v !== undefined) search.append(k, String(v));
  const qs = search.toString();
  if (qs) path += `?${qs}`;
  return path.replace(/^\//, '');
}

/**
 * Calls one operation of the HTTP contract (@sua-sandbox/rules/api) and parses the answer with the schema
 * the operation declares for the status it got: the caller receives typed, validated data or an ApiError
 * (`bad_response` when the answer does not match the contract).
 */
export async function call<O extends Operation>(op: O, input: CallInput<O>): Promise<ResponseOf<O>> {
  let res: Response;
  if (input.form) res = await send(op.method.toUpperCase(), urlOf(op, input.params, input.query), input.form);
  else {
    const json = input.body === undefined ? undefined : JSON.stringify(input.body);
    const headers = json === undefined ? undefined : { 'content-type': 'application/json' };
    res = await send(op.method.toUpperCase(), urlOf(op, input.params, input.query), json, headers);
  }
  const body = await parse(res);
  if (!res.ok) throw problemFrom(res.status, body);
  const declared = op.responses[res.status];
  if (!declared || !SUCCESS_STATUSES.some((s) => s === res.status))
    throw new ApiError(res.status, 'bad_response', `${op.operationId}: HTTP ${res.status} is not a declared answer`);
  if (!declared.schema) return parsed<O>(undefined);
  const checked = declared.schema.safeParse(body);
  if (!checked.success)
    throw new ApiError(
      res.status,
      'bad_response',
      `${op.operationId}: the answer does not match its schema`,
      issuesFromZod(checked.error, 'response'),
    );
  return parsed<O>(checked.data);
}

/**
 * The one type assertion of the client's HTTP layer: `value` has just been parsed by the schema `op`
 * declares for the status it answered, which TypeScript cannot correlate with `ResponseOf<O>` by itself.
 */
function parsed<O extends Operation>(value: unknown): ResponseOf<O> {
  return value as ResponseOf<O>;
}
