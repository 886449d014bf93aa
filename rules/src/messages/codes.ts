import { z } from 'zod';

/**
 * Every message the library words, by code, with the params its templates may use. A finding, a permission
 * entry or an assumption carries a code and its params; the catalogues (one per locale) word them.
 * `measured` and `limit` are quantities already formatted in both languages ({en: "120 ft AGL", zh: "120 呎 AGL"};
 * "HK$10,000,000" in both).
 */
export const MESSAGE_PARAMS = {
  // Rule kinds
  'registration.aircraft': [],
  'registration.remote-pilot': [],
  'registration.responsible-person': [],
  'labelling.missing': [],
  'pilot-age.under': ['measured', 'limit'],
  'responsible-person-age.under': ['measured', 'limit'],
  'insurance.none': ['limit'],
  'insurance.insufficient': ['measured', 'limit'],
  'advanced-rating.missing': [],
  'equipment.flightLog': [],
  'equipment.geoAwareness': [],
  'equipment.failSafe': [],
  'equipment.remoteId': [],
  'aircraft-per-pilot.exceeded': ['measured', 'limit'],
  'max-dimension.exceeded': ['measured', 'limit'],
  'max-dimension.rotor-tips': ['measured', 'limit'],
  'persons-or-animals.carried': [],
  'dropping.planned': [],
  'dangerous-goods.carried': [],
  'category-permission.required': ['category', 'categoryName', 'measured'],
  'scope.out': ['measured', 'limit'],
  'record-keeping.reminder': ['months'],
  'max-height.exceeded': ['measured', 'limit'],
  'max-speed.exceeded': ['measured', 'limit'],
  'vlos.declared-bvlos': [],
  'vlos.range': ['measured', 'limit'],
  'daylight.after-sunset': ['time', 'sunEvent', 'night'],
  'daylight.before-sunrise': ['time', 'sunEvent', 'night'],
  'zone-entry.prohibited': ['zone', 'zoneId'],
  'zone-entry.requires-permission': ['zone', 'zoneId'],
  'zone-entry.advisory': ['zone', 'zoneId'],
  'cross-boundary.outside': [],
  'cross-boundary.no-boundary': [],
  'jurisdiction.outside': [],
  'lateral-distance.declared': ['measured', 'limit'],
  'lateral-distance.zone': ['measured', 'limit', 'zone', 'zoneId'],
  // Engine findings
  'enclosed.exempt': ['inner'],
  'permission.envelope-left': ['permission', 'what'],
  'permission.aircraft': ['permission', 'what'],
  'permission.condition': ['permission', 'what'],
  'input.invalid': ['issues'],
  'ground-clearance.meets-ground': ['leg', 'position', 'altitude', 'depth', 'ground', 'model', 'tolerance'],
  'operator-fence.leaves-inclusion': ['fences', 'legs'],
  'operator-fence.enters-exclusion': ['fence', 'legs'],
  // Live-monitor findings
  'monitor.separation': ['other', 'horizontal', 'vertical', 'minHorizontal', 'minVertical'],
  'monitor.off-route': ['offset', 'buffer'],
  'monitor.off-altitude': ['offset', 'buffer'],
  'traffic.conformance.nonconforming': ['intent', 'outside', 'grace'],
  'traffic.conformance.contingent': ['intent', 'outside', 'grace'],
  'traffic.conformance.neighbour-contingent': ['other', 'aircraft', 'intent'],
  // Permissions required, and the names of the triggers
  'permission.required': ['activity'],
  'trigger.night': [],
  'trigger.bvlos': [],
  'trigger.height': [],
  'trigger.lateral-distance': [],
  'trigger.speed': [],
  'trigger.aircraft-per-pilot': [],
  'trigger.size': [],
  'trigger.persons-or-animals': [],
  'trigger.dropping': [],
  'trigger.dangerous-goods': [],
  'trigger.restricted-flying-zone': [],
  'trigger.category-b': [],
  'trigger.category-c': [],
  'trigger.cross-boundary': [],
  'trigger.category': ['id'],
  // Phrases used inside other messages
  'category.name': ['id'],
  'list.or': ['first', 'next'],
  'list.comma': ['first', 'next'],
  'list.semicolon': ['first', 'next'],
  'list.slash': ['first', 'next'],
  'none.model': [],
  'none.categories': [],
  'zone-scope.categories': ['categories'],
  'zone-scope.operations': ['operations'],
  'flight.summary': ['category', 'sight'],
  'legs.one': ['leg'],
  'legs.range': ['from', 'to'],
  'finding.run': ['legs', 'worst', 'worstLeg'],
  'permission-outside.corridor': [],
  'permission-outside.area': [],
  'permission-outside.altitude-band': [],
  'permission-outside.times': [],
  'permission-aircraft.mass': ['mass'],
  'permission-aircraft.category': ['category'],
  'permission-aircraft.model': ['model'],
  'permission-condition.max-height': [],
  'permission-condition.max-speed': [],
  'permission-condition.aircraft-per-pilot': [],
  'permission-condition.fail-safe': [],
  'permission-condition.remote-id': [],
  'permission-condition.advanced-rating': [],
  'permission-condition.insurance': [],
  // Report assumptions
  'assumption.elevation-model': ['model', 'description'],
  'assumption.speed-along-route': [],
  'assumption.open-parameters': ['values'],
  'assumption.ground-reference-missing': ['reference', 'model'],
  'assumption.rule-skipped': ['ruleId', 'why'],
  'assumption.not-yet-in-force': ['date', 'rules'],
  'assumption.zone-not-applicable': ['zone', 'zoneId', 'scope', 'flight'],
  'assumption.zone-conditions-unevaluated': ['zone', 'zoneId', 'conditions'],
  'assumption.enclosed-by-zones': [],
  'assumption.enclosed-declared': [],
  'assumption.unknown-permission': ['id'],
  'assumption.times-and-speeds': [],
  'assumption.a1-exemption-band': ['bands', 'category'],
  'assumption.a1-model-not-exempt': ['model', 'category', 'categoryName'],
  'assumption.a1-models-unknown': [],
  // How an imported route's altitudes were read (Route.altitudeConversions)
  'assumption.altitude-launch-ground': ['format', 'items', 'groundM', 'model'],
  'assumption.altitude-launch-home': ['format', 'items', 'homeM'],
  'assumption.altitude-launch-as-agl': ['format', 'items'],
  'assumption.altitude-launch-outside-model': ['format', 'items', 'model'],
  'assumption.altitude-terrain-ground': ['format', 'items', 'model'],
  'assumption.altitude-terrain-home': ['format', 'items', 'homeM'],
  'assumption.telemetry-agl': ['count', 'model'],
  'assumption.telemetry-amsl': ['count', 'model'],
  'assumption.altitude-as-agl': ['format', 'items'],
  'assumption.altitude-as-amsl': ['format', 'items'],
  'assumption.altitude-ellipsoid': ['format', 'items'],
  'assumption.altitude-clamped': ['format', 'items'],
  'assumption.altitude-default': ['format', 'items', 'value', 'ref'],
  // Rulebook differences
  'diff.commencement': ['before', 'after'],
  'diff.category-bound': ['category', 'before', 'after'],
  'diff.out-of-scope': ['message'],
  'diff.parameter': ['name', 'before', 'after'],
  'diff.parameter-used': ['name', 'before', 'after', 'rules'],
  'diff.rule-withdrawn': ['ruleId', 'title'],
  'diff.rule-added': ['ruleId', 'title'],
  'diff.rule-changed': ['ruleId', 'path', 'before', 'after'],
  'diff.zone-added': ['zoneId', 'name'],
  'diff.zone-removed': ['zoneId', 'name'],
  'diff.zone-withdrawn': ['zoneId'],
  'diff.zone-restored': ['zoneId'],
} as const satisfies Record<string, readonly string[]>;

export type MessageCode = keyof typeof MESSAGE_PARAMS;

/** The params a code declares. */
export type ParamsOf<C extends MessageCode> = (typeof MESSAGE_PARAMS)[C][number];

const codes = Object.keys(MESSAGE_PARAMS) as [MessageCode, ...MessageCode[]];

/** Every message code, as a schema (reports validate against it). */
export const MessageCode = z.enum(codes).meta({ id: 'MessageCode' });

export function isMessageCode(code: string): code is MessageCode {
  return Object.hasOwn(MESSAGE_PARAMS, code);
}

/** The params a code declares (empty for an unknown code). */
export function declaredParams(code: string): readonly string[] {
  return isMessageCode(code) ? MESSAGE_PARAMS[code] : [];
}
