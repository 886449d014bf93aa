import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationTransitionEvent } from '../../rules/src/protocol/index.js';
import type { Principal, Role } from '../../server/src/auth/principal.js';
import { AppError } from '../../server/src/errors.js';
import { ApplicationService } from '../../server/src/services/applications.js';
import { applicationRoomsOf, orgRoom, REGULATORS_ROOM } from '../../server/src/sockets/applications.js';
import { startServer, type TestServer } from '../server/helpers.js';
import { applicationContent, envelope, highPlan } from './fixtures.js';

const user = (id: string, role: Role, orgId: string | null): Principal => ({
  kind: 'user',
  userId: id,
  email: `${id}@example.hk`,
  role,
  orgId,
  via: 'session',
  scopes: ['read', 'plans', 'applications', 'ingest'],
  ip: '127.0.0.1',
});
const alice = user('alice', 'applicant', 'org-a');
const bob = user('bob', 'applicant', 'org-b');
const cad = user('cad', 'regulator', 'org-cad');
const root = user('root', 'admin', null);
const viewer = user('vic', 'viewer', null);
const anonymous: Principal = { kind: 'anonymous', ip: '127.0.0.1' };

let s: TestServer;
let apps: ApplicationService;
const events: ApplicationTransitionEvent[] = [];
const withdrawnSeen: ReadonlySet<string>[] = [];
beforeAll(async () => {
  s = await startServer();
  apps = new ApplicationService({
    store: s.store,
    checks: s.app.services.checks,
    permissions: s.app.services.permissions,
    events: { transition: (e) => events.push(e) },
    onPermissionsChanged: (live) => {
      withdrawnSeen.push(live.withdrawn);
    },
  });
});
afterAll(() => s.close());

/** The AppError a call fails with (status and code), or a test failure when it succeeds. */
async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}

/** Is the `height` finding of the high plan, declaring `permissionId`, covered by it when `reader` checks? */
async function coveredBy(permissionId: string, reader: Principal = alice): Promise<boolean> {
  const { report } = await s.app.services.checks.check(
    { plan: { ...highPlan(), permissions: [permissionId] } },
    { actor: 'test' },
    { planId: null, reader, issuePath: (p) => p },
  );
  return report.findings.some((f) => f.covered?.permissionId === permissionId);
}

async function toUnderReview(id: string) {
  await apps.transition(alice, id, { action: 'submit' });
  await apps.transition(cad, id, { action: 'start-review' });
}

describe('sandbox applications: create and read', () => {
  it('an applicant creates a draft of its organisation; every plan is checked under the rulebook in force', async () => {
    const d = await apps.create(alice, applicationContent());
    expect(d.application).toMatchObject({ orgId: 'org-a', state: 'draft', revision: 1, permissionId: null });
    expect(d.revision.checks).toHaveLength(1);
    const [check] = d.revision.checks;
    expect(check.rulebook.id).toBe(d.revision.reports[0].rulebook.id);
    expect(d.revision.rulebookVersion).toBe(d.revision.reports[0].rulebook.version);
    expect(check.verdict).toBe(d.revision.reports[0].verdict);
    // the report was kept as a report of its own
    expect((await s.store.reports.get(check.reportId))?.verdict).toBe(check.verdict);
  });

  it('only an applicant with an organisation creates; invalid content names the fields', async () => {
    for (const p of [cad, root, viewer, anonymous])
      expect((await failure(apps.create(p, applicationContent()))).status).toBe(403);
    const bad = await failure(apps.create(alice, applicationContent({ scenario: 'racing' as never, plans: [] })));
    expect(bad.status).toBe(400);
    expect(bad.issues?.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['body.scenario', 'body.plans']));
  });

  it("another organisation's application answers 404, as a missing one does; regulators see all", async () => {
    const a = await apps.create(alice, applicationContent());
    const id = a.application.id;
    const hidden = await failure(apps.get(bob, id));
    const missing = await failure(apps.get(bob, 'app-nope'));
    expect([hidden.status, hidden.code]).toEqual([404, 'not_found']);
    expect(hidden.message).toBe(missing.message.replace('app-nope', id));
    expect((await failure(apps.timeline(bob, id))).status).toBe(404);
    expect((await failure(apps.revise(bob, id, applicationContent()))).status).toBe(404);
    expect((await failure(apps.transition(bob, id, { action: 'submit' }))).status).toBe(404);
    expect((await failure(apps.get(viewer, id))).status).toBe(404);
    expect((await apps.list(bob)).some((x) => x.id === id)).toBe(false);
    expect((await apps.list(alice)).every((x) => x.orgId === 'org-a')).toBe(true);
    expect((await apps.list(cad)).some((x) => x.id === id)).toBe(true);
    expect((await apps.get(root, id)).application.id).toBe(id);
    expect(await apps.list(viewer)).toEqual([]);
  });
});

