import { describe, expect, it } from 'vitest';
import { call } from '../server/helpers.js';
import { seedOrganisation, seedPrincipal } from '../server/principals.js';
import { freshSchema, urlWithSchema } from '../store/backends.js';
import { applicationContent, envelope, highPlan } from '../workflow/fixtures.js';
import { until } from './nodes.js';
import { pgCluster } from './pg-nodes.js';

/**
 * Two nodes on one PostgreSQL store and one Redis (issue 15): a revocation made on node A stops covering checks on
 * node B at once (issue 12: "takes effect at once"), although B had read the permission while it was active.
 */
const cluster = pgCluster();
const node = async (nodeId: string, url: string) => (await cluster.node(nodeId, url)).srv;

describe('permissions across nodes', () => {
  it('a revocation on node A stops covering checks on node B at once', async () => {
    const url = urlWithSchema(await freshSchema());
    const a = await node('perm-a', url);
    const b = await node('perm-b', url);
    const org = await seedOrganisation(a.store, 'Skyline', 'operator');
    const applicant = (await seedPrincipal(a.store, 'applicant', { orgId: org.id })).headers;
    const regulator = (await seedPrincipal(a.store, 'regulator')).headers;

    const created = await call<{ application: { id: string } }>(a.url, 'POST', '/api/applications', {
      json: applicationContent(),
      headers: applicant,
    });
    expect(created.status).toBe(201);
    const id = created.body.application.id;
    const move = (json: object, headers: Record<string, string>) =>
      call(a.url, 'POST', `/api/applications/${id}/transitions`, { json, headers });
    expect((await move({ action: 'submit' }, applicant)).status).toBe(200);
    expect((await move({ action: 'start-review' }, regulator)).status).toBe(200);
    expect((await move({ action: 'approve', envelope: envelope('p-cluster') }, regulator)).status).toBe(200);
    expect((await move({ action: 'activate' }, regulator)).status).toBe(200);

    let covered = false;
    const checkOnB = async () => {
      const r = await call<{ findings: { covered?: { permissionId: string } }[] }>(b.url, 'POST', '/api/check', {
        json: { ...highPlan(), permissions: ['p-cluster'] },
        headers: applicant,
      });
      expect(r.status).toBe(200);
      covered = r.body.findings.some((f) => f.covered?.permissionId === 'p-cluster');
      return covered;
    };
    // B reads the active permission (and keeps it in its cache)
    for (let i = 0; i < 50 && !(await checkOnB()); i++) await new Promise((r) => setTimeout(r, 100));
    expect(covered).toBe(true);

    expect((await move({ action: 'revoke', comment: 'breach' }, regulator)).status).toBe(200);
    const deadline = Date.now() + 3000;
    while ((await checkOnB()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await until(() => !covered, 'node B no longer covering checks under the revoked permission', 100);
  }, 60_000);
});
