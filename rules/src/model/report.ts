import { z } from 'zod';
import { MessageCode } from '../messages/codes.js';
import { Message, MessageParams } from '../messages/render.js';
import { Provision } from './citation.js';
import { LonLatAlt } from './geo.js';
import { Category, Column } from './rulebook.js';
import { LocalizedText } from './text.js';
import { PermissionTrigger } from './trigger.js';
import { Quantity } from './units.js';

export const FindingEffect = z.enum(['prohibited', 'requires-permission', 'advisory']).meta({ id: 'FindingEffect' });
export type FindingEffect = z.infer<typeof FindingEffect>;

export const Where = z
  .object({
    leg: z.number().int().nonnegative().describe('0-based leg index (from waypoint leg to leg+1)'),
    position: LonLatAlt.describe('[lon, lat, alt]; alt in metres AMSL'),
    time: z.string().describe('ISO instant with offset'),
    groundM: z.number().optional().describe('ground height there (metres AMSL) by the ground model used for AGL'),
    legs: z
      .object({
        first: z.number().int().nonnegative().describe('0-based index of the first leg of the run (= leg)'),
        last: z.number().int().nonnegative().describe('0-based index of the last leg of the run (inclusive)'),
      })
      .optional()
      .describe(
        'the contiguous run of legs the finding spans: one finding per rule (and zone) per unbroken run of violating route points, whatever the legs; absent for a finding at a single point (live monitoring)',
      ),
    worst: z
      .object({ leg: z.number().int().nonnegative(), position: LonLatAlt, groundM: z.number().optional() })
      .optional()
      .describe('where the measured value is worst, when that is not the first point of the finding'),
  })
  .meta({ id: 'Where' });
export type Where = z.infer<typeof Where>;

/** Per-leg detail of a finding is listed for at most this many legs (the first of the run). */
export const MAX_LEG_DETAIL = 1000;

export const LegDetail = z
  .object({
    leg: z.number().int().nonnegative().describe('0-based leg index'),
    position: LonLatAlt.describe('first violating point on this leg: [lon, lat, alt]; alt in metres AMSL'),
    time: z.string().describe('ISO instant with offset, at that point'),
    measured: Quantity.optional().describe('the worst measured value on this leg'),
  })
  .meta({ id: 'LegDetail' });
export type LegDetail = z.infer<typeof LegDetail>;

export const Finding = z
  .object({
    ruleId: z.string(),
    kind: z.string(),
    provision: Provision,
    rulebookVersion: z.string().describe('"<rulebook id>@<version>" the finding was made under'),
    effect: FindingEffect,
    trigger: PermissionTrigger.optional().describe('the permission trigger this finding raises, if any'),
    covered: z
      .object({ permissionId: z.string() })
      .optional()
      .describe('a declared permission covers it: shown for information, does not change the verdict'),
    code: MessageCode.describe('what the finding says, as data: the catalogues word it in each locale'),
    params: MessageParams.describe(
      "the values the code's message needs (quantities formatted, names in both languages)",
    ),
    message: LocalizedText.describe('the catalogue wording of code + params, in English and Traditional Chinese'),
    measured: Quantity.optional(),
    limit: Quantity.optional(),
    where: Where.optional(),
    run: Message.extend({ message: LocalizedText })
      .optional()
      .describe(
        'for a finding spanning two or more legs: the run and its worst value as data + wording ("legs 12 to 40, worst 131 m AGL on leg 27"); the rule message above already states the worst value',
      ),
    perLeg: z
      .array(LegDetail)
      .max(MAX_LEG_DETAIL)
      .optional()
      .describe(
        `for a finding spanning two or more legs: one entry per leg of the run, in flight order, at most ${MAX_LEG_DETAIL} (the first legs; where.legs always gives the whole run)`,
      ),
    zoneId: z.string().optional(),
  })
  .meta({ id: 'Finding' });
export type Finding = z.infer<typeof Finding>;

/** not-flyable: the route meets the ground (or a building, with the surface model) as written. */
export const Verdict = z
  .enum(['compliant', 'permission-required', 'non-compliant', 'not-flyable'])
  .meta({ id: 'Verdict' });
export type Verdict = z.infer<typeof Verdict>;

export const PermissionRequired = z
  .object({
    trigger: PermissionTrigger,
    ruleIds: z.array(z.string()),
    provision: Provision,
    code: MessageCode,
    params: MessageParams,
    message: LocalizedText,
  })
  .meta({ id: 'PermissionRequired' });
export type PermissionRequired = z.infer<typeof PermissionRequired>;

/** A stated assumption: its wording in both languages, and the same as code + params. */
export const Assumption = LocalizedText.extend({ code: MessageCode, params: MessageParams }).meta({ id: 'Assumption' });
export type Assumption = z.infer<typeof Assumption>;

export const FindingsTruncated = z
  .object({
    total: z.number().int().nonnegative().describe('findings the check made'),
    kept: z.number().int().nonnegative().describe('findings listed in `findings`'),
  })
  .describe(
    'present when a findings budget capped the list: the most severe are kept (prohibited, then requires-permission, then advisory, covered last) in their original order; the verdict and permissionsRequired count every finding',
  )
  .meta({ id: 'FindingsTruncated' });
export type FindingsTruncated = z.infer<typeof FindingsTruncated>;

/**
 * Where the route lies relative to the HKSAR boundary zones of the airspace used: every checked point inside,
 * some inside and some outside, none inside; unknown when the airspace has no boundary zone.
 */
export const Jurisdiction = z.enum(['inside', 'crossing', 'outside', 'unknown']).meta({ id: 'Jurisdiction' });
export type Jurisdiction = z.infer<typeof Jurisdiction>;

export const Report = z
  .object({
    rulebook: z.object({
      id: z.string(),
      title: z.string(),
      titleZh: z.string().optional().describe('the title in Traditional Chinese, when the rulebook has one'),
      version: z.string(),
    }),
    category: z.union([Category, z.literal('out-of-scope')]),
    column: Column.nullable().describe('operating-requirements column applied; null when out of scope'),
    operation: z.enum(['standard', 'advanced']),
    verdict: Verdict,
    jurisdiction: Jurisdiction.optional().describe(
      'the route inside, crossing or wholly outside the HKSAR (absent for invalid input); wholly outside, the one finding says the Order does not apply',
    ),
    findings: z.array(Finding),
    permissionsRequired: z.array(PermissionRequired),
    assumptions: z.array(Assumption).describe('e.g. the elevation model used for AGL'),
    truncated: FindingsTruncated.optional(),
  })
  .meta({ id: 'Report' });
export type Report = z.infer<typeof Report>;
