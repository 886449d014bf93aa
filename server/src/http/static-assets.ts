import fs from 'node:fs';
import path from 'node:path';
import express from 'express';

/** Hashed build output (client/dist/assets): the name changes with the content, so browsers may keep it. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the built client: the brotli or gzip file the build wrote beside an asset (client/scripts/precompress.ts)
 * when the browser accepts it, else the asset itself. Which files have compressed twins is read once at start,
 * so a request costs no file-system probe and only paths the build produced are ever looked up.
 */
export function clientAssets(dir: string): express.RequestHandler[] {
  const twins = new Map<string, { br: boolean; gz: boolean }>();
  for (const file of walk(dir)) {
    if (file.endsWith('.br') || file.endsWith('.gz')) continue;
    const br = fs.existsSync(`${file}.br`);
    const gz = fs.existsSync(`${file}.gz`);
    if (br || gz) twins.set(`/${path.relative(dir, file).split(path.sep).join('/')}`, { br, gz });
  }
  const cacheControl = (urlPath: string) => (urlPath.startsWith('/assets/') ? IMMUTABLE : 'no-cache');
  const compressed: express.RequestHandler = (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const twin = twins.get(req.path);
    if (!twin) return next();
    // Brotli first whenever accepted: browsers list gzip first, at the same weight, yet brotli is smaller.
    const encoding =
      twin.br && req.acceptsEncodings('br') === 'br'
        ? 'br'
        : twin.gz && req.acceptsEncodings('gzip') === 'gzip'
          ? 'gzip'
          : 'identity';
    res.vary('Accept-Encoding');
    if (encoding !== 'br' && encoding !== 'gzip') return next();
    res.type(path.extname(req.path));
    res.setHeader('Content-Encoding', encoding);
    res.setHeader('Cache-Control', cacheControl(req.path));
    res.sendFile(path.join(dir, `${req.path}.${encoding === 'br' ? 'br' : 'gz'}`), { cacheControl: false }, (err) => {
      if (err) next(err);
    });
  };
  const plain = express.static(dir, {
    index: false,
    cacheControl: false,
    setHeaders: (res, file) => {
      const urlPath = `/${path.relative(dir, file).split(path.sep).join('/')}`;
      res.setHeader('Cache-Control', cacheControl(urlPath));
      if (twins.has(urlPath)) res.setHeader('Vary', 'Accept-Encoding');
    },
  });
  return [compressed, plain];
}

function* walk(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else yield full;
  }
}
