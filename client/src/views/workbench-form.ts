/** The workbench's draft controls: which draft is open (or a new one from a rulebook), its title, Save. */
import type { RulebookSummary } from '../app/lists.js';
import { t } from '../i18n/index.js';
import { h } from '../ui/dom.js';
import { rulebookOptions } from '../ui/rulebook-options.js';
import { changeCount, type WorkbenchState } from '../workbench/state.js';

/** The list of drafts to open, with the rulebook a new draft starts from under it. */
export function draftsSection(
  draftList: HTMLElement,
  rulebooks: readonly RulebookSummary[],
  s: WorkbenchState,
  onStartNew: (baseId: string) => void,
): HTMLElement {
  const base = h(
    'select',
    { id: 'wb-base', 'data-testid': 'wb-base' },
    rulebookOptions(rulebooks).map((o) =>
      h('option', { value: o.value, title: o.title, selected: s.base?.id === o.value }, o.label),
    ),
  );
  const startBtn = h('button', { type: 'button', class: 'btn', 'data-testid': 'wb-new' }, t('wb.new'));
  startBtn.addEventListener('click', () => onStartNew(base.value));
  return h(
    'details',
    { open: true, class: 'wb-drafts' },
    h('summary', {}, t('wb.drafts')),
    draftList,
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'wb-base' }, t('wb.base')),
      h('div', { class: 'row' }, base, startBtn),
    ),
  );
}

/** The draft's title (a change marks the draft unsaved), then which draft is being edited. */
export function draftTitle(s: WorkbenchState, onChange: () => void): HTMLElement[] {
  const title = h('input', { id: 'wb-title', type: 'text', value: s.title });
  title.addEventListener('change', () => {
    s.title = title.value;
    s.dirty = true;
    onChange();
  });
  const openLabel = s.savedId ? t('wb.editingSaved', { id: s.savedId }) : t('wb.editingUnsaved');
  return [
    h('div', { class: 'field' }, h('label', { for: 'wb-title' }, t('wb.draftTitle')), title),
    h('p', { class: 'small muted', 'data-testid': 'wb-editing' }, openLabel, s.dirty ? ` · ${t('wb.unsaved')}` : ''),
  ];
}

/** How many changes the draft makes, and Save (again) to see their diff: only when idle and something changed. */
export function changesRow(s: WorkbenchState, idle: boolean, onSave: () => void): (HTMLElement | null)[] {
  const diffBtn = h(
    'button',
    { type: 'button', class: 'btn', disabled: !idle || changeCount(s) === 0, 'data-testid': 'wb-diff' },
    s.savedId ? t('wb.saveAgain') : t('wb.save'),
  );
  diffBtn.addEventListener('click', () => onSave());
  return [
    h('h3', {}, t('wb.changes', { n: changeCount(s) })),
    changeCount(s) === 0 ? h('p', { class: 'muted empty' }, t('wb.noChanges')) : null,
    h('div', { class: 'row' }, diffBtn),
  ];
}
