import type { FlightPlan } from '@sua-sandbox/rules/model';
import { type MessageKey, t } from '../i18n/index.js';
import { ApiError } from '../net/api.js';
import { h } from '../ui/dom.js';
import {
  type AirspaceConflict,
  fetchPlan,
  fetchPlans,
  type StoredPlanItem,
  type SubmitOutcome,
  submitIntent,
  type TrafficNetwork,
} from './api.js';
import { trafficFindingText } from './finding-words.js';
import { hktMinute, hktWindow, shiftText } from './time.js';

/**
 * "Submit an operational intent": a stored plan, the operator's name, the route it claims and its priority.
 * A refusal lists the conflicting intents by their operators' names with the earliest start shift that clears
 * them, and a button that resubmits shifted (same intent id: nothing was stored).
 */
interface Pending {
  id: string;
  planId: string;
  operator: string;
  routeId: string;
  priorityClass: string;
  delayS: number;
}

export interface SubmitHooks {
  /** the outcome arrived (draw the refusal's conflicting volumes, or the accepted intent) */
  onOutcome(outcome: SubmitOutcome, plan: FlightPlan | undefined, pending: Pending): void;
  rerender(): void;
}

export class SubmitPanel {
  private plans: StoredPlanItem[] | undefined;
  private readonly typed = { planId: '', operator: '', routeId: '', priorityClass: '' };
  private pending: Pending | undefined;
  private outcome: SubmitOutcome | undefined;
  private busy = false;
  private error = '';

  constructor(private readonly hooks: SubmitHooks) {}

  /** Forget everything (another principal signed in). */
  reset(): void {
    this.plans = undefined;
    this.pending = undefined;
    this.outcome = undefined;
    this.error = '';
  }

  /** Choose a stored plan for the next submission (the plan checker's "Submit as operational intent"). */
  choose(planId: string): void {
    this.typed.planId = planId;
    this.outcome = undefined;
    this.error = '';
  }

  async loadPlans(): Promise<void> {
    try {
      this.plans = await fetchPlans();
      if (!this.typed.planId && this.plans.length) this.typed.planId = this.plans[this.plans.length - 1].id;
    } catch (e) {
      this.plans = [];
      this.error = e instanceof ApiError ? e.describe() : String(e);
    }
    this.hooks.rerender();
  }

  private async send(p: Pending): Promise<void> {
    this.busy = true;
    this.error = '';
    this.pending = p;
    this.hooks.rerender();
    try {
      const body = {
        operator: p.operator,
        planId: p.planId,
        ...(p.routeId ? { routeId: p.routeId } : {}),
        ...(p.priorityClass ? { priorityClass: p.priorityClass } : {}),
        ...(p.delayS ? { delayS: p.delayS } : {}),
      };
      this.outcome = await submitIntent(p.id, body);
      const plan = await fetchPlan(p.planId).catch(() => undefined);
      this.hooks.onOutcome(this.outcome, plan, p);
    } catch (e) {
      this.outcome = undefined;
      this.error = e instanceof ApiError ? e.describe() : String(e);
    } finally {
      this.busy = false;
      this.hooks.rerender();
    }
  }

