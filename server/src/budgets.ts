import type { ApiIssue } from '@sua-sandbox/rules/protocol';

/**
 * Every budget the server enforces, in one table: a default, a hard maximum the environment may not exceed,
 * and the environment variable that sets it (read in config.ts). A request may LOWER a budget through its
 * options (e.g. an import's `maxUncompressedBytes`) but never raise it past the server's value.
 */

export interface BudgetSpec {
  /** environment variable that sets the server value */
  env: string;
  default: number;
  /** hard ceiling: an environment value above it is a ConfigError */
  max: number;
  /** what the number counts, as named in error messages ("the limit is 10000 (waypoints per plan)") */
  label: string;
  /** HTTP status when a request exceeds it: 413 for sizes, 422 for work */
  status: 413 | 422;
}

const MiB = 1_048_576;

export const BUDGET_SPECS = {
  uncompressedBytes: {
    env: 'BUDGET_MAX_UNCOMPRESSED_BYTES',
    default: 16 * MiB,
    max: 64 * MiB,
    label: 'bytes after decompression',
    status: 413,
  },
  waypoints: { env: 'BUDGET_MAX_WAYPOINTS', default: 10_000, max: 100_000, label: 'waypoints per plan', status: 422 },
  checkWork: {
    env: 'BUDGET_MAX_CHECK_WORK',
    default: 2_000_000,
    max: 50_000_000,
    label: 'legs × zones per check',
    status: 422,
  },
  findings: { env: 'BUDGET_MAX_FINDINGS', default: 1_000, max: 50_000, label: 'findings per report', status: 422 },
  xmlDepth: { env: 'BUDGET_MAX_XML_DEPTH', default: 100, max: 1_000, label: 'XML nesting depth', status: 422 },
  xmlEntities: {
    env: 'BUDGET_MAX_XML_ENTITIES',
    default: 10_000,
    max: 100_000,
    label: 'XML entity expansions',
    status: 422,
  },
  taskMs: { env: 'BUDGET_TASK_MS', default: 20_000, max: 300_000, label: 'milliseconds per task', status: 422 },
  asyncImportBytes: {
    env: 'BUDGET_ASYNC_IMPORT_BYTES',
    // most JSON bodies (≤ 5 MB) answer at once; the largest, and large multipart files (≤ 10 MB), become jobs
    default: 4 * MiB,
    max: 64 * MiB,
    label: 'bytes of a zone file imported while the request waits (larger: a background job)',
    status: 413,
  },
  taskMemoryMb: {
    env: 'BUDGET_TASK_MEMORY_MB',
    default: 512,
    max: 4_096,
    label: 'MB of heap per task',
    status: 422,
  },
} as const satisfies Record<string, BudgetSpec>;

export type BudgetName = keyof typeof BUDGET_SPECS;
export type Budgets = Record<BudgetName, number>;

export const BUDGET_NAMES = Object.keys(BUDGET_SPECS) as BudgetName[];

export const DEFAULT_BUDGETS: Budgets = Object.freeze(
  Object.fromEntries(BUDGET_NAMES.map((n) => [n, BUDGET_SPECS[n].default])) as Budgets,
);

/** The server's budgets: defaults with the given values laid over them (tests lower some). */
export function budgetsWith(overrides: Partial<Budgets> = {}): Budgets {
  return { ...DEFAULT_BUDGETS, ...overrides };
}

/** "plan has 40000 waypoints; the limit is 10000 (waypoints per plan)" */
export function overBudgetMessage(name: BudgetName, what: string, limit: number): string {
  return `${what}; the limit is ${limit} (${BUDGET_SPECS[name].label})`;
}

/** A serialisable refusal (it crosses the worker boundary; the server turns it into an AppError). */
export interface BudgetProblem {
  budget: BudgetName;
  status: 413 | 422;
  message: string;
  issues: ApiIssue[];
}

export function budgetProblem(name: BudgetName, what: string, limit: number, path: (string | number)[]): BudgetProblem {
  const message = overBudgetMessage(name, what, limit);
  return { budget: name, status: BUDGET_SPECS[name].status, message, issues: [{ path, message }] };
}

/**
 * A caller's request to lower a budget: undefined keeps the server value; a value above it is refused with
 * 422 (a request may never raise a budget). `path` is where the value sits in the request.
 */
export function lowerBudget(
  name: BudgetName,
  requested: number | undefined,
  server: number,
  path: (string | number)[],
): { ok: true; value: number } | { ok: false; problem: BudgetProblem } {
  if (requested === undefined) return { ok: true, value: server };
  if (requested <= server) return { ok: true, value: requested };
  const field = String(path.at(-1));
  const message =
    `${field} ${requested} is above the server's limit of ${server} (${BUDGET_SPECS[name].label}); ` +
    'a request may only lower it';
  // 422 whatever the budget: the request's own parameter is what is wrong, not the size of its content
  return { ok: false, problem: { budget: name, status: 422, message, issues: [{ path, message }] } };
}
