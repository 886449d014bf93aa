import type { Quantity } from '../model/units.js';

/** A quantity as messages show it: "120 m AGL", "HK$10,000,000" (the same in every locale). */
export function formatQuantity(q: Quantity): string {
  const v = Number.isInteger(q.value) ? q.value.toLocaleString('en-US') : String(q.value);
  if (q.unit === 'HKD') return `HK$${v}`;
  return `${v} ${q.unit}`;
}
