import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { castsOnFetchedData, HTTP_LAYER } from './client-casts.js';

/**
 * The client asserts no type on fetched data: every answer is parsed by the typed HTTP layer with the schema
 * of its operation (@sua-sandbox/rules/api), so a file that fetches has no `as`, and nothing fetches beside it.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(name) ? [p] : [];
  });
}

const files = sources(join(ROOT, 'client', 'src')).map((p) => ({
  name: relative(ROOT, p),
  text: readFileSync(p, 'utf8'),
}));

describe('the client parses fetched data, never asserts its type', () => {
  it('finds the client sources, the HTTP layer and the files that fetch through it', () => {
    expect(files.length).toBeGreaterThan(30);
    expect(files.map((f) => f.name)).toContain(HTTP_LAYER);
    const fetching = files.filter((f) => /\bcall\s*\(\s*operations\./.test(f.text)).map((f) => f.name);
    expect(fetching).toEqual(
      expect.arrayContaining([
        'client/src/app/catalogue.ts',
        'client/src/app/lists.ts',
        'client/src/plan/api.ts',
        'client/src/workbench/api.ts',
        'client/src/workbench/impact.ts',
      ]),
    );
  });

  it('the scan catches each way around the parse', () => {
    const fetching = "import { call } from '../net/api.js';\n";
    const planted = [
      `${fetching}const plan = (await call(operations.getPlan, { params: { id } })) as FlightPlan;`,
      `${fetching}const body = raw as unknown as { plan: FlightPlan };`,
      `${fetching}const rec = body as Record<string, unknown>;`,
      "const r = await fetch('api/plans');",
      "const list = await api.get<PlanList>('api/plans');",
      'const plans = (await res.json()) as Plan[];',
    ].map((text, i) => ({ name: `client/src/planted-${i}.ts`, text }));
    expect(castsOnFetchedData(planted).map((f) => f.file)).toEqual([
      'client/src/planted-0.ts',
      'client/src/planted-1.ts',
      'client/src/planted-2.ts',
      'client/src/planted-3.ts',
      'client/src/planted-4.ts',
      'client/src/planted-5.ts',
    ]);
    // a second assertion in the HTTP layer is caught too; `as const`, import renames and comments are not assertions
    const layer = files.find((f) => f.name === HTTP_LAYER)?.text ?? '';
    expect(castsOnFetchedData([{ name: HTTP_LAYER, text: `${layer}\nconst x = y as T;` }])).toHaveLength(1);
    const clean = `${fetching}import { a as b } from './x.js';\nconst k = ['a'] as const; // the plan as JSON\n`;
    expect(castsOnFetchedData([{ name: 'client/src/clean.ts', text: clean }])).toEqual([]);
  });

  it('no client file asserts a type on fetched data or fetches around the HTTP layer', () => {
    expect(castsOnFetchedData(files)).toEqual([]);
  });
});
