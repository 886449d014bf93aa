import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type ErrorReply, issuePaths, startServer, type TestServer } from './helpers.js';

let s: TestServer;
let base: { id: string; rules: { id: string; kind: string }[] };
beforeAll(async () => {
  s = await startServer();
  const list = await call<{ id: string }[]>(s.url, 'GET', '/api/rulebooks');
  base = (await call<typeof base>(s.url, 'GET', `/api/rulebooks/${list.body.at(-1)?.id}`)).body;
});
afterAll(() => s.close());

const withdrawDraft = (id: string, rule = base.rules[0].id) => ({
  id,
  title: `Withdraw ${rule}`,
  base: base.id,
  changes: [{ op: 'withdraw-rule', rule }],
});

describe('rulebooks', () => {
  it('lists built-ins and returns one with its citations', async () => {
    const list = await call<{ id: string; ruleCount: number }[]>(s.url, 'GET', '/api/rulebooks');
    expect(list.status).toBe(200);
    expect(list.body.every((r) => r.ruleCount > 0)).toBe(true);
    const rb = await call<{ rules: { citation: { instrument: string; url: string } }[] }>(
      s.url,
      'GET',
      `/api/rulebooks/${list.body[0].id}`,
    );
    expect(rb.body.rules.every((r) => r.citation.instrument && r.citation.url)).toBe(true);
    expect((await call(s.url, 'GET', '/api/rulebooks/nope')).status).toBe(404);
  });
});

describe('drafts', () => {
  it('creates, gets, updates and deletes a stored draft', async () => {
    const c = await call<{ id: string; revision: number }>(s.url, 'POST', '/api/drafts', {
      json: withdrawDraft('d-crud'),
    });
    expect(c.status).toBe(201);
    expect(c.body).toMatchObject({ id: 'd-crud', revision: 1 });
    const g = await call<{ source: string; draft: { title: string } }>(s.url, 'GET', '/api/drafts/d-crud');
    expect(g.body.source).toBe('stored');
    const u = await call<{ revision: number }>(s.url, 'PUT', '/api/drafts/d-crud', {
      json: { ...withdrawDraft('d-crud'), title: 'New title' },
    });
    expect(u.body.revision).toBe(2);
    const list = await call<{ id: string; source: string }[]>(s.url, 'GET', '/api/drafts');
    expect(list.body.find((d) => d.id === 'd-crud')?.source).toBe('stored');
    expect((await call(s.url, 'DELETE', '/api/drafts/d-crud')).status).toBe(204);
    expect((await call(s.url, 'GET', '/api/drafts/d-crud')).status).toBe(404);
  });

  it('lists built-in drafts as read-only', async () => {
    const list = await call<{ id: string; source: string }[]>(s.url, 'GET', '/api/drafts');
    const builtin = list.body.find((d) => d.source === 'builtin');
    expect(builtin, 'rules/data/drafts ships at least one draft').toBeDefined();
    if (!builtin) return;
    const put = await call<ErrorReply>(s.url, 'PUT', `/api/drafts/${builtin.id}`, { json: withdrawDraft(builtin.id) });
    expect(put.status).toBe(409);
    expect((await call(s.url, 'DELETE', `/api/drafts/${builtin.id}`)).status).toBe(409);
    expect((await call(s.url, 'POST', '/api/drafts', { json: withdrawDraft(builtin.id) })).status).toBe(409);
  });

  it('refuses duplicates (409) and drafts that do not apply (400 naming the change)', async () => {
    await call(s.url, 'POST', '/api/drafts', { json: withdrawDraft('d-dup') });
    expect((await call(s.url, 'POST', '/api/drafts', { json: withdrawDraft('d-dup') })).status).toBe(409);
    const unknownRule = await call<ErrorReply>(s.url, 'POST', '/api/drafts', {
      json: withdrawDraft('d-bad', 'no.such.rule'),
    });
    expect(unknownRule.status).toBe(400);
    expect(issuePaths(unknownRule.body)[0]).toMatch(/^body\.changes\.0/);
    const unknownBase = await call<ErrorReply>(s.url, 'POST', '/api/drafts', {
      json: { ...withdrawDraft('d-bad2'), base: 'nope' },
    });
    expect(issuePaths(unknownBase.body)).toEqual(['body.base']);
    const schema = await call<ErrorReply>(s.url, 'POST', '/api/drafts', {
      json: { id: 'Bad Id', title: '', base: base.id, changes: [] },
    });
    expect(issuePaths(schema.body)).toEqual(expect.arrayContaining(['body.id', 'body.title', 'body.changes']));
  });

  it('validates without storing, listing the rule changes', async () => {
    const ok = await call<{ valid: boolean; changes: unknown[] }>(s.url, 'POST', '/api/drafts/validate', {
      json: withdrawDraft('d-val'),
    });
    expect(ok.status).toBe(200);
    expect(ok.body.valid).toBe(true);
    expect(ok.body.changes.length).toBeGreaterThan(0);
    expect((await call(s.url, 'GET', '/api/drafts/d-val')).status).toBe(404);
    const bad = await call<{ valid: boolean; issues: { path: (string | number)[] }[] }>(
      s.url,
      'POST',
      '/api/drafts/validate',
      {
        json: {
          ...withdrawDraft('d-val'),
          changes: [{ op: 'set-parameter', rule: base.rules[0].id, path: 'no.such.param', value: 1 }],
        },
      },
    );
    expect(bad.body.valid).toBe(false);
    expect(bad.body.issues.length).toBeGreaterThan(0);
  });
});

describe('diff', () => {
  it('diffs two built-ins, and a rulebook against a draft', async () => {
    const list = await call<{ id: string }[]>(s.url, 'GET', '/api/rulebooks');
    const ab = await call<{ changes: { citation?: unknown }[] }>(
      s.url,
      'GET',
      `/api/diff?a=${list.body[0].id}&b=${list.body.at(-1)?.id}`,
    );
    expect(ab.status).toBe(200);
    expect(ab.body.changes.length).toBeGreaterThan(0);
    await call(s.url, 'POST', '/api/drafts', { json: withdrawDraft('d-diff') });
    const d = await call<{ b: { id: string }; changes: { kind: string; ruleId?: string }[] }>(
      s.url,
      'GET',
      `/api/diff?a=${base.id}&b=draft:d-diff`,
    );
    expect(d.status).toBe(200);
    expect(d.body.changes).toHaveLength(1);
    expect(JSON.stringify(d.body.changes[0])).toContain(base.rules[0].id);
    const drafted = await call<{ rules: { id: string }[] }>(s.url, 'GET', '/api/rulebooks/draft:d-diff');
    expect(drafted.body.rules.map((r) => r.id)).not.toContain(base.rules[0].id);
  });

  it('answers 400 without parameters and 404 for unknown ones', async () => {
    const r = await call<ErrorReply>(s.url, 'GET', '/api/diff');
    expect(r.status).toBe(400);
    expect(issuePaths(r.body)).toEqual(['query.a', 'query.b']);
    expect((await call(s.url, 'GET', `/api/diff?a=${base.id}&b=draft:none`)).status).toBe(404);
  });
});
