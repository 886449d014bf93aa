import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report, Zone } from '../../rules/src/model/index.js';
import { loadGroundModel } from '../../server/src/data/terrain.js';
import { createPlan } from '../engine/helpers.js';
import { qgcPlanWithFence } from '../imports/qgc-fence-fixture.js';
import { call, issuePaths, startServer, type TestServer, tempDir } from '../server/helpers.js';
import { REPO, runCli } from './run-cli.js';

const PROFILE = 'scenarios/profiles/a2-hobbyist.json';
const profile = JSON.parse(readFileSync(join(REPO, PROFILE), 'utf8')) as Record<string, unknown>;
const { $schema: _s, importOptions, ...template } = profile;
const tmp = tempDir('sua-cli-fence-');
const file = (name: string, data: unknown) => {
  const path = join(tmp, name);
  writeFileSync(path, JSON.stringify(data));
  return path;
};
/** Leaves its 200 m inclusion square on the way east. */
const leaving = file('leaving.plan', qgcPlanWithFence({ inclusionHalfM: 200 }));
const noFence = file('no-fence.plan', qgcPlanWithFence({}));
/** An exclusion circle across the route of no-fence.plan. */
const across = file('across.plan', qgcPlanWithFence({ exclusion: { eastM: 250, northM: 60, radiusM: 80 } }));

const fenceFindings = (r: Report) => r.findings.filter((f) => f.kind === 'operator-fence').map((f) => f.message.en);

let s: TestServer;
beforeAll(async () => {
  s = await startServer({ deps: { elevation: loadGroundModel('terrain') } });
});
afterAll(() => s?.close());

describe('QGC geofences in the CLI', () => {
  it('a route file with its own fence: the advisory finding, and the same report as the API', async () => {
    const r = await runCli(['check', leaving, '--profile', PROFILE, '--json']);
    const out = JSON.parse(r.stdout) as { import: { warnings: string[] }; report: Report };
    expect(fenceFindings(out.report)).toEqual([
      "The route leaves the operator's inclusion geofence (fence-inclusion-1) (legs 1 to 3).",
    ]);
    const form = new FormData();
    form.set('template', JSON.stringify(template));
    form.set('options', JSON.stringify(importOptions));
    form.set('file', new Blob([readFileSync(leaving)]), 'leaving.plan');
    const stored = await call<{ id: string; plan: { extraZones: Zone[] } }>(s.url, 'POST', '/api/plans', { raw: form });
    expect(stored.status, stored.text).toBe(201);
    // returned with the plan
    expect(stored.body.plan.extraZones.map((z) => [z.id, z.fence])).toEqual([['fence-inclusion-1', 'inclusion']]);
    const api = await call(s.url, 'POST', `/api/plans/${stored.body.id}/check`);
    expect(api.body).toEqual(out.report);
  }, 60_000);

  it('--zones mission.plan reads the plan geofence as zones', async () => {
    const r = await runCli(['check', noFence, '--profile', PROFILE, '--zones', across, '--json']);
    const out = JSON.parse(r.stdout) as { report: Report };
    expect(fenceFindings(out.report)).toEqual([
      "The route enters the operator's exclusion geofence fence-exclusion-1 (legs 1 to 2).",
    ]);
    const without = await runCli(['check', noFence, '--profile', PROFILE, '--json']);
    expect(fenceFindings((JSON.parse(without.stdout) as { report: Report }).report)).toEqual([]);
  }, 60_000);

  it('--zones with a plan that has no fence exits 2 naming geoFence', async () => {
    const r = await runCli(['check', noFence, '--profile', PROFILE, '--zones', noFence]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--zones .*no-fence\.plan: geoFence: the QGC plan has no inclusion or exclusion/);
  }, 60_000);
});

describe('QGC geofences through POST /api/zones/import', () => {
  it('imports the fence as a zone layer that checks then see', async () => {
    const plan = qgcPlanWithFence({ exclusion: { eastM: 250, northM: 60, radiusM: 80 } });
    const r = await call<{ zoneIds: string[] }>(s.url, 'POST', '/api/zones/import?id=pilot-fence', { json: plan });
    expect(r.status, r.text).toBe(201);
    expect(r.body.zoneIds).toEqual(['pilot-fence-exclusion-1']);
    const { route, ...rest } = createPlan();
    const imported = await call<{ plan: { route: typeof route } }>(s.url, 'POST', '/api/plans', {
      raw: (() => {
        const form = new FormData();
        form.set('template', JSON.stringify(rest));
        form.set('file', new Blob([JSON.stringify(qgcPlanWithFence({}))]), 'no-fence.plan');
        return form;
      })(),
    });
    const checked = await call<Report>(s.url, 'POST', '/api/check', {
      json: { ...rest, route: imported.body.plan.route },
    });
    expect(checked.status, checked.text).toBe(200);
    expect(fenceFindings(checked.body)).toEqual([
      "The route enters the operator's exclusion geofence pilot-fence-exclusion-1 (legs 1 to 2).",
    ]);
  }, 60_000);

  it('refuses a plan without a fence, naming body.geoFence', async () => {
    const r = await call(s.url, 'POST', '/api/zones/import', { json: qgcPlanWithFence({}) });
    expect(r.status).toBe(400);
    expect(issuePaths(r.body as { error?: { issues?: { path: (string | number)[] }[] } })).toEqual(['body.geoFence']);
  });
});
