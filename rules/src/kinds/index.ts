import { advancedRating } from './advanced-rating.js';
import { aircraftPerPilot } from './aircraft-per-pilot.js';
import { categoryPermission } from './category-permission.js';
import { crossBoundary } from './cross-boundary.js';
import { dangerousGoods } from './dangerous-goods.js';
import { daylight } from './daylight.js';
import { dropping } from './dropping.js';
import { equipment } from './equipment.js';
import { insurance } from './insurance.js';
import { labelling } from './labelling.js';
import { lateralDistance } from './lateral-distance.js';
import { maxDimension } from './max-dimension.js';
import { maxHeight } from './max-height.js';
import { maxSpeed } from './max-speed.js';
import { personsOrAnimals } from './persons-or-animals.js';
import { pilotAge } from './pilot-age.js';
import { recordKeeping } from './record-keeping.js';
import { registration } from './registration.js';
import { responsiblePersonAge } from './responsible-person-age.js';
import { scope } from './scope.js';
import type { RuleKindModule } from './types.js';
import { vlos } from './vlos.js';
import { zoneEntry } from './zone-entry.js';

export { daylightSteady, judgeDaylight, NightDefinition } from './daylight.js';
export { formatInstant, localClock, localDate, offsetMinutes } from './local-time.js';
export * from './types.js';

/** Every known rule kind. A rulebook rule names one of these; its params are checked against the kind's schema. */
export const ruleKinds: readonly RuleKindModule[] = [
  scope,
  categoryPermission,
  registration,
  labelling,
  pilotAge,
  responsiblePersonAge,
  advancedRating,
  insurance,
  equipment,
  aircraftPerPilot,
  maxDimension,
  personsOrAnimals,
  dropping,
  dangerousGoods,
  recordKeeping,
  maxHeight,
  maxSpeed,
  vlos,
  daylight,
  lateralDistance,
  zoneEntry,
  crossBoundary,
];

const byName = new Map(ruleKinds.map((k) => [k.kind, k]));

export function getKind(name: string): RuleKindModule | undefined {
  return byName.get(name);
}

export const kindNames: readonly string[] = ruleKinds.map((k) => k.kind);
