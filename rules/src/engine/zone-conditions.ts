import { joinList, renderBoth } from '../messages/index.js';
import type { Assumption } from '../model/report.js';
import type { LocalizedText } from '../model/text.js';
import {
  type ConditionFlight,
  unevaluatedConditions,
  type Zone,
  type ZoneConditions,
  zoneAppliesToFlight,
} from '../model/zone.js';
import { assumption } from './messages.js';

function scope(c: ZoneConditions): LocalizedText | string {
  const parts: LocalizedText[] = [];
  if (c.categories)
    parts.push(renderBoth('zone-scope.categories', { categories: joinList('list.or', c.categories) ?? '' }));
  if (c.operations)
    parts.push(renderBoth('zone-scope.operations', { operations: joinList('list.or', c.operations) ?? '' }));
  return joinList('list.comma', parts) ?? '';
}

/**
 * Report assumptions for the conditional zones the route meets: the ones that do not bind this flight (and
 * why), and the conditions Hong Kong law gives no meaning to, which are kept and stated, never dropped.
 */
export function zoneConditionNotes(
  samples: readonly { zones: readonly Zone[] }[],
  flight: ConditionFlight,
): Assumption[] {
  const seen = new Map<string, Zone>();
  for (const s of samples) for (const z of s.zones) if (z.conditions && !seen.has(z.id)) seen.set(z.id, z);
  const notes: Assumption[] = [];
  for (const zone of seen.values()) {
    const c = zone.conditions as ZoneConditions;
    if (!zoneAppliesToFlight(c, flight)) {
      const only = scope(c);
      const mine = renderBoth('flight.summary', { category: flight.category, sight: flight.vlos ? 'VLOS' : 'BVLOS' });
      notes.push(
        assumption('assumption.zone-not-applicable', { zone: zone.name, zoneId: zone.id, scope: only, flight: mine }),
      );
      continue;
    }
    const unevaluated = unevaluatedConditions(c);
    if (unevaluated.length)
      notes.push(
        assumption('assumption.zone-conditions-unevaluated', {
          zone: zone.name,
          zoneId: zone.id,
          conditions: joinList('list.semicolon', unevaluated),
        }),
      );
  }
  return notes;
}
