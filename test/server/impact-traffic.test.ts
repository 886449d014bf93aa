import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrafficImpact } from '../../rules/src/traffic/traffic-impact.js';
import { createTrafficCorpus, HALVE_BUFFERS } from '../traffic/traffic-corpus.js';
import { call, type ErrorReply, startServer, type TestServer } from './helpers.js';

interface Job {
  status: string;
  summary: { plans: number; traffic?: TrafficImpact } | null;
}

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.close());

const plans = createTrafficCorpus().map((p) => p.plan);
const draft = (changes: unknown[]) => ({
  id: 'halve-route-buffer',
  title: 'Halve the route buffer',
  base: 'cap448g-2025',
  changes,
});

async function runJob(body: unknown): Promise<Job> {
  const start = await call<{ jobId: string; href: string }>(s.url, 'POST', '/api/impact', { json: body });
  expect(start.status).toBe(202);
  let job = await call<Job>(s.url, 'GET', `/api/jobs/${start.body.jobId}?results=none`);
  for (let i = 0; i < 400 && job.body.status !== 'done' && job.body.status !== 'failed'; i++) {
    await new Promise((r) => setTimeout(r, 25));
    job = await call<Job>(s.url, 'GET', `/api/jobs/${start.body.jobId}?results=none`);
  }
  expect(job.body.status).toBe('done');
  return job.body;
}

describe('impact of a traffic draft (issue 16 item 5)', () => {
  it('a draft that halves the route buffer shows its change in conflicts and capacity in the job summary', async () => {
    const job = await runJob({ draft: draft(HALVE_BUFFERS), corpus: { plans } });
    const t = job.summary?.traffic;
    expect(t?.changes).toEqual(['buffers.lateralM', 'buffers.timeBeforeS', 'buffers.timeAfterS']);
    expect(t?.before).toMatchObject({ intents: 6, skipped: 0, conflicts: 5 });
    expect(t?.after).toMatchObject({ intents: 6, conflicts: 0 });
    expect(t?.delta.conflicts).toBe(-5);
    const route = (side: 'before' | 'after') => t?.[side].routes.find((r) => r.routeId === 'R-CYB-CCH');
    expect(route('before')).toMatchObject({ plans: 6, conflicts: 5, headwayS: 723, flightsPerHour: 4 });
    expect(route('after')).toMatchObject({ plans: 6, conflicts: 0, headwayS: 633, flightsPerHour: 5 });
    expect(t?.delta.routes).toContainEqual({ routeId: 'R-CYB-CCH', flightsPerHour: 1 });
  }, 120_000);

  it('a rulebook-only draft has no traffic section', async () => {
    const job = await runJob({ draft: 'a2-height-400ft', corpus: { plans } });
    expect(job.summary?.plans).toBe(6);
    expect(job.summary && 'traffic' in job.summary).toBe(false);
  }, 120_000);

  it('an invalid traffic parameter is a 400 naming the field', async () => {
    const r = await call<ErrorReply>(s.url, 'POST', '/api/impact', {
      json: {
        draft: draft([{ op: 'set-traffic-parameter', path: 'buffers.lateralM', value: -25 }]),
        corpus: { plans },
      },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.issues?.map((i) => i.path.join('.'))).toEqual(['body.draft.changes.0.value']);
    expect(r.body.error.issues?.[0].message).toMatch(/^traffic parameter "buffers\.lateralM": /);
    expect(r.body.error.message).toMatch(/buffers\.lateralM/);
    const unknown = await call<ErrorReply>(s.url, 'POST', '/api/impact', {
      json: {
        draft: draft([{ op: 'set-traffic-parameter', path: 'vertiports.VP-X.capacity', value: 3 }]),
        corpus: { plans },
      },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.issues?.[0]).toMatchObject({ path: ['body', 'draft', 'changes', 0, 'path'] });
    expect(unknown.body.error.issues?.[0].message).toMatch(/no vertiport "VP-X"/);
  });

  it('a stored draft with an invalid traffic parameter is refused at save, naming the field', async () => {
    const bad = {
      ...draft([{ op: 'set-traffic-parameter', path: 'routes.R-CYB-CCH.halfWidthM', value: 0 }]),
      id: 'bad-width',
    };
    const r = await call<ErrorReply>(s.url, 'POST', '/api/drafts', { json: bad });
    expect(r.status).toBe(400);
    expect(r.body.error.issues).toEqual([
      {
        path: ['body', 'changes', 0, 'value'],
        message: expect.stringMatching(/^traffic parameter "routes\.R-CYB-CCH\.halfWidthM": /),
      },
    ]);
    const good = { ...draft(HALVE_BUFFERS), id: 'good-buffers' };
    expect((await call(s.url, 'POST', '/api/drafts', { json: good })).status).toBe(201);
  });

  it('documents the traffic section and the change op in the OpenAPI', async () => {
    const r = await call<{ components: { schemas: Record<string, { properties?: Record<string, unknown> }> } }>(
      s.url,
      'GET',
      '/api/openapi.json',
    );
    const schemas = r.body.components.schemas;
    expect(Object.keys(schemas)).toEqual(expect.arrayContaining(['TrafficImpact', 'TrafficChange']));
    expect(schemas.ImpactSummary?.properties).toHaveProperty('traffic');
  });
});
