import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseScenario, type Scenario } from '@sua-sandbox/rules/sim';
import { DataFileError, invalidDataFile, readDataFile } from './data-file.js';

/** Built-in scenarios: every `*.yaml` directly under scenarios/ (plans/ holds plan files, not scenarios). */
export const SCENARIO_DIR = fileURLToPath(new URL('../../../scenarios/', import.meta.url));

/** Load and validate one scenario file; a DataFileError names the file, line and field of each problem. */
export function loadScenarioFile(file: string): Scenario {
  const f = readDataFile(file);
  const r = parseScenario(f.data);
  if (r.ok) return r.scenario;
  throw invalidDataFile(f, r.issues);
}

/** All built-in scenarios, sorted by id. Ids must be unique and at most one may be the default. */
export function loadScenarios(dir: string = SCENARIO_DIR): Scenario[] {
  const files = readdirSync(dir)
    .filter((n) => /\.ya?ml$/.test(n))
    .sort()
    .map((n) => join(dir, n));
  const scenarios = files.map(loadScenarioFile);
  const ids = new Map<string, string>();
  scenarios.forEach((s, i) => {
    const other = ids.get(s.id);
    if (other)
      throw new DataFileError(
        files[i],
        [{ path: ['id'], message: `duplicate scenario id (also in ${other})` }],
        [`id: duplicate "${s.id}" (also in ${other})`],
      );
    ids.set(s.id, files[i]);
  });
  const defaults = scenarios.filter((s) => s.default);
  if (defaults.length > 1)
    throw new DataFileError(
      dir,
      [{ path: ['default'], message: 'more than one default scenario' }],
      [`default: set on ${defaults.map((s) => s.id).join(', ')}; keep one`],
    );
  return scenarios.sort((a, b) => a.id.localeCompare(b.id));
}

/** The scenario the product opens with: the one marked `default`, else the first. */
export function defaultScenario(scenarios: readonly Scenario[]): Scenario | undefined {
  return scenarios.find((s) => s.default) ?? scenarios[0];
}
