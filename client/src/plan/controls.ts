import { Aircraft, Operation, RemotePilot, ResponsiblePerson } from '@sua-sandbox/rules/model';
import { type RulebookSummary, rulebookLabel } from '../app/lists.js';
import { t } from '../i18n/index.js';
import { h } from '../ui/dom.js';
import { schemaForm } from './schema-form.js';
import type { PlanState } from './state.js';

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
  const start = h('input', { type: 'datetime-local', id: 'plan-start', value: s.startLocal });
  start.addEventListener('change', () => {
    s.startLocal = start.value;
    changed(false);
  });
  const rb = h(
    'select',
    { id: 'plan-rulebook', 'data-testid': 'plan-rulebook' },
    h('option', { value: '' }, t('plan.rulebookAuto')),
    rulebooks.map((r) => h('option', { value: r.id, selected: s.rulebookId === r.id }, rulebookLabel(r))),
    // a draft ("draft:<id>") opened from the workbench is not in the list of rulebooks
    s.rulebookId && !rulebooks.some((r) => r.id === s.rulebookId)
      ? h('option', { value: s.rulebookId, selected: true }, s.rulebookId)
      : null,
  );
  rb.addEventListener('change', () => {
    s.rulebookId = rb.value;
    changed(false);
  });
  const asOf = h('input', { type: 'date', id: 'plan-asof', value: s.asOf });
  asOf.addEventListener('change', () => {
    s.asOf = asOf.value;
    changed(false);
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
