import type {
  ApplicationContent,
  ApplicationContentInput,
  FlightPlan,
  PermissionTrigger,
  ScenarioType,
} from '@sua-sandbox/rules/model';
import { type MessageKey, t } from '../i18n/index.js';
import { ApiError } from '../net/api.js';
import { importPlanFile } from '../plan/api.js';
import { planDetails } from '../plan/controls.js';
import { DEFAULT_ALT_M, DEFAULT_SPEED_KMH, newPlanState, toFlightPlan } from '../plan/state.js';
import { h, replace } from '../ui/dom.js';
import { applicationCrew, applicationPlan, detailsIssue, purposeOf, startDetails } from './app-plan.js';

export const SCENARIOS: ScenarioType[] = [
  'emergency-rescue',
  'delivery',
  'inspection-maintenance',
  'surveillance',
  'low-altitude-infrastructure',
];
/** The relaxations an applicant most often asks for (permission triggers). */
const RELAXATIONS: PermissionTrigger[] = ['height', 'bvlos', 'night', 'speed', 'dropping', 'category-b'];

export interface NewApplicationHandlers {
  /** the imported plan, to show on the map before the application is created */
  onImported(plan: FlightPlan): void;
  onCreate(content: ApplicationContentInput): Promise<void>;
  onCancel(): void;
}

/** What the form starts from: a revision's content (revising), or only a plan (from the plan checker). */
export type FormStart =
  | { kind: 'new' }
  | { kind: 'plan'; plan: FlightPlan }
  | { kind: 'revise'; content: ApplicationContent };

/** "YYYY-MM-DDTHH:mm" in Hong Kong time for a datetime-local field. */
function hkLocal(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 16);
}

const field = (id: string, label: string, input: HTMLElement) =>
  h('div', { class: 'field' }, h('label', { for: id }, label), input);

/** The requested window's fields: the first window of a revision, or tomorrow for 30 days. */
function windowFields(content: ApplicationContent | undefined) {
  const tomorrow = Date.now() + 24 * 3600_000;
  const first = content?.windows[0];
  const fromValue = first?.from ? hkLocal(Date.parse(first.from)) : `${hkLocal(tomorrow).slice(0, 10)}T00:00`;
  const toValue = first?.to
    ? hkLocal(Date.parse(first.to))
    : `${hkLocal(tomorrow + 30 * 24 * 3600_000).slice(0, 10)}T23:59`;
  return {
    from: h('input', { type: 'datetime-local', id: 'app-from', value: fromValue, required: true }),
    to: h('input', { type: 'datetime-local', id: 'app-to', value: toValue, required: true }),
  };
}

/**
 * The applicant's form: title, scenario, operator, a route file (imported by the server with the plan checker's
 * template), the requested window and relaxations, and the aircraft, remote pilot, responsible person and
 * operation (the plan checker's generated forms; the pilot at the route's start, BVLOS when asked for).
 * Revising starts from the latest revision (its plan kept unless a new file replaces it); from the plan checker it
 * starts from the checked plan.
 */
