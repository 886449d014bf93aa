import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { formatIssue } from '@sua-sandbox/rules/engine';
import { detectZoneFormat } from '@sua-sandbox/rules/formats';
import { detectPlanFormat, ImportOptions, isZip, zonesFromQgcPlan } from '@sua-sandbox/rules/imports';
import { AltitudeRef, FlightPlan, Instant, type Speed, type Zone } from '@sua-sandbox/rules/model';
import { type ApiIssue, issuesFromZod } from '@sua-sandbox/rules/protocol';
import type { z } from 'zod';
import { BUDGET_SPECS } from '../budgets.js';
import { GROUND_MODELS, type GroundModelId } from '../data/terrain.js';
import { importPlanTask } from '../services/plan-import.js';
import { fileProblem } from './file-errors.js';

/** Thrown for anything wrong with the command's input; printed as one message, exit code 2. */
export class InputError extends Error {}

/** The import options a profile may set: the facts a route file can lack, and which path to take. */
const ProfileImportOptions = ImportOptions.pick({
  defaultAltitude: true,
  defaultSpeed: true,
  altitudeRef: true,
  index: true,
  joinTracks: true,
});

/**
 * What a route file (QGC, KML/KMZ, GPX, GeoJSON) does not say: the flight plan without its route. `start` may
 * come from `--start` instead; `importOptions` are the API's multipart `options` field.
 */
export const PlanProfile = FlightPlan.omit({ route: true })
  .extend({
    start: Instant.optional().describe('take-off time with UTC offset; `--start` overrides it'),
    importOptions: ProfileImportOptions.optional().describe(
      'defaults for what the route file leaves out (speed, altitude and its reference) and which path to take',
    ),
  })
  // A misspelt member would otherwise be dropped without a word.
  .strict()
  .meta({ id: 'PlanProfile' });

/** The route-file flags of `check`. */
export interface PlanInputOptions {
  profile?: string;
  start?: string;
  speed?: string;
  altitudeRef?: string;
  /** the ground model (`--ground`) that converts heights relative to the launch point to AMSL */
  ground?: string;
}

export type PlanInput =
  | { kind: 'plan'; plan: unknown }
  | { kind: 'route'; plan: FlightPlan; format: string; warnings: string[] };

function readBytes(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new InputError(`cannot read ${what} ${file}: ${fileProblem(err)}`);
  }
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InputError(`${file}: not valid JSON: ${(err as Error).message}`);
  }
}

/** A flight plan JSON is an object with neither a GeoJSON `type` nor a QGC `fileType`. */
function isPlanJson(bytes: Buffer, file: string): { plan: unknown } | undefined {
  if (isZip(bytes)) return undefined;
  const text = bytes.toString('utf8');
  if (!text.trimStart().startsWith('{')) return undefined;
  // A broken QGC plan is left to its importer, which says where it breaks; other broken JSON is reported here.
  if (detectPlanFormat(text) === 'qgc') return undefined;
  const data = parseJson(text, file);
  const typed = typeof data === 'object' && data !== null && ('type' in data || 'fileType' in data);
  return typed ? undefined : { plan: data };
}

/** `--speed 8`, `--speed 8m/s`, `--speed "30 km/h"`, `--speed 15kt`: a number is m/s. */
export function parseSpeedFlag(text: string): Speed {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(m\/s|km\/h|kt)?\s*$/.exec(text);
  if (!m || !(Number(m[1]) > 0))
    throw new InputError(`--speed: "${text}" is not a positive speed (e.g. 8, 8m/s, 30km/h, 15kt)`);
  return { value: Number(m[1]), unit: (m[2] ?? 'm/s') as Speed['unit'] };
}

function issueText(issues: readonly ApiIssue[]): string {
  return issues.map((i) => `  ${formatIssue(i)}`).join('\n');
}

/** The profile as the API's `template` and `options` form fields, with the flags applied. */
export function readProfile(opts: PlanInputOptions): {
  template: Record<string, unknown>;
  options: z.input<typeof ProfileImportOptions>;
} {
  const file = opts.profile as string;
  const raw = parseJson(readBytes(file, 'profile').toString('utf8'), file);
  const parsed = PlanProfile.safeParse(raw);
  if (!parsed.success)
    throw new InputError(`--profile ${file}: invalid profile\n${issueText(issuesFromZod(parsed.error))}`);
  const { $schema: _s, importOptions, route: _r, ...template } = raw as Record<string, unknown>;
  if (opts.start !== undefined) {
    if (!Instant.safeParse(opts.start).success)
      throw new InputError(
        `--start: "${opts.start}" is not a date-time with a UTC offset (e.g. 2026-03-14T10:00:00+08:00)`,
      );
    template.start = opts.start;
  }
  if (template.start === undefined)
    throw new InputError(`--profile ${file}: start: missing; give it in the profile or with --start`);
  const options = { ...(parsed.data.importOptions ? (importOptions as object) : {}) } as z.input<
    typeof ProfileImportOptions
  >;
  if (opts.speed !== undefined) options.defaultSpeed = parseSpeedFlag(opts.speed);
  if (opts.altitudeRef !== undefined) {
    const ref = AltitudeRef.safeParse(opts.altitudeRef);
    if (!ref.success) throw new InputError(`--altitude-ref: "${opts.altitudeRef}" is not one of AGL, AMSL`);
    options.altitudeRef = ref.data;
  }
  return { template, options };
}

