import { describe, expect, it } from 'vitest';
import { BUDGET_SPECS, DEFAULT_BUDGETS } from '../../server/src/budgets.js';
import { ConfigError, loadConfig } from '../../server/src/config.js';

const load = (env: Record<string, string>) => loadConfig(env, '/repo');

describe('budgets from the environment', () => {
  it('defaults when unset or empty; one worker thread by default', () => {
    const c = load({ BUDGET_MAX_WAYPOINTS: '' });
    expect(c.budgets).toEqual(DEFAULT_BUDGETS);
    expect(c.budgets.waypoints).toBe(10_000);
    expect(c.budgets.uncompressedBytes).toBe(16 * 1_048_576);
    expect(c.workers).toBe(1);
  });

  it('reads every BUDGET_* variable and WORKERS', () => {
    const c = load({ BUDGET_MAX_WAYPOINTS: '500', BUDGET_TASK_MS: '1500', BUDGET_MAX_FINDINGS: '20', WORKERS: '0' });
    expect(c.budgets).toMatchObject({ waypoints: 500, taskMs: 1500, findings: 20 });
    expect(c.workers).toBe(0);
  });

  it('a value above the hard maximum is a ConfigError naming the variable and the maximum', () => {
    expect(() => load({ BUDGET_MAX_WAYPOINTS: '200000' })).toThrow(ConfigError);
    expect(() => load({ BUDGET_MAX_WAYPOINTS: '200000' })).toThrow(
      /BUDGET_MAX_WAYPOINTS: must be at most 100000 \(hard maximum for waypoints per plan\)/,
    );
    expect(() => load({ BUDGET_MAX_UNCOMPRESSED_BYTES: String(65 * 1_048_576) })).toThrow(
      /BUDGET_MAX_UNCOMPRESSED_BYTES/,
    );
  });

  it('zero, negative, fractional and non-numeric values are refused', () => {
    for (const bad of ['0', '-5', '1.5', 'lots'])
      expect(() => load({ BUDGET_TASK_MEMORY_MB: bad }), bad).toThrow(/BUDGET_TASK_MEMORY_MB/);
  });

  it('every default lies within its maximum', () => {
    for (const spec of Object.values(BUDGET_SPECS)) expect(spec.default).toBeLessThanOrEqual(spec.max);
  });
});
