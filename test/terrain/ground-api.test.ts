import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGroundModel } from '../../server/src/data/terrain.js';
import { call, startServer, type TestServer } from '../server/helpers.js';

interface GroundBody {
  model: { id: string; title: string; terrain: boolean; resolutionM?: number };
  groundM: number[];
}

/** Sunset Peak (869 m) and Victoria Harbour. */
const PEAK: [number, number] = [113.9545, 22.2565];
const HARBOUR: [number, number] = [114.17, 22.29];

describe('POST /api/ground', () => {
  let terrain: TestServer;
  let sea: TestServer;
  beforeAll(async () => {
    terrain = await startServer({ deps: { elevation: loadGroundModel('terrain') } });
    sea = await startServer();
  }, 60_000);
  afterAll(async () => {
    await terrain?.close();
    await sea?.close();
  });

  it('answers the ground height at each point from the loaded terrain model, named with its resolution', async () => {
    const r = await call<GroundBody>(terrain.url, 'POST', '/api/ground', { json: { points: [PEAK, HARBOUR] } });
    expect(r.status, r.text).toBe(200);
    expect(r.body.model).toMatchObject({ id: 'terrain', terrain: true, resolutionM: 70 });
    expect(r.body.model.title).toMatch(/Lands Department/);
    expect(r.body.groundM[0]).toBeGreaterThan(780);
    expect(Math.abs(r.body.groundM[1])).toBeLessThan(5);
  });

  it('says when no terrain model is loaded (ground at sea level)', async () => {
    const r = await call<GroundBody>(sea.url, 'POST', '/api/ground', { json: { points: [PEAK] } });
    expect(r.status, r.text).toBe(200);
    expect(r.body.model).toMatchObject({ id: 'sea-level', terrain: false });
    expect(r.body.groundM).toEqual([0]);
  });

  it('refuses more than 2,000 points with a 400 naming body.points', async () => {
    const points = Array.from({ length: 2001 }, () => HARBOUR);
    const r = await call<{ error: { issues?: { path: unknown[] }[] } }>(terrain.url, 'POST', '/api/ground', {
      json: { points },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.issues?.[0].path).toEqual(['body', 'points']);
  });

  it('refuses a point out of range, naming it', async () => {
    const r = await call<{ error: { issues?: { path: unknown[] }[] } }>(terrain.url, 'POST', '/api/ground', {
      json: { points: [[200, 22]] },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.issues?.[0].path.slice(0, 3)).toEqual(['body', 'points', 0]);
  });
});
