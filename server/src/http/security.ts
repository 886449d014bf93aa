import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { forbidden } from '../errors.js';

/** The optional online basemap (client/src/map/basemap.ts): the one outside host the page may load from. */
const ONLINE_BASEMAP = 'https://mapapi.geodata.gov.hk';

/**
 * Security headers (helmet) with a Content Security Policy MapLibre works under: its worker starts from a
 * blob: URL, tiles and images may be blob:/data:, the live map talks socket.io over ws(s) to this origin.
 * Nothing else outside loads: no inline script, no eval, no plugins, no framing.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        childSrc: ["'self'", 'blob:'],
        // MapLibre and the HTML overlays set element styles; the API docs page has one <style> block
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', ONLINE_BASEMAP],
        connectSrc: ["'self'", 'ws:', 'wss:', ONLINE_BASEMAP],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // the page loads cross-origin basemap tiles without CORP headers
    crossOriginEmbedderPolicy: false,
  });
}

/**
 * True when a browser request comes from this server's own page (or an allowed origin). Requests without an
 * Origin header (curl, the CLI, other servers) are not a browser's cross-site request and pass; `Origin: null`
 * (sandboxed frames, file: pages) and any other origin do not.
 */
export function sameOrigin(req: IncomingMessage, allowedOrigins: readonly string[]): boolean {
  if (req.headers['sec-fetch-site'] === 'cross-site') return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (allowedOrigins.includes(origin)) return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  return host !== '' && host === req.headers.host;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Refuses every state-changing request a browser sends from another site (CSRF), before any parsing. */
export function originGuard(allowedOrigins: readonly string[]): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method) || sameOrigin(req, allowedOrigins)) return next();
    next(forbidden(`cross-origin request refused: ${req.headers.origin ?? 'a cross-site page'} is not this server`));
  };
}

/** Source maps are a development aid: 404 unless SERVE_SOURCE_MAPS=1. */
export function hideSourceMaps(serve: boolean): RequestHandler {
  return (req, res, next) => {
    if (!serve && req.path.endsWith('.map')) {
      res.status(404).end();
      return;
    }
    next();
  };
}
