import { z } from 'zod';
import { fromZod, type Issue } from '../engine/issues.js';
import { LonLat } from '../model/geo.js';
import { Permission } from '../model/permission.js';
import { Aircraft, Operation, RemotePilot, ResponsiblePerson, Route } from '../model/plan.js';
import { LocalizedText } from '../model/text.js';
import { Instant } from '../model/time.js';
import { Speed } from '../model/units.js';
import { Accuracy, Zone } from '../model/zone.js';

const Id = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'id: lower-case letters, digits, . _ -');
/** Seconds after scenario start. */
const RelS = z.number().nonnegative();

/** How the airframe flies; defaults suit a small multirotor. */
export const Performance = z
  .object({
    climbRateMps: z.number().positive().default(3),
    descentRateMps: z.number().positive().default(2),
    turnRateDegS: z.number().positive().default(45),
    accelMps2: z.number().positive().default(2),
    maxSpeed: Speed.default({ value: 60, unit: 'km/h' }),
    /** speed used for return-to-home and for legs without a planned speed */
    cruiseSpeed: Speed.default({ value: 36, unit: 'km/h' }),
    rthAltitudeM: z.number().nonnegative().default(60).describe('return-to-home height, metres above take-off'),
  })
  .meta({ id: 'Performance' });
export type Performance = z.infer<typeof Performance>;

export const ScenarioAircraft = Aircraft.extend({
  performance: Performance.default(Performance.parse({})),
  modelZh: z.string().min(1).optional().describe('the model described in Traditional Chinese, for the live map'),
}).meta({
  id: 'ScenarioAircraft',
});
export type ScenarioAircraft = z.infer<typeof ScenarioAircraft>;

/** One flight: a declared plan built from the crew and aircraft entries, and optionally what is actually flown. */
export const ScenarioFlight = z
  .object({
    id: Id,
    label: z
      .union([z.string().min(1), LocalizedText])
      .describe('what the map and the findings call the aircraft: one string, or {en, zh} (Traditional Chinese)'),
    aircraft: z.string().describe('key in `aircraft`'),
    pilot: z.string().describe('key in `crew.pilots`'),
    responsiblePerson: z.string().describe('key in `crew.responsiblePersons`'),
    operation: Operation,
    startS: RelS.describe('take-off, seconds after scenario start'),
    route: Route.describe('the declared plan route'),
    flown: Route.optional().describe('what the aircraft actually flies when it differs from the plan'),
    permissions: z.array(z.union([z.string(), Permission])).default([]),
    failSafe: z.enum(['return-to-home', 'land', 'hover']).default('return-to-home'),
    home: LonLat.optional().describe('return-to-home point; default: the first waypoint'),
    intent: z
      .boolean()
      .optional()
      .describe(
        'declares an operational intent built from `route` with the traffic parameters: live conformance to it is monitored (nonconforming, then contingent after the grace) and the flights whose intents a contingent one affects are told',
      ),
  })
  .meta({ id: 'ScenarioFlight' });
export type ScenarioFlight = z.infer<typeof ScenarioFlight>;

/** A zone for this scenario only, optionally appearing or disappearing at a relative time. */
export const ScenarioZone = Zone.extend({
  appearAtS: RelS.optional(),
  removeAtS: RelS.optional(),
}).meta({ id: 'ScenarioZone' });
export type ScenarioZone = z.infer<typeof ScenarioZone>;

const FlightRef = z.string().describe('flight id');

export const ScenarioEvent = z
  .discriminatedUnion('type', [
    z.object({
      type: z.literal('lost-link'),
      atS: RelS,
      flight: FlightRef,
      durationS: z.number().positive().optional().describe('absent: the link never comes back'),
    }),
    z.object({ type: z.literal('low-battery'), atS: RelS, flight: FlightRef }),
    z.object({
      type: z.literal('wind'),
      atS: RelS,
      speed: Speed,
      fromDeg: z.number().min(0).max(360).describe('direction the wind blows FROM, degrees true'),
    }),
    z.object({
      type: z.literal('gnss-error'),
      atS: RelS,
      flight: FlightRef.optional().describe('absent: every flight'),
      eastM: z.number(),
      northM: z.number(),
      durationS: z.number().positive().optional(),
    }),
    z.object({
      type: z.literal('crowd'),
      atS: RelS,
      durationS: z.number().positive().optional(),
      zone: Zone.describe('an `uninvolved-persons` zone (class crowd) that appears at atS'),
    }),
  ])
  .meta({ id: 'ScenarioEvent' });
export type ScenarioEvent = z.infer<typeof ScenarioEvent>;

const CountBounds = {
  count: z.number().int().nonnegative().optional().describe('exact number of findings opened'),
  min: z.number().int().nonnegative().optional(),
  max: z.number().int().nonnegative().optional(),
};

