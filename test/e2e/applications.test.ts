import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationDetail } from '../../rules/src/api/index.js';
import {
  type FindingOpened,
  PROTOCOL_VERSION,
  type SessionInfo,
  type TickBatch,
} from '../../rules/src/protocol/index.js';
import { flush, record, request } from '../realtime/harness.js';
import {
  act,
  createFromFile,
  detailState,
  fetchApplication,
  hkDay,
  openApplications,
  QGC_PLAN,
  row as rowOf,
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
  signInOverHttp,
  signInThroughUi,
  startServer,
  waitRendered,
} from './harness.js';

const TITLE = 'Sai Kung inspection trial';
/** Noon the day after tomorrow, Hong Kong time: inside the window the form requests by default (tomorrow + 30 days). */
const WINDOW_DAY = hkDay(2);
const row = (page: Page, title = TITLE) => rowOf(page, title);

/**
 * A live session (over the socket, as the live map uses it) flying the application's plan under its permission,
 * paused so each tick is stepped by the test: then "the next tick" is exact, not a matter of timing.
 */
async function liveUnderPermission(server: RunningServer, applicationId: string) {
  const { cookie } = await signInOverHttp(server, APPLICANT);
  const res = await fetch(`${server.url}/api/applications/${applicationId}`, { headers: { cookie } });
  const detail = ApplicationDetail.parse(await res.json());
  const plan = {
    ...detail.revision.content.plans[0],
    id: 'under-permission',
    permissions: [detail.application.permissionId ?? ''],
  };
  const socket: Socket = connect(server.url, {
    transports: ['websocket'],
    auth: { protocolVersion: PROTOCOL_VERSION },
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const log = record(socket);
  const made = await request<SessionInfo>(socket, 'session:create', { plans: [plan], autoplay: false });
  if (!made.ok) throw new Error(made.error.message);
  const sessionId = made.data.id;
  await request(socket, 'session:join', { sessionId });
  const step = async (steps: number) => {
    const done = await request(socket, 'session:control', { sessionId, action: 'step', steps });
    if (!done.ok) throw new Error(done.error.message);
    await flush(socket);
  };
  const heightOpened = () =>
    log
      .filter((m) => m.event === 'finding:opened')
      .map((m) => m.payload as FindingOpened)
      .filter((f) => f.finding.trigger === 'height');
  const lastTick = () =>
    log
      .filter((m) => m.event === 'tick')
      .map((m) => (m.payload as TickBatch).tick)
      .at(-1) ?? 0;
  return { socket, step, heightOpened, lastTick, log };
}

describe.skipIf(!hasChromium)('sandbox applications in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let planFile: string;

  beforeAll(async () => {
    server = await startServer(await buildClient(), { users: [REGULATOR, APPLICANT] });
    browser = await launchBrowser();
    planFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sua-e2e-app-')), 'sai-kung.plan');
    fs.writeFileSync(planFile, JSON.stringify(QGC_PLAN));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('applicant applies from a QGC .plan; the regulator approves a lower band; revoking ends the cover', async () => {
    const applicant = (await openApp(browser, server, 'live')).page;
    expect(await applicant.locator('#tab-applications').isHidden()).toBe(true);
    await signInThroughUi(applicant, APPLICANT);
    await openApplications(applicant);
    expect(await applicant.locator('#panel h2').textContent()).toBe('My applications');

    // create from the imported file, then submit
    await createFromFile(applicant, TITLE, planFile);
    const firstVerdict = await applicant.locator('[data-testid=app-report] [data-testid=verdict]').textContent();
    expect(firstVerdict).toBe('Permission required');
    // the plan carries what the applicant entered, the pilot at the route's start, the scenario's purpose
    const createdId = (await row(applicant).getAttribute('data-app')) ?? '';
    const created = (await fetchApplication(server, createdId)).revision.content;
    const createdPlan = created.plans[0];
    expect(createdPlan.aircraft).toMatchObject({ model: 'Matrice 350 RTK', registration: 'SUA-E2E-01' });
    expect(createdPlan.pilot).toMatchObject({ name: 'Chan Tai Man', advancedRating: true });
    expect(createdPlan.responsiblePerson.name).toBe('Wong Siu Ming');
    expect(createdPlan.operation).toMatchObject({ purpose: 'inspection', vlos: true });
    expect(createdPlan.operation.pilotPosition).toEqual(createdPlan.route.coordinates[0].slice(0, 2));
    expect(created.crew.map((c) => c.role)).toEqual(['remote-pilot', 'responsible-person']);
    // the applicant's comment goes to the regulator
    expect(await applicant.locator('label[for=app-comment]').textContent()).toBe('Comment (sent to the regulator)');
    await act(applicant, 'submit', 'submitted');

    // the regulator's queue shows it with its verdict summary and report
    const regulator = (await openApp(browser, server, 'live')).page;
    await signInThroughUi(regulator, REGULATOR);
    await openApplications(regulator);
    expect(await regulator.locator('#panel h2').textContent()).toBe('Review queue');
    await row(regulator).waitFor({ timeout: 30_000 });
    await regulator.locator('[data-testid=app-verdicts]', { hasText: 'Permission required' }).waitFor();
    await row(regulator).locator('button').click();
    await detailState(regulator, 'submitted');
    expect(await regulator.locator('[data-testid=app-report] [data-testid=plan-findings] li').count()).toBeGreaterThan(
      0,
    );
    // the review pane says what is asked for: aircraft, crew, operation, the window in Hong Kong time
    const summary = (await regulator.locator('[data-testid=app-summary]').textContent()) ?? '';
    for (const text of ['Matrice 350 RTK', '900 g', 'SUA-E2E-01', 'Chan Tai Man', 'Wong Siu Ming', 'inspection · VLOS'])
      expect(summary).toContain(text);
    expect(summary).toMatch(/\d{2}\/\d{2}\/\d{4} 00:00:00 HKT – \d{2}\/\d{2}\/\d{4} 23:59:00 HKT/);
    expect(await regulator.locator('label[for=app-comment]').textContent()).toBe('Comment (sent to the applicant)');
    await act(regulator, 'start-review', 'under-review');
    // the "done" toast sits beside the panel, not over the envelope's buttons
    const toastBox = await regulator.locator('.toast', { hasText: 'Done: Start review' }).boundingBox();
    const panelBox = await regulator.locator('#panel').boundingBox();
    if (!toastBox || !panelBox) throw new Error('no toast or no panel');
    expect(toastBox.x + toastBox.width).toBeLessThanOrEqual(panelBox.x);

    // approve with a lowered altitude band (the default offered is above the plan; 160 m still holds it)
    const upper = regulator.locator('#app-band-upper');
    expect(Number(await upper.inputValue())).toBeGreaterThan(160);
    // a band upside down is refused next to its field, which is focused
    const lower = regulator.locator('#app-band-lower');
    await lower.fill('200');
    await upper.fill('100');
    await regulator.locator('[data-testid=app-actions] [data-action=approve]').click();
    await regulator.locator('#app-band-upper[aria-invalid=true]').waitFor();
    expect(await regulator.locator('[data-testid=app-env-issue]').textContent()).toContain(
      'Highest altitude: must be above the lowest altitude.',
    );
    expect(await regulator.evaluate('document.activeElement && document.activeElement.id')).toBe('app-band-upper');
    await detailState(regulator, 'under-review');
    await lower.fill('0');
    await regulator.locator('[data-testid=app-env-issue]').waitFor({ state: 'detached' });
    expect(await upper.getAttribute('aria-invalid')).toBeNull();
    await upper.fill('160');
    await regulator.locator('#app-comment').fill('Approved up to 160 m AGL only.');
    await act(regulator, 'approve', 'approved');
    await regulator
      .locator('[data-testid=app-permission][data-status=pending]', { hasText: '0–160 m AGL' })
      .waitFor({ timeout: 30_000 });

    // the applicant, still on the page, sees "approved" (told over the socket) and the comment in the timeline
    await row(applicant).locator('[data-testid=app-state]', { hasText: 'approved' }).waitFor({ timeout: 30_000 });
    await row(applicant).locator('button').click();
    await detailState(applicant, 'approved');
    const timeline = (await applicant.locator('[data-testid=app-timeline]').textContent()) ?? '';
    expect(timeline).toContain('Approved up to 160 m AGL only.');
    // who and when: the applicant's own email, the regulator by side; Hong Kong time; the revision saved
    expect(timeline).toContain(`${APPLICANT.email} · `);
    expect(timeline).not.toContain('user:');
    expect(timeline).not.toContain(REGULATOR.email);
    expect(timeline).toMatch(/CAD \(regulator\) · \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2} HKT/);
    expect(await applicant.locator('[data-testid=app-timeline] li[data-revision="1"]').textContent()).toContain(
      'Revision 1 saved',
    );

    // once active, it is in the permissions register for its window, drawn as a corridor on the map
    await act(regulator, 'activate', 'active');
    await regulator.locator('#app-register-time').fill(WINDOW_DAY);
    await regulator.locator('#app-register-time').dispatchEvent('change');
    const appId = (await row(regulator).getAttribute('data-app')) ?? '';
    const inRegister = regulator.locator(`[data-testid=app-register-list] li[data-permission="perm-${appId}"]`);
    await inRegister.waitFor({ timeout: 30_000 });
    expect(await waitRendered(regulator, ['app-permissions-corridor'])).toBeGreaterThan(0);

    // and the applicant's re-check declaring the permission is covered
    await row(applicant).locator('button').click();
    await detailState(applicant, 'active');
    await applicant.locator('[data-testid=app-recheck]').click();
    const recheckVerdict = applicant.locator('[data-testid=app-recheck-report] [data-testid=verdict]');
    await recheckVerdict.waitFor({ timeout: 30_000 });
    expect(await recheckVerdict.textContent()).toBe('Compliant');
    await screenshot(applicant, 'applications-covered');

    // a live aircraft flying the plan under the permission: climbing above 120 m raises nothing
    const live = await liveUnderPermission(server, appId);
    try {
      await live.step(30);
      expect(live.lastTick()).toBeGreaterThan(0);
      expect(live.heightOpened()).toEqual([]);

      // revoked: the live aircraft's height finding opens before the next tick is sent. The socket delivers in
      // order, so the finding must arrive after the revoke was asked for and carry the number of the tick that
      // follows the last one received before it.
      const revoking = live.log.length;
      await regulator.locator('#app-comment').fill('Revoked after an incident.');
      await act(regulator, 'revoke', 'revoked');
      await live.step(1);
      const openedAt = live.log.findIndex(
        (m) => m.event === 'finding:opened' && (m.payload as FindingOpened).finding.trigger === 'height',
      );
      expect(openedAt).toBeGreaterThanOrEqual(revoking);
      const opened = live.log[openedAt].payload as FindingOpened;
      const ticksBefore = live.log
        .slice(0, openedAt)
        .filter((m) => m.event === 'tick')
        .map((m) => (m.payload as TickBatch).tick);
      expect(opened.tick).toBe((ticksBefore.at(-1) ?? 0) + 1);
    } finally {
      live.socket.disconnect();
    }
    await inRegister.waitFor({ state: 'detached', timeout: 30_000 });
    await row(applicant).locator('button').click();
    await detailState(applicant, 'revoked');
    await applicant.locator('[data-testid=app-recheck]').click();
    await applicant
      .locator('[data-testid=app-recheck-report] [data-testid=verdict]', { hasText: 'Permission required' })
      .waitFor({ timeout: 30_000 });
    // the re-check says the permission is revoked
    expect(await applicant.locator('[data-testid=app-recheck-not-covering]').textContent()).toContain('is revoked');
    await screenshot(regulator, 'applications-revoked');
  }, 240_000);

  it('the regulator asks for changes with a comment, the applicant resubmits, the regulator rejects', async () => {
    const title = 'Second trial, sent back';
    const applicant = (await openApp(browser, server, 'live')).page;
    await signInThroughUi(applicant, APPLICANT);
    await openApplications(applicant);
    await createFromFile(applicant, title, planFile);
    await act(applicant, 'submit', 'submitted');

    const regulator = (await openApp(browser, server, 'live')).page;
    await signInThroughUi(regulator, REGULATOR);
    await openApplications(regulator);
    await row(regulator, title).locator('button').click();
    await detailState(regulator, 'submitted');
    await regulator.locator('#app-comment').fill('Add a second observer on the ridge.');
    await act(regulator, 'request-changes', 'changes-requested');

    await applicant.reload();
    await applicant.locator('body[data-ready=map]').waitFor({ state: 'attached', timeout: 60_000 });
    await openApplications(applicant);
    await row(applicant, title).locator('button').click();
    await detailState(applicant, 'changes-requested');
    const comment = applicant.locator('[data-testid=app-timeline] li[data-action=request-changes]');
    expect(await comment.textContent()).toContain('Add a second observer on the ridge.');
    // the applicant cannot approve: only its own side's moves are offered
    expect(await applicant.locator('[data-testid=app-actions] [data-action=approve]').count()).toBe(0);
    // the plan can be taken to the plan checker to try the changes
    await applicant.locator('[data-testid=app-open-plan]').click();
    await applicant.locator('body[data-view=plan]').waitFor({ state: 'attached' });
    expect(await applicant.locator('#plan-name').inputValue()).toBe(title);
    await openApplications(applicant);
    await detailState(applicant, 'changes-requested');
    await act(applicant, 'submit', 'submitted');

    await row(regulator, title).locator('button').click();
    await detailState(regulator, 'submitted');
    await act(regulator, 'start-review', 'under-review');
    await regulator.locator('#app-comment').fill('Too close to the country park.');
    await act(regulator, 'reject', 'rejected');
    // final: no more moves for anyone
    expect(await regulator.locator('[data-testid=app-actions]').count()).toBe(0);
  }, 240_000);
});
