import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyDraft, loadRulebook } from '../../../rules/src/engine/index.js';
import { fromZod } from '../../../rules/src/engine/issues.js';
import { Draft, type Rulebook } from '../../../rules/src/model/index.js';
import { DataFileError, invalidDataFile, readDataFile } from './data-file.js';

export { DataFileError, readDataFile };

export const RULEBOOK_DIR = fileURLToPath(new URL('../../../rules/data/rulebooks/', import.meta.url));
export const DRAFT_DIR = fileURLToPath(new URL('../../../rules/data/drafts/', import.meta.url));

/** Load and validate one rulebook file (schema + every rule's params against its kind). */
export function loadRulebookFile(file: string): Rulebook {
  const f = readDataFile(file);
  const r = loadRulebook(f.data);
  if (!r.ok) throw invalidDataFile(f, r.issues);
  return r.rulebook;
}

/** Load and validate one draft file (the Draft schema; applying it is checked by `applyDraft`). */
export function loadDraftFile(file: string): Draft {
  const f = readDataFile(file);
  const r = Draft.safeParse(f.data);
  if (!r.success) throw invalidDataFile(f, fromZod(r.error));
  return r.data;
}

function dataFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => /\.(ya?ml|json)$/.test(n))
    .sort()
    .map((n) => join(dir, n));
}

/** The built-in rulebooks (rules/data/rulebooks), ordered by commencement. Throws DataFileError when one is invalid. */
export function loadBuiltinRulebooks(): Rulebook[] {
  const books = dataFiles(RULEBOOK_DIR).map(loadRulebookFile);
  return books.sort((a, b) => a.commencement.localeCompare(b.commencement));
}

/** The example drafts shipped in rules/data/drafts. */
export function loadBuiltinDrafts(): Draft[] {
  return dataFiles(DRAFT_DIR).map(loadDraftFile);
}

export function fileId(file: string): string {
  return basename(file).replace(/\.(ya?ml|json)$/, '');
}

export class RulebookRefError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RulebookRefError';
  }
}

function looksLikeFile(ref: string): boolean {
  return /[/\\]/.test(ref) || /\.(ya?ml|json)$/i.test(ref);
}

/**
 * A rulebook named on the command line or in a request: a built-in id, a rulebook file, or a draft file
 * (applied to its base, looked up among `extra` first and then the built-ins).
 */
export function resolveRulebookRef(
  ref: string,
  builtins: readonly Rulebook[],
  extra: readonly Rulebook[] = [],
): Rulebook {
  if (!looksLikeFile(ref)) {
    const rb = builtins.find((r) => r.id === ref);
    if (!rb) throw new RulebookRefError(`unknown rulebook "${ref}"; known: ${builtins.map((r) => r.id).join(', ')}`);
    return rb;
  }
  const f = readDataFile(ref);
  const data = f.data;
  if (typeof data === 'object' && data !== null && 'changes' in data) {
    const draft = loadDraftFile(ref);
    const base = [...extra, ...builtins].find((r) => r.id === draft.base);
    if (!base) throw new RulebookRefError(`${ref}: base rulebook "${draft.base}" is not known`);
    const applied = applyDraft(base, draft);
    if (!applied.ok) throw invalidDataFile(f, applied.issues);
    return applied.rulebook;
  }
  return loadRulebookFile(ref);
}
