import { isReservedKey, reservedKeyMessage } from '../model/safe-keys.js';

/**
 * The only way the draft applier writes a caller-named property. Reads see own properties only (so
 * `constructor` or `toString` never resolve to something inherited), writes define own data properties
 * and refuse reserved keys, arrays accept only an index up to their length (no sparse billion-slot arrays).
 * A test scans the draft sources and fails on any other computed-key assignment.
 */

export function isContainer(x: unknown): x is object {
  return typeof x === 'object' && x !== null;
}

/** `target[key]` when it is an own property, else undefined. */
export function ownValue(target: object, key: string): unknown {
  return Object.hasOwn(target, key) ? (target as Record<string, unknown>)[key] : undefined;
}

/** A new object with no prototype, for values built from caller-supplied keys. */
export function bareObject(): Record<string, unknown> {
  return Object.create(null) as Record<string, unknown>;
}

/** Sets the own property `key` of `target`; returns why it cannot, or null when done. */
export function setOwn(target: object, key: string, value: unknown): string | null {
  if (isReservedKey(key)) return reservedKeyMessage(key);
  if (Array.isArray(target)) {
    if (!/^(0|[1-9]\d*)$/.test(key)) return `"${key}" is not an index of an array`;
    if (Number(key) > target.length) return `index ${key} is past the end of an array of ${target.length}`;
  }
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  return null;
}