/** Import issue paths name form fields (`body.file…`, `body.template…`); the CLI names its own inputs. */
function cliIssues(issues: readonly ApiIssue[], file: string, profile: string): string {
  return issues
    .map(({ path, message }) => {
      const [, field, ...rest] = path;
      if (field === 'template') return `  --profile ${profile}: ${formatIssue({ path: rest, message })}`;
      if (field === 'file') return `  ${file}: ${formatIssue({ path: rest, message })}`;
      return `  ${formatIssue({ path, message })}`;
    })
    .join('\n');
}

/** `--zones mission.plan`: the QGC plan's geofence as the operator's own fence zones; undefined for other files. */
export function qgcFenceAsZones(data: unknown, file: string): { zones: Zone[]; warnings: string[] } | undefined {
  const fence = zonesFromQgcPlan(data, { source: basename(file) });
  if (fence && fence.zones.length === 0)
    throw new InputError(`--zones ${file}: geoFence: the QGC plan has no inclusion or exclusion polygon or circle`);
  return fence;
}

const ROUTE_FLAGS = ['profile', 'start', 'speed', 'altitudeRef'] as const;
const FLAG_NAMES: Record<(typeof ROUTE_FLAGS)[number], string> = {
  profile: '--profile',
  start: '--start',
  speed: '--speed',
  altitudeRef: '--altitude-ref',
};

/** Zone formats told by properties no route has (a CAD export is told by a plain `name`, which routes have too). */
const ZONE_FORMAT_NAMES: Readonly<Record<string, string>> = { ed318: 'ED-318', ed269: 'ED-269' };

/** The zone format of a GeoJSON document that is an ED-318 or ED-269 zone file, not a route; else undefined. */
function zoneFileFormat(bytes: Buffer): string | undefined {
  try {
    return ZONE_FORMAT_NAMES[detectZoneFormat(JSON.parse(bytes.toString('utf8')))];
  } catch {
    return undefined;
  }
}

/**
 * The plan to check: a flight plan JSON as it is, or a route file (detected by content) imported with its
 * profile through `importPlanTask`, the function `POST /api/plans` runs for a multipart upload.
 */
export function readPlanInput(file: string, opts: PlanInputOptions): PlanInput {
  const bytes = readBytes(file, 'flight plan');
  const asPlan = isPlanJson(bytes, file);
  if (asPlan) {
    const given = ROUTE_FLAGS.filter((f) => opts[f] !== undefined).map((f) => FLAG_NAMES[f]);
    if (given.length)
      throw new InputError(
        `${given.join(', ')}: ${file} is a flight plan JSON, which states its own aircraft, crew, operation and start; these options are for route files (QGC .plan, KML/KMZ, GPX, GeoJSON)`,
      );
    return { kind: 'plan', plan: asPlan.plan };
  }
  const format = detectPlanFormat(bytes);
  if (!format)
    throw new InputError(
      `${file}: format not recognised; expected a flight plan JSON, GeoJSON, QGC .plan, KML, KMZ or GPX`,
    );
  const zones = format === 'geojson' ? zoneFileFormat(bytes) : undefined;
  if (zones)
    throw new InputError(
      `${file} is an ${zones} zone file, not a route: give it as --zones ${basename(file)} beside the plan to check`,
    );
  if (!opts.profile)
    throw new InputError(
      `${file} is a ${format} route file, without aircraft, crew, operation or start: give --profile <profile.json> (examples in scenarios/profiles/)`,
    );
  const { template, options } = readProfile(opts);
  const out = importPlanTask({
    content: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    fileName: basename(file),
    format: 'auto',
    template,
    options: options as ImportOptions,
    maxWaypoints: BUDGET_SPECS.waypoints.default,
    ...((GROUND_MODELS as readonly string[]).includes(opts.ground ?? 'terrain')
      ? { ground: (opts.ground ?? 'terrain') as GroundModelId }
      : {}),
  });
  if (!out.ok) {
    const p = out.problem;
    if (p.kind === 'budget') throw new InputError(`${file}: ${p.problem.message}`);
    // An importer's refusal names its item and field already; it asks for options the profile's `importOptions` hold.
    if (p.kind === 'bad-request')
      throw new InputError(`${file}: ${p.message.replace(/; pass (\w+)/, '; set importOptions.$1 in the profile')}`);
    throw new InputError(`${file}: ${p.message}\n${cliIssues(p.issues, file, opts.profile)}`);
  }
  return { kind: 'route', plan: out.plan, format: out.format, warnings: out.warnings };
}
