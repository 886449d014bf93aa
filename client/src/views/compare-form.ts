/** The compare view's choices: the scenario, the rulebook on each side (A left, B right), and Start. */
import { type RulebookSummary, type ScenarioSummary, titleText } from '../app/lists.js';
import { t } from '../i18n/index.js';
import { h } from '../ui/dom.js';
import { rulebookOptions } from '../ui/rulebook-options.js';

export interface CompareChoice {
  scenarioId: string;
  /** the rulebook of side A (left) */
  a: string;
  /** the rulebook of side B (right) */
  b: string;
}

/** The scenario and the two rulebooks; choosing a rulebook calls `onRulebook` (the panes' heads name it). */
export function choiceFields(
  c: CompareChoice,
  scenarios: readonly ScenarioSummary[],
  rulebooks: readonly RulebookSummary[],
  /** after any choice changes (scenario or rulebook): the panel says what Start will run */
  onRulebook: () => void,
): HTMLElement[] {
  const rbOptions = rulebookOptions(rulebooks);
  return [
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'cmp-scenario' }, t('cmp.scenario')),
      select(
        'cmp-scenario',
        c.scenarioId,
        scenarios.map((s) => ({ value: s.id, label: titleText(s.title, s.id) })),
        (v) => {
          c.scenarioId = v;
          onRulebook();
        },
      ),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'cmp-a' }, `A · ${t('cmp.left')}`),
      select('cmp-a', c.a, rbOptions, (v) => {
        c.a = v;
        onRulebook();
      }),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'cmp-b' }, `B · ${t('cmp.right')}`),
      select('cmp-b', c.b, rbOptions, (v) => {
        c.b = v;
        onRulebook();
      }),
    ),
  ];
}

/** Start (both sessions), showing that it is starting. */
export function startRow(starting: boolean, onStart: () => void): HTMLElement {
  const startBtn = h(
    'button',
    { type: 'button', class: 'btn primary', disabled: starting, 'data-testid': 'cmp-start' },
    starting ? t('common.loading') : t('cmp.start'),
  );
  startBtn.addEventListener('click', () => onStart());
  return h('div', { class: 'row' }, startBtn);
}

function select(
  id: string,
  value: string,
  options: { value: string; label: string; title?: string }[],
  set: (v: string) => void,
): HTMLSelectElement {
  const s = h(
    'select',
    { id, 'data-testid': id },
    options.map((o) =>
      h('option', { value: o.value, title: o.title ?? o.label, selected: o.value === value }, o.label),
    ),
  );
  s.addEventListener('change', () => set(s.value));
  return s;
}

/**
 * When the choice differs from the pair on screen: the results below are of the run started before, so say which
 * and that Start runs the new choice (rather than the old table under the new scenario's name).
 */
export function pendingChoiceNote(
  running: CompareChoice | undefined,
  c: CompareChoice,
  scenarios: readonly ScenarioSummary[],
): HTMLElement | null {
  if (!running || (running.scenarioId === c.scenarioId && running.a === c.a && running.b === c.b)) return null;
  const s = scenarios.find((x) => x.id === running.scenarioId);
  return h(
    'p',
    { class: 'warn-box', role: 'status', 'data-testid': 'cmp-pending' },
    t('cmp.pendingChoice', { scenario: s ? titleText(s.title, s.id) : running.scenarioId }),
  );
}
