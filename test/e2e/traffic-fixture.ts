import type { Page } from 'playwright-core';
import { ROUTE, routePlan } from '../traffic-api/helpers.js';

/**
 * Traffic on the Cyberport → Cheung Chau route tomorrow (intents that end before now are refused), put by the
 * signed-in operator through the page's own session: Alpha Deliveries at 10:00 (standard), Medic Drones at
 * 10:00 on the same layer (medical delivery: accepted over Alpha, so the two conflict), and Bravo's stored plan
 * for 10:03, which the applicant submits through the Traffic view.
 */
export const BRAVO_PLAN_ID = 'e2e-bravo-plan';

/** Tomorrow in Hong Kong, as a date input's value. */
export const trafficDay = (): string => new Date(Date.now() + 8 * 3600_000 + 86_400_000).toISOString().slice(0, 10);
export const hkt = (hhmm: string): string => `${trafficDay()}T${hhmm}:00+08:00`;

/** Puts the two intents and stores Bravo's plan; idempotent enough for a second call on the same server. */
export async function seedTraffic(page: Page): Promise<number[]> {
  const alpha = { operator: 'Alpha Deliveries', plan: routePlan(hkt('10:00')), routeId: ROUTE };
  const medic = {
    operator: 'Medic Drones',
    plan: routePlan(hkt('10:00')),
    routeId: ROUTE,
    priorityClass: 'medical-delivery',
  };
  const bravo = { ...routePlan(hkt('10:03')), id: BRAVO_PLAN_ID, name: 'Bravo Logistics: Cyberport to St John' };
  const statuses = await page.evaluate(`(async () => {
    const send = (method, path, body) => fetch(path, {
      method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
    }).then((r) => r.status);
    const base = 'api/uss/v1/operational_intent_references/';
    return [
      await send('PUT', base + 'e2e-alpha', ${JSON.stringify(alpha)}),
      await send('PUT', base + 'e2e-medic', ${JSON.stringify(medic)}),
      await send('POST', 'api/plans', ${JSON.stringify(bravo)}),
    ];
  })()`);
  return Array.isArray(statuses) ? statuses.map(Number) : [];
}

/** Opens tomorrow in the Traffic view (the date input), after seeding. */
export async function showTrafficDay(page: Page): Promise<void> {
  await page.locator('#traffic-date').fill(trafficDay());
  await page.locator('[data-testid=traffic-intent]').first().waitFor({ timeout: 30_000 });
}