export const ExpectedOutcomes = z
  .object({
    findings: z
      .array(z.object({ flight: FlightRef, ruleId: z.string(), ...CountBounds }))
      .default([])
      .describe('findings opened during the run, counted per flight and rule id'),
    exhaustive: z
      .boolean()
      .default(true)
      .describe('true: a (flight, rule) pair not listed must not occur (advisories included)'),
    zoneEntries: z.array(z.object({ flight: FlightRef, zone: z.string(), ...CountBounds })).default([]),
    outcomes: z
      .array(
        z.object({
          flight: FlightRef,
          outcome: z.enum(['completed', 'returned-home', 'landed-in-place', 'airborne', 'pending']),
        }),
      )
      .default([])
      .describe('how each flight ends: completed its route, returned home, landed in place, still airborne'),
  })
  .meta({ id: 'ExpectedOutcomes' });
export type ExpectedOutcomes = z.infer<typeof ExpectedOutcomes>;

export const PlaceProvenance = z.object({
  place: z.string().min(1),
  position: LonLat.optional(),
  source: z.string().min(1).describe('URL from the domain notes'),
  accuracy: Accuracy,
  note: z.string().optional(),
});

export const Scenario = z
  .object({
    $schema: z.string().optional(),
    id: Id,
    title: LocalizedText,
    description: LocalizedText,
    default: z.boolean().default(false).describe('the product opens with this scenario running'),
    tags: z.array(z.string()).default([]),
    provenance: z.array(PlaceProvenance).min(1).describe('every real place used, with its source'),
    illustrative: z.boolean().default(true).describe('flights and events are invented for illustration'),
    start: Instant.describe('scenario start, with offset (+08:00)'),
    durationS: z.number().positive().max(86_400),
    stepMs: z.number().int().min(100).max(10_000).default(1000),
    rulebook: z.string().optional().describe('rulebook id; default: the one in force at start'),
    seed: z.number().int(),
    wind: z.object({ speed: Speed, fromDeg: z.number().min(0).max(360) }).optional(),
    aircraft: z.record(z.string(), ScenarioAircraft),
    crew: z.object({
      pilots: z.record(z.string(), RemotePilot),
      responsiblePersons: z.record(z.string(), ResponsiblePerson),
    }),
    flights: z.array(ScenarioFlight).min(1),
    zones: z.array(ScenarioZone).default([]),
    permissions: z
      .array(z.union([z.string(), Permission]))
      .default([])
      .describe('sandbox project / permission ids (or inline) available to every flight'),
    events: z.array(ScenarioEvent).default([]),
    separation: z
      .object({ horizontalM: z.number().positive().default(50), verticalM: z.number().positive().default(15) })
      .default({ horizontalM: 50, verticalM: 15 }),
    conformance: z
      .object({ lateralM: z.number().positive().default(50), verticalM: z.number().positive().default(20) })
      .default({ lateralM: 50, verticalM: 20 }),
    findingHoldS: z
      .number()
      .nonnegative()
      .default(5)
      .describe('a finding closes after its condition has stayed clear this long (debounces gusty values)'),
    expect: ExpectedOutcomes.default(ExpectedOutcomes.parse({})),
  })
  .superRefine((s, ctx) => {
    const ids = new Set<string>();
    s.flights.forEach((f, i) => {
      if (ids.has(f.id))
        ctx.addIssue({ code: 'custom', message: `duplicate flight id "${f.id}"`, path: ['flights', i] });
      ids.add(f.id);
      if (!(f.aircraft in s.aircraft))
        ctx.addIssue({ code: 'custom', message: `unknown aircraft "${f.aircraft}"`, path: ['flights', i, 'aircraft'] });
      if (!(f.pilot in s.crew.pilots))
        ctx.addIssue({ code: 'custom', message: `unknown pilot "${f.pilot}"`, path: ['flights', i, 'pilot'] });
      if (!(f.responsiblePerson in s.crew.responsiblePersons))
        ctx.addIssue({
          code: 'custom',
          message: `unknown responsible person "${f.responsiblePerson}"`,
          path: ['flights', i, 'responsiblePerson'],
        });
    });
    const refFlight = (flight: string | undefined, path: (string | number)[]) => {
      if (flight !== undefined && !ids.has(flight))
        ctx.addIssue({ code: 'custom', message: `unknown flight "${flight}"`, path });
    };
    s.events.forEach((e, i) => {
      if ('flight' in e) refFlight(e.flight, ['events', i, 'flight']);
    });
    for (const key of ['findings', 'zoneEntries', 'outcomes'] as const)
      s.expect[key].forEach((e, i) => {
        refFlight(e.flight, ['expect', key, i, 'flight']);
      });
  })
  .meta({ id: 'Scenario' });
export type Scenario = z.infer<typeof Scenario>;
export type ScenarioInput = z.input<typeof Scenario>;

/** Validate an already-parsed scenario file; issues name the field. */
export function parseScenario(input: unknown): { ok: true; scenario: Scenario } | { ok: false; issues: Issue[] } {
  const r = Scenario.safeParse(input);
  return r.success ? { ok: true, scenario: r.data } : { ok: false, issues: fromZod(r.error) };
}
