/** A rulebook as lists, reports and live sessions name it: the title, and in Traditional Chinese when it has one. */
export interface TitledRulebook {
  id: string;
  title: string;
  titleZh?: string;
}

/**
 * A rulebook's title in the UI's language: in 繁中 its Chinese title from the rulebook data (`titleZh`), else the
 * English title, else its id. DOM-free, so it can be tested without a page.
 */
export function rulebookTitleIn(r: TitledRulebook, lang: 'en' | 'zh'): string {
  return (lang === 'zh' ? r.titleZh : undefined) || r.title || r.id;
}
