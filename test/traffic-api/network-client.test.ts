import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrafficNetworkResponse } from '../../rules/src/api/traffic.js';
import { call, startServer, type TestServer } from '../server/helpers.js';

/** GET /api/traffic/network: what the browser client's Traffic view draws (routes, vertiports) and offers. */
let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.close());

describe('the route network for the client (issue 16 item 7)', () => {
  it('is public and matches its contract: routes with corridor, layers and hours; vertiports with volumes', async () => {
    const r = await call<unknown>(s.url, 'GET', '/api/traffic/network', { anonymous: true });
    expect(r.status).toBe(200);
    const body = TrafficNetworkResponse.parse(r.body);
    const cc = body.network.routes.find((x) => x.id === 'R-CYB-CCH');
    expect(cc?.points).toEqual(['VP-CYB', 'WP-CYB-SW', 'WP-CCH-NE', 'VP-CCH']);
    expect(cc?.halfWidthM).toBeGreaterThan(0);
    expect(cc?.layers.map((l) => l.direction).sort()).toEqual(['forward', 'reverse']);
    expect(cc?.provenance.illustrative).toBe(true);
    const cyb = body.network.vertiports.find((v) => v.id === 'VP-CYB');
    expect(cyb?.approach.radiusM).toBeGreaterThan(0);
    expect(cyb?.departure.radiusM).toBeGreaterThan(0);
    expect(body.network.routes.some((x) => x.crossBoundary)).toBe(true);
  });

  it('lists the priority classes highest first, and the deconfliction plane', async () => {
    const r = await call<{ priorityClasses: { id: string; priority: number }[]; plane: { originLon: number } }>(
      s.url,
      'GET',
      '/api/traffic/network',
    );
    const ids = r.body.priorityClasses.map((c) => c.id);
    expect(ids.indexOf('emergency')).toBeLessThan(ids.indexOf('medical-delivery'));
    expect(ids.indexOf('medical-delivery')).toBeLessThan(ids.indexOf('standard'));
    expect(r.body.plane.originLon).toBeCloseTo(114.1743, 4);
  });
});
