import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startServer, type TestServer } from '../server/helpers.js';
import { basePlan, tfrLayer } from '../server/plans.js';
import { backendReady, storeBackends } from '../store/backends.js';

interface Checked {
  verdict: string;
  findings: { zoneId?: string }[];
  airspace?: { version?: string };
}
interface Health {
  airspace: { version: string; zones: number; layers: number };
}

async function verdictOn(s: TestServer) {
  const r = await call<Checked>(s.url, 'POST', '/api/check', { json: basePlan() });
  expect(r.status).toBe(200);
  return { verdict: r.body.verdict, tfrFindings: r.body.findings.filter((f) => f.zoneId === 'tfr-2').length };
}
const health = async (s: TestServer) => (await call<Health>(s.url, 'GET', '/api/health')).body.airspace;

describe.each(await storeBackends())(
  'zone layers are read from the store, not a per-process cache ($name)',
  (backend) => {
    if (!backendReady(backend)) return;
    // Two apps on one database, as the server and a second process (CLI, another node) would be.
    let a: TestServer;
    let b: TestServer;
    beforeAll(async () => {
      const database = await backend.newDatabase();
      a = await startServer({ store: await database.open() });
      b = await startServer({ store: await database.open() });
    });
    afterAll(async () => {
      await a?.close();
      await b?.close();
    });

    it('a layer imported or deleted by one app changes the verdict in the other at once', async () => {
      const clear = await verdictOn(a);
      expect(await verdictOn(b)).toEqual(clear);
      expect(clear.tfrFindings).toBe(0);

      const imported = await call(a.url, 'POST', '/api/zones/import?format=geojson&id=tfr-layer', {
        json: tfrLayer('tfr-2'),
      });
      expect(imported.status).toBe(201);
      const restricted = await verdictOn(b);
      expect(restricted.tfrFindings).toBeGreaterThan(0);
      expect(await verdictOn(a)).toEqual(restricted);
      // the same layers give the same airspace version in both (the store's counter, not a local one)
      const [ha, hb] = [await health(a), await health(b)];
      expect(hb).toEqual(ha);
      expect(ha.layers).toBe(1);
      const listed = await call<{ id: string }[]>(b.url, 'GET', '/api/zones/layers');
      expect(listed.body.map((l) => l.id)).toEqual(['tfr-layer']);
      // the other app sees the zone id as taken
      const again = await call(b.url, 'POST', '/api/zones/import?format=geojson&id=other', { json: tfrLayer('tfr-2') });
      expect(again.status).toBe(409);

      expect((await call(b.url, 'DELETE', '/api/zones/layers/tfr-layer')).status).toBe(204);
      expect(await verdictOn(a)).toEqual(clear);
      expect((await health(a)).layers).toBe(0);
      expect((await call(a.url, 'GET', '/api/zones?layer=tfr-layer')).status).toBe(404);
    });

    it('reads the layers again only when the store says they changed', async () => {
      const before = a.app.services.airspace.index();
      await a.app.services.airspace.refresh();
      expect(a.app.services.airspace.index()).toBe(before);
      await call(b.url, 'POST', '/api/zones/import?format=geojson&id=tfr-again', { json: tfrLayer('tfr-3') });
      const after = await a.app.services.airspace.refresh();
      expect(after).not.toBe(before);
      expect(after.zones.some((z) => z.id === 'tfr-3')).toBe(true);
    });
  },
);
