/**
 * fast-check arbitraries that mutate real documents: text edits (for XML and JSON text, with tokens that break
 * parsers in interesting ways), structural JSON edits (any member replaced by an odd value or removed) and byte
 * edits (for ZIP archives).
 */
import fc from 'fast-check';

const TOKENS = [
  '<',
  '>',
  '</',
  '/>',
  '"',
  "'",
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '-',
  '.',
  'e',
  ' ',
  '\n',
  'null',
  'true',
  '-1e309',
  '1e308',
  'NaN',
  '-0',
  '\u0000',
  '\uD800',
  '\uFEFF',
  '&amp;',
  '&x;',
  '&#0;',
  '&#x110000;',
  '<![CDATA[',
  ']]>',
  '<!--',
  '-->',
  '<?xml version="1.0"?>',
  '<!DOCTYPE x [<!ENTITY x "xx">]>',
  '<a>',
  '</a>',
  '<coordinates>',
  '</coordinates>',
  '1,2,3 ',
  '1e400,22',
  '<ele>x</ele>',
  '<time>not a time</time>',
  '"type":"Point"',
  '"coordinates":[]',
  '"coordinates":[[1]]',
  '"__proto__":{"x":1}',
];

export interface TextEdit {
  at: number;
  kind: 'insert' | 'delete' | 'replace' | 'duplicate' | 'truncate';
  len: number;
  token: string;
}

const textEdit: fc.Arbitrary<TextEdit> = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  kind: fc.constantFrom('insert', 'delete', 'replace', 'duplicate', 'truncate'),
  len: fc.nat(400),
  token: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 12 })),
});

export const textEdits = fc.array(textEdit, { minLength: 1, maxLength: 6 });

export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of edits) {
    const i = Math.floor(e.at * out.length);
    switch (e.kind) {
      case 'insert':
        out = out.slice(0, i) + e.token + out.slice(i);
        break;
      case 'delete':
        out = out.slice(0, i) + out.slice(i + e.len);
        break;
      case 'replace':
        out = out.slice(0, i) + e.token + out.slice(i + e.token.length);
        break;
      case 'duplicate':
        out = out.slice(0, i + e.len) + out.slice(i, i + e.len) + out.slice(i + e.len);
        break;
      case 'truncate':
        out = out.slice(0, i);
        break;
    }
  }
  return out;
}

/** Values put in place of an XML element's text or an attribute's value. */
const ODD_XML_VALUES = [
  '',
  ' ',
  'NaN',
  'Infinity',
  '1e400',
  '-',
  'x',
  '0',
  '-999999',
  '2026-13-45T99:99:99Z',
  '1,2',
  ' 1 2 3 ',
  '114.1,22.3,50,7',
  '114.1,,50',
  'relativeToSeaFloor',
  '&amp;',
];

export interface XmlValueEdit {
  pick: number;
  value: string;
}

export const xmlValueEdits = fc.array(
  fc.record({ pick: fc.nat(), value: fc.oneof(fc.constantFrom(...ODD_XML_VALUES), fc.string({ maxLength: 8 })) }),
  { minLength: 1, maxLength: 4 },
);

/** Replaces the text of elements (`>text<`) or attribute values (`="value"`), chosen by `pick`. */
export function applyXmlValueEdits(xml: string, edits: readonly XmlValueEdit[]): string {
  let out = xml;
  for (const e of edits) {
    const spans = [...out.matchAll(/>([^<>]+)<|="([^"]*)"/g)];
    if (spans.length === 0) return out;
    const m = spans[e.pick % spans.length];
    const whole = m[0];
    const replaced = whole.startsWith('>') ? `>${e.value}<` : `="${e.value.replaceAll('"', '')}"`;
    out = out.slice(0, m.index) + replaced + out.slice((m.index ?? 0) + whole.length);
  }
  return out;
}

export interface ByteEdit {
  at: number;
  value: number;
  truncate: boolean;
}

export const byteEdits = fc.array(
  fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), value: fc.nat(255), truncate: fc.boolean() }),
  { minLength: 1, maxLength: 8 },
);

export function applyByteEdits(bytes: Uint8Array, edits: readonly ByteEdit[]): Uint8Array {
  let out = bytes.slice();
  for (const e of edits) {
    const i = Math.floor(e.at * out.length);
    if (e.truncate && i > 4) out = out.slice(0, i);
    else if (i < out.length) out[i] = e.value;
  }
  return out;
}

/** Odd values a careless or hostile file may hold where something else was expected. */
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, -1, 0, 1e308, -1e308, Number.MAX_SAFE_INTEGER, '', 'x'.repeat(2000), '2026-02-30T25:61:00Z'),
  fc
    .constantFrom(
      '[]',
      '{}',
      '[[[[[[]]]]]]',
      '{"__proto__":{"polluted":true}}',
      '{"constructor":{"prototype":{"x":1}}}',
    )
    .map((text) => JSON.parse(text) as unknown),
  fc.array(fc.double(), { maxLength: 5 }),
);

export interface JsonEdit {
  pick: number;
  value: unknown;
  remove: boolean;
}

export const jsonEdits = fc.array(fc.record({ pick: fc.nat(), value: oddValue, remove: fc.boolean() }), {
  minLength: 1,
  maxLength: 5,
});

type Slot = { parent: Record<string, unknown> | unknown[]; key: string | number };

function slots(root: unknown, out: Slot[] = [], limit = 5000): Slot[] {
  if (out.length >= limit || root === null || typeof root !== 'object') return out;
  const entries: [string | number, unknown][] = Array.isArray(root)
    ? root.map((v, i) => [i, v])
    : Object.entries(root as Record<string, unknown>);
  for (const [key, value] of entries) {
    out.push({ parent: root as Slot['parent'], key });
    slots(value, out, limit);
  }
  return out;
}

/** Replaces (or removes) members of a copy of `doc`, chosen by `pick` among all its members. */
export function applyJsonEdits(doc: unknown, edits: readonly JsonEdit[]): unknown {
  const copy = structuredClone(doc);
  for (const e of edits) {
    const all = slots(copy);
    if (all.length === 0) return e.value;
    const { parent, key } = all[e.pick % all.length];
    if (e.remove && Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
    else if (e.remove && !Array.isArray(parent)) delete parent[key as string];
    else (parent as Record<string | number, unknown>)[key] = structuredClone(e.value);
  }
  return copy;
}

type ErrorClass = abstract new (...args: never[]) => Error;
const BUILTIN_ERRORS: unknown[] = [Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError];

/**
 * Runs `fn`; a thrown error must be one of the `typed` classes (or another named subclass the module defines,
 * e.g. a budget error), never a bare Error, TypeError, RangeError… or a zod error that escaped.
 */
export function expectTypedOutcome(fn: () => unknown, typed: ErrorClass[], input: () => string): void {
  try {
    fn();
  } catch (err) {
    if (typed.some((c) => err instanceof c)) return;
    const isCustom = err instanceof Error && !BUILTIN_ERRORS.includes(err.constructor) && err.name !== 'ZodError';
    if (isCustom) return;
    const what =
      err instanceof Error
        ? `${err.name}: ${err.message}\n${err.stack?.split('\n').slice(1, 4).join('\n')}`
        : String(err);
    throw new Error(`untyped error ${what}\ninput (first 300 chars): ${input().slice(0, 300)}`);
  }
}
