/**
 * The source scan of one-shape.test.ts: what a second definition of the error contract looks like. The one
 * definition lives in rules/src/protocol/errors.ts (HOME); any of these patterns elsewhere is a second one.
 */
export const HOME = 'rules/src/protocol/errors.ts';

const stripComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');

/** What a second definition looks like, each rule tried on every source file but the home of the contract. */
export const SECOND_DEFINITIONS: { what: string; re: RegExp }[] = [
  { what: 'a zod issue schema', re: /z\s*\.object\(\s*\{\s*path\s*:[^}]*\bmessage\s*:/ },
  { what: 'a zod issue schema', re: /z\s*\.object\(\s*\{\s*message\s*:[^}]*\bpath\s*:/ },
  {
    what: 'an issue type',
    re: /\{\s*(readonly\s+)?path\??\s*:\s*(readonly\s+)?\(string \| number\)\[\]\s*[;,]?\s*(readonly\s+)?message\??\s*:\s*string\s*[;,]?\s*\}/,
  },
  {
    what: 'an issue type',
    re: /\{\s*(readonly\s+)?message\??\s*:\s*string\s*[;,]?\s*(readonly\s+)?path\??\s*:\s*(readonly\s+)?\(string \| number\)\[\]\s*[;,]?\s*\}/,
  },
  { what: 'a zod-to-issue mapper', re: /\berror\.issues\.map\(\s*\(?\w+\)?\s*=>\s*\(\{/ },
  { what: 'a zod-to-issue mapper', re: /for \(const \w+ of [\w.]*\berror\.issues\)/ },
  { what: 'a zod-to-issue mapper', re: /typeof \w+ [!=]== 'symbol'/ },
  { what: 'an error code enum', re: /\bErrorCode\s*=\s*z\b/ },
];

export function secondDefinitions(files: { name: string; text: string }[]): string[] {
  const found: string[] = [];
  for (const { name, text } of files) {
    if (name === HOME) continue;
    const code = stripComments(text);
    for (const { what, re } of SECOND_DEFINITIONS) if (re.test(code)) found.push(`${name}: ${what}`);
  }
  return found;
}
