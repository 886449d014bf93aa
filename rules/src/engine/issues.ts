import type { ApiIssue } from '../protocol/errors.js';

/** The engine's issues are the one ApiIssue shape (protocol/errors.ts); `fromZod` is its one mapper. */
export type Issue = ApiIssue;
export { issuesFromZod as fromZod } from '../protocol/errors.js';

export type Result<T> = ({ ok: true } & T) | { ok: false; issues: Issue[] };

/** "rules[3].params.limit.value" — how issues are shown to people. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out || '(root)';
}

export function formatIssue(issue: Issue): string {
  return `${formatPath(issue.path)}: ${issue.message}`;
}
