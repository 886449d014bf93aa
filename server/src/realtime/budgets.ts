import { type LimitInfo, PAYLOAD_MAXIMA } from '@sua-sandbox/rules/protocol';
import { RealtimeError } from './rulebook-select.js';

/** A token bucket's shape: `burst` at once, refilled at `ratePerS`. */
export interface Rate {
  ratePerS: number;
  burst: number;
}

/**
 * Every budget of the live side (socket.io sessions and telemetry), in one place. A principal is, for now, a
 * client address (principal.ts); accounts will replace it without changing these.
 */
export interface RealtimeBudgets {
  /** client → server events on one connection */
  eventsPerConnection: Rate;
  /** client → server events of all connections of one principal together */
  eventsPerPrincipal: Rate;
  /** events that build or re-judge a simulation (HEAVY_EVENTS) of one principal, on top of the above */
  heavyEventsPerPrincipal: Rate;
  /** refused events one connection may send (refilled at 1/s) before it is disconnected */
  refusalsBeforeDisconnect: number;
  /** live sessions one principal may have created and still open */
  sessionsPerPrincipal: number;
  /** live sessions in all (the default session included) */
  sessionsTotal: number;
  /** plans (stored ids or inline) in one session */
  plansPerSession: number;
  /** simulated duration of one session, ms */
  simDurationMs: number;
  /** aircraft in one client-created session (flights), and telemetry tracks in any session */
  aircraftPerSession: number;
  /** telemetry tracks one source may feed into one session */
  tracksPerSource: number;
  /** work of one seek or step: aircraft × simulation steps re-simulated */
  seekAircraftSteps: number;
  /** wall time one seek or step may run (in slices that yield to the event loop) before it is stopped, ms */
  seekWallMs: number;
  /** seeks and long steps running at once in the whole server */
  concurrentSeeks: number;
  /** telemetry samples per source (socket.io `/telemetry` and `POST /api/telemetry` share it) */
  telemetry: Rate;
}

const RATE_BUDGETS = ['eventsPerConnection', 'eventsPerPrincipal', 'heavyEventsPerPrincipal', 'telemetry'] as const;
type RateBudget = (typeof RATE_BUDGETS)[number];
type ScalarBudget = Exclude<keyof RealtimeBudgets, RateBudget>;
const SCALAR_BUDGETS: readonly ScalarBudget[] = [
  'refusalsBeforeDisconnect',
  'sessionsPerPrincipal',
  'sessionsTotal',
  'plansPerSession',
  'simDurationMs',
  'aircraftPerSession',
  'tracksPerSource',
  'seekAircraftSteps',
  'seekWallMs',
  'concurrentSeeks',
];

export const REALTIME_BUDGET_DEFAULTS: RealtimeBudgets = {
  eventsPerConnection: { ratePerS: 20, burst: 60 },
  eventsPerPrincipal: { ratePerS: 100, burst: 300 },
  heavyEventsPerPrincipal: { ratePerS: 1, burst: 10 },
  refusalsBeforeDisconnect: 100,
  sessionsPerPrincipal: 6,
  sessionsTotal: 24,
  plansPerSession: 50,
  simDurationMs: 24 * 3_600_000,
  // Kept low while the monitor's separation check is quadratic in aircraft flying close together (200 telemetry
  // aircraft at one spot cost seconds per pulse): raise them with care.
  aircraftPerSession: 200,
  tracksPerSource: 50,
  seekAircraftSteps: 2_000_000,
  seekWallMs: 60_000,
  concurrentSeeks: 2,
  telemetry: { ratePerS: 100, burst: PAYLOAD_MAXIMA.telemetryBatch },
};

/** The most a setting may be raised to (env vars and deps above these are refused at start-up). */
export const REALTIME_BUDGET_MAXIMA: RealtimeBudgets = {
  eventsPerConnection: { ratePerS: 1_000, burst: 5_000 },
  eventsPerPrincipal: { ratePerS: 10_000, burst: 50_000 },
  heavyEventsPerPrincipal: { ratePerS: 100, burst: 1_000 },
  refusalsBeforeDisconnect: 10_000,
  sessionsPerPrincipal: 50,
  sessionsTotal: 200,
  plansPerSession: PAYLOAD_MAXIMA.plansPerSession,
  simDurationMs: 7 * 24 * 3_600_000,
  aircraftPerSession: 20_000,
  tracksPerSource: 20_000,
  seekAircraftSteps: 50_000_000,
  seekWallMs: 600_000,
  concurrentSeeks: 16,
  telemetry: { ratePerS: 20_000, burst: 100_000 },
};

/**
 * Events that build a scenario, compile plans or re-judge every aircraft (tens to hundreds of ms of work each):
 * they also take from `heavyEventsPerPrincipal`.
 */
export const HEAVY_EVENTS: ReadonlySet<string> = new Set(['session:create', 'session:control']);

export type RealtimeBudgetOverrides = Partial<Pick<RealtimeBudgets, ScalarBudget>> & {
  [K in RateBudget]?: Partial<Rate>;
};

