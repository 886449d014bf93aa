import { describe, expect, it } from 'vitest';
import {
  REALTIME_BUDGET_DEFAULTS,
  REALTIME_BUDGET_MAXIMA,
  realtimeBudgetsFromEnv,
  resolveBudgets,
} from '../../server/src/realtime/budgets.js';

describe('realtime budget settings', () => {
  it('defaults stay within their maxima; the telemetry burst takes the documented batch of 1,000', () => {
    expect(resolveBudgets()).toEqual(REALTIME_BUDGET_DEFAULTS);
    expect(REALTIME_BUDGET_DEFAULTS.telemetry.burst).toBeGreaterThanOrEqual(1000);
  });

  it('a setting may be lowered, never raised past its maximum, and must be positive', () => {
    expect(resolveBudgets({ plansPerSession: 5, telemetry: { burst: 10 } })).toMatchObject({
      plansPerSession: 5,
      telemetry: { ratePerS: REALTIME_BUDGET_DEFAULTS.telemetry.ratePerS, burst: 10 },
    });
    expect(() => resolveBudgets({ sessionsTotal: REALTIME_BUDGET_MAXIMA.sessionsTotal + 1 })).toThrow(
      /sessionsTotal = 201 is above its maximum 200/,
    );
    expect(() => resolveBudgets({ seekWallMs: 0 })).toThrow(/seekWallMs must be a positive number/);
    expect(() => resolveBudgets({ eventsPerConnection: { burst: 0.5 } })).toThrow(/at least 1/);
  });

  it('environment variables set them in their own units, and bad ones name the variable', () => {
    expect(
      realtimeBudgetsFromEnv({
        BUDGET_SESSION_DURATION_S: '3600',
        BUDGET_TELEMETRY_RATE: '200',
        BUDGET_PLANS_PER_SESSION: '',
        OTHER: 'x',
      }),
    ).toEqual({ simDurationMs: 3_600_000, telemetry: { ratePerS: 200 } });
    expect(() => realtimeBudgetsFromEnv({ BUDGET_SEEK_S: '1.5' })).toThrow(/BUDGET_SEEK_S must be a positive integer/);
    expect(() => realtimeBudgetsFromEnv({ BUDGET_SESSIONS_TOTAL: '1000' })).toThrow(
      /BUDGET_SESSIONS_TOTAL: .*above its maximum/,
    );
  });
});