describe('sandbox applications: the workflow', () => {
  it('illegal moves answer 409 naming the state and the action; the wrong side 403', async () => {
    const { application } = await apps.create(alice, applicationContent());
    const illegal = await failure(apps.transition(cad, application.id, { action: 'approve', envelope: envelope() }));
    expect([illegal.status, illegal.code]).toEqual([409, 'conflict']);
    expect(illegal.message).toContain('"draft"');
    expect(illegal.message).toContain('approve');
    const wrong = await failure(apps.transition(cad, application.id, { action: 'submit' }));
    expect([wrong.status, wrong.code]).toEqual([403, 'forbidden']);
    expect((await failure(apps.transition(viewer, application.id, { action: 'submit' }))).status).toBe(404);
    expect((await apps.get(alice, application.id)).application.state).toBe('draft');
  });

  it('changes requested ↔ submitted: a revision is allowed only while editable, and is checked again', async () => {
    const { application } = await apps.create(alice, applicationContent());
    const id = application.id;
    await toUnderReview(id);
    const locked = await failure(apps.revise(alice, id, applicationContent({ title: 'Too late' })));
    expect(locked.status).toBe(409);
    expect(locked.message).toContain('under-review');
    await apps.transition(cad, id, { action: 'request-changes', comment: 'lower the ceiling' });
    expect((await failure(apps.revise(cad, id, applicationContent()))).status).toBe(403);
    const revised = await apps.revise(alice, id, applicationContent({ title: 'Second try' }));
    expect(revised.application).toMatchObject({ revision: 2, title: 'Second try', state: 'changes-requested' });
    expect(revised.revision.number).toBe(2);
    expect(revised.revision.checks[0].reportId).not.toBe(
      (await s.store.applications.revision(id, 1))?.checks[0].reportId,
    );
    await apps.transition(alice, id, { action: 'submit', comment: 'done' });
    const timeline = await apps.timeline(cad, id);
    expect(timeline.transitions.map((t) => `${t.from}>${t.to}`)).toEqual([
      'draft>submitted',
      'submitted>under-review',
      'under-review>changes-requested',
      'changes-requested>submitted',
    ]);
    const last = timeline.transitions[3];
    expect(last).toMatchObject({ actor: 'user:alice', comment: 'done', revision: 2, seq: 4 });
    expect(last.reportIds).toEqual(revised.revision.checks.map((c) => c.reportId));
    expect(last.rulebook).toEqual(revised.revision.checks[0].rulebook);
    expect(timeline.transitions[2]).toMatchObject({ actor: 'user:cad', comment: 'lower the ceiling' });
    expect(timeline.revisions.map((r) => r.number)).toEqual([1, 2]);
  });

  it('approve needs a valid envelope; it creates a pending permission, covering only once active', async () => {
    const { application } = await apps.create(alice, applicationContent());
    const id = application.id;
    await toUnderReview(id);
    const missing = await failure(apps.transition(cad, id, { action: 'approve' }));
    expect(missing.status).toBe(400);
    const invalid = await failure(
      apps.transition(cad, id, { action: 'approve', envelope: { ...envelope('p-bad'), covers: [] } }),
    );
    expect(invalid.issues?.map((i) => i.path.join('.'))).toContain('body.envelope.covers');
    expect((await apps.get(cad, id)).application.state).toBe('under-review');

    const approved = await apps.transition(cad, id, { action: 'approve', envelope: envelope('p-flow') });
    expect(approved.application).toMatchObject({ state: 'approved', permissionId: 'p-flow' });
    expect(approved.permission.map((v) => [v.version, v.status])).toEqual([[1, 'pending']]);
    expect(await coveredBy('p-flow')).toBe(false);

    await apps.transition(cad, id, { action: 'activate' });
    expect(await coveredBy('p-flow')).toBe(true);

    // suspension takes effect at once, and resume restores it
    await apps.transition(cad, id, { action: 'suspend', comment: 'incident under investigation' });
    expect(await coveredBy('p-flow')).toBe(false);
    expect(withdrawnSeen.at(-1)?.has('p-flow')).toBe(true);
    await apps.transition(cad, id, { action: 'resume' });
    expect(await coveredBy('p-flow')).toBe(true);
    expect(withdrawnSeen.at(-1)?.has('p-flow')).toBe(false);
    // the permission is org-a's: declared by another organisation or the public, it covers nothing and is not found
    expect(await coveredBy('p-flow', bob)).toBe(false);
    expect(await coveredBy('p-flow', anonymous)).toBe(false);
    expect(await coveredBy('p-flow', cad)).toBe(true);
    expect((await failure(s.app.services.permissions.get('p-flow', 'org-b'))).status).toBe(404);
    expect((await s.app.services.permissions.list(undefined, 'org-b')).map((p) => p.id)).not.toContain('p-flow');
    expect((await s.app.services.permissions.list(undefined, 'org-a')).map((p) => p.id)).toContain('p-flow');

    // a check covered before revoke is not covered after
    await apps.transition(cad, id, { action: 'revoke', comment: 'breach of conditions' });
    expect(await coveredBy('p-flow')).toBe(false);
    const after = await apps.get(alice, id);
    expect(after.application.state).toBe('revoked');
    expect(after.permission.at(-1)?.status).toBe('revoked');
    const revoke = (await apps.timeline(alice, id)).transitions.at(-1);
    expect(revoke).toMatchObject({ action: 'revoke', permission: { id: 'p-flow', version: 1 } });
    expect((await failure(apps.transition(cad, id, { action: 'resume' }))).status).toBe(409);
  });

  it('a changed envelope makes a new permission version; an unchanged one does not', async () => {
    const { application } = await apps.create(alice, applicationContent());
    const id = application.id;
    await toUnderReview(id);
    await apps.transition(cad, id, { action: 'approve', envelope: envelope('p-versions') });
    const same = await apps.transition(cad, id, { action: 'activate', envelope: envelope('p-versions') });
    expect(same.permission.map((v) => v.version)).toEqual([1]);
    await apps.transition(cad, id, { action: 'suspend' });
    const narrower = { ...envelope('p-versions'), covers: ['height', 'bvlos'] };
    const resumed = await apps.transition(cad, id, { action: 'resume', envelope: narrower });
    expect(resumed.permission.map((v) => [v.version, v.status])).toEqual([
      [1, 'suspended'],
      [2, 'active'],
    ]);
    expect((await s.app.services.permissions.get('p-versions', undefined)).permission.covers).toEqual([
      'height',
      'bvlos',
    ]);
    const renamed = await failure(apps.transition(cad, id, { action: 'suspend', envelope: envelope('p-other') }));
    expect(renamed.status).toBe(400);
  });

  it('an envelope id that is taken is refused (409)', async () => {
    const { application } = await apps.create(alice, applicationContent());
    await toUnderReview(application.id);
    const builtin = (await s.app.services.permissions.list(undefined, undefined))[0].id;
    const taken = await failure(
      apps.transition(cad, application.id, { action: 'approve', envelope: envelope(builtin) }),
    );
    expect(taken.status).toBe(409);
    expect((await apps.get(cad, application.id)).application.state).toBe('under-review');
  });

  it('both sides are told of each transition, with the organisation', async () => {
    const { application } = await apps.create(alice, applicationContent());
    const before = events.length;
    await apps.transition(alice, application.id, { action: 'submit' });
    expect(events.slice(before)).toEqual([
      expect.objectContaining({
        applicationId: application.id,
        orgId: 'org-a',
        from: 'draft',
        to: 'submitted',
        action: 'submit',
      }),
    ]);
  });
});

