import { type RulebookSummary, rulebookLabel, rulebookTitle } from '../app/lists.js';
import { lang } from '../i18n/index.js';

/** The start all the titles share, cut back to the last comma so no word is split ("… (Cap. 448G), "). */
function sharedStart(titles: readonly string[]): string {
  if (titles.length < 2) return '';
  let n = 0;
  while (titles.every((x) => x[n] !== undefined && x[n] === titles[0][n])) n++;
  const common = titles[0].slice(0, n);
  const cut = Math.max(common.lastIndexOf(', '), common.lastIndexOf('，'));
  return cut > 0 ? common.slice(0, cut + (common[cut] === '，' ? 1 : 2)) : '';
}

/**
 * Picker options for rulebooks whose long titles differ only at the end (the 2022 Order "as enacted", the 2025
 * one "as amended by L.N. 82 of 2025"): the instrument (its Chinese title in 繁中), then the part that tells them
 * apart, then the version.
 * The full title stays in each option's tooltip.
 */
export function rulebookOptions(
  rulebooks: readonly RulebookSummary[],
): { value: string; label: string; title: string }[] {
  const titles = rulebooks.map((r) => rulebookTitle(r));
  const shared = sharedStart(titles);
  const sep = lang() === 'zh' ? '，' : ', ';
  return rulebooks.map((r, i) => {
    const full = rulebookLabel(r);
    if (!shared) return { value: r.id, label: full, title: full };
    const rest = titles[i].slice(shared.length);
    const version = r.version ? (lang() === 'zh' ? `（${r.version}）` : ` (${r.version})`) : '';
    const instrument = (lang() === 'zh' ? r.instrument.instrumentZh : undefined) ?? r.instrument.instrument;
    return { value: r.id, label: `${instrument}${sep}${rest}${version}`, title: full };
  });
}
