import type { SightOperation, ZoneConditions } from '../../model/zone.js';
import { type ReadContext, warn } from './errors.js';

/**
 * Applicability conditions as ED-269 (and ED-318 files converted from it) write them: `uSpaceClass` and
 * `restrictionConditions`. Publishers write a single code or a list; both are read, a list where the standard
 * has one code with a warning. Conditions are kept on the zone (`conditions`), never dropped.
 */

/** A code or a list of codes: the list, and whether the file gave a list. */
export function codeList(raw: string | readonly string[] | null | undefined): { codes: string[]; listed: boolean } {
  if (raw === null || raw === undefined) return { codes: [], listed: false };
  const listed = typeof raw !== 'string';
  const codes = (listed ? [...raw] : [raw]).map((c) => c.trim()).filter((c) => c.length > 0);
  return { codes, listed };
}

const SEP = String.raw`\s*(?:==|=|:)?\s*`;
const OPERATION = new RegExp(String.raw`^(?:operation(?:\s*type)?${SEP})?(B?VLOS)$`, 'i');
const UAS_CLASS = new RegExp(String.raw`^(?:uas\s*)?class${SEP}(C[0-6])$`, 'i');
const EU_CATEGORY = new RegExp(String.raw`^(?:(?:uas\s*)?category${SEP})?(OPEN|SPECIFIC|CERTIFIED)$`, 'i');

/**
 * Sorts `restrictionConditions` entries: an operation type (`BVLOS`, `operationType=VLOS`), an EU class mark
 * (`class C2`) or an EU category (`SPECIFIC`) is read as "the zone applies to these"; anything else is kept
 * as written.
 */
function sortConditions(entries: string[], ctx: ReadContext, field: string): ZoneConditions {
  const operations: SightOperation[] = [];
  const uasClasses: string[] = [];
  const uasCategories: string[] = [];
  const other: string[] = [];
  for (const entry of entries) {
    const op = OPERATION.exec(entry);
    const cls = UAS_CLASS.exec(entry);
    const cat = EU_CATEGORY.exec(entry);
    if (op) operations.push(op[1].toUpperCase() as SightOperation);
    else if (cls) uasClasses.push(cls[1].toUpperCase());
    else if (cat) uasCategories.push(cat[1].toUpperCase());
    else other.push(entry);
  }
  if (operations.length)
    warn(
      ctx,
      `${field}: ${operations.join(', ')} read as: the zone applies to ${operations.join(' and ')} operations only`,
    );
  return {
    ...(operations.length ? { operations: [...new Set(operations)] } : {}),
    ...(uasClasses.length ? { uasClasses } : {}),
    ...(uasCategories.length ? { uasCategories } : {}),
    ...(other.length ? { other } : {}),
  };
}

/** The zone's conditions from its `uSpaceClass` and `restrictionConditions`; undefined when it has none. */
export function readConditions(
  raw: { uSpaceClass?: string | string[] | null; restrictionConditions?: string | string[] | null },
  ctx: ReadContext,
  base = '',
): ZoneConditions | undefined {
  const at = (f: string) => (base ? `${base}.${f}` : f);
  const classes = codeList(raw.uSpaceClass);
  if (classes.listed)
    warn(
      ctx,
      `${at('uSpaceClass')}: a list where ED-269 has one code; read as the classes ${classes.codes.join(', ')}`,
    );
  const conditions: ZoneConditions = {
    ...(classes.codes.length ? { uSpaceClasses: classes.codes } : {}),
    ...sortConditions(codeList(raw.restrictionConditions).codes, ctx, at('restrictionConditions')),
  };
  return Object.keys(conditions).length ? conditions : undefined;
}

/** Members a standard does not define: tolerated (publishers add their own) and named in a warning. */
export function warnExtraMembers(
  record: Record<string, unknown> | null,
  known: readonly string[],
  ctx: ReadContext,
  base = '',
): void {
  if (!record) return;
  const extra = Object.keys(record).filter((k) => !known.includes(k));
  if (extra.length) warn(ctx, `${base ? `${base}: ` : ''}members not in the standard ignored: ${extra.join(', ')}`);
}
