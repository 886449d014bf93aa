import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  act,
  createFromFile,
  detailState,
  fetchApplication,
  fillAndCreate,
  hkDay,
  openApplications,
  QGC_PLAN,
  qgcPlan,
  row,
} from './apps-helpers.js';
import {
  APPLICANT,
  buildClient,
  hasChromium,
  launchBrowser,
  openApp,
  REGULATOR,
  type RunningServer,
  screenshot,
  signInThroughUi,
  startServer,
  WIDE_DESKTOP,
  waitRendered,
} from './harness.js';

type LngLat = [number, number];

/** The map position under a page pixel (what a click or a drop there means). */
async function lngLatAt(page: Page, x: number, y: number): Promise<LngLat> {
  const box = await page.locator('#map canvas').boundingBox();
  if (!box) throw new Error('no map canvas');
  const at = await page.evaluate(
    `(() => { const p = window.__sua.map.unproject([${x - box.x}, ${y - box.y}]); return [p.lng, p.lat]; })()`,
  );
  return at as LngLat;
}

const near = (a: readonly number[] | undefined, b: LngLat, tol = 2e-5) =>
  a !== undefined && Math.abs(a[0] - b[0]) < tol && Math.abs(a[1] - b[1]) < tol;

async function signedIn(browser: Browser, server: RunningServer, user: typeof APPLICANT): Promise<Page> {
  const page = (await openApp(browser, server, 'live', '', { viewport: WIDE_DESKTOP })).page;
  await signInThroughUi(page, user);
  await openApplications(page);
  return page;
}

