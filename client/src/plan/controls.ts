import { Aircraft, Operation, RemotePilot, ResponsiblePerson } from '@sua-sandbox/rules/model';
import type { RulebookSummary } from '../app/lists.js';
import { t } from '../i18n/index.js';
import { h } from '../ui/dom.js';
import { rulebookOptions } from '../ui/rulebook-options.js';
import { hkField, isoToHkDate } from './hk-date.js';
import type { PlanIssue } from './issues.js';
import { schemaForm } from './schema-form.js';
import type { PlanState, UnreadableField } from './state.js';
import { parseWaypointField, waypointProblem } from './waypoints.js';

/** `changed(structural)`: structural edits re-render the panel; others only refresh the map. */
type Changed = (structural: boolean) => void;

function field(id: string, label: string, control: HTMLElement): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}

/** Altitude reference, take-off time, rulebook (or "law as of" date). */
export function planSettings(s: PlanState, rulebooks: readonly RulebookSummary[], changed: Changed): HTMLElement[] {
  const altRef = h(
    'select',
    { id: 'plan-altref' },
    ['AGL', 'AMSL'].map((r) => h('option', { value: r, selected: s.altitudeRef === r }, r)),
  );
  altRef.addEventListener('change', () => {
    s.altitudeRef = altRef.value === 'AMSL' ? 'AMSL' : 'AGL';
    changed(true);
  });
  // what could not be read stays as typed, in the state the panel is drawn from
  const entry = (id: UnreadableField) => ({
    entry: s.unreadable?.[id],
    onEntry: (text: string | undefined) => {
      const next = { ...s.unreadable };
      if (text === undefined) delete next[id];
      else next[id] = text;
      s.unreadable = next;
    },
  });
  // Hong Kong formats (dd/mm/yyyy, 24-hour HKT) whatever the browser's locale
  const startDate = hkField({
    ...entry('plan-start'),
    id: 'plan-start',
    kind: 'date',
    value: isoToHkDate(s.startLocal.slice(0, 10)),
    onValue: (iso) => {
      s.startLocal = `${iso}T${s.startLocal.slice(11, 16) || '10:00'}`;
      changed(false);
    },
  });
  const startTime = hkField({
    ...entry('plan-start-time'),
    id: 'plan-start-time',
    kind: 'time',
    label: t('plan.startTime'),
    value: s.startLocal.slice(11, 16),
    onValue: (hhmm) => {
      s.startLocal = `${s.startLocal.slice(0, 10)}T${hhmm}`;
      changed(false);
    },
  });
  const start = h('span', { class: 'row' }, startDate, startTime);
  const rb = h(
    'select',
    { id: 'plan-rulebook', 'data-testid': 'plan-rulebook' },
    h('option', { value: '' }, t('plan.rulebookAuto')),
    rulebookOptions(rulebooks).map((o) =>
      h('option', { value: o.value, title: o.title, selected: s.rulebookId === o.value }, o.label),
    ),
    // a draft ("draft:<id>") opened from the workbench is not in the list of rulebooks
    s.rulebookId && !rulebooks.some((r) => r.id === s.rulebookId)
      ? h('option', { value: s.rulebookId, selected: true }, s.rulebookId)
      : null,
  );
  rb.addEventListener('change', () => {
    s.rulebookId = rb.value;
    changed(false);
  });
  const asOf = hkField({
    ...entry('plan-asof'),
    id: 'plan-asof',
    kind: 'date',
    value: isoToHkDate(s.asOf),
    optional: true,
    onValue: (iso) => {
      s.asOf = iso;
      changed(false);
    },
  });
  return [
    h(
      'div',
      { class: 'row' },
      field('plan-altref', t('plan.altRef'), altRef),
      field('plan-start', t('plan.start'), start),
    ),
    h(
      'div',
      { class: 'row' },
      field('plan-rulebook', t('plan.rulebook'), rb),
      field('plan-asof', t('plan.asOf'), asOf),
    ),
  ];
}

/** The date, time and waypoint fields whose last entry could not be read or used, as issues placed on them. */
export function unreadableIssues(s: PlanState): PlanIssue[] {
  return Object.entries(s.unreadable ?? {}).flatMap(([fieldId, text]) => {
    if (text === undefined) return [];
    const cell = parseWaypointField(fieldId);
    const problem = cell && waypointProblem(cell.key, text);
    return {
      fieldId,
      text: !(cell && problem)
        ? t('plan.unreadableEntry', { text })
        : t(cell.key === 'speedKmh' ? 'plan.err.leg' : 'plan.err.waypoint', { n: cell.row + 1, message: problem }),
    };
  });
}

/** Aircraft, remote pilot, responsible person and operation: forms generated from the FlightPlan schemas. */
export function planDetails(s: PlanState, changed: Changed): HTMLElement {
  const onDetail = () => changed(false);
  return h(
    'details',
    { class: 'plan-details' },
    h('summary', {}, t('plan.details')),
    h('h4', {}, t('section.aircraft')),
    schemaForm(Aircraft, s.details.aircraft, onDetail, 'f-aircraft'),
    h('h4', {}, t('section.pilot')),
    schemaForm(RemotePilot, s.details.pilot, onDetail, 'f-pilot'),
    h('h4', {}, t('section.responsiblePerson')),
    schemaForm(ResponsiblePerson, s.details.responsiblePerson, onDetail, 'f-rp'),
    h('h4', {}, t('section.operation')),
    schemaForm(
      Operation,
      s.details.operation,
      () => {
        // the user placed the pilot: stop following the first waypoint
        s.pilotFollowsRoute = false;
        onDetail();
      },
      'f-op',
    ),
  );
}
