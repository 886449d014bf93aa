/**
 * Keys that reach an object's prototype when used as a property name (`o["__proto__"] = x` replaces the
 * prototype; `o.constructor.prototype` is shared by every object). Caller-supplied paths and object keys
 * that the rule engine writes must never be one of these.
 */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function isReservedKey(key: string): boolean {
  return RESERVED_KEYS.has(key);
}

export const reservedKeyMessage = (key: string): string =>
  `"${key}" is a reserved JavaScript property name and cannot be used as a key`;

/**
 * Paths to every own key of `value` (at any depth, arrays included) that is a reserved key. Iterative,
 * so a deeply nested value cannot overflow the stack.
 */
export function reservedKeyPaths(value: unknown): (string | number)[][] {
  const found: (string | number)[][] = [];
  const stack: { node: unknown; path: (string | number)[] }[] = [{ node: value, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop() as { node: unknown; path: (string | number)[] };
    if (typeof node !== 'object' || node === null) continue;
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        stack.push({ node: item, path: [...path, i] });
      });
      continue;
    }
    for (const key of Object.keys(node)) {
      if (isReservedKey(key)) found.push([...path, key]);
      else stack.push({ node: (node as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return found;
}