  render(network: TrafficNetwork | undefined): HTMLElement {
    const plans = this.plans ?? [];
    const planSelect = h(
      'select',
      {
        id: 'traffic-plan',
        onchange: (e: Event) => {
          this.typed.planId = (e.target as HTMLSelectElement).value;
          this.hooks.rerender();
        },
      },
      ...plans.map((p) =>
        h(
          'option',
          { value: p.id, selected: p.id === this.typed.planId },
          `${p.id} · ${hktMinute(Date.parse(p.start))}`,
        ),
      ),
    );
    // the plan's name as its author wrote it (user data: never translated)
    const chosenName = plans.find((p) => p.id === this.typed.planId)?.name;
    const operator = h('input', {
      id: 'traffic-operator',
      type: 'text',
      required: true,
      autocomplete: 'organization',
      value: this.typed.operator,
      oninput: (e: Event) => (this.typed.operator = (e.target as HTMLInputElement).value),
    });
    const route = h(
      'select',
      { id: 'traffic-route', onchange: (e: Event) => (this.typed.routeId = (e.target as HTMLSelectElement).value) },
      h('option', { value: '' }, t('traffic.submit.noRoute')),
      ...(network?.network.routes ?? []).map((r) =>
        h('option', { value: r.id, selected: r.id === this.typed.routeId }, r.id),
      ),
    );
    const priority = h(
      'select',
      {
        id: 'traffic-priority',
        onchange: (e: Event) => (this.typed.priorityClass = (e.target as HTMLSelectElement).value),
      },
      h('option', { value: '' }, t('traffic.submit.byPurpose')),
      ...(network?.priorityClasses ?? []).map((c) =>
        h('option', { value: c.id, selected: c.id === this.typed.priorityClass }, priorityName(c.id)),
      ),
    );
    const submit = h(
      'button',
      {
        type: 'submit',
        class: 'btn primary',
        'data-testid': 'traffic-submit',
        disabled: this.busy || plans.length === 0,
      },
      this.busy ? t('traffic.submit.sending') : t('traffic.submit.button'),
    );
    const form = h(
      'form',
      {
        onsubmit: (e: Event) => {
          e.preventDefault();
          if (!this.typed.planId || !this.typed.operator.trim()) {
            this.error = t('traffic.submit.missing');
            this.hooks.rerender();
            return;
          }
          const id = `${this.typed.planId}.${Date.now().toString(36)}`.replace(/[^A-Za-z0-9._:-]/g, '-').slice(-200);
          void this.send({ id, ...this.typed, operator: this.typed.operator.trim(), delayS: 0 });
        },
      },
      h('div', { class: 'field' }, h('label', { for: 'traffic-plan' }, t('traffic.submit.plan')), planSelect),
      chosenName ? h('p', { class: 'muted', translate: 'no' }, chosenName) : null,
      plans.length === 0 && this.plans ? h('p', { class: 'muted' }, t('traffic.submit.noPlans')) : null,
      h('div', { class: 'field' }, h('label', { for: 'traffic-operator' }, t('traffic.submit.operator')), operator),
      h('div', { class: 'field' }, h('label', { for: 'traffic-route' }, t('traffic.submit.route')), route),
      h('div', { class: 'field' }, h('label', { for: 'traffic-priority' }, t('traffic.submit.priority')), priority),
      h('div', { class: 'row' }, submit),
    );
    return h(
      'section',
      { 'aria-labelledby': 'traffic-submit-h' },
      h('h3', { id: 'traffic-submit-h' }, t('traffic.submit.title')),
      form,
      this.error ? h('p', { class: 'error', role: 'alert' }, this.error) : null,
      this.renderOutcome(),
    );
  }

  private renderOutcome(): HTMLElement | null {
    const out = this.outcome;
    const p = this.pending;
    if (!out || !p) return null;
    if (out.accepted) {
      const ref = out.reply.operational_intent_reference;
      return h(
        'div',
        { role: 'status', 'data-testid': 'traffic-accepted', 'data-intent-id': ref.id },
        h(
          'p',
          {},
          t('traffic.accepted', {
            window: hktWindow(Date.parse(ref.time_start.value), Date.parse(ref.time_end.value)),
          }),
        ),
        p.delayS ? h('p', {}, t('traffic.shifted', { shift: shiftText(p.delayS, shiftWords()) })) : null,
        out.reply.findings.length
          ? h(
              'ul',
              { 'data-testid': 'traffic-findings' },
              ...out.reply.findings.map((f) =>
                h('li', { 'data-code': f.code, 'data-severity': f.severity }, trafficFindingText(f, t)),
              ),
            )
          : null,
      );
    }
    return refusalView(out.refusal, p, (delayS) => void this.send({ ...p, delayS }));
  }
}

const PRIORITY_KEYS: Readonly<Record<string, MessageKey>> = {
  emergency: 'traffic.priority.emergency',
  'medical-delivery': 'traffic.priority.medical',
  standard: 'traffic.priority.standard',
};
const priorityName = (id: string) => (PRIORITY_KEYS[id] ? t(PRIORITY_KEYS[id]) : id);

export const shiftWords = () => ({ min: t('traffic.unit.min'), s: t('traffic.unit.s') });

/** An operator's name as written (never translated). */
export const operatorName = (name: string) => h('span', { translate: 'no', class: 'operator' }, name);

function refusalView(r: AirspaceConflict, p: Pending, shift: (delayS: number) => void): HTMLElement {
  const items = r.conflicts.map((c) =>
    h(
      'li',
      { 'data-testid': 'traffic-refusal-conflict', 'data-operator': c.operator },
      operatorName(p.operator),
      ' ⇄ ',
      operatorName(c.operator),
      ' · ',
      t('traffic.overlap', {
        window: hktWindow(Date.parse(c.overlap.time_start.value), Date.parse(c.overlap.time_end.value)),
      }),
      ' · ',
      t(c.blocking ? 'traffic.blocking' : 'traffic.yields'),
    ),
  );
  const s = r.earliestShiftS;
  // the shift already applied plus the one still needed: the server measures from the plan as stored
  const total = s === null ? null : p.delayS + s;
  return h(
    'div',
    { role: 'alert', 'data-testid': 'traffic-refusal' },
    h('p', {}, t('traffic.refused')),
    h('ul', {}, ...items),
    total === null
      ? h('p', {}, t('traffic.noShift'))
      : h(
          'p',
          {},
          h(
            'button',
            {
              type: 'button',
              class: 'btn primary',
              'data-testid': 'traffic-shift',
              'data-shift-s': total,
              onclick: () => shift(total),
            },
            t('traffic.shift', { shift: shiftText(total, shiftWords()) }),
          ),
        ),
  );
}
