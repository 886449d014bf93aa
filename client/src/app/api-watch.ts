/** One refused API answer the page should explain: 401/403 (access policy) or 429 (sign-in limits). */
export interface RefusedCall {
  status: 401 | 403 | 429;
  method: string;
  /** the API path, e.g. `/api/drafts/abc` (any prefix the page is served under removed) */
  path: string;
  /** seconds from Retry-After, when the server sent one */
  retryAfter: number | undefined;
}

const WATCHED = new Set([401, 403, 429]);
const listeners = new Set<(refused: RefusedCall) => void>();
/** the last Retry-After (seconds) per API path, noted before the caller sees the answer */
const retryAfterByPath = new Map<string, number>();
let installed = false;

/** Seconds the server asked to wait before calling `path` again (its last 429), if it said. */
export function retryAfterOf(path: string): number | undefined {
  return retryAfterByPath.get(path);
}

export function onRefusedCall(fn: (refused: RefusedCall) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/**
 * Watches the status and Retry-After of every same-origin `/api/` answer, without touching the body or what
 * the caller receives: the typed `call()` helper (net/api.ts) still parses the answer and throws its ApiError.
 * This lets the page say why a call was refused (a toast) wherever it was made, and passes on Retry-After,
 * which ApiError does not carry. Installed once, at start.
 */
export function watchApiRefusals(): void {
  if (installed) return;
  installed = true;
  const original = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const res = await original(input, init);
    if (WATCHED.has(res.status)) {
      const path = apiPathOf(res.url);
      const retry = Number(res.headers.get('retry-after'));
      const retryAfter = Number.isFinite(retry) && retry > 0 ? retry : undefined;
      if (path && retryAfter !== undefined) retryAfterByPath.set(path, retryAfter);
      const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
      if (path) report(res.status, method, path, retryAfter);
    }
    return res;
  };
}

/** `/api/…` of a same-origin answer (the prefix the page is served under removed), else undefined. */
function apiPathOf(href: string): string | undefined {
  if (!href) return undefined;
  const url = new URL(href);
  if (url.origin !== location.origin) return undefined;
  const base = new URL(document.baseURI).pathname.replace(/\/$/, '');
  const path = url.pathname.startsWith(base) ? url.pathname.slice(base.length) : url.pathname;
  return path.startsWith('/api/') ? path : undefined;
}

function report(status: number, method: string, path: string, retryAfter: number | undefined): void {
  const refused: RefusedCall = {
    status: status === 401 ? 401 : status === 403 ? 403 : 429,
    method: method.toUpperCase(),
    path,
    retryAfter,
  };
  for (const fn of listeners) fn(refused);
}
