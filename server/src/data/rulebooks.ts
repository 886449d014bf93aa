import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyAmendment, applyDraft, fromZod, loadRulebook } from '@sua-sandbox/rules/engine';
import { Amendment, Draft, type Rulebook } from '@sua-sandbox/rules/model';
import { DataFileError, invalidDataFile, type ParsedFile, readDataFile } from './data-file.js';

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

/** An enacted amendment is written as a reform (`base` + `changes`) that says `status: amended`. */
function isAmendmentData(data: unknown): boolean {
  return (
    typeof data === 'object' && data !== null && 'changes' in data && 'status' in data && data.status === 'amended'
  );
}

function parseAmendment(f: ParsedFile): Amendment {
  const parsed = Amendment.safeParse(f.data);
  if (!parsed.success) throw invalidDataFile(f, fromZod(parsed.error));
  return parsed.data;
}

/** The amendment applied to its base, found among `known`; a DataFileError naming the change otherwise. */
function applyAmendmentFile(f: ParsedFile, amendment: Amendment, known: readonly Rulebook[]): Rulebook {
  const base = known.find((r) => r.id === amendment.base);
  if (!base) {
    const names = known.map((r) => r.id).join(', ');
    throw invalidDataFile(f, [
      { path: ['base'], message: `base rulebook "${amendment.base}" is not known; known: ${names}` },
    ]);
  }
  const applied = applyAmendment(base, amendment);
  if (!applied.ok) throw invalidDataFile(f, applied.issues);
  return applied.rulebook;
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
  const files = dataFiles(RULEBOOK_DIR).map(readDataFile);
  const books = files
    .filter((f) => !isAmendmentData(f.data))
    .map((f) => {
      const r = loadRulebook(f.data);
      if (!r.ok) throw invalidDataFile(f, r.issues);
      return r.rulebook;
    });
  // Amendments apply to what is already loaded, so an amendment of an amendment waits for its base.
  let pending = files.filter((f) => isAmendmentData(f.data)).map((f) => ({ f, amendment: parseAmendment(f) }));
  while (pending.length > 0) {
    const ready = pending.filter((p) => books.some((b) => b.id === p.amendment.base));
    const next = ready.length > 0 ? ready : pending.slice(0, 1); // no base known: the first one throws
    for (const p of next) books.push(applyAmendmentFile(p.f, p.amendment, books));
    pending = pending.filter((p) => !next.includes(p));
  }
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
  if (isAmendmentData(data)) return applyAmendmentFile(f, parseAmendment(f), [...extra, ...builtins]);
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