describe('permissions the workflow does not own', () => {
  it('built-in sandbox projects are read-only; an approved permission changes only through its application', async () => {
    const builtin = (await s.app.services.permissions.list(undefined, undefined)).find((p) => p.source === 'builtin');
    if (!builtin) throw new Error('no built-in permission');
    const ro = await failure(s.app.services.permissions.update(builtin.id, builtin.permission, { actor: 'x' }));
    expect([ro.status, ro.code]).toEqual([409, 'conflict']);
    expect(ro.message).toContain('read-only');

    const { application } = await apps.create(alice, applicationContent());
    await toUnderReview(application.id);
    await apps.transition(cad, application.id, { action: 'approve', envelope: envelope('p-managed') });
    const managed = await s.app.services.permissions.get('p-managed', undefined);
    const direct = await failure(s.app.services.permissions.update('p-managed', managed.permission, { actor: 'x' }));
    expect(direct.status).toBe(409);
    expect(direct.message).toContain(application.id);
  });
});

describe('notification rooms', () => {
  it('an applicant hears its organisation; regulators and admins the regulators room; viewers nothing', () => {
    expect(applicationRoomsOf(alice)).toEqual([orgRoom('org-a')]);
    expect(applicationRoomsOf(cad)).toEqual([orgRoom('org-cad'), REGULATORS_ROOM]);
    expect(applicationRoomsOf(root)).toEqual([REGULATORS_ROOM]);
    expect(applicationRoomsOf(user('v2', 'viewer', 'org-a'))).toEqual([]);
    expect(applicationRoomsOf(anonymous)).toEqual([]);
  });
});

