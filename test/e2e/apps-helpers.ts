import type { Page } from 'playwright-core';
import { ApplicationDetail } from '../../rules/src/api/index.js';
import { APPLICANT, type RunningServer, signInOverHttp } from './harness.js';

/** Shared steps of the sandbox application end-to-end tests (applications*.test.ts). */

const qgcItem = (seq: number, command: number, lat: number, lon: number, alt: number) => ({
  type: 'SimpleItem',
  doJumpId: seq,
  autoContinue: true,
  command,
  // QGC's terrain frame: heights above the ground under each waypoint (relative-to-launch heights are converted
  // to AMSL from the launch point's ground, and the hills of Sai Kung rise above 150 m over the launch point)
  frame: 10,
  params: [0, 0, 0, null, lat, lon, alt],
  AltitudeMode: 4,
  Altitude: alt,
  AMSLAltAboveTerrain: null,
});

/**
 * A QGroundControl mission over Sai Kung flown at 150 m above the ground (above 120 m, so it needs `height`);
 * `extra` waypoints are added before the return, for a plan that differs from the first.
 */
export function qgcPlan(extra: [number, number][] = []) {
  const via: [number, number][] = [[22.4003, 114.3262], [22.3978, 114.329], ...extra];
  const items = [
    qgcItem(1, 22, 22.3985, 114.3225, 150),
    ...via.map(([lat, lon], i) => qgcItem(i + 2, 16, lat, lon, 150)),
    qgcItem(via.length + 2, 21, 22.3985, 114.3225, 0),
  ];
  return {
    fileType: 'Plan',
    version: 1,
    groundStation: 'QGroundControl',
    mission: {
      version: 2,
      firmwareType: 12,
      vehicleType: 2,
      hoverSpeed: 5,
      cruiseSpeed: 15,
      globalPlanAltitudeMode: 4,
      plannedHomePosition: [22.3985, 114.3225, 10],
      items,
    },
    geoFence: { version: 2, polygons: [], circles: [] },
    rallyPoints: { version: 2, points: [] },
  };
}
export const QGC_PLAN = qgcPlan();

/** Noon `days` days from now, Hong Kong time, as a datetime-local value (2: inside the form's default window). */
export const hkDay = (days: number) =>
  `${new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10)}T12:00`;

export async function openApplications(page: Page): Promise<void> {
  await page.locator('#tab-applications').click();
  await page.locator('body[data-view=applications]').waitFor({ state: 'attached' });
}

/** The application's row in the list (the list is the same page for both sides). */
export const row = (page: Page, title: string) => page.locator('[data-testid=app-list] li', { hasText: title });

export async function detailState(page: Page, state: string): Promise<void> {
  await page.locator(`[data-testid=app-detail][data-state="${state}"]`).waitFor({ timeout: 30_000 });
}

/**
 * The rest of the "New application" form after the route is in: operator, then the aircraft, remote pilot and
 * responsible person (the plan checker's forms); then create.
 */
export async function fillAndCreate(page: Page, title: string): Promise<void> {
  await page.locator('#app-title').fill(title);
  await page.locator('#app-scenario').selectOption('inspection-maintenance');
  await page.locator('#app-operator').fill('E2E Drone Services');
  await page.locator('#f-aircraft-model').fill('Matrice 350 RTK');
  await page.locator('#f-aircraft-registration').fill('SUA-E2E-01');
  await page.locator('#f-aircraft-labelled').check();
  await page.locator('#f-pilot-name').fill('Chan Tai Man');
  await page.locator('#f-pilot-advancedRating').check();
  await page.locator('#f-rp-name').fill('Wong Siu Ming');
  await page.locator('[data-testid=app-create]').click();
  await detailState(page, 'draft');
}

/** The applicant's "New application" form, filled from the QGC file, then created (a draft). */
export async function createFromFile(page: Page, title: string, planFile: string): Promise<void> {
  await page.locator('[data-testid=app-new]').click();
  await page.locator('#app-file').setInputFiles(planFile);
  await page.locator('[data-testid=app-file-status]', { hasText: /4 waypoints/ }).waitFor({ timeout: 30_000 });
  await fillAndCreate(page, title);
}

export async function act(page: Page, action: string, state: string): Promise<void> {
  await page.locator(`[data-testid=app-actions] [data-action="${action}"]`).click();
  await detailState(page, state);
}

/** The application as the API returns it to its applicant. */
export async function fetchApplication(server: RunningServer, id: string): Promise<ApplicationDetail> {
  const { cookie } = await signInOverHttp(server, APPLICANT);
  const res = await fetch(`${server.url}/api/applications/${id}`, { headers: { cookie } });
  return ApplicationDetail.parse(await res.json());
}
