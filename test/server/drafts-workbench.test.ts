import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, issuePaths, startServer, type TestServer } from './helpers.js';
import { seedPrincipal } from './principals.js';

/**
 * The calls the workbench's drafts list makes: list (shipped and saved), rename (PUT with a new title), duplicate
 * (GET then POST under a new id) and delete, for a regulator; refused to anyone else; bad input named.
 */
let s: TestServer;
let regulator: Record<string, string>;
let applicant: Record<string, string>;
beforeAll(async () => {
  s = await startServer();
  regulator = (await seedPrincipal(s.store, 'regulator')).headers;
  applicant = (await seedPrincipal(s.store, 'applicant')).headers;
});
afterAll(async () => {
  await s.close();
});

interface StoredDraft {
  id: string;
  source: string;
  draft: { id: string; title: string; base: string; changes: unknown[] };
}

describe('drafts as the workbench uses them', () => {
  it('lists the shipped draft; a regulator duplicates it, renames the copy and deletes it', async () => {
    const list = await call<{ id: string; source: string }[]>(s.url, 'GET', '/api/drafts', { headers: regulator });
    expect(list.status).toBe(200);
    expect(list.body.find((d) => d.id === 'a2-height-400ft')?.source).toBe('builtin');

    const shipped = await call<StoredDraft>(s.url, 'GET', '/api/drafts/a2-height-400ft', { headers: regulator });
    expect(shipped.status).toBe(200);
    const copy = { ...shipped.body.draft, id: 'wb-copy-1', title: 'Copy of the A2 draft' };
    expect((await call(s.url, 'POST', '/api/drafts', { json: copy, headers: regulator })).status).toBe(201);

    const renamed = await call(s.url, 'PUT', '/api/drafts/wb-copy-1', {
      json: { ...copy, title: 'A2 at 400 ft, renamed' },
      headers: regulator,
    });
    expect(renamed.status).toBe(200);
    const after = await call<StoredDraft>(s.url, 'GET', '/api/drafts/wb-copy-1', { headers: regulator });
    expect(after.body.draft.title).toBe('A2 at 400 ft, renamed');
    expect(after.body.draft.changes).toEqual(shipped.body.draft.changes);

    expect((await call(s.url, 'DELETE', '/api/drafts/wb-copy-1', { headers: regulator })).status).toBe(204);
    expect((await call(s.url, 'GET', '/api/drafts/wb-copy-1', { headers: regulator })).status).toBe(404);
  });

  it('a rename to an empty title is a 400 naming the field; the shipped draft cannot be renamed or deleted', async () => {
    const shipped = await call<StoredDraft>(s.url, 'GET', '/api/drafts/a2-height-400ft', { headers: regulator });
    const copy = { ...shipped.body.draft, id: 'wb-copy-2', title: 'Second copy' };
    expect((await call(s.url, 'POST', '/api/drafts', { json: copy, headers: regulator })).status).toBe(201);
    const bad = await call(s.url, 'PUT', '/api/drafts/wb-copy-2', { json: { ...copy, title: '' }, headers: regulator });
    expect(bad.status).toBe(400);
    expect(issuePaths(bad.body)).toContain('body.title');

    const renameShipped = await call(s.url, 'PUT', '/api/drafts/a2-height-400ft', {
      json: { ...shipped.body.draft, title: 'mine now' },
      headers: regulator,
    });
    expect([404, 409]).toContain(renameShipped.status);
    const deleteShipped = await call(s.url, 'DELETE', '/api/drafts/a2-height-400ft', { headers: regulator });
    expect([404, 409]).toContain(deleteShipped.status);
  });

  it('a non-regulator can neither list, read, rename, duplicate nor delete drafts', async () => {
    const asApplicant = { headers: applicant };
    expect((await call(s.url, 'GET', '/api/drafts', asApplicant)).status).toBe(403);
    expect([403, 404]).toContain((await call(s.url, 'GET', '/api/drafts/wb-copy-2', asApplicant)).status);
    const draft = {
      id: 'wb-copy-3',
      title: 'x',
      base: 'cap448g-2025',
      changes: [{ op: 'withdraw-rule', rule: 'rfz' }],
    };
    expect((await call(s.url, 'POST', '/api/drafts', { json: draft, ...asApplicant })).status).toBe(403);
    const put = await call(s.url, 'PUT', '/api/drafts/wb-copy-2', {
      json: { ...draft, id: 'wb-copy-2' },
      ...asApplicant,
    });
    expect([403, 404]).toContain(put.status);
    expect([403, 404]).toContain((await call(s.url, 'DELETE', '/api/drafts/wb-copy-2', asApplicant)).status);
    // and the regulator's draft is untouched
    const still = await call<StoredDraft>(s.url, 'GET', '/api/drafts/wb-copy-2', { headers: regulator });
    expect(still.body.draft.title).toBe('Second copy');
  });
});
