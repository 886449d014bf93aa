import { AxeBuilder } from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APPLICANT,
  buildClient,
  hasChromium,
  launchBrowser,
  REGULATOR,
  type RunningServer,
  screenshot,
  startServer,
} from './harness.js';
import { openView, VIEW_CASES } from './views.js';

/**
 * axe-core on every view at desktop size: no serious or critical violation (WCAG 2.1 A/AA rules: contrast,
 * names, labels, landmarks). The map canvases are excluded: a WebGL canvas has no text for axe to read, and
 * the colour-contrast rule cannot sample the pixels under its overlays (it reports them as "incomplete", never
 * as violations, but the canvas has nothing else to check).
 */
describe.skipIf(!hasChromium)('accessibility (axe-core)', () => {
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

  for (const view of VIEW_CASES) {
    it(`${view.name}: no serious or critical violations`, async () => {
      const page = await openView(browser, server, view);
      await screenshot(page, `a11y-${view.name}-desktop`);
      const result = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
        .exclude('.maplibregl-canvas')
        .analyze();
      const bad = result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map(
          (v) =>
            `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join('\n  ')}`,
        );
      expect(bad, bad.join('\n')).toEqual([]);
      await page.context().close();
    }, 240_000);
  }
});
