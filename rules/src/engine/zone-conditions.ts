import type { LocalizedText } from '../model/text.js';
import {
  type ConditionFlight,
  unevaluatedConditions,
  type Zone,
  type ZoneConditions,
  zoneAppliesToFlight,
} from '../model/zone.js';

function scope(c: ZoneConditions): { en: string; zh: string } {
  const en: string[] = [];
  const zh: string[] = [];
  if (c.categories) {
    en.push(`category ${c.categories.join(' or ')}`);
    zh.push(`${c.categories.join('或')}類`);
  }
  if (c.operations) {
    en.push(`${c.operations.join(' or ')} operations`);
    zh.push(`${c.operations.join('或')}操作`);
  }
  return { en: en.join(', '), zh: zh.join('、') };
}

/**
 * Report assumptions for the conditional zones the route meets: the ones that do not bind this flight (and
 * why), and the conditions Hong Kong law gives no meaning to, which are kept and stated, never dropped.
 */
export function zoneConditionNotes(
  samples: readonly { zones: readonly Zone[] }[],
  flight: ConditionFlight,
): LocalizedText[] {
  const seen = new Map<string, Zone>();
  for (const s of samples) for (const z of s.zones) if (z.conditions && !seen.has(z.id)) seen.set(z.id, z);
  const notes: LocalizedText[] = [];
  for (const zone of seen.values()) {
    const c = zone.conditions as ZoneConditions;
    const label = `${zone.name.en} (${zone.id})`;
    if (!zoneAppliesToFlight(c, flight)) {
      const only = scope(c);
      const mine = `category ${flight.category}, ${flight.vlos ? 'VLOS' : 'BVLOS'}`;
      notes.push({
        en: `Zone ${label} applies only to ${only.en}: this flight (${mine}) is not subject to it.`,
        zh: `區域 ${zone.name.zh}（${zone.id}）只適用於${only.zh}：本飛行（${mine}）不受其限制。`,
      });
      continue;
    }
    const unevaluated = unevaluatedConditions(c);
    if (unevaluated.length)
      notes.push({
        en: `Zone ${label} states conditions with no meaning in Hong Kong law, not evaluated: ${unevaluated.join('; ')}. The zone is applied to this flight as if they held.`,
        zh: `區域 ${zone.name.zh}（${zone.id}）列明的條件在香港法例下並無意義，未予評估：${unevaluated.join('；')}。本飛行按該區域適用處理。`,
      });
  }
  return notes;
}