function check(name: string, value: number, max: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`realtime budget ${name} must be a positive number`);
  if (value > max) throw new RangeError(`realtime budget ${name} = ${value} is above its maximum ${max}`);
  return value;
}

/** Defaults with overrides applied; throws RangeError naming a setting that is not positive or above its maximum. */
export function resolveBudgets(over: RealtimeBudgetOverrides = {}): RealtimeBudgets {
  const d = REALTIME_BUDGET_DEFAULTS;
  const m = REALTIME_BUDGET_MAXIMA;
  const out = { ...d };
  for (const k of SCALAR_BUDGETS) out[k] = check(k, over[k] ?? d[k], m[k]);
  for (const k of RATE_BUDGETS) {
    const burst = check(`${k}.burst`, over[k]?.burst ?? d[k].burst, m[k].burst);
    // Below one token nothing could ever pass.
    if (burst < 1) throw new RangeError(`realtime budget ${k}.burst must be at least 1`);
    out[k] = { ratePerS: check(`${k}.ratePerS`, over[k]?.ratePerS ?? d[k].ratePerS, m[k].ratePerS), burst };
  }
  return out;
}

/** The budgets of RealtimeDeps: `budgets`, with the older `telemetryLimits` and `maxSessions` as defaults. */
export function budgetsOf(deps: {
  budgets?: RealtimeBudgetOverrides;
  telemetryLimits?: Rate;
  maxSessions?: number;
}): RealtimeBudgets {
  return resolveBudgets({
    ...deps.budgets,
    telemetry: { ...deps.telemetryLimits, ...deps.budgets?.telemetry },
    sessionsTotal: deps.budgets?.sessionsTotal ?? deps.maxSessions,
  });
}

/**
 * Environment variables for the realtime budgets (read by the server's config, not here): name → setting, and the
 * factor from the variable's unit to the setting's (durations are given in seconds).
 */
export const REALTIME_BUDGET_ENV = {
  BUDGET_EVENTS_PER_CONNECTION_RATE: ['eventsPerConnection.ratePerS', 1],
  BUDGET_EVENTS_PER_CONNECTION_BURST: ['eventsPerConnection.burst', 1],
  BUDGET_EVENTS_PER_PRINCIPAL_RATE: ['eventsPerPrincipal.ratePerS', 1],
  BUDGET_EVENTS_PER_PRINCIPAL_BURST: ['eventsPerPrincipal.burst', 1],
  BUDGET_HEAVY_EVENTS_PER_PRINCIPAL_RATE: ['heavyEventsPerPrincipal.ratePerS', 1],
  BUDGET_HEAVY_EVENTS_PER_PRINCIPAL_BURST: ['heavyEventsPerPrincipal.burst', 1],
  BUDGET_REFUSALS_BEFORE_DISCONNECT: ['refusalsBeforeDisconnect', 1],
  BUDGET_SESSIONS_PER_PRINCIPAL: ['sessionsPerPrincipal', 1],
  BUDGET_SESSIONS_TOTAL: ['sessionsTotal', 1],
  BUDGET_PLANS_PER_SESSION: ['plansPerSession', 1],
  BUDGET_SESSION_DURATION_S: ['simDurationMs', 1000],
  BUDGET_AIRCRAFT_PER_SESSION: ['aircraftPerSession', 1],
  BUDGET_TRACKS_PER_SOURCE: ['tracksPerSource', 1],
  BUDGET_SEEK_AIRCRAFT_STEPS: ['seekAircraftSteps', 1],
  BUDGET_SEEK_S: ['seekWallMs', 1000],
  BUDGET_CONCURRENT_SEEKS: ['concurrentSeeks', 1],
  BUDGET_TELEMETRY_RATE: ['telemetry.ratePerS', 1],
  BUDGET_TELEMETRY_BURST: ['telemetry.burst', 1],
} as const;

/**
 * Overrides from environment values (main.ts passes `process.env`): unset or empty ones keep their defaults;
 * anything but a positive integer, or a value above its maximum, throws RangeError naming the variable.
 */
export function realtimeBudgetsFromEnv(env: Readonly<Record<string, string | undefined>>): RealtimeBudgetOverrides {
  const over: RealtimeBudgetOverrides = {};
  for (const [name, [setting, factor]] of Object.entries(REALTIME_BUDGET_ENV)) {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === '') continue;
    if (!/^[1-9]\d*$/.test(raw)) throw new RangeError(`${name} must be a positive integer, not "${raw}"`);
    const value = Number(raw) * factor;
    const [key, part] = setting.split('.') as [keyof RealtimeBudgets, keyof Rate | undefined];
    if (part) {
      const k = key as RateBudget;
      over[k] = { ...over[k], [part]: value };
    } else over[key as ScalarBudget] = value;
    try {
      resolveBudgets(over);
    } catch (err) {
      throw new RangeError(`${name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return over;
}

/** A request over a budget: `limit` error naming it (HTTP 413 for telemetry batches). */
export function limitError(name: string, max: number, actual: number | undefined, message: string): RealtimeError {
  const limit: LimitInfo = actual === undefined ? { name, max } : { name, max, actual };
  return new RealtimeError('limit', `${message} (limit ${name} = ${max})`, undefined, { limit });
}
