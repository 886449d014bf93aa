import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlightPlan } from '../../rules/src/model/index.js';
import { call, type ErrorReply, issuePaths, repoRoot, startServer, type TestServer } from './helpers.js';

const plansDir = path.join(repoRoot, 'scenarios', 'plans');
const exampleFiles = fs
  .readdirSync(plansDir)
  .filter((f) => f.endsWith('.json'))
  .sort();
const readExample = (file: string): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(path.join(plansDir, file), 'utf8'));

interface ExampleSummary {
  key: string;
  name: string | null;
  description: string | null;
}
interface Job {
  status: string;
  error: string | null;
  results?: { planKey: string }[];
}

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.close());

describe('example plans', () => {
  it('GET /api/examples lists every file in scenarios/plans by key, with its name and description', async () => {
    expect(exampleFiles.length).toBeGreaterThan(0);
    const r = await call<ExampleSummary[]>(s.url, 'GET', '/api/examples');
    expect(r.status).toBe(200);
    expect(r.body.map((e) => e.key).sort()).toEqual(exampleFiles.map((f) => f.replace(/\.json$/, '')));
    for (const file of exampleFiles) {
      const plan = readExample(file);
      const entry = r.body.find((e) => e.key === file.replace(/\.json$/, ''));
      expect(entry).toEqual({
        key: file.replace(/\.json$/, ''),
        name: typeof plan.name === 'string' ? plan.name : null,
        description: typeof plan.description === 'string' ? plan.description : null,
      });
    }
  });

  it('GET /api/examples/:key returns the plan from scenarios/plans/<key>.json', async () => {
    for (const file of exampleFiles) {
      const r = await call(s.url, 'GET', `/api/examples/${file.replace(/\.json$/, '')}`);
      expect(r.status, file).toBe(200);
      // as stored, less the file's $schema: a path relative to scenarios/plans means nothing to an API client
      const { $schema: _repoPath, ...stored } = readExample(file);
      expect(r.body, file).toEqual(stored);
      expect(r.body, file).not.toHaveProperty('$schema');
      expect(FlightPlan.safeParse(r.body).success, file).toBe(true);
    }
  });

  it('answers 404 for a key that is not an example', async () => {
    const r = await call<ErrorReply>(s.url, 'GET', '/api/examples/no-such-plan');
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('not_found');
    expect(r.body.error.message).toMatch(/example plan "no-such-plan"/);
  });

  it.each([
    ['a path escaping the folder', '..%2F..%2Fpackage'],
    ['a Windows-style path', '..%5C..%5Cpackage'],
    ['a hidden file', '.env'],
    ['a file extension', 'a1-mini-drone.json'],
    ['a key over 100 characters', 'a'.repeat(101)],
  ])('refuses %s with 400 naming params.key', async (_what, key) => {
    const r = await call<ErrorReply>(s.url, 'GET', `/api/examples/${key}`);
    expect(r.status).toBe(400);
    expect(issuePaths(r.body)).toEqual(['params.key']);
  });

  it('serves no examples when the server has none', async () => {
    const bare = await startServer({ deps: { examplePlans: () => [] } });
    try {
      expect((await call(bare.url, 'GET', '/api/examples')).body).toEqual([]);
      expect((await call(bare.url, 'GET', `/api/examples/${exampleFiles[0].replace(/\.json$/, '')}`)).status).toBe(404);
    } finally {
      await bare.close();
    }
  });

  it('every plan key of an impact run over the examples corpus opens with GET /api/examples/:key', async () => {
    const started = await call<{ jobId: string }>(s.url, 'POST', '/api/impact', {
      json: { draft: 'a2-height-400ft', corpus: 'examples' },
    });
    expect(started.status).toBe(202);
    let job: Job;
    for (;;) {
      job = (await call<Job>(s.url, 'GET', `/api/jobs/${started.body.jobId}?results=all`)).body;
      if (job.status === 'done' || job.status === 'failed') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(job.error).toBeNull();
    const keys = (job.results ?? []).map((r) => r.planKey);
    expect(keys.length).toBe(exampleFiles.length);
    for (const planKey of keys) {
      const r = await call(s.url, 'GET', `/api/examples/${encodeURIComponent(planKey.replace(/\.json$/, ''))}`);
      expect(r.status, planKey).toBe(200);
    }
  });

  it('documents both routes in the OpenAPI document', async () => {
    const r = await call<{ paths: Record<string, Record<string, unknown>> }>(s.url, 'GET', '/api/openapi.json');
    expect(Object.keys(r.body.paths['/api/examples'] ?? {})).toContain('get');
    expect(Object.keys(r.body.paths['/api/examples/{key}'] ?? {})).toContain('get');
  });
});
