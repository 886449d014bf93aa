import type { z } from 'zod';

/** A problem with input data: where (a path into the input) and what. */
export interface Issue {
  path: (string | number)[];
  message: string;
}

export type Result<T> = ({ ok: true } & T) | { ok: false; issues: Issue[] };

/** zod issues → our issues, each path prefixed (e.g. with ["rules", 3, "params"]). */
export function fromZod(error: z.ZodError, prefix: (string | number)[] = []): Issue[] {
  return error.issues.map((i) => ({
    path: [...prefix, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
    message: i.message,
  }));
}

/** "rules[3].params.limit.value" — how issues are shown to people. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out || '(root)';
}

export function formatIssue(issue: Issue): string {
  return `${formatPath(issue.path)}: ${issue.message}`;
}
