import { worded } from '../messages/index.js';
import type { Finding, Jurisdiction, Provision, Rulebook, Zone } from '../model/index.js';

export const JURISDICTION_KIND = 'jurisdiction';

/**
 * Inside, crossing or wholly outside the HKSAR, from the boundary zones at the checked samples (the same
 * zones the cross-boundary rule reads; samples include every zone-boundary crossing). Unknown without any
 * boundary zone in the airspace used.
 */
export function jurisdictionOf(
  samples: readonly { zones: readonly Pick<Zone, 'effect'>[] }[],
  boundaryPresent: boolean,
): Jurisdiction {
  if (!boundaryPresent || samples.length === 0) return 'unknown';
  const inside = samples.filter((s) => s.zones.some((z) => z.effect === 'boundary')).length;
  if (inside === samples.length) return 'inside';
  return inside === 0 ? 'outside' : 'crossing';
}

/** The Order is Hong Kong law: cited as the instrument itself (no section is claimed for its territorial reach). */
function scopeProvision(rb: Pick<Rulebook, 'instrument'>): Provision {
  return {
    ...rb.instrument,
    note: 'Cap. 448G regulates small unmanned aircraft operated in Hong Kong; a flight that never enters the HKSAR is outside it.',
  };
}

/** The one finding of a route wholly outside the HKSAR: none of the Order's rules make sense there. */
export function outsideHongKongFinding(rb: Pick<Rulebook, 'instrument'>, rulebookVersion: string): Finding {
  return {
    ruleId: JURISDICTION_KIND,
    kind: JURISDICTION_KIND,
    provision: scopeProvision(rb),
    rulebookVersion,
    effect: 'prohibited',
    ...worded('jurisdiction.outside'),
  };
}
