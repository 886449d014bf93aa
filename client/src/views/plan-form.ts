/** The plan checker's form controls (route drawing, file import, name, Check) and what a failed check or import says. */
import { t } from '../i18n/index.js';
import { ApiError } from '../net/api.js';
import { type PlanProblems, planIssues, problemBox } from '../plan/issues.js';
import type { PlanState } from '../plan/state.js';
import { h } from '../ui/dom.js';

export interface RouteToolHandlers {
  onToggleDraw(): void;
  onClear(): void;
}

/** Draw (Finish while drawing) and Clear, with the drawing hint under them while drawing. */
export function routeTools(drawing: boolean, handlers: RouteToolHandlers): (HTMLElement | null)[] {
  const drawBtn = h(
    'button',
    { type: 'button', class: 'btn', 'aria-pressed': String(drawing), 'data-testid': 'draw' },
    drawing ? t('plan.finish') : t('plan.draw'),
  );
  drawBtn.addEventListener('click', () => handlers.onToggleDraw());
  const clearBtn = h('button', { type: 'button', class: 'btn' }, t('plan.clear'));
  clearBtn.addEventListener('click', () => handlers.onClear());
  return [
    h('div', { class: 'row' }, drawBtn, clearBtn),
    drawing ? h('p', { class: 'small', role: 'status' }, t('plan.drawing')) : null,
  ];
}

/**
 * The file picker, with the summary box of a failed import under it. `input` is returned too: showProblems
 * marks it when the import failed.
 */
export function planFileField(
  problems: PlanProblems | undefined,
  onFile: (file: File) => void,
): { field: HTMLElement; input: HTMLInputElement } {
  const input = h('input', {
    type: 'file',
    id: 'plan-file',
    accept: '.geojson,.json,.plan,.kml,.kmz,.gpx',
    'data-testid': 'plan-file',
  });
  input.addEventListener('change', () => {
    const f = input.files?.[0];
    if (f) onFile(f);
  });
  const field = h(
    'div',
    { class: 'field' },
    h('label', { for: 'plan-file' }, `${t('plan.import')} (${t('plan.importHint')})`),
    input,
    problems?.at === 'file' ? problemBox(problems) : null,
  );
  return { field, input };
}

/** The plan's name, written into the state as it changes. */
export function planNameField(state: PlanState): HTMLElement {
  const name = h('input', { type: 'text', id: 'plan-name', value: state.name });
  name.addEventListener('change', () => (state.name = name.value));
  return h('div', { class: 'field' }, h('label', { for: 'plan-name' }, t('plan.name')), name);
}

/** The Check button's row; the button is disabled (and says so) while a check or import runs. */
export function checkRow(busy: boolean, onCheck: () => void): HTMLElement {
  const checkBtn = h(
    'button',
    { type: 'button', class: 'btn primary', disabled: busy, 'data-testid': 'check' },
    busy ? t('plan.checking') : t('plan.check'),
  );
  checkBtn.addEventListener('click', onCheck);
  return h('div', { class: 'row' }, checkBtn);
}

/** What a failed check says, under the Check button: the server's issues, or that it could not be reached. */
export function checkProblems(e: unknown): PlanProblems {
  if (!(e instanceof ApiError)) return { at: 'check', summary: String(e), issues: [] };
  const network = e.code === 'network';
  return {
    at: 'check',
    summary: network ? t('common.serverDown') : t('plan.invalid'),
    issues: network ? [] : planIssues(e),
  };
}

/** What a failed import says: the whole answer sits at the file picker; fields of the form named by it are marked too. */
export function importProblems(e: unknown): PlanProblems {
  const issues = e instanceof ApiError ? planIssues(e) : [{ text: String(e) }];
  return {
    at: 'file',
    summary: t('plan.invalidFile', { message: issues.map((i) => i.text).join('; ') }),
    issues: issues.filter((i) => i.fieldId !== 'plan-file'),
  };
}
