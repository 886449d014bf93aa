/**
 * Issue 10, plan file imports against a real server: KMZ bombs (with and without a caller-raised
 * maxUncompressedBytes) and hostile XML. Each: a clear 4xx naming the limit, nothing stored, the server alive
 * with every health request answered and its memory bounded.
 */
import { describe, expect, it } from 'vitest';
import { RAISED_LIMIT_OPTIONS, settle, storedCounts, uploadKmz, uploadPlan } from './attacks.js';
import { errorText, type Reply, underAttack } from './harness.js';
import { expectRefused, expectSurvived, useServer } from './lifecycle.js';
import { deepGpx, deepKml, entityExpansionKml, kmzBomb, kmzOptions, smallKml, xxeKml } from './payloads.js';

const server = useServer();

describe('KMZ bombs', () => {
  it('a 200 KB KMZ whose options raise maxUncompressedBytes to 4 GiB is refused at the server maximum', async () => {
    // built first: deflating it takes seconds on a slow machine, long enough for the server to close the idle
    // keep-alive connection the upload would then reuse (write EPIPE instead of an answer)
    const kmz = kmzBomb(200_000_000);
    const s = server();
    const before = await storedCounts(s.url);
    const { result: reply, health } = await underAttack(s, () => uploadKmz(s.url, kmz, RAISED_LIMIT_OPTIONS));
    await expectSurvived(s, health);
    expectRefused(reply, [400, 413, 422], /maxUncompressedBytes|bytes|limit/i);
    expect(await storedCounts(s.url)).toEqual(before);
  }, 90_000);

  it('a 50 KB KMZ holding 50 MB of KML (under the default 64 MB) is refused with the limit it broke', async () => {
    // built first: deflating it takes seconds on a slow machine, long enough for the server to close the idle
    // keep-alive connection the upload would then reuse (write EPIPE instead of an answer)
    const kmz = kmzBomb(50_000_000);
    const s = server();
    const before = await storedCounts(s.url);
    const { result: reply, health } = await underAttack(s, () => uploadKmz(s.url, kmz));
    await expectSurvived(s, health);
    expectRefused(reply, [400, 413, 422], /limit|budget|max|waypoint|bytes|memory|time/i);
    expect(await storedCounts(s.url)).toEqual(before);
  }, 90_000);

  it('still stores an ordinary KML route afterwards', async () => {
    const s = server();
    const reply = await uploadPlan(s.url, smallKml(), 'route.kml', kmzOptions);
    expect(reply.status, errorText(reply)).toBe(201);
  });
});

describe('hostile XML answers 400 with the reason', () => {
  const cases = [
    { name: 'an external entity (KML)', format: 'kml', doc: xxeKml, reason: /entit|doctype|dtd/i },
    {
      name: 'an entity expanded 20,000 times (KML)',
      format: 'kml',
      doc: entityExpansionKml,
      reason: /entit|doctype|dtd/i,
    },
    { name: 'Folders nested 10,000 deep (KML)', format: 'kml', doc: () => deepKml(10_000), reason: /nest|depth|deep/i },
    {
      name: 'elements nested 10,000 deep (GPX)',
      format: 'gpx',
      doc: () => deepGpx(10_000),
      reason: /nest|depth|deep/i,
    },
  ];
  for (const c of cases)
    it(c.name, async () => {
      const s = server();
      const before = await storedCounts(s.url);
      const doc = c.doc();
      const { result: reply, health } = await underAttack(s, () =>
        settle(uploadPlan(s.url, doc, `route.${c.format}`, kmzOptions, c.format)),
      );
      await expectSurvived(s, health);
      expectRefused(reply, [400], c.reason);
      expect(errorText(reply as Reply), 'no file content leaks into the answer').not.toMatch(/root:.*:0:0:/);
      expect(await storedCounts(s.url)).toEqual(before);
    }, 60_000);
});
