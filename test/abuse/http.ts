/** HTTP for the abuse suite: JSON calls with a liveness bound, error text, and the /api/health sampler. */
import http from 'node:http';
import { defaultCredentials } from '../lib/credentials.js';
import type { ServerHandle } from './harness.js';

export interface Reply<T = unknown> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

/** An error body as the server sends it: `{error: {code, message, issues?}}`. */
export interface ErrorBody {
  error?: { code?: string; message?: string; issues?: { path: (string | number)[]; message: string }[] };
}

/** The credentials sent by default to a server (by base URL): the attacker's token (harness.ts seedAttacker). */
export { defaultCredentials as credentialsFor, useCredentials } from '../lib/credentials.js';

/** fetch with JSON (or a FormData) in and out; aborts after `timeoutMs` (a liveness bound, never asserted as speed). */
export async function api<T = unknown>(
  base: string,
  method: string,
  urlPath: string,
  opts: {
    json?: unknown;
    form?: FormData;
    raw?: string;
    headers?: Record<string, string>;
    timeoutMs?: number;
    /** send no credentials */
    anonymous?: boolean;
  } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...(opts.anonymous ? {} : defaultCredentials(base)), ...opts.headers };
  let body: RequestInit['body'];
  if (opts.json !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.form) body = opts.form;
  else if (opts.raw !== undefined) body = opts.raw;
  const res = await fetch(base + urlPath, {
    method,
    headers,
    body,
    signal: AbortSignal.timeout(opts.timeoutMs ?? 120_000),
  });
  const text = await res.text();
  let parsed: unknown = text;
  if (res.headers.get('content-type')?.includes('json') && text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  return { status: res.status, body: parsed as T, text, headers: res.headers };
}

/** The message and every issue (`path: message`) of an error reply, for matching what limit or field it names. */
export function errorText(reply: Reply): string {
  const e = (reply.body as ErrorBody | null)?.error;
  if (!e) return reply.text.slice(0, 2000);
  const issues = (e.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);
  return [e.code ?? '', e.message ?? '', ...issues].join('\n');
}

// ---------------------------------------------------------------- health sampler

export interface HealthStats {
  sent: number;
  answered: number;
  /** requests that failed or answered other than 200, with why */
  failures: string[];
  p50: number;
  p99: number;
  max: number;
}

/**
 * One GET /api/health on its own connection (no keep-alive: a reused connection the server is closing would
 * fail for reasons that are not the server's health).
 */
function healthOnce(url: string, timeoutMs: number): Promise<{ status: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.get(`${url}/api/health`, { agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0 }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}

export interface HealthSampler {
  stop(): Promise<HealthStats>;
}

export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

/**
 * GETs /api/health every `intervalMs` (open loop: a blocked server piles up requests, as real clients would)
 * until stopped. Each request may take up to `timeoutMs` before it counts as unanswered.
 */
export function sampleHealth(url: string, opts: { intervalMs?: number; timeoutMs?: number } = {}): HealthSampler {
  const latencies: number[] = [];
  const failures: string[] = [];
  const pending = new Set<Promise<void>>();
  let sent = 0;
  const probe = () => {
    sent++;
    const p = healthOnce(url, opts.timeoutMs ?? 60_000)
      .then((r) => {
        if (r.status === 200) latencies.push(r.ms);
        else failures.push(`health answered ${r.status}`);
      })
      .catch((err: unknown) => {
        failures.push(`health request failed: ${err instanceof Error ? err.message : String(err)}`);
      })
      .finally(() => pending.delete(p));
    pending.add(p);
  };
  probe();
  const timer = setInterval(probe, opts.intervalMs ?? 20);
  return {
    async stop() {
      clearInterval(timer);
      await Promise.all([...pending]);
      const sorted = [...latencies].sort((a, b) => a - b);
      return {
        sent,
        answered: latencies.length,
        failures: [...new Set(failures)].map((f) => `${f} (×${failures.filter((x) => x === f).length})`),
        p50: percentile(sorted, 0.5),
        p99: percentile(sorted, 0.99),
        max: sorted.at(-1) ?? Number.NaN,
      };
    },
  };
}

/** Runs `attack` while sampling health; the sampler stops even when the attack throws. */
export async function underAttack<T>(
  s: ServerHandle,
  attack: () => Promise<T>,
): Promise<{ result: T; health: HealthStats }> {
  const sampler = sampleHealth(s.url);
  try {
    const result = await attack();
    // a short tail, so health requests sent right after the attack are part of the picture
    await new Promise((r) => setTimeout(r, 200));
    return { result, health: await sampler.stop() };
  } catch (err) {
    await sampler.stop();
    throw err;
  }
}
