import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isNode, LineCounter, parseDocument } from 'yaml';
import { formatIssue, type Issue } from '../../../rules/src/engine/index.js';
import { parseScenario, type Scenario } from '../../../rules/src/sim/scenario.js';
import { DataFileError } from './rulebooks.js';

/** Built-in scenarios: every `*.yaml` directly under scenarios/ (plans/ holds plan files, not scenarios). */
export const SCENARIO_DIR = fileURLToPath(new URL('../../../scenarios/', import.meta.url));

/**
 * Read a YAML data file with merge keys (`<<: *anchor`, used by scenarios to share crew and operations)
 * and a lookup from a data path to its line, for error messages.
 */
export function readYamlData(file: string): {
  data: unknown;
  lineOf(path: readonly (string | number)[]): string | undefined;
} {
  const lineCounter = new LineCounter();
  const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter, merge: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    const issues: Issue[] = doc.errors.map((e) => ({ path: [], message: e.message }));
    throw new DataFileError(
      file,
      issues,
      issues.map((i) => i.message),
    );
  }
  return {
    data: doc.toJS(),
    lineOf(path) {
      for (let n = path.length; n >= 0; n--) {
        const node = doc.getIn(path.slice(0, n), true);
        if (isNode(node) && node.range) return `line ${lineCounter.linePos(node.range[0]).line}`;
      }
      return undefined;
    },
  };
}

/** Load and validate one scenario file; a DataFileError names the file, line and field of each problem. */
export function loadScenarioFile(file: string): Scenario {
  const f = readYamlData(file);
  const r = parseScenario(f.data);
  if (r.ok) return r.scenario;
  throw new DataFileError(
    file,
    r.issues,
    r.issues.map((i) => {
      const line = f.lineOf(i.path);
      return line ? `${line}: ${formatIssue(i)}` : formatIssue(i);
    }),
  );
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
