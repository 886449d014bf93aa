import type { FlightPlanInput, Report } from '@sua-sandbox/rules/model';

const HK_OFFSET_MS = 8 * 3600_000;

/** Hong Kong date and time as Hong Kong writes it: "06/12/2026 08:45 HKT" (UTC+8 all year, no browser zone). */
export function hkDateTime(ms: number): string {
  const iso = new Date(ms + HK_OFFSET_MS).toISOString();
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)} ${iso.slice(11, 16)} HKT`;
}

/** A plan's take-off instant (with its own offset) in Hong Kong time, or the text as given when it does not parse. */
export function hkInstant(text: string): string {
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? hkDateTime(ms) : text;
}

/** Lower-case ASCII words joined by hyphens; Chinese and other letters are dropped, never mangled. */
function slug(text: string, max = 60): string {
  const full = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (full.length <= max) return full;
  // cut at a word boundary, not inside a word
  const cut = full.slice(0, max + 1).lastIndexOf('-');
  return full.slice(0, cut > 0 ? cut : max);
}

/**
 * The download name of a report: the plan (its name, else its id), the rulebook and version, the extension:
 * `a2-survey-at-110-m-agl_cap448g-2025-v2025.1.html`.
 */
export function reportFileName(plan: FlightPlanInput, report: Report, ext: 'html' | 'json'): string {
  const planPart = slug(plan.name ?? '') || slug(plan.id ?? '') || 'flight-plan';
  const rb = report.rulebook;
  const rulebookPart = `${slug(rb.id) || 'rulebook'}${rb.version ? `-v${rb.version.replace(/[^A-Za-z0-9.]+/g, '-')}` : ''}`;
  return `${planPart}_${rulebookPart}.${ext}`;
}
