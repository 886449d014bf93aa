import { z } from 'zod';

/**
 * Citation links are opened by readers of HTML reports and the map client, so only `https:` is accepted:
 * `javascript:` or `data:` would run or render attacker content when clicked. Every official source we cite
 * (elegislation.gov.hk, cad.gov.hk, ais.gov.hk) serves https, so no plain-http exception is needed.
 */
export const CITATION_URL_PROTOCOLS: readonly string[] = ['https:'];

/** True when `url` parses and uses an allowed protocol; renderers link only such URLs. */
export function isSafeCitationUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  return CITATION_URL_PROTOCOLS.includes(new URL(url).protocol);
}

/** `url` when it is safe to put in an href, else null (render the label as plain text). */
export const safeHref = (url: string): string | null => (isSafeCitationUrl(url) ? url : null);

/**
 * Where a rule or finding comes from. `section` is null when the exact provision is not known:
 * then `document` names the CAD document that states the requirement and `secondary` must be true.
 * We never invent a section number (see shared/domain/hk-drone-law.md). `instrumentZh` and `documentZh` are
 * the same titles in Traditional Chinese (translations of the titles only); without them 繁中 shows the English.
 */
export const Provision = z
  .object({
    instrument: z.string().min(1).describe('e.g. "Cap. 448G", "Cap. 448E", "L.N. 82 of 2025"'),
    instrumentZh: z
      .string()
      .min(1)
      .optional()
      .describe('the instrument in Traditional Chinese, e.g. "《小型無人機令》（第448G章）"; the English when absent'),
    section: z.string().min(1).nullable().describe('e.g. "s.18", "s.3(2)(d)"; null when unknown'),
    document: z.string().min(1).optional().describe('the CAD document stating the requirement'),
    documentZh: z
      .string()
      .min(1)
      .optional()
      .describe("the document's title in Traditional Chinese (not repeating the instrument); the English when absent"),
    url: z.url().refine(isSafeCitationUrl, {
      error: 'a citation URL must use https: (javascript:, data: and plain http: links are refused)',
    }),
    secondary: z.boolean().describe('true when the citation is a secondary source, not the operative text'),
    note: z.string().optional(),
  })
  .refine((p) => p.section !== null || p.secondary, {
    message: 'a provision without a section number must be marked secondary',
    path: ['secondary'],
  })
  .meta({ id: 'Provision' });
export type Provision = z.infer<typeof Provision>;

/** "s.18" → "第18條", "s.3(2)(d)" → "第3(2)(d)條", as Hong Kong's Chinese texts cite a section; others as written. */
export function sectionZh(section: string): string {
  const m = /^s\.\s?(\d+[A-Z]?(?:\([0-9a-z]+\))*)$/.exec(section);
  return m ? `第${m[1]}條` : section;
}

/**
 * A citation as a reader sees it: "Cap. 448G s.18", or the instrument and the document when the section is not
 * known. In Chinese ('zh-Hant') the Chinese titles where the data has them ("《小型無人機令》（第448G章） 第18條").
 */
export function citationLabel(p: Provision, locale: 'en' | 'zh-Hant'): string {
  if (locale === 'en') return [p.instrument, p.section ?? p.document].filter(Boolean).join(' ');
  const where = p.section !== null ? sectionZh(p.section) : (p.documentZh ?? p.document);
  return [p.instrumentZh ?? p.instrument, where].filter(Boolean).join(' ');
}
