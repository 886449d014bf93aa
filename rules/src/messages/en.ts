import type { MessageCode } from './codes.js';

/** English wording of every message code. `{name}` is replaced by the param `name`. */
export const en: Record<MessageCode, string> = {
  'registration.aircraft':
    'The aircraft is not registered with CAD: register it (eSUA) before flying; no permission can stand in for registration.',
  'registration.remote-pilot':
    'The remote pilot is not registered with CAD: register (eSUA) before flying; no permission can stand in for registration.',
  'registration.responsible-person':
    'The responsible person is not registered with CAD: register (eSUA) before flying; no permission can stand in for registration.',
  'labelling.missing': 'The CAD registration label is not displayed on the aircraft: display it before flying.',
  'pilot-age.under': 'The remote pilot is {measured} old; the minimum is {limit}.',
  'responsible-person-age.under': 'The responsible person is {measured} old; the minimum is {limit}.',
  'insurance.none':
    'No third-party insurance is held: obtain cover of at least {limit} before flying; no permission can stand in for it.',
  'insurance.insufficient':
    'Third-party insurance of {measured} is below the required {limit}: obtain cover of at least {limit} before flying; no permission can stand in for it.',
  'advanced-rating.missing':
    'The remote pilot does not hold an advanced rating: obtain an advanced rating (training and assessment at a CAD-approved organisation) before flying; no permission can stand in for it.',
  'equipment.flightLog': 'The aircraft has no flight log function: fit one before flying.',
  'equipment.geoAwareness': 'The aircraft has no geo-awareness function: fit one before flying.',
  'equipment.failSafe': 'The aircraft has no fail-safe function: fit one before flying.',
  'equipment.remoteId': 'The aircraft has no remote identification: fit it before flying.',
  'aircraft-per-pilot.exceeded': 'One remote pilot would fly {measured} at a time; the limit is {limit}.',
  'max-dimension.exceeded': 'The aircraft measures {measured}, more than the maximum dimension of {limit}.',
  'max-dimension.rotor-tips': 'The rotor-tip span of {measured} exceeds {limit}.',
  'persons-or-animals.carried': 'The aircraft would carry persons or animals.',
  'dropping.planned': 'Articles would be dropped from the aircraft.',
  'dangerous-goods.carried': 'The aircraft would carry dangerous goods.',
  'category-permission.required':
    'Every operation of a category {category} aircraft ({measured}) needs CAD permission.',
  'scope.out':
    'At {measured} the aircraft is heavier than {limit}: outside the Order, so no SUA permission can cover it.',
  'record-keeping.reminder':
    'Information on this operation under CAD permission must be kept for {months} months and be accessible in Hong Kong.',
  'max-height.exceeded': 'Height {measured} exceeds the limit of {limit}.',
  'max-speed.exceeded': 'Speed {measured} exceeds the limit of {limit}.',
  'vlos.declared-bvlos': 'The flight is planned beyond visual line of sight (BVLOS).',
  'vlos.range': 'The aircraft is {measured} from the remote pilot, beyond the VLOS range of {limit}.',
  'daylight.after-sunset': 'Flight at {time} is at night (sunset {sunEvent}; night definition: {night}).',
  'daylight.before-sunrise': 'Flight at {time} is at night (sunrise {sunEvent}; night definition: {night}).',
  'zone-entry.prohibited':
    'The flight enters {zone} ({zoneId}), where flying is prohibited; no SUA permission cures this.',
  'zone-entry.requires-permission':
    'The flight enters the restricted flying zone {zone} ({zoneId}) and needs CAD permission.',
  'zone-entry.advisory': 'The flight passes through {zone} ({zoneId}); for information.',
  'cross-boundary.outside':
    'The flight leaves the HKSAR boundary: a cross-boundary operation needs prior CAD permission at any weight.',
  'cross-boundary.no-boundary':
    'No HKSAR boundary zone is in the airspace used, so cross-boundary flight could not be checked.',
  'jurisdiction.outside':
    'The route never enters the HKSAR: the Order (Cap. 448G) governs flights in Hong Kong only, so this tool cannot judge it. Check the rules of the place where you fly.',
  'lateral-distance.declared':
    'The plan comes within {measured} of uninvolved persons or property; the minimum is {limit}.',
  'lateral-distance.zone': 'The aircraft comes within {measured} of {zone} ({zoneId}); the minimum is {limit}.',
  'enclosed.exempt': '{inner} Not an advanced operation: the whole flight is inside an enclosed area (s.6).',
  'permission.envelope-left': 'The flight leaves the envelope ({what}) of the declared permission {permission}.',
  'permission.aircraft': 'The aircraft is outside the envelope of permission {permission}: {what}.',
  'permission.condition': 'A condition of permission {permission} is not met: {what}.',
  'input.invalid': 'The flight plan is not valid: {issues}',
  'ground-clearance.meets-ground':
    'Leg {leg} meets the ground: at {position} the route is at {altitude} m AMSL, {depth} m below the ground ({ground} m AMSL by the "{model}" model, stated accuracy ±{tolerance} m). The plan cannot be flown as written.',
  'operator-fence.leaves-inclusion': "The route leaves the operator's inclusion geofence ({fences}) ({legs}).",
  'operator-fence.enters-exclusion': "The route enters the operator's exclusion geofence {fence} ({legs}).",
  'monitor.separation':
    'Separation with {other}: {horizontal} m horizontally, {vertical} m vertically (minima {minHorizontal} m / {minVertical} m)',
  'monitor.off-route': 'Off the declared route: {offset} m from it (buffer {buffer} m)',
  'monitor.off-altitude': 'Off the declared altitude: {offset} m from the plan (buffer {buffer} m)',
  'traffic.conformance.nonconforming':
    'Outside every volume of operational intent {intent} for {outside} s: the intent is nonconforming (contingent after {grace} s)',
  'traffic.conformance.contingent':
    'Outside operational intent {intent} for {outside} s, more than the {grace} s grace: the intent is contingent and the operators it affects are told',
  'traffic.conformance.neighbour-contingent':
    'Operational intent {other} (aircraft {aircraft}) turned contingent: it affects this aircraft’s intent {intent}',
  'permission.required': 'CAD permission is needed for {activity}.',
  'trigger.night': 'flying at night',
  'trigger.bvlos': 'flying beyond visual line of sight',
  'trigger.height': 'exceeding the maximum height',
  'trigger.lateral-distance': 'less than the minimum lateral distance',
  'trigger.speed': 'exceeding the maximum speed',
  'trigger.aircraft-per-pilot': 'more than one aircraft per pilot',
  'trigger.size': 'exceeding the maximum dimension',
  'trigger.persons-or-animals': 'carrying persons or animals',
  'trigger.dropping': 'dropping articles',
  'trigger.dangerous-goods': 'carrying dangerous goods',
  'trigger.restricted-flying-zone': 'flying in a restricted flying zone',
  'trigger.category-b': 'operating a category B aircraft',
  'trigger.category-c': 'operating a category C aircraft',
  'trigger.cross-boundary': 'a cross-boundary operation',
  'trigger.category': 'operating a category {id} aircraft',
  'category.name': 'category {id}',
  'list.or': '{first} or {next}',
  'list.comma': '{first}, {next}',
  'list.semicolon': '{first}; {next}',
  'list.slash': '{first}/{next}',
  'none.model': '(none)',
  'none.categories': 'no',
  'zone-scope.categories': 'category {categories}',
  'zone-scope.operations': '{operations} operations',
  'flight.summary': 'category {category}, {sight}',
  'legs.one': 'leg {leg}',
  'legs.range': 'legs {from} to {to}',
  'finding.run': '{legs}, worst {worst} on leg {worstLeg}',
  'permission-outside.corridor': 'outside the corridor',
  'permission-outside.area': 'outside the permitted area',
  'permission-outside.altitude-band': 'outside the permitted altitude band',
  'permission-outside.times': 'outside the permitted times',
  'permission-aircraft.mass': 'mass above {mass}',
  'permission-aircraft.category': 'category {category} not permitted',
  'permission-aircraft.model': 'model "{model}" not permitted',
  'permission-condition.max-height': 'maximum height',
  'permission-condition.max-speed': 'maximum speed',
  'permission-condition.aircraft-per-pilot': 'aircraft per pilot',
  'permission-condition.fail-safe': 'fail-safe function required',
  'permission-condition.remote-id': 'remote identification required',
  'permission-condition.advanced-rating': 'advanced rating required',
  'permission-condition.insurance': 'third-party insurance',
  'assumption.elevation-model': 'Heights above ground (AGL) use the elevation model "{model}": {description}',
  'assumption.speed-along-route':
    'Speeds are judged as the speed along the route (for level legs, the ground speed); between waypoints the aircraft flies straight at constant speed.',
  'assumption.open-parameters': 'Values the law does not state, used as rulebook parameters: {values}.',
  'assumption.ground-reference-missing':
    'The rulebook measures heights above the "{reference}" model, which is not loaded here; the "{model}" model was used.',
  'assumption.rule-skipped': 'Rule {ruleId} was skipped: {why}',
  'assumption.not-yet-in-force': 'Not yet in force on {date}, so not applied: {rules}.',
  'assumption.zone-not-applicable':
    'Zone {zone} ({zoneId}) applies only to {scope}: this flight ({flight}) is not subject to it.',
  'assumption.zone-conditions-unevaluated':
    'Zone {zone} ({zoneId}) states conditions with no meaning in Hong Kong law, not evaluated: {conditions}. The zone is applied to this flight as if they held.',
  'assumption.enclosed-by-zones':
    'Every sample of the route is inside an enclosed-area zone: treated as wholly inside an enclosed area (s.6).',
  'assumption.enclosed-declared':
    'The plan declares the whole flight inside an enclosed area (s.6); the declaration was accepted.',
  'assumption.unknown-permission': 'Declared permission "{id}" is not known and was ignored.',
  'assumption.times-and-speeds': 'Both waypoint times and leg speeds are given; timing follows the waypoint times.',
  'assumption.a1-exemption-band':
    'The A1 exemption was declared but applies only to {bands}-weight aircraft; judged as category {category}.',
  'assumption.a1-model-not-exempt': 'Model "{model}" is not on the exempted model list; judged as category {category}.',
  'assumption.a1-models-unknown':
    'The exempted model list is not known (rulebook parameter a1ExemptModels); the declared A1 exemption was accepted.',
  'assumption.altitude-launch-ground':
    '{format} heights relative to the launch point ({items}) converted to AMSL using the ground height at the launch point, {groundM} m, from the elevation model "{model}".',
  'assumption.altitude-launch-home':
    '{format} heights relative to the launch point ({items}) converted to AMSL by adding the launch altitude the file states, {homeM} m AMSL.',
  'assumption.altitude-launch-as-agl':
    '{format} heights relative to the launch point ({items}) read as above ground level: no elevation model was available, so the ground is taken to be level with the launch point.',
  'assumption.altitude-launch-outside-model':
    '{format} heights relative to the launch point ({items}) read as above ground level: the launch point lies outside the elevation model "{model}", so the ground is taken to be level with the launch point.',
  'assumption.altitude-terrain-ground':
    '{format} terrain-following heights ({items}) converted to AMSL by adding the ground height under each waypoint from the elevation model "{model}".',
  'assumption.altitude-terrain-home':
    '{format} terrain-following heights ({items}) converted to AMSL assuming level ground at the launch altitude, {homeM} m AMSL (no elevation model was available).',
  'assumption.telemetry-agl':
    '{count} telemetry altitudes given above ground level (AGL) were converted to AMSL with the ground of the elevation model "{model}" at each position.',
  'assumption.telemetry-amsl':
    '{count} telemetry altitudes given above mean sea level (AMSL) were used as given; heights above ground subtract the ground of the elevation model "{model}".',
  'assumption.altitude-as-agl': '{format} heights ({items}) read as above ground level (AGL).',
  'assumption.altitude-as-amsl': '{format} heights ({items}) read as above mean sea level (AMSL).',
  'assumption.altitude-ellipsoid':
    '{format} heights above the WGS 84 ellipsoid ({items}) read as above mean sea level (AMSL); the geoid separation is ignored.',
  'assumption.altitude-clamped': '{format} path clamped to the ground ({items}): flown at 0 m above ground level.',
  'assumption.altitude-default': '{format}: {items} without altitude; the import default {value} m {ref} was used.',
  'diff.commencement': 'Commencement {before} → {after}',
  'diff.category-bound': 'Category {category} upper bound {before} → {after}',
  'diff.out-of-scope': 'Outside the Order: now "{message}"',
  'diff.parameter': 'Parameter {name}: {before} → {after}',
  'diff.parameter-used': 'Parameter {name}: {before} → {after} (used by {rules})',
  'diff.rule-withdrawn': 'Rule {ruleId} withdrawn: {title}',
  'diff.rule-added': 'Rule {ruleId} added: {title}',
  'diff.rule-changed': 'Rule {ruleId}: {path} {before} → {after}',
  'diff.zone-added': 'Zone {zoneId} added: {name}',
  'diff.zone-removed': 'Zone {zoneId} removed: {name}',
  'diff.zone-withdrawn': 'Catalogue zone {zoneId} withdrawn',
  'diff.zone-restored': 'Catalogue zone {zoneId} restored',
};
