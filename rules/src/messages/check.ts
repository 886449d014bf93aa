import { placeholders } from './render.js';

/**
 * What is wrong with a set of catalogues against the declared codes: a code without a (non-empty) message
 * in some locale, a message for a code nobody declared, or a message using a param its code does not declare.
 * Empty: nothing wrong.
 */
export function catalogueProblems(
  declared: Readonly<Record<string, readonly string[]>>,
  catalogues: Readonly<Record<string, Readonly<Record<string, string>>>>,
): string[] {
  const problems: string[] = [];
  for (const [locale, catalogue] of Object.entries(catalogues)) {
    for (const [code, params] of Object.entries(declared)) {
      const template = Object.hasOwn(catalogue, code) ? catalogue[code] : undefined;
      if (!template) {
        problems.push(`${locale}: no message for ${code}`);
        continue;
      }
      for (const name of placeholders(template))
        if (!params.includes(name)) problems.push(`${locale}: ${code} uses {${name}}, which it does not declare`);
    }
    for (const code of Object.keys(catalogue))
      if (!Object.hasOwn(declared, code)) problems.push(`${locale}: ${code} is not a declared message code`);
  }
  return problems;
}
