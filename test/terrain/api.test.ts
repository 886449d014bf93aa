import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seaLevel } from '../../rules/src/airspace/elevation.js';
import type { Report } from '../../rules/src/model/index.js';
import { loadGroundModel } from '../../server/src/data/terrain.js';
import { call, startServer, type TestServer } from '../server/helpers.js';
import { MUI_WO, planAlong, pointsAlong, SUNSET_PEAK } from './helpers.js';

let s: TestServer;
beforeAll(async () => {
  // As `npm start` wires it (server/src/main.ts): the Hong Kong terrain as the ground.
  s = await startServer({ deps: { elevation: loadGroundModel('terrain') } });
});
afterAll(() => s.close());

describe('POST /api/check over the Hong Kong terrain', () => {
  it('a route at 300 m AMSL into Sunset Peak is not flyable, the finding names leg, point and depth', async () => {
    const points = pointsAlong(MUI_WO, SUNSET_PEAK, 4);
    const plan = {
      ...planAlong(points, [300, 300, 300, 300, 300], 'AMSL', seaLevel),
      start: '2026-03-14T10:00:00+08:00',
    };
    const r = await call<Report>(s.url, 'POST', '/api/check', { json: { plan, rulebook: 'cap448g-2022' } });
    expect(r.status).toBe(200);
    expect(r.body.verdict).toBe('not-flyable');
    const f = r.body.findings.find((x) => x.kind === 'ground-clearance');
    expect(f?.where?.leg).toBe(1);
    expect(f?.measured?.unit).toBe('m below ground');
    expect(r.body.assumptions[0].en).toMatch(/elevation model "terrain"/);
  });
});
