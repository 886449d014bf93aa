import { z } from 'zod';
import { Provision } from './citation.js';
import { LonLatAlt } from './geo.js';
import { Category, Column } from './rulebook.js';
import { LocalizedText } from './text.js';
import { Trigger } from './trigger.js';
import { Quantity } from './units.js';

export const FindingEffect = z.enum(['prohibited', 'requires-permission', 'advisory']).meta({ id: 'FindingEffect' });
export type FindingEffect = z.infer<typeof FindingEffect>;

export const Where = z
  .object({
    leg: z.number().int().nonnegative().describe('0-based leg index (from waypoint leg to leg+1)'),
    position: LonLatAlt.describe('[lon, lat, alt]; alt in metres AMSL'),
    time: z.string().describe('ISO instant with offset'),
  })
  .meta({ id: 'Where' });
export type Where = z.infer<typeof Where>;

export const Finding = z
  .object({
    ruleId: z.string(),
    kind: z.string(),
    provision: Provision,
    rulebookVersion: z.string().describe('"<rulebook id>@<version>" the finding was made under'),
    effect: FindingEffect,
    trigger: Trigger.optional().describe('the permission trigger this finding raises, if any'),
    covered: z
      .object({ permissionId: z.string() })
      .optional()
      .describe('a declared permission covers it: shown for information, does not change the verdict'),
    message: LocalizedText,
    measured: Quantity.optional(),
    limit: Quantity.optional(),
    where: Where.optional(),
    zoneId: z.string().optional(),
  })
  .meta({ id: 'Finding' });
export type Finding = z.infer<typeof Finding>;

export const Verdict = z.enum(['compliant', 'permission-required', 'non-compliant']).meta({ id: 'Verdict' });
export type Verdict = z.infer<typeof Verdict>;

export const PermissionRequired = z
  .object({ trigger: Trigger, ruleIds: z.array(z.string()), provision: Provision, message: LocalizedText })
  .meta({ id: 'PermissionRequired' });
export type PermissionRequired = z.infer<typeof PermissionRequired>;

export const Report = z
  .object({
    rulebook: z.object({ id: z.string(), title: z.string(), version: z.string() }),
    category: z.union([Category, z.literal('out-of-scope')]),
    column: Column.nullable().describe('operating-requirements column applied; null when out of scope'),
    operation: z.enum(['standard', 'advanced']),
    verdict: Verdict,
    findings: z.array(Finding),
    permissionsRequired: z.array(PermissionRequired),
    assumptions: z.array(LocalizedText).describe('e.g. the elevation model used for AGL'),
  })
  .meta({ id: 'Report' });
export type Report = z.infer<typeof Report>;
