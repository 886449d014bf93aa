import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { call, sharedData, startServer, tempDir } from './helpers.js';
import { basePlan } from './plans.js';

describe('restart', () => {
  it('keeps plans, drafts, reports, zone layers, permissions, impact results and audit entries across close + createApp on the same file', async () => {
    const dir = tempDir();
    const first = await startServer({ dir });
    const rulebooks = await call<{ id: string }[]>(first.url, 'GET', '/api/rulebooks');
    const base = rulebooks.body.at(-1)?.id;
    const rb = await call<{ rules: { id: string }[] }>(first.url, 'GET', `/api/rulebooks/${base}`);
    await call(first.url, 'POST', '/api/plans', { json: basePlan({ id: 'keep-me' }) });
    const check = await call(first.url, 'POST', '/api/plans/keep-me/check');
    const reportId = check.headers.get('x-report-id');
    await call(first.url, 'POST', '/api/drafts', {
      json: { id: 'kept-draft', title: 'Kept', base, changes: [{ op: 'withdraw-rule', rule: rb.body.rules[0].id }] },
    });
    const perms = await call<{ id: string; permission: Record<string, unknown> }[]>(
      first.url,
      'GET',
      '/api/permissions',
    );
    // built-in sandbox projects are read-only (issue 12): edit a user permission made from one
    const copy = { ...perms.body[0].permission, id: 'kept-permission' };
    await call(first.url, 'POST', '/api/permissions', { json: copy });
    const edited = { id: copy.id, permission: copy };
    await call(first.url, 'PUT', `/api/permissions/${edited.id}`, {
      json: { ...edited.permission, holder: 'Edited holder' },
    });
    const ed318 = JSON.parse(fs.readFileSync(sharedData('ed318/examples/Example_GeoZone_Circle.json'), 'utf8'));
    const layer = await call<{ zoneIds: string[] }>(first.url, 'POST', '/api/zones/import?id=kept-layer', {
      json: ed318,
    });
    expect(layer.status).toBe(201);
    const job = await call<{ jobId: string }>(first.url, 'POST', '/api/impact', {
      json: { draft: 'kept-draft', corpus: 'stored' },
    });
    for (let i = 0; i < 400; i++) {
      const j = await call<{ status: string }>(first.url, 'GET', `/api/jobs/${job.body.jobId}?results=none`);
      if (j.body.status === 'done') break;
      await new Promise((r) => setTimeout(r, 25));
    }
    const auditBefore = await call<{ id: number }[]>(first.url, 'GET', '/api/audit?limit=1000');
    await first.close();

    const second = await startServer({ dir });
    try {
      expect((await call<{ id: string }>(second.url, 'GET', '/api/plans/keep-me')).body.id).toBe('keep-me');
      const reports = await call<{ id: string }[]>(second.url, 'GET', '/api/plans/keep-me/reports');
      expect(reports.body.map((r) => r.id)).toEqual([reportId]);
      expect(
        (await call<{ draft: { title: string } }>(second.url, 'GET', '/api/drafts/kept-draft')).body.draft.title,
      ).toBe('Kept');
      const perm = await call<{ permission: { holder: string }; revision: number }>(
        second.url,
        'GET',
        `/api/permissions/${edited.id}`,
      );
      expect(perm.body.permission.holder).toBe('Edited holder');
      expect(perm.body.revision).toBe(2);
      const zones = await call<{ features: { id: string }[] }>(second.url, 'GET', '/api/zones?layer=kept-layer');
      expect(zones.body.features.map((f) => f.id)).toEqual(layer.body.zoneIds);
      const health = await call<{ airspace: { layers: number } }>(second.url, 'GET', '/api/health');
      expect(health.body.airspace.layers).toBe(1);
      const kept = await call<{ status: string; results: unknown[] }>(
        second.url,
        'GET',
        `/api/jobs/${job.body.jobId}?results=all`,
      );
      expect(kept.body.status).toBe('done');
      expect(kept.body.results).toHaveLength(1);
      // built-ins are not seeded again over the edit, and the audit log is intact
      const auditAfter = await call<{ id: number }[]>(second.url, 'GET', '/api/audit?limit=1000');
      expect(auditAfter.body.map((e) => e.id)).toEqual(auditBefore.body.map((e) => e.id));
      const actors = await call<{ actor: string }[]>(second.url, 'GET', '/api/audit?entityType=plan&entityId=keep-me');
      expect(actors.body.map((e) => e.actor)).toEqual([expect.stringMatching(/^user:/)]);
    } finally {
      await second.close();
    }
  });
});
