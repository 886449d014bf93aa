/** Zone ids in our model: letters, digits, `_ . : -`, starting with a letter or digit. */
const ZONE_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;

/** FNV-1a 32-bit hash: a short stable fingerprint of a string. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * ED-269/ED-318 `identifier` (at most 7 characters): the zone id itself when it fits, otherwise
 * "Z" + 6 base-36 characters of its hash. Stable: the same id always gives the same identifier.
 */
export function edIdentifier(zoneId: string, salt = 0): string {
  if (salt === 0 && /^[A-Za-z0-9]{1,7}$/.test(zoneId)) return zoneId;
  const h = fnv1a(salt === 0 ? zoneId : `${zoneId}#${salt}`) % 36 ** 6;
  return `Z${h.toString(36).toUpperCase().padStart(6, '0')}`;
}

/** Identifiers for a list of zone ids, unique within the list (collisions get a salted hash). */
export function edIdentifiers(zoneIds: readonly string[]): string[] {
  const used = new Set<string>();
  return zoneIds.map((id) => {
    let salt = 0;
    let ident = edIdentifier(id, salt);
    while (used.has(ident)) ident = edIdentifier(id, ++salt);
    used.add(ident);
    return ident;
  });
}

/** A valid zone id from any string (invalid characters become "-"); null when nothing usable is left. */
export function toZoneId(raw: string | number | undefined | null): string | null {
  if (raw === undefined || raw === null) return null;
  const text = String(raw).trim();
  if (ZONE_ID.test(text)) return text;
  const cleaned = text
    .replace(/[^A-Za-z0-9_.:-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .replace(/-+$/, '');
  return cleaned === '' ? null : cleaned;
}

/** Makes ids unique within one import: the second "X" becomes "X.2", and so on. */
export class IdRegistry {
  private readonly seen = new Map<string, number>();
  /** The id itself the first time; a suffixed id (reported through `onRename`) after that. */
  take(id: string, onRename?: (message: string) => void): string {
    const n = (this.seen.get(id) ?? 0) + 1;
    this.seen.set(id, n);
    if (n === 1) return id;
    onRename?.(`duplicate zone id "${id}" renamed "${id}.${n}"`);
    return `${id}.${n}`;
  }
}

/** JSON with object keys sorted, for order-insensitive comparison of parsed documents. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A short URL-safe slug of a name for ids (ASCII letters and digits only). */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
}

export { fnv1a };