describe.skipIf(!hasChromium)('sandbox applications: revising, the envelope on the map, the register', () => {
  let server: RunningServer;
  let browser: Browser;
  let planFile: string;
  let longerPlanFile: string;

  beforeAll(async () => {
    server = await startServer(await buildClient(), { users: [REGULATOR, APPLICANT] });
    browser = await launchBrowser();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sua-e2e-edit-'));
    planFile = path.join(dir, 'sai-kung.plan');
    fs.writeFileSync(planFile, JSON.stringify(QGC_PLAN));
    longerPlanFile = path.join(dir, 'sai-kung-ridge.plan');
    fs.writeFileSync(longerPlanFile, JSON.stringify(qgcPlan([[22.3962, 114.3262]])));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the applicant revises after changes are asked; the regulator drags a corridor vertex and approves it', async () => {
    const title = 'Ridge survey, first try';
    const revisedTitle = 'Ridge survey with the ridge waypoint';
    const applicant = await signedIn(browser, server, APPLICANT);
    await createFromFile(applicant, title, planFile);
    await act(applicant, 'submit', 'submitted');
    const appId = (await row(applicant, title).getAttribute('data-app')) ?? '';

    const regulator = await signedIn(browser, server, REGULATOR);
    await row(regulator, title).locator('button').click();
    await detailState(regulator, 'submitted');
    await regulator.locator('#app-comment').fill('Add the ridge waypoint and ask for BVLOS.');
    await act(regulator, 'request-changes', 'changes-requested');

    // the applicant (told over the socket) sees the regulator's reasons above the application, and revises it
    await row(applicant, title).locator('[data-testid=app-state]', { hasText: 'changes requested' }).waitFor();
    await row(applicant, title).locator('button').click();
    await detailState(applicant, 'changes-requested');
    expect(await applicant.locator('[data-testid=app-changes-requested]').textContent()).toContain(
      'Add the ridge waypoint and ask for BVLOS.',
    );
    await applicant.locator('[data-testid=app-revise]').click();
    const form = applicant.locator('[data-testid=app-form][data-kind=revise]');
    await form.waitFor();
    expect(await applicant.locator('#app-title').inputValue()).toBe(title);
    expect(await applicant.locator('#app-operator').inputValue()).toBe('E2E Drone Services');
    await applicant.locator('#app-title').fill(revisedTitle);
    await applicant.locator('[data-relaxation=bvlos]').check();
    await applicant.locator('#app-file').setInputFiles(longerPlanFile);
    await applicant.locator('[data-testid=app-file-status]', { hasText: /5 waypoints/ }).waitFor({ timeout: 30_000 });
    await applicant.locator('[data-testid=app-create]').click();
    await applicant.locator('[data-testid=app-detail]', { hasText: 'revision 2' }).waitFor({ timeout: 30_000 });
    await detailState(applicant, 'changes-requested');
    await act(applicant, 'submit', 'submitted');

    const revised = await fetchApplication(server, appId);
    expect(revised.application.revision).toBe(2);
    expect(revised.revision.content.title).toBe(revisedTitle);
    expect(revised.revision.content.relaxations).toEqual(expect.arrayContaining(['height', 'bvlos']));
    expect(revised.revision.content.plans[0].route.coordinates).toHaveLength(5);
    // asking for BVLOS made the operation BVLOS; what the applicant entered is kept
    expect(revised.revision.content.plans[0].operation.vlos).toBe(false);
    expect(revised.revision.content.plans[0].aircraft.model).toBe('Matrice 350 RTK');
    expect(revised.revision.checks.length).toBeGreaterThan(0);

    // the regulator reviews the revision: the corridor is drawn along the new route, one handle per vertex
    await row(regulator, revisedTitle).locator('button').click();
    await detailState(regulator, 'submitted');
    expect(await regulator.locator('[data-testid=app-summary] [data-field=operation]').textContent()).toBe(
      'inspection · BVLOS',
    );
    // the regulator sees every actor's email, and both revisions in the timeline
    expect(await regulator.locator('[data-testid=app-timeline] li[data-revision="2"]').textContent()).toContain(
      APPLICANT.email,
    );
    expect(
      await regulator.locator('[data-testid=app-timeline] li[data-action=request-changes]').textContent(),
    ).toContain(REGULATOR.email);
    await act(regulator, 'start-review', 'under-review');
    await regulator.locator('[data-testid=app-envelope][data-shape=corridor]').waitFor();
    const handles = regulator.locator('[data-testid=env-vertex][data-kind=corridor]');
    await expect.poll(() => handles.count()).toBe(5);
    expect(await waitRendered(regulator, ['app-envelope-corridor'])).toBeGreaterThan(0);

    // drag the second vertex 60 px right and 40 px down
    const handle = regulator.locator('[data-testid=env-vertex][data-index="1"]');
    const box = await handle.boundingBox();
    if (!box) throw new Error('vertex handle not on screen');
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    await regulator.mouse.move(x, y);
    await regulator.mouse.down();
    await regulator.mouse.move(x + 30, y + 20, { steps: 5 });
    await regulator.mouse.move(x + 60, y + 40, { steps: 5 });
    await regulator.mouse.up();
    const moved = await handle.boundingBox();
    if (!moved) throw new Error('vertex handle gone after the drag');
    const dropped = await lngLatAt(regulator, moved.x + moved.width / 2, moved.y + moved.height / 2);
    await regulator.locator('#app-half-width').fill('150');
    await screenshot(regulator, 'applications-envelope-dragged');
    await act(regulator, 'approve', 'approved');

    // the permission has the edited corridor: vertex 1 where it was dropped, the others on the route
    const approved = await fetchApplication(server, appId);
    const area = approved.permission.at(-1)?.permission.area;
    const route = revised.revision.content.plans[0].route.coordinates;
    expect(area?.type).toBe('Corridor');
    if (area?.type !== 'Corridor') return;
    expect(area.halfWidthM).toBe(150);
    expect(area.line).toHaveLength(5);
    expect(near(area.line[1], dropped)).toBe(true);
    expect(near(area.line[1], [route[1][0], route[1][1]], 1e-4)).toBe(false);
    for (const i of [0, 2, 3, 4]) expect(near(area.line[i], [route[i][0], route[i][1]], 1e-9)).toBe(true);
  }, 300_000);

  it('from the plan checker: the applicant applies with the checked plan; the regulator draws the area', async () => {
    const title = 'Checked plan, area permit';
    const applicant = await signedIn(browser, server, APPLICANT);
    // the plan checker: import, check, then "Apply for sandbox permission" opens the form with the plan
    await applicant.locator('#tab-plan').click();
    await applicant.locator('[data-testid=plan-file]').setInputFiles(planFile);
    await applicant.locator('[data-testid=check]').click();
    await applicant.locator('#panel [data-testid=verdict]').waitFor({ timeout: 30_000 });
    await applicant.locator('[data-testid=plan-apply]').click();
    await applicant.locator('body[data-view=applications]').waitFor({ state: 'attached' });
    await applicant.locator('[data-testid=app-form][data-kind=plan]').waitFor();
    expect(await applicant.locator('[data-testid=app-file-status]').textContent()).toMatch(/4 waypoints/);
    await fillAndCreate(applicant, title);
    const appId = (await row(applicant, title).getAttribute('data-app')) ?? '';
    const created = await fetchApplication(server, appId);
    expect(created.revision.content.plans[0].route.coordinates.map((c) => [c[0], c[1]])).toEqual(
      QGC_PLAN.mission.items.map((i) => [i.params[5], i.params[4]]),
    );
    await act(applicant, 'submit', 'submitted');

    // the regulator switches to an area and draws it by clicking four points on the map
    const regulator = await signedIn(browser, server, REGULATOR);
    await row(regulator, title).locator('button').click();
    await detailState(regulator, 'submitted');
    await act(regulator, 'start-review', 'under-review');
    await regulator.locator('#app-env-area').check();
    await regulator.locator('[data-testid=app-envelope][data-shape=area]').waitFor();
    await expect.poll(() => regulator.locator('[data-testid=env-vertex][data-kind=area]').count()).toBe(4);
    await regulator.locator('[data-testid=app-env-draw]').click();
    const canvas = await regulator.locator('#map canvas').boundingBox();
    if (!canvas) throw new Error('no map canvas');
    const [cx, cy] = [canvas.x + canvas.width / 2, canvas.y + canvas.height / 2];
    const clicks: [number, number][] = [
      [cx - 150, cy - 100],
      [cx + 160, cy - 90],
      [cx + 140, cy + 110],
      [cx - 130, cy + 120],
    ];
    const expected: LngLat[] = [];
    for (const [px, py] of clicks) {
      expected.push(await lngLatAt(regulator, px, py));
      await regulator.mouse.click(px, py);
    }
    await regulator.locator('[data-testid=app-env-hint][data-points="4"]').waitFor();
    await regulator.locator('[data-testid=app-env-draw][aria-pressed=true]').click();
    expect(await waitRendered(regulator, ['app-envelope-fill'])).toBeGreaterThan(0);
    await act(regulator, 'approve', 'approved');

    const approved = await fetchApplication(server, appId);
    const area = approved.permission.at(-1)?.permission.area;
    expect(area?.type).toBe('Polygon');
    if (area?.type !== 'Polygon') return;
    const ring = area.coordinates[0];
    expect(ring).toHaveLength(5);
    expected.forEach((p, i) => {
      expect(near(ring[i], p)).toBe(true);
    });
    expect(ring[4]).toEqual(ring[0]);

    // active: in the register only inside its window (tomorrow for 30 days), drawn as an area
    await act(regulator, 'activate', 'active');
    const entry = regulator.locator(`[data-testid=app-register-list] li[data-permission="perm-${appId}"]`);
    const time = regulator.locator('#app-register-time');
    await time.fill(hkDay(2));
    await time.dispatchEvent('change');
    await regulator.locator('[data-testid=app-register][data-mode=chosen]').waitFor();
    await entry.waitFor({ timeout: 30_000 });
    expect(await waitRendered(regulator, ['app-permissions-fill'])).toBeGreaterThan(0);
    await time.fill(hkDay(60));
    await time.dispatchEvent('change');
    await entry.waitFor({ state: 'detached', timeout: 30_000 });
    await time.fill(hkDay(-5));
    await time.dispatchEvent('change');
    await entry.waitFor({ state: 'detached', timeout: 30_000 });
    // back on the live map's clock
    await regulator.locator('#app-register-live').check();
    await regulator.locator('[data-testid=app-register][data-mode=live]').waitFor();
    const liveText = (await regulator.locator('[data-testid=app-register-clock]').textContent()) ?? '';
    expect(liveText).toMatch(/live clock/);
    // the time field shows the live clock's day, not the wall clock's nor the last one chosen
    const [y, m, d] = (await time.inputValue()).slice(0, 10).split('-');
    expect(liveText).toContain(`${d}/${m}/${y}`);
    await screenshot(regulator, 'applications-area-register');
  }, 300_000);
});
