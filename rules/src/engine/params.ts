import type { Rulebook } from '../model/index.js';
import type { Issue } from './issues.js';
import { bareObject, ownValue, setOwn } from './safe-write.js';

/**
 * Rule params may refer to a rulebook parameter with `{ $param: "name" }` (e.g. the night definition,
 * which the law leaves open). Resolution replaces the reference with the parameter's value; a parameter
 * with a unit and a numeric value becomes `{ value, unit }`.
 */
export function isParamRef(x: unknown): x is { $param: string } {
  return (
    typeof x === 'object' &&
    x !== null &&
    !Array.isArray(x) &&
    Object.keys(x).length === 1 &&
    typeof (x as { $param?: unknown }).$param === 'string'
  );
}

export function resolveParams(
  raw: unknown,
  parameters: Rulebook['parameters'],
  path: (string | number)[] = [],
  issues: Issue[] = [],
): unknown {
  if (isParamRef(raw)) {
    const p = ownValue(parameters, raw.$param) as Rulebook['parameters'][string] | undefined;
    if (!p) {
      issues.push({ path, message: `unknown rulebook parameter "${raw.$param}"` });
      return undefined;
    }
    if (p.unit !== undefined && typeof p.value === 'number') return { value: p.value, unit: p.unit };
    return p.value;
  }
  if (Array.isArray(raw)) return raw.map((v, i) => resolveParams(v, parameters, [...path, i], issues));
  if (typeof raw === 'object' && raw !== null) {
    const out = bareObject();
    for (const [k, v] of Object.entries(raw)) {
      const err = setOwn(out, k, resolveParams(v, parameters, [...path, k], issues));
      if (err) issues.push({ path: [...path, k], message: err });
    }
    return out;
  }
  return raw;
}

/** Names of the rulebook parameters a rule's params refer to. */
export function paramRefs(raw: unknown, out: Set<string> = new Set()): Set<string> {
  if (isParamRef(raw)) out.add(raw.$param);
  else if (Array.isArray(raw)) for (const v of raw) paramRefs(v, out);
  else if (typeof raw === 'object' && raw !== null) for (const v of Object.values(raw)) paramRefs(v, out);
  return out;
}
