import type { FlightPlan, FlightPlanInput } from '@sua-sandbox/rules/model';
import { t } from '../i18n/index.js';
import { ApiError } from '../net/api.js';
import { h } from '../ui/dom.js';
import { toast } from '../ui/toast.js';
import { storePlan } from './api.js';

/** The Traffic view's address with a stored plan chosen for submission; a link to it works from a fresh load too. */
export const trafficPlanHash = (planId: string) => `#traffic?plan=${encodeURIComponent(planId)}`;

/** The plan `#traffic?plan=<id>` names, if any. */
export function planIdFromHash(hash: string): string | undefined {
  const query = hash.split('?')[1];
  return query ? (new URLSearchParams(query).get('plan') ?? undefined) : undefined;
}

/**
 * The plan checker's "Submit as operational intent": stores the checked plan for the operator (once per check) and
 * opens the Traffic view with it chosen, where the operator's name, route and priority are given.
 */
export class IntentFromPlan {
  private stored: { checked: FlightPlanInput; id: string } | undefined;
  private busy = false;

  button(checked: FlightPlanInput, plan: FlightPlan | undefined): HTMLElement {
    return h(
      'button',
      {
        type: 'button',
        class: 'btn',
        'data-testid': 'plan-to-intent',
        title: t('traffic.fromPlanHint'),
        disabled: !plan || this.busy,
        onclick: () => {
          if (plan) void this.open(checked, plan);
        },
      },
      t('traffic.fromPlan'),
    );
  }

  private async open(checked: FlightPlanInput, plan: FlightPlan): Promise<void> {
    this.busy = true;
    try {
      // the same check stored once: a second click opens the plan already stored
      const id = this.stored?.checked === checked ? this.stored.id : await storePlan(plan);
      this.stored = { checked, id };
      location.hash = trafficPlanHash(id);
    } catch (e) {
      toast(e instanceof ApiError ? e.describe() : String(e), 'error');
    } finally {
      this.busy = false;
    }
  }
}
