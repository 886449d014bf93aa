import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_FAILED } from '../../server/src/auth/service.js';
import {
  APPLICANT,
  buildClient,
  hasChromium,
  launchBrowser,
  openApp,
  REGULATOR,
  type RunningServer,
  repoRoot,
  screenshot,
  signInThroughUi,
  startServer,
  waitForSession,
  waitRendered,
} from './harness.js';

const workbenchTab = (page: Page) => page.locator('#tab-workbench');

async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.locator('[data-testid=sign-in]').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/email/i).fill(email);
  await dialog.getByLabel(/password/i).fill(password);
  await dialog.locator('[data-testid=sign-in-submit]').click();
}

/** The error line once the dialog has shown an answer. */
async function signInError(page: Page): Promise<string> {
  const error = page.locator('[data-testid=sign-in-error]');
  await page.waitForFunction(
    'document.querySelector("[data-testid=sign-in-error]").textContent.trim().length > 0',
    undefined,
    { timeout: 30_000 },
  );
  return (await error.textContent()) ?? '';
}

describe.skipIf(!hasChromium)('signing in and out', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer(await buildClient(), { users: [REGULATOR, APPLICANT] });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a wrong password shows the server message and leaves the visitor signed out', async () => {
    const { page } = await openApp(browser, server, 'live');
    await submitSignIn(page, REGULATOR.email, 'not-the-right-password');
    expect(await signInError(page)).toBe(SIGN_IN_FAILED);
    expect(await page.getByRole('dialog').isVisible()).toBe(true);
    // focus goes back to the password to try again
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('sign-in-password');
    await screenshot(page, '60-sign-in-wrong-password');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    expect(await workbenchTab(page).isHidden()).toBe(true);
    expect(await page.locator('[data-testid=auth-user]').count()).toBe(0);
    await page.context().close();
  }, 120_000);

  it('a regulator sees the workbench and their account, keeps it across a reload, and loses it on sign-out', async () => {
    const { page } = await openApp(browser, server, 'live');
    expect(await workbenchTab(page).isHidden()).toBe(true);
    await signInThroughUi(page, REGULATOR);
    expect(await page.getByRole('dialog').isHidden()).toBe(true);
    const account = page.locator('[data-testid=auth-user]');
    expect(await account.textContent()).toContain(REGULATOR.email);
    expect(await account.textContent()).toContain('regulator');
    expect(await account.getAttribute('data-role')).toBe('regulator');
    expect(await workbenchTab(page).isVisible()).toBe(true);

    // the socket reconnected with the session cookie and the live view carries on
    await page.waitForFunction('document.body.dataset.conn === "connected"', undefined, { timeout: 30_000 });
    await waitForSession(page, server);

    await workbenchTab(page).click();
    await page.locator('li[data-rule="op.height.a2"]').waitFor({ timeout: 30_000 });
    await screenshot(page, '61-sign-in-regulator-workbench');

    // GET /api/auth/me decides on load: the httpOnly cookie survives a reload
    await page.reload();
    await page.locator('[data-testid=auth-user]').waitFor({ timeout: 30_000 });
    await page.waitForFunction('document.body.dataset.view === "workbench"', undefined, { timeout: 30_000 });

    await page.locator('[data-testid=sign-out]').click();
    await page.locator('[data-testid=sign-in]').waitFor({ timeout: 30_000 });
    expect(await workbenchTab(page).isHidden()).toBe(true);
    // the workbench was open: the page falls back to the live map
    await page.waitForFunction('document.body.dataset.view === "live"', undefined, { timeout: 10_000 });
    expect(await page.locator('[data-testid=auth-user]').count()).toBe(0);
    await page.context().close();
  }, 180_000);

  it('an applicant is signed in but does not get the workbench; a refused call says whom to sign in as', async () => {
    const { page } = await openApp(browser, server, 'live');
    await signInThroughUi(page, APPLICANT);
    expect(await page.locator('[data-testid=auth-user]').getAttribute('data-role')).toBe('applicant');
    expect(await workbenchTab(page).isHidden()).toBe(true);
    // a regulator-only call made anyway (as any view would) is explained, not a generic failure
    const status = await page.evaluate('fetch("api/drafts").then((r) => r.status)');
    expect(status).toBe(403);
    const toast = page.locator('.toast-error', { hasText: 'Sign in as a regulator' });
    await toast.waitFor({ timeout: 10_000 });
    expect(await toast.textContent()).toMatch(/rule drafts/);
    await page.context().close();
  }, 120_000);

  it('an anonymous visitor keeps the live map and the plan checker; a link to the workbench explains why not', async () => {
    const { page } = await openApp(browser, server, 'workbench');
    await page.waitForFunction('document.body.dataset.view === "live"', undefined, { timeout: 30_000 });
    await page.locator('.toast', { hasText: 'Sign in as a regulator to use the rule workbench' }).waitFor();
    expect(await workbenchTab(page).isHidden()).toBe(true);
    expect(await page.locator('[data-testid=sign-in]').isVisible()).toBe(true);

    await page.waitForFunction('document.body.dataset.conn === "connected"', undefined, { timeout: 30_000 });
    await waitForSession(page, server);
    expect(await waitRendered(page, ['ac-dot'])).toBeGreaterThan(0);

    await page.getByRole('tab', { name: 'Plan checker' }).click();
    await page.setInputFiles(
      '[data-testid=plan-file]',
      path.join(repoRoot, 'scenarios', 'plans', 'tung-chung-airport-zone.json'),
    );
    await page.locator('[data-testid=waypoints] tbody tr').nth(1).waitFor({ timeout: 10_000 });
    await page.click('[data-testid=check]');
    await page.locator('[data-testid=verdict]').waitFor({ timeout: 30_000 });
    expect(await page.getAttribute('.report', 'data-verdict')).toBe('permission-required');
    expect(await page.locator('.toast-error').count()).toBe(0);
    await page.context().close();
  }, 180_000);

  // Last: the failures it makes block sign-in from this address for the rest of the window.
  it('too many failures: the dialog shows the server message and how long to wait', async () => {
    const { page } = await openApp(browser, server, 'live');
    await submitSignIn(page, 'nobody@e2e.test', 'wrong-password-0');
    let text = await signInError(page);
    for (let i = 1; i <= 12 && text === SIGN_IN_FAILED; i++) {
      await page.locator('[data-testid=sign-in-error]').evaluate((el) => {
        el.textContent = '';
      });
      await page.locator('#sign-in-password').fill(`wrong-password-${i}`);
      await page.locator('[data-testid=sign-in-submit]').click();
      text = await signInError(page);
    }
    expect(text).toMatch(/too many failed password attempts/);
    expect(text).toMatch(/\(wait \d+ (s|min)\)$/);
    await screenshot(page, '62-sign-in-too-many');
    await page.context().close();
  }, 180_000);
});
