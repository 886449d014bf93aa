import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Draft, Report } from '../../rules/src/model/index.js';
import { loadGroundModels } from '../../server/src/data/terrain.js';
import { AirspaceRefs, groundModel } from '../../server/src/workers/airspace-cache.js';
import { createThreadPool, type WorkPool } from '../../server/src/workers/pool.js';
import { call, startServer, type TestServer } from '../server/helpers.js';
import { planAlong } from './helpers.js';

/**
 * A worker thread rebuilds the ground model from data: it must get the whole family (terrain and surface),
 * or a draft that measures AGL from the surface would be judged over the terrain when the check runs in a
 * worker (the default) and over the surface in-process.
 */
const ADMIRALTY: [number, number] = [114.164, 22.277];
const { terrain, surface } = loadGroundModels();

const surfaceDraft: Draft = {
  id: 'agl-from-surface',
  title: 'AGL measured from the surface model',
  base: 'cap448g-2025',
  changes: [{ op: 'set-global', name: 'groundReference', value: 'surface' }],
};

describe('the ground model a worker receives', () => {
  it('carries the alternates: the rebuilt terrain knows the surface, and answers the same heights', () => {
    const portable = AirspaceRefs.portableGround(terrain);
    const rebuilt = groundModel(portable);
    expect(rebuilt.id).toBe('terrain');
    expect(rebuilt.groundM(...ADMIRALTY)).toBe(terrain.groundM(...ADMIRALTY));
    const alt = (rebuilt as typeof terrain).alternates.get('surface');
    expect(alt?.groundM(...ADMIRALTY)).toBe(surface.groundM(...ADMIRALTY));
    expect((alt as typeof surface).alternates.get('terrain')).toBe(rebuilt);
  });
});

describe('a surface-reference draft checked in a worker thread', () => {
  let pool: WorkPool;
  let inThread: TestServer;
  let inProcess: TestServer;
  beforeAll(async () => {
    pool = createThreadPool({ threads: 1, budgets: { taskMs: 30_000, taskMemoryMb: 1024 } });
    await pool.ready();
    const deps = { elevation: terrain, drafts: [surfaceDraft] };
    inThread = await startServer({ deps: { ...deps, pool } });
    inProcess = await startServer({ deps });
  });
  afterAll(async () => {
    await inThread?.close();
    await inProcess?.close();
    await pool?.close();
  });

  it('is judged over the surface, as in-process: same findings, same assumptions', async () => {
    // 120 m AMSL over Admiralty's towers: above 300 ft over the terrain, a few metres over the rooftops
    const plan = planAlong([ADMIRALTY, [ADMIRALTY[0] + 0.0001, ADMIRALTY[1]]], [120, 120], 'AMSL');
    const body = { plan, rulebook: `draft:${surfaceDraft.id}`, asOf: '2026-06-01' };
    const a = await call<Report>(inThread.url, 'POST', '/api/check', { json: body });
    const b = await call<Report>(inProcess.url, 'POST', '/api/check', { json: body });
    expect(a.status, a.text).toBe(200);
    expect(b.status, b.text).toBe(200);
    expect(a.body.findings.some((f) => f.ruleId === 'op.height.a2')).toBe(false);
    expect(a.body.assumptions.map((x) => x.en).join('\n')).toMatch(/elevation model "surface"/);
    expect(a.body).toEqual(b.body);
  });
});