describe('permissions expire when their validity ends', () => {
  it('the sweep moves active and suspended applications past their last window to expired, and no others', async () => {
    let now = '2026-03-15T12:00:00.000Z';
    const clocked = new ApplicationService({
      store: s.store,
      checks: s.app.services.checks,
      permissions: s.app.services.permissions,
      events: { transition: (e) => events.push(e) },
      now: () => now,
    });
    const approve = async (permissionId: string, to: string | undefined) => {
      const { application } = await clocked.create(alice, applicationContent());
      await clocked.transition(alice, application.id, { action: 'submit' });
      await clocked.transition(cad, application.id, { action: 'start-review' });
      const validity = [{ from: '2026-03-01T00:00:00+08:00', ...(to ? { to } : {}) }];
      await clocked.transition(cad, application.id, {
        action: 'approve',
        envelope: { ...envelope(permissionId), validity },
      });
      await clocked.transition(cad, application.id, { action: 'activate' });
      return application.id;
    };
    const ending = await approve('p-ends', '2026-03-31T23:59:59+08:00');
    const suspended = await approve('p-ends-suspended', '2026-03-31T23:59:59+08:00');
    await clocked.transition(cad, suspended, { action: 'suspend' });
    const openEnded = await approve('p-open', undefined);
    const later = await approve('p-later', '2026-06-30T23:59:59+08:00');

    const mine = [ending, suspended, openEnded, later];
    // (earlier tests in this file leave applications of their own in the store)
    expect((await clocked.expireEnded()).filter((id) => mine.includes(id))).toEqual([]);
    expect(await coveredBy('p-ends')).toBe(true);

    now = '2026-04-01T00:00:00.000Z';
    const swept = await clocked.expireEnded();
    expect(swept.filter((id) => mine.includes(id)).sort()).toEqual([ending, suspended].sort());
    for (const id of [ending, suspended]) {
      const d = await clocked.get(alice, id);
      expect(d.application.state).toBe('expired');
      expect(d.permission.at(-1)?.status).toBe('expired');
      const last = (await clocked.timeline(alice, id)).transitions.at(-1);
      expect(last).toMatchObject({ action: 'expire', actor: 'system:expiry', to: 'expired' });
      expect(last?.comment).toContain('2026-03-31T23:59:59+08:00');
    }
    expect(await coveredBy('p-ends')).toBe(false);
    for (const id of [openEnded, later]) expect((await clocked.get(alice, id)).application.state).toBe('active');
    // a second sweep finds nothing more to do
    expect(await clocked.expireEnded()).toEqual([]);
  });
});
