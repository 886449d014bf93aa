import type { Zone } from '../model/zone.js';

/**
 * A content version for a zone list when the catalogue does not carry one: "sha-" + FNV-1a (2 × 32 bit,
 * different offsets) of the canonical JSON. Stable across runs and machines; not a security hash.
 */
export function zonesContentVersion(zones: readonly Zone[]): string {
  const text = JSON.stringify(zones);
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x01000193) ^ (h2 >>> 13);
  }
  return `fnv-${(h1 >>> 0).toString(16).padStart(8, '0')}${(h2 >>> 0).toString(16).padStart(8, '0')}`;
}
