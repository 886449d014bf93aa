import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { PlanImportError } from './errors.js';
import { type ImportFormat, type ImportLimitName, importLimit } from './types.js';

/** A namespace-free element tree in document order (`gx:Track` becomes `Track`, `wpml:index` becomes `index`). */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ATTR_PREFIX = '@_';

/**
 * Limits on what an uploaded XML route file may ask the parser to do. Route files (KML, GPX, WPML) need
 * neither deep nesting nor entities; the limits keep a small upload from costing much memory or time.
 */
export const XML_LIMITS = {
  /** element nesting depth (KML Document/Folder/Placemark/… is under 15 deep) */
  maxDepth: 100,
  /** internal entity declarations in the DOCTYPE */
  maxEntityCount: 100,
  /** characters in one entity's replacement text */
  maxEntitySize: 10_000,
  /** entity references expanded in the whole document */
  maxTotalExpansions: 10_000,
  /** characters produced by entity expansion in the whole document */
  maxExpandedLength: 1_000_000,
} as const;

/** An entity declared with SYSTEM or PUBLIC points outside the file (XXE); refused before parsing. */
const EXTERNAL_ENTITY = /<!ENTITY\s+(?:%\s*)?[^\s>]+\s+(?:SYSTEM|PUBLIC)\b/i;

/** The two limits a caller (a server's budgets) may set per document; the rest stay at XML_LIMITS. */
export interface XmlLimits {
  maxDepth?: number;
  maxTotalExpansions?: number;
}

function makeParser(maxDepth: number, maxTotalExpansions: number): XMLParser {
  return new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: ATTR_PREFIX,
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    maxNestedTags: maxDepth,
    processEntities: {
      enabled: true,
      maxEntityCount: XML_LIMITS.maxEntityCount,
      maxEntitySize: XML_LIMITS.maxEntitySize,
      maxTotalExpansions,
      maxExpandedLength: XML_LIMITS.maxExpandedLength,
    },
  });
}

/** One parser per distinct limits: a server passes the same few values on every import. */
const parsers = new Map<string, XMLParser>();
const MAX_CACHED_PARSERS = 32;

function parserFor(maxDepth: number, maxTotalExpansions: number): XMLParser {
  const key = `${maxDepth}/${maxTotalExpansions}`;
  let found = parsers.get(key);
  if (!found) {
    // callers choose the values, so the cache is bounded; dropping the oldest only costs a rebuild
    const oldest = parsers.keys().next();
    if (parsers.size >= MAX_CACHED_PARSERS && !oldest.done) parsers.delete(oldest.value);
    found = makeParser(maxDepth, maxTotalExpansions);
    parsers.set(key, found);
  }
  return found;
}

/** The XML limits in force for an import: the caller's (a server's budgets) or the defaults. */
export function xmlLimitsOf(opts: { [K in ImportLimitName]?: number }): Required<XmlLimits> {
  return { maxDepth: importLimit(opts, 'maxXmlDepth'), maxTotalExpansions: importLimit(opts, 'maxXmlEntities') };
}

/** A positive whole number, or the default: a bad limit is a programming error, not caller input. */
function limitValue(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value <= 0) throw new RangeError(`XML limit ${name} must be a positive integer`);
  return value;
}

const refuse = (format: ImportFormat, problem: string): PlanImportError =>
  new PlanImportError(format, '(document)', undefined, problem);

/** The parser's own refusals (entity limits, nesting, DOCTYPE syntax) in words a caller can act on. */
function parserProblem(err: unknown, maxDepth: number): string {
  const msg = err instanceof Error ? err.message : String(err);
  if (/nested tags/i.test(msg)) return `XML nesting deeper than ${maxDepth} elements is not accepted (maxXmlDepth)`;
  if (/external entit|parameter entit/i.test(msg))
    return 'XML external or parameter entities are not accepted: a route file must be self-contained';
  if (/limit exceeded|exceeds maximum/i.test(msg)) return `XML entity limits exceeded (maxXmlEntities; ${msg})`;
  return `the XML could not be parsed: ${msg}`;
}

type OrderedNode = Record<string, unknown>;

function toElement(name: string, node: OrderedNode): XmlElement {
  const attrs: Record<string, string> = {};
  const rawAttrs = node[':@'];
  if (rawAttrs && typeof rawAttrs === 'object')
    for (const [key, value] of Object.entries(rawAttrs)) attrs[key.slice(ATTR_PREFIX.length)] = String(value);
  const element: XmlElement = { name, attrs, children: [], text: '' };
  const content = node[name];
  const parts: string[] = [];
  if (Array.isArray(content))
    for (const child of content as OrderedNode[]) {
      const childName = Object.keys(child).find((k) => k !== ':@');
      if (!childName) continue;
      if (childName === '#text') parts.push(String(child['#text']));
      else element.children.push(toElement(childName, child));
    }
  element.text = parts.join(' ').trim();
  return element;
}

/**
 * Parses well-formed XML into its root element. Anything else, and anything past the limits (`limits`, else
 * XML_LIMITS), is a PlanImportError (a 400 at the HTTP layer) with the reason: line and column, the limit,
 * or the entity kind.
 */
export function parseXmlDocument(text: string, format: ImportFormat, limits: XmlLimits = {}): XmlElement {
  const maxDepth = limitValue(limits.maxDepth, XML_LIMITS.maxDepth, 'maxDepth');
  const maxTotalExpansions = limitValue(limits.maxTotalExpansions, XML_LIMITS.maxTotalExpansions, 'maxTotalExpansions');
  if (!text.trimStart().startsWith('<'))
    throw new PlanImportError(format, '(document)', undefined, 'not XML: the content does not start with "<"');
  if (EXTERNAL_ENTITY.test(text))
    throw refuse(
      format,
      'XML external entities (<!ENTITY … SYSTEM/PUBLIC>) are not accepted: a route file must be self-contained',
    );
  let valid: ReturnType<typeof XMLValidator.validate>;
  try {
    valid = XMLValidator.validate(text);
  } catch (err) {
    throw refuse(format, parserProblem(err, maxDepth));
  }
  if (valid !== true) {
    const { line, col, msg } = valid.err;
    throw new PlanImportError(
      format,
      '(document)',
      undefined,
      `not well-formed XML at line ${line}, column ${col}: ${msg}`,
    );
  }
  let nodes: OrderedNode[];
  try {
    nodes = parserFor(maxDepth, maxTotalExpansions).parse(text) as OrderedNode[];
  } catch (err) {
    throw refuse(format, parserProblem(err, maxDepth));
  }
  for (const node of nodes) {
    const name = Object.keys(node).find((k) => k !== ':@' && k !== '#text' && !k.startsWith('?'));
    if (name) return toElement(name, node);
  }
  throw new PlanImportError(format, '(document)', undefined, 'the XML has no root element');
}

export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

export function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}

/** Trimmed text of the first child with this name, or undefined. */
export function childText(el: XmlElement, name: string): string | undefined {
  const c = child(el, name);
  return c ? c.text : undefined;
}

/** All descendants with this name, depth first in document order (not descending into matches). */
export function findAll(el: XmlElement, name: string, out: XmlElement[] = []): XmlElement[] {
  for (const c of el.children) {
    if (c.name === name) out.push(c);
    else findAll(c, name, out);
  }
  return out;
}

/** The first descendant with this name, depth first. */
export function findFirst(el: XmlElement, name: string): XmlElement | undefined {
  for (const c of el.children) {
    if (c.name === name) return c;
    const deeper = findFirst(c, name);
    if (deeper) return deeper;
  }
  return undefined;
}
