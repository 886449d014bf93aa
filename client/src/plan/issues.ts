import { type MessageKey, t } from '../i18n/index.js';
import type { ApiError } from '../net/api.js';
import { h } from '../ui/dom.js';
import { fieldLabel } from './schema-form.js';

/** A problem with the plan, in words, and the form field it belongs to (when there is one on the page). */
export interface PlanIssue {
  fieldId?: string;
  text: string;
}

const SECTIONS: Readonly<Record<string, { id: string; key: MessageKey }>> = {
  aircraft: { id: 'f-aircraft', key: 'section.aircraft' },
  pilot: { id: 'f-pilot', key: 'section.pilot' },
  responsiblePerson: { id: 'f-rp', key: 'section.responsiblePerson' },
  operation: { id: 'f-op', key: 'section.operation' },
};
const COORDS = ['lon', 'lat', 'alt'] as const;
const SETTINGS: Readonly<Record<string, { id: string; key: MessageKey }>> = {
  rulebook: { id: 'plan-rulebook', key: 'plan.rulebook' },
  asOf: { id: 'plan-asof', key: 'plan.asOf' },
  start: { id: 'plan-start', key: 'plan.start' },
  name: { id: 'plan-name', key: 'plan.name' },
};

/** The server's developer wording, where a person would say it otherwise. */
function plain(message: string): string {
  if (/format not recognised|not recognised as/i.test(message)) return t('plan.err.format');
  if (/empty/i.test(message)) return t('plan.err.empty');
  if (/^Required$|received undefined/i.test(message)) return t('plan.err.required');
  return message;
}

/** Which coordinate a message about a whole waypoint is about ("latitude 95 is out of range"). */
function coordinateNamed(message: string): number {
  if (/latitude/i.test(message)) return 1;
  if (/altitude|height/i.test(message)) return 2;
  return 0;
}

/** Where an issue path points on the plan checker's form; waypoint and leg numbers 1-based like the table. */
function place(path: readonly (string | number)[], message: string): PlanIssue {
  let p = path[0] === 'body' ? path.slice(1) : [...path];
  if (p[0] === 'file') {
    const n = p[1] === 'route' && p[2] === 'coordinates' && typeof p[3] === 'number' ? p[3] + 1 : undefined;
    return {
      fieldId: 'plan-file',
      text: n === undefined ? message : t('plan.err.fileWaypoint', { n, message }),
    };
  }
  if (p[0] === 'plan' || p[0] === 'template') p = p.slice(1);
  const [head, second, index, coord] = p;
  const setting = typeof head === 'string' ? SETTINGS[head] : undefined;
  if (setting) return { fieldId: setting.id, text: `${t(setting.key)}: ${message}` };
  if (head === 'route') {
    if (second === 'coordinates' && typeof index === 'number') {
      const key = COORDS[typeof coord === 'number' ? coord : coordinateNamed(message)] ?? 'lon';
      return { fieldId: `wp-${index}-${key}`, text: t('plan.err.waypoint', { n: index + 1, message }) };
    }
    if (second === 'legSpeeds' && typeof index === 'number')
      return { fieldId: `wp-${index}-speedKmh`, text: t('plan.err.leg', { n: index + 1, message }) };
    return { text: t('plan.err.route', { message }) };
  }
  const section = typeof head === 'string' ? SECTIONS[head] : undefined;
  if (section) {
    const rest = p.slice(1).map(String);
    const label = [t(section.key), ...rest.filter((r) => !/^\d+$/.test(r)).map(fieldLabel)].join(' › ');
    return { fieldId: [section.id, ...rest].join('-'), text: `${label}: ${message}` };
  }
  return { text: message };
}

/** The issues of a failed check or import, placed on the form. */
export function planIssues(e: ApiError): PlanIssue[] {
  if (e.code === 'network') return [{ text: t('common.serverDown') }];
  if (e.issues.length === 0) return [{ text: plain(e.message) }];
  return e.issues.map((i) => place(i.path, plain(i.message)));
}

/** What is wrong with the last check or import; `at` is where the summary box goes (the file picker, or Check). */
export interface PlanProblems {
  at: 'file' | 'check';
  summary: string;
  issues: PlanIssue[];
}

/** The summary box, with the issues that have no field of their own (the others are shown at theirs). */
export function problemBox(p: PlanProblems): HTMLElement {
  const loose = p.at === 'check' ? p.issues.filter((i) => !i.fieldId) : [];
  return h(
    'div',
    { class: 'error-box', role: 'alert', id: 'plan-problems', 'data-testid': 'plan-error' },
    p.summary,
    p.at === 'check' && p.issues.some((i) => i.fieldId) ? h('p', { class: 'small' }, t('plan.err.marked')) : null,
    h(
      'ul',
      { hidden: loose.length === 0 },
      loose.map((i) => h('li', {}, i.text)),
    ),
  );
}

/** After the panel is drawn: issues at their fields, those whose field is not on the page in the box. */
export function showProblems(panel: HTMLElement, p: PlanProblems, fileInput: HTMLElement): void {
  if (p.at === 'file') {
    fileInput.setAttribute('aria-invalid', 'true');
    fileInput.setAttribute('aria-describedby', 'plan-problems');
  }
  const unplaced = markIssues(
    panel,
    p.issues.filter((i) => i.fieldId),
  );
  const list = panel.querySelector('#plan-problems ul');
  if (!list || unplaced.length === 0 || p.at === 'file') return;
  list.append(...unplaced.map((i) => h('li', {}, i.text)));
  list.removeAttribute('hidden');
}

/**
 * Show each issue next to its field: the field highlighted (aria-invalid) and described by the message, its
 * folded section opened. Returns the issues with no field on the page, for the box under the form.
 */
export function markIssues(root: HTMLElement, issues: readonly PlanIssue[]): PlanIssue[] {
  const unplaced: PlanIssue[] = [];
  for (const [i, issue] of issues.entries()) {
    const el = issue.fieldId ? fieldElement(root, issue.fieldId) : null;
    if (!el) {
      unplaced.push(issue);
      continue;
    }
    const msgId = `plan-issue-${i}`;
    el.setAttribute('aria-invalid', 'true');
    el.classList.add('invalid');
    el.setAttribute('aria-describedby', [el.getAttribute('aria-describedby'), msgId].filter(Boolean).join(' '));
    el.insertAdjacentElement(
      'afterend',
      h(
        'p',
        { class: 'field-error', id: msgId, 'data-testid': 'field-error', 'data-field': issue.fieldId },
        issue.text,
      ),
    );
    const details = el.closest('details');
    if (details) details.open = true;
  }
  return unplaced;
}

/** The field of an id, or of the nearest enclosing path (an object's fieldset for a nested value). */
function fieldElement(root: HTMLElement, id: string): HTMLElement | null {
  for (let parts = id.split('-'); parts.length > 1; parts = parts.slice(0, -1)) {
    const el = root.querySelector<HTMLElement>(`#${CSS.escape(parts.join('-'))}`);
    if (el) return el;
  }
  return null;
}
