import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type ErrorReply, issuePaths, repoRoot, startServer, type TestServer, tempDir } from './helpers.js';
import { basePlan, seedPlans } from './plans.js';

const run = promisify(execFile);

/** `sua-sandbox check --json <file>` as a user runs it; exit 1 (not compliant) is not an error here. */
async function cliCheck(plan: unknown): Promise<unknown> {
  const file = path.join(tempDir('sua-cli-'), 'plan.json');
  fs.writeFileSync(file, JSON.stringify(plan));
  const bin = path.join(repoRoot, 'bin', 'sua-sandbox.js');
  try {
    const { stdout } = await run(process.execPath, [bin, 'check', '--json', '--ground', 'sea-level', file], {
      cwd: repoRoot,
    });
    return JSON.parse(stdout);
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    if (e.code === 1 && e.stdout) return JSON.parse(e.stdout);
    throw new Error(`CLI failed (${e.code}): ${e.stderr}`);
  }
}

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.close());

describe('POST /api/check', () => {
  it('returns exactly what `sua-sandbox check --json` prints for the same plans', async () => {
    const heavy = basePlan({ aircraft: { ...basePlan().aircraft, mass: { value: 30, unit: 'kg' } } });
    const plans = [seedPlans()[0], basePlan(), heavy];
    for (const plan of plans) {
      const api = await call(s.url, 'POST', '/api/check', { json: plan });
      expect(api.status).toBe(200);
      expect(api.body).toEqual(await cliCheck(plan));
    }
  }, 60_000);

  it('accepts the envelope form with a rulebook id and extra zones', async () => {
    const rbs = await call<{ id: string }[]>(s.url, 'GET', '/api/rulebooks');
    const plan = basePlan();
    const [lon, lat] = plan.route.coordinates[1];
    const zone = {
      id: 'test-tfr',
      name: { en: 'Test restriction', zh: '測試限制' },
      class: 'temporary-restriction',
      effect: 'restricted-flying-zone',
      geometry: { type: 'Circle', center: [lon, lat], radiusM: 500 },
      lower: { value: 0, unit: 'm', ref: 'AGL' },
      upper: null,
      provenance: { accuracy: 'user', source: 'test' },
    };
    const without = await call<{ findings: { zoneId?: string }[] }>(s.url, 'POST', '/api/check', {
      json: { plan, rulebook: rbs.body[0].id },
    });
    const withZone = await call<{ rulebook: { id: string }; findings: { zoneId?: string }[] }>(
      s.url,
      'POST',
      '/api/check',
      {
        json: { plan, rulebook: rbs.body[0].id, zones: [zone] },
      },
    );
    expect(withZone.status).toBe(200);
    expect(withZone.body.rulebook.id).toBe(rbs.body[0].id);
    expect(without.body.findings.some((f) => f.zoneId === 'test-tfr')).toBe(false);
    expect(withZone.body.findings.some((f) => f.zoneId === 'test-tfr')).toBe(true);
  });

  it('picks the rulebook in force on asOf', async () => {
    const rbs = await call<{ id: string; commencement: string }[]>(s.url, 'GET', '/api/rulebooks');
    const first = rbs.body[0];
    const r = await call<{ rulebook: { id: string } }>(s.url, 'POST', '/api/check', {
      json: { plan: basePlan(), asOf: first.commencement },
    });
    expect(r.body.rulebook.id).toBe(first.id);
    const none = await call<ErrorReply>(s.url, 'POST', '/api/check', {
      json: { plan: basePlan(), asOf: '1990-01-01' },
    });
    expect(none.status).toBe(400);
    expect(issuePaths(none.body)).toEqual(['body.asOf']);
  });

  it('names the fields of a bad bare plan relative to the body', async () => {
    const plan = basePlan();
    const r = await call<ErrorReply>(s.url, 'POST', '/api/check', {
      json: { ...plan, aircraft: { ...plan.aircraft, mass: { value: 1, unit: 'lb' } }, start: 'tomorrow' },
    });
    expect(r.status).toBe(400);
    expect(issuePaths(r.body)).toEqual(expect.arrayContaining(['body.aircraft.mass.unit', 'body.start']));
  });

  it('names the fields of a bad envelope', async () => {
    const r = await call<ErrorReply>(s.url, 'POST', '/api/check', {
      json: { plan: { ...basePlan(), pilot: null }, zones: [{ id: 'z' }], asOf: 'soon' },
    });
    expect(r.status).toBe(400);
    expect(issuePaths(r.body)).toEqual(['body.asOf']);
    const deeper = await call<ErrorReply>(s.url, 'POST', '/api/check', {
      json: { plan: { ...basePlan(), pilot: null }, zones: [{ id: 'z' }] },
    });
    expect(issuePaths(deeper.body)).toEqual(expect.arrayContaining(['body.plan.pilot', 'body.zones.0.name']));
  });

  it('rejects an impossible timing (a leg flown at zero speed) with 400', async () => {
    const plan = basePlan();
    const r = await call<ErrorReply>(s.url, 'POST', '/api/check', {
      json: {
        ...plan,
        route: { ...plan.route, legSpeeds: [{ value: 0, unit: 'km/h' }, ...plan.route.legSpeeds!.slice(1)] },
      },
    });
    expect(r.status).toBe(400);
    expect(issuePaths(r.body).some((p) => p.startsWith('body.route'))).toBe(true);
  });

  it('refuses an altitude out of any range (1e308) at its waypoint, not as an endless leg', async () => {
    const plan = basePlan();
    const coordinates = plan.route.coordinates.map((c, i) => (i === 1 ? [c[0], c[1], 1e308] : c));
    const r = await call<ErrorReply>(s.url, 'POST', '/api/check', {
      json: { ...plan, route: { ...plan.route, coordinates } },
    });
    expect(r.status).toBe(400);
    expect(issuePaths(r.body)).toEqual(['body.route.coordinates.1.2']);
    expect(r.text).toMatch(new RegExp(`altitude 1e\\+308 m ${plan.route.altitudeRef} is out of range`));
    expect(r.text).not.toMatch(/Infinity/);
  });

  it('refuses a speed out of any range (1e300 km/h) at the value, and a 1,000 km/h one is still judged', async () => {
    const plan = basePlan();
    const speeds = plan.route.legSpeeds ?? [];
    const r = await call<ErrorReply>(s.url, 'POST', '/api/check', {
      json: { ...plan, route: { ...plan.route, legSpeeds: [{ value: 1e300, unit: 'km/h' }, ...speeds.slice(1)] } },
    });
    expect(r.status).toBe(400);
    expect(issuePaths(r.body)).toEqual(['body.route.legSpeeds.0.value']);
    expect(r.text).toMatch(/speed 1e\+300 km\/h is out of range \(at most 1000 km\/h/);
    const fast = await call(s.url, 'POST', '/api/check', {
      json: { ...plan, route: { ...plan.route, legSpeeds: [{ value: 1000, unit: 'km/h' }, ...speeds.slice(1)] } },
    });
    expect(fast.status, fast.text).toBe(200);
  });

  it('keeps ad-hoc reports too (audited as checks)', async () => {
    const r = await call(s.url, 'POST', '/api/check', { json: basePlan() });
    const id = r.headers.get('x-report-id');
    const log = await call<{ entityId: string; action: string }[]>(
      s.url,
      'GET',
      `/api/audit?entityType=report&entityId=${id}`,
    );
    expect(log.body).toHaveLength(1);
    expect(log.body[0].action).toBe('check');
  });
});