export function newApplicationForm(handlers: NewApplicationHandlers, start: FormStart = { kind: 'new' }): HTMLElement {
  const content = start.kind === 'revise' ? start.content : undefined;
  let plan: FlightPlan | undefined =
    start.kind === 'plan' ? start.plan : start.kind === 'revise' ? start.content.plans[0] : undefined;
  const error = h('div', { class: 'error-box', role: 'alert', hidden: true, 'data-testid': 'app-form-error' });
  const fail = (msg: string) => {
    error.hidden = false;
    error.textContent = msg;
  };
  const title = h('input', {
    type: 'text',
    id: 'app-title',
    required: true,
    value: content?.title ?? (start.kind === 'plan' ? (start.plan.name ?? '') : ''),
  });
  const scenario = h(
    'select',
    { id: 'app-scenario' },
    SCENARIOS.map((s) =>
      h('option', { value: s, selected: content?.scenario === s }, t(`apps.scenario.${s}` as MessageKey)),
    ),
  );
  const operator = h('input', { type: 'text', id: 'app-operator', required: true, value: content?.operator ?? '' });
  // aircraft, remote pilot, responsible person and operation: the plan checker's forms, edited in place
  const details = newPlanState();
  details.details = startDetails(plan, content?.scenario ?? SCENARIOS[0]);
  // a new application's pilot stands at the first waypoint until the applicant places them
  details.pilotFollowsRoute = start.kind === 'new';
  const detailsBox = h('div', { 'data-testid': 'app-details' });
  const drawDetails = () => {
    const first = plan?.route.coordinates[0];
    if (details.pilotFollowsRoute && first) details.details.operation.pilotPosition = [first[0], first[1]];
    const box = planDetails(details, () => {});
    if (box instanceof HTMLDetailsElement) box.open = true;
    replace(detailsBox, box);
  };
  drawDetails();
  let scenarioWas = scenario.value;
  scenario.addEventListener('change', () => {
    const op = details.details.operation;
    // the purpose follows the scenario unless the applicant chose another one
    const from = SCENARIOS.find((s) => s === scenarioWas);
    const to = SCENARIOS.find((s) => s === scenario.value);
    scenarioWas = scenario.value;
    if (from && to && op.purpose === purposeOf(from)) {
      op.purpose = purposeOf(to);
      drawDetails();
    }
  });
  const file = h('input', { type: 'file', id: 'app-file', accept: '.plan,.kml,.kmz,.gpx,.geojson,.json' });
  const fileStatus = h(
    'p',
    { class: 'small muted', role: 'status', 'data-testid': 'app-file-status' },
    plan ? t('apps.planKept', { n: plan.route.coordinates.length, name: plan.name ?? '' }) : '',
  );
  const { from, to } = windowFields(content);
  const asked = content?.relaxations ?? ['height'];
  const relaxations = RELAXATIONS.map((r) =>
    h(
      'label',
      { class: 'inline' },
      h('input', {
        type: 'checkbox',
        value: r,
        'data-relaxation': r,
        checked: asked.includes(r),
        // asking for BVLOS makes the operation beyond visual line of sight (and not asking puts VLOS back)
        onchange:
          r === 'bvlos'
            ? (e: Event) => {
                details.details.operation.vlos = !(e.target instanceof HTMLInputElement && e.target.checked);
                drawDetails();
              }
            : undefined,
      }),
      ` ${r}`,
    ),
  );
  file.addEventListener('change', () => {
    const f = file.files?.[0];
    if (!f) return;
    fileStatus.textContent = t('common.loading');
    error.hidden = true;
    const base = newPlanState();
    const { route: _r, ...template } = toFlightPlan(base);
    const options = {
      defaultAltitude: { value: DEFAULT_ALT_M, ref: base.altitudeRef, unit: 'm' },
      defaultSpeed: { value: DEFAULT_SPEED_KMH, unit: 'km/h' },
      altitudeRef: base.altitudeRef,
    };
    importPlanFile(f, template, options).then(
      (imported) => {
        // a pilot standing at the old route's start moves to the new route's start
        const was = plan?.route.coordinates[0];
        const at = details.details.operation.pilotPosition;
        if (was && was[0] === at[0] && was[1] === at[1]) details.pilotFollowsRoute = true;
        plan = imported.plan;
        fileStatus.textContent = t('apps.imported', { n: plan.route.coordinates.length, name: f.name });
        drawDetails();
        handlers.onImported(plan);
      },
      (e: unknown) => {
        plan = undefined;
        fileStatus.textContent = '';
        fail(t('plan.invalidFile', { message: e instanceof ApiError ? e.describe() : String(e) }));
      },
    );
  });
  const revising = start.kind === 'revise';
  const create = h(
    'button',
    { type: 'submit', class: 'btn primary', 'data-testid': 'app-create' },
    revising ? t('apps.saveRevision') : t('apps.create'),
  );
  const cancel = h('button', { type: 'button', class: 'btn', onclick: () => handlers.onCancel() }, t('common.cancel'));
  const form = h(
    'form',
    { class: 'app-form', 'data-testid': 'app-form', 'data-kind': start.kind },
    h('h3', {}, revising ? t('apps.revise') : t('apps.new')),
    field('app-title', t('apps.field.title'), title),
    field('app-scenario', t('apps.field.scenario'), scenario),
    field('app-operator', t('apps.field.operator'), operator),
    field('app-file', `${plan ? t('apps.field.replaceRoute') : t('apps.field.route')} (${t('plan.importHint')})`, file),
    fileStatus,
    h('div', { class: 'row' }, field('app-from', t('apps.field.from'), from), field('app-to', t('apps.field.to'), to)),
    h('fieldset', {}, h('legend', {}, t('apps.field.relaxations')), relaxations),
    detailsBox,
    error,
    h('div', { class: 'row' }, create, cancel),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!plan) return fail(t('apps.needRoute'));
    if (!from.value || !to.value) return fail(t('apps.needWindow'));
    const chosen = relaxations
      .map((l) => l.querySelector('input'))
      .filter((i): i is HTMLInputElement => i?.checked === true)
      .map((i) => RELAXATIONS.find((r) => r === i.value))
      .filter((r): r is PermissionTrigger => r !== undefined);
    if (chosen.length === 0) return fail(t('apps.needRelaxation'));
    const missing = detailsIssue(details.details);
    if (missing) return fail(t(`apps.need.${missing}`));
    const first = applicationPlan(plan, details.details, {
      name: title.value.trim(),
      pilotFollowsRoute: details.pilotFollowsRoute,
      relaxations: chosen,
    });
    const next: ApplicationContentInput = {
      title: title.value.trim(),
      scenario: SCENARIOS.find((s) => s === scenario.value) ?? 'delivery',
      operator: operator.value.trim(),
      aircraft: [first.aircraft, ...(content?.aircraft.slice(1) ?? [])],
      crew: applicationCrew(first, content),
      plans: [first, ...(content?.plans.slice(1) ?? [])],
      windows: [{ from: `${from.value}:00+08:00`, to: `${to.value}:00+08:00` }, ...(content?.windows.slice(1) ?? [])],
      relaxations: chosen,
      ...(content?.notes ? { notes: content.notes } : {}),
    };
    create.disabled = true;
    handlers.onCreate(next).catch((err: unknown) => {
      create.disabled = false;
      fail(err instanceof ApiError ? err.describe() : String(err));
    });
  });
  return form;
}
