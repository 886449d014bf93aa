import { t } from '../i18n/index.js';
import { h } from '../ui/dom.js';
import { addRuleEditor, parametersEditor, rulesEditor } from './editor.js';
import type { Corpus, ImpactOutcome, ImpactRow } from './impact.js';
import { changedTable, impactView, type RuleName } from './results.js';
import { changeCount, type WorkbenchState } from './state.js';
import type { ZoneDrawer } from './zones.js';

/** The draft's editable parts: parameters, rules (with a filter) and temporary zones. */
export function editorSections(
  s: WorkbenchState,
  filterText: string,
  drawer: ZoneDrawer,
  onFilter: (text: string) => void,
  onEdit: () => void,
): HTMLElement[] {
  const filter = h('input', { type: 'search', id: 'wb-filter', value: filterText, 'aria-label': t('wb.filterRules') });
  filter.addEventListener('input', () => {
    onFilter(filter.value);
    document.getElementById('wb-rules')?.replaceChildren(rulesEditor(s, filter.value, onEdit));
  });
  return [
    h('details', {}, h('summary', {}, t('wb.parameters')), parametersEditor(s, onEdit)),
    h(
      'details',
      { open: true },
      h('summary', {}, t('wb.rules')),
      filter,
      h('div', { id: 'wb-rules' }, rulesEditor(s, filterText, onEdit)),
      addRuleEditor(s, onEdit),
    ),
    h('details', { open: s.zones.length > 0 }, h('summary', {}, t('wb.zones')), drawer.render()),
  ];
}

/**
 * The title a first save stores: a shipped draft's edits saved under its unchanged title would list as a second
 * draft of that name saying something else, so they become an edited copy unless the user retitled them.
 */
export function titleToSave(s: WorkbenchState): string {
  if (s.savedId || s.shippedTitle === undefined || s.title.trim() !== s.shippedTitle) return s.title;
  return t('wb.editedCopyOf', { title: s.shippedTitle });
}

/** What pressing "Run" will save and assess, said before it is pressed. */
function impactNote(s: WorkbenchState): string {
  if (!s.savedId) return t('wb.impactSavesNew', { title: titleToSave(s) });
  if (s.dirty) return t('wb.impactSavesChanges', { title: s.title });
  return t('wb.impactSavesNothing', { title: s.title });
}

export interface ImpactSectionInput {
  s: WorkbenchState;
  corpus: Corpus;
  idle: boolean;
  running: { rows: readonly ImpactRow[] } | undefined;
  outcome: ImpactOutcome | undefined;
  assessed: { id: string; title: string } | undefined;
  ruleName: RuleName;
  onCorpus(c: Corpus): void;
  onRun(): void;
  onOpenRow(row: ImpactRow): void;
}

/** Impact assessment: the corpus, the run button with what it saves, progress with the changed plans so far, results. */
export function impactSection(x: ImpactSectionInput): (HTMLElement | HTMLElement[] | null)[] {
  const corpus = h(
    'select',
    { id: 'wb-corpus' },
    h('option', { value: 'stored', selected: x.corpus === 'stored' }, t('wb.corpusStored')),
    h('option', { value: 'examples', selected: x.corpus === 'examples' }, t('wb.corpusExamples')),
  );
  corpus.addEventListener('change', () => x.onCorpus(corpus.value === 'examples' ? 'examples' : 'stored'));
  const run = h(
    'button',
    { type: 'button', class: 'btn primary', disabled: !x.idle || changeCount(x.s) === 0, 'data-testid': 'wb-impact' },
    t('wb.runImpact'),
  );
  run.addEventListener('click', x.onRun);
  return [
    h('h3', {}, t('wb.impact')),
    h('div', { class: 'row' }, h('label', { for: 'wb-corpus' }, t('wb.corpus')), corpus, run),
    changeCount(x.s) > 0 ? h('p', { class: 'small', 'data-testid': 'wb-impact-note' }, impactNote(x.s)) : null,
    x.running
      ? [
          h('progress', { id: 'wb-progress', class: 'progress', max: 1, value: 0, 'aria-label': t('wb.impact') }),
          h('p', { id: 'wb-progress-label', class: 'small', role: 'status', 'data-testid': 'wb-progress-label' }),
          x.running.rows.length
            ? changedTable(x.running.rows, x.ruleName, x.onOpenRow)
            : h('p', { class: 'muted small' }, t('wb.noneYet')),
        ]
      : null,
    x.outcome
      ? [
          h('h3', {}, t('wb.results')),
          x.assessed
            ? h('p', { class: 'small muted', 'data-testid': 'wb-assessed' }, t('wb.assessed', x.assessed))
            : h('span'),
          impactView(x.outcome, x.ruleName, x.onOpenRow),
        ]
      : null,
  ];
}
