import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { PlanImportError } from './errors.js';
import type { ImportFormat } from './types.js';

/** A namespace-free element tree in document order (`gx:Track` becomes `Track`, `wpml:index` becomes `index`). */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ATTR_PREFIX = '@_';
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: ATTR_PREFIX,
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
});

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

/** Parses well-formed XML into its root element; anything else is a PlanImportError with line and column. */
export function parseXmlDocument(text: string, format: ImportFormat): XmlElement {
  if (!text.trimStart().startsWith('<'))
    throw new PlanImportError(format, '(document)', undefined, 'not XML: the content does not start with "<"');
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const { line, col, msg } = valid.err;
    throw new PlanImportError(
      format,
      '(document)',
      undefined,
      `not well-formed XML at line ${line}, column ${col}: ${msg}`,
    );
  }
  const nodes = parser.parse(text) as OrderedNode[];
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
