import { ApiError as ApiErrorShape, type ApiIssue, type ErrorCode, issuesFromZod } from '@sua-sandbox/rules/protocol';
import { z } from 'zod';

/**
 * Thin fetch wrapper for the server's HTTP API. Every failure becomes an ApiError carrying the server's
 * problem body (`{error: ApiError}`, rules/src/protocol/errors.ts), or code `network` when the server is
 * down, or `bad_response` when the answer is not a problem body.
 */
export { type ApiIssue, issuesFromZod };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly issues: ApiIssue[] = [],
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
  return new ApiError(status, 'bad_response', `HTTP ${status}`);
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

export async function request<T = unknown>(method: string, path: string, json?: unknown): Promise<T> {
  const res = await send(
    method,
    path,
    json === undefined ? undefined : JSON.stringify(json),
    json === undefined ? undefined : { 'content-type': 'application/json' },
  );
  const body = await parse(res);
  if (!res.ok) throw problemFrom(res.status, body);
  return body as T;
}

export async function upload<T = unknown>(path: string, form: FormData): Promise<T> {
  const res = await send('POST', path, form);
  const body = await parse(res);
  if (!res.ok) throw problemFrom(res.status, body);
  return body as T;
}

export const api = {
  get: <T = unknown>(path: string) => request<T>('GET', path),
  post: <T = unknown>(path: string, json?: unknown) => request<T>('POST', path, json),
  put: <T = unknown>(path: string, json?: unknown) => request<T>('PUT', path, json),
  del: <T = unknown>(path: string) => request<T>('DELETE', path),
};
