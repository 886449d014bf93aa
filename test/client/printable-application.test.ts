import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../rules/src/engine/evaluate.js';
import { FlightPlan, type Report } from '../../rules/src/model/index.js';
import { airspace, rulebooks } from '../engine/helpers.js';

/**
 * The printable report printed from the Applications view says which application it is for, and has no altitude
 * profile section (the plan checker's drawn profile belongs to the plan open there, not to this one). The module
 * is browser code, loaded by URL (as test/client/aircraft-layer.test.ts does) with the one global it reads.
 */
type Print = (plan: FlightPlan, report: Report, x: Record<string, unknown>) => string;
let printableReport: Print;
// the stub is taken away again: the test files share a worker (isolate: false)
const hadLocation = 'location' in globalThis;
afterAll(() => {
  if (!hadLocation) Reflect.deleteProperty(globalThis, 'location');
});
beforeAll(async () => {
  if (!hadLocation) Reflect.set(globalThis, 'location', { search: '' });
  const mod: unknown = await import(new URL('../../client/src/report/printable.ts', import.meta.url).href);
  const fn: unknown = Reflect.get(Object(mod), 'printableReport');
  if (typeof fn !== 'function') throw new Error('client/src/report/printable.ts exports no printableReport');
  printableReport = fn as Print;
});

const plan = FlightPlan.parse(
  JSON.parse(readFileSync(new URL('../../scenarios/plans/a1-mini-drone.json', import.meta.url), 'utf8')),
);

describe('printable report', () => {
  it('printed for an application: the application first, no profile section', () => {
    const report = evaluate(plan, { rulebook: rulebooks().rb2025, airspace: airspace() });
    const extras = {
      mapSvg: '',
      profileSvg: '',
      profileCaption: '',
      generatedAtMs: Date.parse('2026-12-08T00:00:00Z'),
    };
    const forApp = printableReport(plan, report, {
      ...extras,
      application: {
        id: 'app-1234',
        title: 'Cyberport deliveries',
        state: 'Active',
        permission: 'perm-app-1234 v1 · active',
      },
    });
    expect(forApp).toContain('data-testid="report-application"');
    expect(forApp).toMatch(/Sandbox application.*Cyberport deliveries.*app-1234.*Active.*perm-app-1234 v1 · active/s);
    expect(forApp).not.toContain('The altitude profile had not been drawn');
    // from the plan checker, a profile not drawn is said, as before
    const fromChecker = printableReport(plan, report, extras);
    expect(fromChecker).not.toContain('report-application');
    expect(fromChecker).toContain('The altitude profile had not been drawn');
  });
});
