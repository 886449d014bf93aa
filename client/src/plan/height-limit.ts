import { operations } from '@sua-sandbox/rules/api';
import { Altitude, type Provision, type Report, type Rulebook } from '@sua-sandbox/rules/model';
import { t } from '../i18n/index.js';
import { call } from '../net/api.js';
import type { ProfileLimit } from './profile.js';

const FT_M = 0.3048;
const rulebooks = new Map<string, Promise<Rulebook>>();

/** The rulebook a report was made under (GET /api/rulebooks/:id), once per id. */
function rulebookOf(id: string): Promise<Rulebook> {
  let hit = rulebooks.get(id);
  if (!hit) {
    hit = call(operations.getRulebook, { params: { id } });
    rulebooks.set(id, hit);
    hit.catch(() => rulebooks.delete(id));
  }
  return hit;
}

/**
 * The height limit of the report's category column: the rulebook's max-height rules that apply to it (the law's
 * own limit, e.g. 300 ft AGL for A2), as a line for the profile. Undefined when none applies or it is a parameter.
 */
export async function categoryHeightLimit(report: Report): Promise<ProfileLimit | undefined> {
  const rule = await categoryHeightRule(report);
  if (!rule || !report.column) return undefined;
  const { value, unit, ref } = rule.limit;
  return {
    label: t('plan.profile.limit', { category: report.column, limit: `${value} ${unit} ${ref}` }),
    valueM: unit === 'ft' ? value * FT_M : value,
    ref,
    kind: 'limit',
  };
}

/** The max-height rule of the report's category column: its limit and the provision it cites. */
export async function categoryHeightRule(
  report: Report,
): Promise<{ limit: Altitude; citation: Provision } | undefined> {
  const column = report.column;
  if (!column) return undefined;
  const rb = await rulebookOf(report.rulebook.id);
  for (const rule of rb.rules) {
    if (rule.kind !== 'max-height') continue;
    const cols = rule.appliesTo.columns;
    if (cols && !cols.includes(column)) continue;
    const limit = Altitude.safeParse(rule.params.limit);
    if (limit.success) return { limit: limit.data, citation: rule.citation };
  }
  return undefined;
}
