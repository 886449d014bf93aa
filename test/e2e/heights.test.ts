import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildClient,
  hasChromium,
  launchBrowser,
  openApp,
  type RunningServer,
  repoRoot,
  startServer,
} from './harness.js';

/** A loop at 60 m above the ground over the hills of Pak Tam Chung (Sai Kung). */
const PLAN = path.join(repoRoot, 'scenarios', 'plans', 'country-park-hobbyist.json');
/** Sunset Peak, Lantau (869 m). */
const PEAK: [number, number] = [113.9545, 22.2565];

describe.skipIf(!hasChromium)('heights in the plan checker', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer(await buildClient());
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the altitude profile draws the ground line of the Hong Kong terrain model under the route', async () => {
    const { page } = await openApp(browser, server, 'plan');
    await page.setInputFiles('[data-testid=plan-file]', PLAN);
    const ground = page.locator('[data-testid=profile-ground]');
    await ground.waitFor({ state: 'attached', timeout: 30_000 });
    const d = (await ground.getAttribute('d')) ?? '';
    const ys = [...d.matchAll(/[ML][\d.]+,([\d.]+)/g)].map((m) => Number(m[1]));
    expect(ys.length).toBeGreaterThan(50);
    // the ground is not flat sea level: it rises and falls along the loop
    expect(Math.max(...ys) - Math.min(...ys)).toBeGreaterThan(5);
    expect(await page.locator('[data-testid=profile-route]').count()).toBe(1);
    expect(await page.locator('[data-testid=profile-caption]').textContent()).toMatch(/Lands Department/);

    // after a check, the A2 height limit (300 ft AGL) joins the chart
    await page.click('[data-testid=check]');
    await page.locator('[data-testid=verdict]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid=profile-limit]').waitFor({ state: 'attached', timeout: 30_000 });
    expect(await page.locator('.profile-chart').textContent()).toMatch(/300 ft AGL/);
    await page.context().close();
  }, 120_000);

  it('a route file imported in the checker keeps its altitude conversion among the report assumptions', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sua-e2e-heights-')), 'climb.gpx');
    fs.writeFileSync(
      file,
      `<?xml version="1.0"?><gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1"><rte>
<rtept lat="22.3985" lon="114.3225"><ele>80</ele></rtept><rtept lat="22.4003" lon="114.3262"><ele>140</ele></rtept>
</rte></gpx>`,
    );
    const { page } = await openApp(browser, server, 'plan');
    await page.setInputFiles('[data-testid=plan-file]', file);
    await page.locator('[data-testid=waypoints] tbody tr').nth(1).waitFor({ timeout: 10_000 });
    await page.click('[data-testid=check]');
    await page.locator('[data-testid=verdict]').waitFor({ timeout: 30_000 });
    expect(await page.locator('.report').textContent()).toMatch(
      /GPX heights \(ele of 2 points\) read as above mean sea level/,
    );
    await page.context().close();
  }, 120_000);

  it('a click on the map shows the ground height there, naming the model', async () => {
    const { page } = await openApp(browser, server, 'plan');
    await page.evaluate(`window.__sua.map.jumpTo({ center: [${PEAK[0]}, ${PEAK[1]}], zoom: 14 })`);
    const box = await page.locator('#map canvas').boundingBox();
    if (!box) throw new Error('no map canvas');
    const readout = page.locator('[data-testid=ground-readout]');
    expect(await readout.textContent()).toMatch(/Click the map/);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForFunction(
      `/Ground \\d+ m AMSL/.test(document.querySelector('[data-testid=ground-readout]').textContent)`,
      undefined,
      { timeout: 15_000 },
    );
    const text = (await readout.textContent()) ?? '';
    expect(text).toMatch(/Lands Department/);
    expect(text).toMatch(/70 m\)/);
    const metres = Number(/Ground (\d+) m AMSL/.exec(text)?.[1]);
    expect(metres).toBeGreaterThan(700);
    expect(metres).toBeLessThan(900);
    await page.context().close();
  }, 120_000);
});
