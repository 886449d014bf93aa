/**
 * The client as a first-time visitor gets it: cold page loads of the live view in headless Chromium against the
 * real server (the same harness as the end-to-end tests, every non-local request blocked), timing the first map
 * render and the first aircraft drawn, from navigation start; and the bundle's size raw, gzip and brotli, with
 * what actually crossed the wire. Prints a table and one JSON line.
 *   node --import tsx test/bench/client.bench.ts [--runs 5]
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildClient, launchBrowser, openApp, startServer } from '../e2e/harness.js';
import { BenchArgs, orExit } from './lib/args.js';

const RUNS = orExit(() =>
  new BenchArgs(process.argv.slice(2), ['runs']).number('runs', '5', { integer: true, min: 1 }),
);

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;

function bundleSizes(dir: string): { raw: number; gzip: number; brotli: number; files: number } {
  let raw = 0;
  let gzip = 0;
  let brotli = 0;
  let files = 0;
  for (const e of fs.readdirSync(path.join(dir, 'assets'), { withFileTypes: true })) {
    if (!/\.(m?js|css)$/.test(e.name)) continue;
    const f = path.join(dir, 'assets', e.name);
    files++;
    raw += fs.statSync(f).size;
    gzip += fs.existsSync(`${f}.gz`) ? fs.statSync(`${f}.gz`).size : fs.statSync(f).size;
    brotli += fs.existsSync(`${f}.br`) ? fs.statSync(`${f}.br`).size : fs.statSync(f).size;
  }
  return { raw, gzip, brotli, files };
}

const dir = await buildClient();
const sizes = bundleSizes(dir);
const server = await startServer(dir);
const browser = await launchBrowser();
const firstMap: number[] = [];
const firstAircraft: number[] = [];
const transferred: number[] = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const { page } = await openApp(browser, server);
    // openApp returns once the map is ready; the instant it became so is read from the page's own clock
    const mapAt = await page.evaluate(
      'performance.getEntriesByType("mark").find((m) => m.name === "sua:map-ready")?.startTime ?? performance.now()',
    );
    await page.waitForFunction(
      '(() => { const m = window.__sua?.map; return !!m && !!m.getLayer("ac-dot") && m.queryRenderedFeatures({ layers: ["ac-dot"] }).length > 0; })()',
      undefined,
      { timeout: 120_000, polling: 'raf' },
    );
    const aircraftAt = await page.evaluate('performance.now()');
    const bytes = await page.evaluate(
      'performance.getEntriesByType("resource").concat(performance.getEntriesByType("navigation")).reduce((n, e) => n + (e.transferSize || 0), 0)',
    );
    firstMap.push(Number(mapAt));
    firstAircraft.push(Number(aircraftAt));
    transferred.push(Number(bytes));
    await page.context().close();
  }
} finally {
  await browser.close();
  await server.stop();
}

const row = (name: string, xs: number[]) =>
  `${name.padEnd(22)} ${String(Math.round(quantile(xs, 0.5))).padStart(8)} ${String(Math.round(Math.min(...xs))).padStart(8)} ${String(Math.round(Math.max(...xs))).padStart(8)}`;
process.stdout.write(`client: ${RUNS} cold loads of the live view (ms from navigation start)\n`);
process.stdout.write(`${'measure'.padEnd(22)} ${'p50'.padStart(8)} ${'min'.padStart(8)} ${'max'.padStart(8)}\n`);
process.stdout.write(`${row('first map render', firstMap)}\n${row('first aircraft', firstAircraft)}\n`);
process.stdout.write(
  `bundle (${sizes.files} js/css files): ${kb(sizes.raw)} raw, ${kb(sizes.gzip)} gzip, ${kb(sizes.brotli)} brotli; ` +
    `transferred per cold load (all requests) p50 ${kb(quantile(transferred, 0.5))}\n`,
);
process.stdout.write(
  `${JSON.stringify({
    bench: 'client',
    runs: RUNS,
    firstMapMs: { p50: quantile(firstMap, 0.5), min: Math.min(...firstMap), max: Math.max(...firstMap) },
    firstAircraftMs: {
      p50: quantile(firstAircraft, 0.5),
      min: Math.min(...firstAircraft),
      max: Math.max(...firstAircraft),
    },
    bundleBytes: sizes,
    transferredBytesP50: quantile(transferred, 0.5),
  })}\n`,
);
