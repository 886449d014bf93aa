/**
 * The source scan of client-no-casts.test.ts: the browser client takes fetched data only through the typed
 * HTTP layer (client/src/net/api.ts), which parses every answer with the operation's declared schema. A type
 * assertion on fetched data, a raw fetch elsewhere, or a type argument on an HTTP call bypasses that parse.
 */
export const HTTP_LAYER = 'client/src/net/api.ts';

/** The one assertion the HTTP layer makes: a value just parsed by the operation's schema, typed for the caller. */
export const HTTP_LAYER_ASSERTION = /\bvalue as ResponseOf<O>/;

const stripComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
/** Import and export lists rename with `as`; they are not assertions. */
const stripModuleLines = (text: string) =>
  text.replace(/^\s*(import|export)\s+(type\s+)?\{[^}]*\}\s*from\s*['"][^'"]+['"];?/gm, '');
const stripStrings = (text: string) => text.replace(/'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g, "''");

/** `x as T` (not `as const`) anywhere in code. */
const ASSERTION = /\bas\s+(?!const\b)[A-Za-z_{[(]/g;
/** A file that fetches through the HTTP layer. */
const FETCHES = /\bcall\s*\(\s*operations\.|import\s*\{[^}]*\bcall\b[^}]*\}\s*from\s*['"][./]*net\/api\.js['"]/;

export interface Finding {
  file: string;
  what: string;
}

export function castsOnFetchedData(files: { name: string; text: string }[]): Finding[] {
  const found: Finding[] = [];
  for (const { name, text } of files) {
    const fetches = FETCHES.test(stripComments(text));
    const code = stripStrings(stripModuleLines(stripComments(text)));
    if (name !== HTTP_LAYER && /\bfetch\s*\(/.test(code))
      found.push({ file: name, what: 'a raw fetch() outside the HTTP layer' });
    if (
      /\b(request|upload|api\.(get|post|put|del))\s*</.test(code) ||
      (fetches && /(?<!function\s+)\bcall\s*</.test(code))
    )
      found.push({ file: name, what: 'a type argument on an HTTP call' });
    if (/\b(res|response|reply)\.json\(\)/.test(code) && name !== HTTP_LAYER)
      found.push({ file: name, what: 'a response body read outside the HTTP layer' });
    if (name === HTTP_LAYER) {
      const assertions = [...code.matchAll(ASSERTION)].length;
      const allowed = HTTP_LAYER_ASSERTION.test(code) ? 1 : 0;
      if (assertions > allowed) found.push({ file: name, what: `${assertions - allowed} type assertion(s)` });
    } else if (fetches) {
      const assertions = [...code.matchAll(ASSERTION)].length;
      if (assertions > 0) found.push({ file: name, what: `${assertions} type assertion(s) in a file that fetches` });
    }
  }
  return found;
}
