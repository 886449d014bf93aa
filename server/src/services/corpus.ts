import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import type { CorpusItem } from './impact/run.js';

/** The example plans shipped with the product. */
export const EXAMPLE_PLANS_DIR = fileURLToPath(new URL('../../../scenarios/plans', import.meta.url));

const PLAN_FILE = /\.(json|ya?ml)$/i;

export class CorpusError extends Error {
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(message);
    this.name = 'CorpusError';
  }
}

/** A file holds one plan, an array of plans, or `{plans: [...]}`; each becomes one corpus item. */
export function itemsFromDocument(doc: unknown, key: string): CorpusItem[] {
  const list = Array.isArray(doc)
    ? doc
    : typeof doc === 'object' && doc !== null && Array.isArray((doc as { plans?: unknown }).plans)
      ? (doc as { plans: unknown[] }).plans
      : undefined;
  const nameOf = (p: unknown) =>
    typeof p === 'object' && p !== null && typeof (p as { name?: unknown }).name === 'string'
      ? (p as { name: string }).name
      : null;
  if (!list) return [{ key, name: nameOf(doc), plan: doc }];
  return list.map((plan, i) => ({ key: `${key}#${i}`, name: nameOf(plan), plan }));
}

export function parsePlanText(text: string, fileName: string): unknown {
  try {
    return /\.ya?ml$/i.test(fileName) ? YAML.parse(text) : JSON.parse(text);
  } catch (err) {
    throw new CorpusError(
      `${fileName}: not valid ${/\.ya?ml$/i.test(fileName) ? 'YAML' : 'JSON'}: ${(err as Error).message}`,
      fileName,
    );
  }
}

/** Reads every .json/.yaml/.yml file under `dir` (recursively, sorted, so runs are reproducible). */
export function readPlanDir(dir: string): CorpusItem[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory())
    throw new CorpusError(`corpus folder ${dir} does not exist`, dir);
  const files = (fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((f) => PLAN_FILE.test(f))
    .sort();
  return files.flatMap((rel) => {
    const text = fs.readFileSync(path.join(dir, rel), 'utf8');
    return itemsFromDocument(parsePlanText(text, rel), rel.split(path.sep).join('/'));
  });
}

/** Example plans, or none when the folder is absent. */
export function readExamplePlans(dir: string = EXAMPLE_PLANS_DIR): CorpusItem[] {
  return fs.existsSync(dir) ? readPlanDir(dir) : [];
}
