import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAssets } from '../../server/src/http/static-assets.js';
import { buildClient } from '../e2e/harness.js';

/**
 * The built client as browsers get it: MapLibre in its own chunk, no source maps, every text asset with brotli
 * and gzip twins that decompress to the same bytes, and the server choosing the encoding the browser accepts.
 */
let dir: string;
let server: ReturnType<express.Express['listen']>;
let base: string;

function files(root: string): string[] {
  return fs
    .readdirSync(root, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

beforeAll(async () => {
  dir = await buildClient();
  const app = express();
  app.use(...clientAssets(dir));
  app.use((_req, res) => res.status(404).end());
  server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 180_000);

afterAll(async () => {
  await new Promise((r) => server?.close(r)); // the build is shared with the e2e files (buildClient), so it stays
});

describe('the client build', () => {
  it('splits MapLibre into its own chunk and ships no source maps', () => {
    const all = files(dir);
    expect(all.filter((f) => f.endsWith('.map'))).toEqual([]);
    const js = all.filter((f) => /^assets\/.*\.js$/.test(f));
    const maplibre = js.filter((f) => /^assets\/maplibre-[\w-]+\.js$/.test(f));
    expect(maplibre).toHaveLength(1);
    const app = js.filter((f) => !maplibre.includes(f));
    expect(app.length).toBeGreaterThan(0);
    // the app's own chunks hold none of MapLibre's code (its class names are in the library chunk only)
    for (const f of app) expect(fs.readFileSync(path.join(dir, f), 'utf8')).not.toMatch(/maplibregl|MapLibre GL JS/);
    const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
    expect(html).not.toMatch(/sourceMappingURL/);
  });

  it('writes brotli and gzip twins of every text asset, with the same content', () => {
    const all = files(dir);
    const text = all.filter(
      (f) => /\.(js|mjs|css|html|geojson)$/.test(f) && fs.statSync(path.join(dir, f)).size >= 1024,
    );
    expect(text.length).toBeGreaterThan(4);
    for (const f of text) {
      const raw = fs.readFileSync(path.join(dir, f));
      expect(zlib.brotliDecompressSync(fs.readFileSync(path.join(dir, `${f}.br`))).equals(raw)).toBe(true);
      expect(zlib.gunzipSync(fs.readFileSync(path.join(dir, `${f}.gz`))).equals(raw)).toBe(true);
    }
  });
});

describe('serving it', () => {
  const asset = () => files(dir).find((f) => /^assets\/maplibre-[\w-]+\.js$/.test(f)) as string;

  it('sends brotli, else gzip, else the plain file, as the browser accepts, and says it varies', async () => {
    const raw = fs.readFileSync(path.join(dir, asset()));
    const get = (enc: string) =>
      fetch(`${base}/${asset()}`, { headers: { 'accept-encoding': enc }, decompress: false } as RequestInit);
    const br = await get('gzip, deflate, br');
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('content-type')).toMatch(/javascript/);
    expect(br.headers.get('vary')).toMatch(/Accept-Encoding/i);
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    // fetch decodes what it is told is encoded: the body is the asset itself
    expect(Buffer.from(await br.arrayBuffer()).equals(raw)).toBe(true);
    const gz = await get('gzip');
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(Buffer.from(await gz.arrayBuffer()).equals(raw)).toBe(true);
    // a client that names no encoding gets the plain file
    const bare = await new Promise<http.IncomingMessage>((resolve) => http.get(`${base}/${asset()}`, resolve));
    bare.resume();
    expect(bare.headers['content-encoding']).toBeUndefined();
    const plain = await get('identity');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(Number(plain.headers.get('content-length'))).toBe(raw.length);
    expect(Buffer.from(await plain.arrayBuffer()).equals(raw)).toBe(true);
  });

  it('never serves a path the build did not write, and keeps the app shell uncached', async () => {
    expect((await fetch(`${base}/assets/../../package.json`)).status).toBe(404);
    expect((await fetch(`${base}/%2e%2e/%2e%2e/package.json`)).status).toBe(404);
    expect((await fetch(`${base}/assets/nothing.js`, { headers: { 'accept-encoding': 'br' } })).status).toBe(404);
    const shell = await fetch(`${base}/index.html`, { headers: { 'accept-encoding': 'br' } });
    expect(shell.status).toBe(200);
    expect(shell.headers.get('cache-control')).toBe('no-cache');
    expect(await shell.text()).toMatch(/<html/i);
  });
});
