import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildClient,
  hasChromium,
  launchBrowser,
  openApp,
  type RunningServer,
  screenshot,
  startServer,
  WIDE_DESKTOP,
  waitForSession,
  waitRendered,
} from './harness.js';

/**
 * 2,000 aircraft through the live view's aircraft layer: one full load, then ticks of position diffs
 * (GeoJSONSource.updateData by feature id). Asserts on data only (every aircraft rendered, moved);
 * the timings are printed for the report, never asserted (SwiftShader in CI is slow and noisy).
 */
const N = 2000;
const TICKS = 20;

const script = `(async () => {
  const layer = window.__sua.liveAircraft;
  const map = window.__sua.map;
  map.jumpTo({ center: [114.12, 22.35], zoom: 10 });
  const states = Array.from({ length: ${N} }, (_, i) => ({
    id: 'load-' + i, lon: 113.9 + (i % 50) * 0.009, lat: 22.2 + Math.floor(i / 50) * 0.007, altAmslM: 60, aglM: 60,
    headingDeg: (i * 37) % 360, groundSpeedMps: 10, verticalSpeedMps: 0, mode: 'cruise', flags: 0, pilotDistanceM: 100 }));
  const status = (id) => (Number(id.slice(5)) % 97 === 0 ? 'violation' : Number(id.slice(5)) % 31 === 0 ? 'advisory' : 'ok');
  const t0 = performance.now();
  layer.reset(states, status);
  const resetMs = performance.now() - t0;
  let frames = 0;
  const onRender = () => frames++;
  map.on('render', onRender);
  const updateMs = [];
  const start = performance.now();
  for (let k = 1; k <= ${TICKS}; k++) {
    for (const s of states) { s.lon += 0.0004; s.headingDeg = (s.headingDeg + 3) % 360; }
    const u0 = performance.now();
    layer.update(states, [], status);
    updateMs.push(performance.now() - u0);
    await new Promise((r) => setTimeout(r, 250));
  }
  const wallS = (performance.now() - start) / 1000;
  map.off('render', onRender);
  updateMs.sort((a, b) => a - b);
  return { resetMs, updateMedianMs: updateMs[updateMs.length >> 1], updateMaxMs: updateMs[updateMs.length - 1], fps: frames / wallS };
})()`;

describe.skipIf(!hasChromium)('live map under load', () => {
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

  it(`renders ${N} aircraft and moves them by feature-id diffs`, async () => {
    const { page } = await openApp(browser, server, 'live', '', { viewport: WIDE_DESKTOP });
    // Stop the demo session so only the synthetic aircraft move.
    await waitForSession(page, server);
    if ((await page.getAttribute('[data-testid=play]', 'aria-pressed')) === 'true')
      await page.click('[data-testid=play]');
    const stats = (await page.evaluate(script)) as {
      resetMs: number;
      updateMedianMs: number;
      updateMaxMs: number;
      fps: number;
    };
    const rendered = await waitRendered(page, ['ac-dot'], N, 60_000);
    expect(rendered).toBeGreaterThanOrEqual(N);
    const lon = await page.evaluate(
      `window.__sua.map.queryRenderedFeatures({ layers: ['ac-dot'] }).find((f) => f.properties.id === 'load-0').geometry.coordinates[0]`,
    );
    expect(Number(lon)).toBeCloseTo(113.9 + 0.0004 * TICKS, 4);
    console.log(
      `[load] ${N} aircraft: first load ${stats.resetMs.toFixed(0)} ms (main thread), update queued in ${stats.updateMedianMs.toFixed(1)} ms median / ${stats.updateMaxMs.toFixed(1)} ms max (main thread; sent to MapLibre on the next frame), ${stats.fps.toFixed(1)} frames/s during updates (headless SwiftShader)`,
    );
    await screenshot(page, '50-load-2000');
    await page.context().close();
  }, 240_000);
});
