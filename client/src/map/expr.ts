import type { ExpressionSpecification } from 'maplibre-gl';

/** ['match', ['get', prop], k1, v1, k2, v2, …, fallback]: a property → value table as a style expression. */
export function matchTable(prop: string, table: Record<string, string>, fallback: string): ExpressionSpecification {
  const [first, ...rest] = Object.entries(table);
  if (!first) return ['to-color', fallback];
  return ['match', ['get', prop], first[0], first[1], ...rest.flat(), fallback];
}
