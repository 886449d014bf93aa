import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { type ImportedRoute, PlanImportError } from '../../rules/src/imports/index.js';
import { Route } from '../../rules/src/model/plan.js';

/** Shared third-party samples live beside the repo (../shared/data), never copied into it. */
const DATA_DIR = new URL('../../../shared/data/', import.meta.url);

export function sampleText(relative: string): string {
  return readFileSync(new URL(relative, DATA_DIR), 'utf8');
}

export function sampleBytes(relative: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(relative, DATA_DIR)));
}

/** The imported route must satisfy the shared model on its own. */
export function expectValidRoute(imported: ImportedRoute): ImportedRoute {
  expect(() => Route.parse(imported.route)).not.toThrow();
  return imported;
}

/** Runs `fn`, expects a PlanImportError, and checks where it points. */
export function expectImportError(
  fn: () => unknown,
  where: { format?: string; item?: string; field?: string; message?: RegExp },
): PlanImportError {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(PlanImportError);
  const err = caught as PlanImportError;
  if (where.format !== undefined) expect(err.format).toBe(where.format);
  if (where.item !== undefined) expect(err.item).toBe(where.item);
  if (where.field !== undefined) expect(err.field).toBe(where.field);
  if (where.message) expect(err.message).toMatch(where.message);
  return err;
}

export function hasWarning(imported: ImportedRoute, pattern: RegExp): boolean {
  return imported.warnings.some((w) => pattern.test(w));
}
