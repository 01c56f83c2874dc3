import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Station } from '../../domain/station.js';
import { metricsHandler } from '../../metrics/http.js';
import { isCrossSite } from '../../security/origin-check.js';
import { runOperation } from '../../operations/table.js';
import { CTY_IMPORT_BODY_BYTES, CTY_IMPORT_PATH } from '../../lookup/operations.js';
import type { OpContext } from '../../operations/define.js';
import type { Services } from '../../services.js';
import { OpError, isOpError } from '../../util/errors.js';
import { ROUTES } from './routes.js';
import type { SseHub } from './sse.js';
import { renderStatusPage } from './status-page.js';

export const MAX_BODY_BYTES = 16 * 1024;

export interface HttpDeps {
  station: Station;
  services: Services;
  sse: SseHub;
  staticDir: string;
  frontendUrl: string;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
}

/** Content-Security-Policy of the pages the server serves (caller page, console). */
export const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; " +
  "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

export function clientAddress(req: Request): string {
  return req.socket.remoteAddress ?? 'unknown';
}

function isPublicPath(p: string): boolean {
  return !p.startsWith('/api/admin') && p !== '/metrics';
}

/** Writes an error in the original's shape, `{detail}`, plus the stable `code`. */
export function sendError(res: Response, err: OpError): void {
  const retry = err.details?.retry_after_s;
  if (typeof retry === 'number') res.setHeader('Retry-After', String(retry));
  if (err.code === 'AUTH_REQUIRED' || err.code === 'INVALID_CREDENTIALS') {
    res.setHeader('WWW-Authenticate', 'Basic realm="Pileup Buster", charset="UTF-8"');
  }
  const body: Record<string, unknown> =
    err.code === 'VALIDATION_ERROR' && Array.isArray(err.details?.errors)
      ? { detail: err.details.errors, code: err.code, message: err.message }
      : { detail: err.message, code: err.code, ...(err.details ?? {}) };
  res.status(err.status).json(body);
}

/**
 * The HTTP transport: the original's API paths mapped onto the operations table, the SSE stream, the status
 * page, health, and the built web pages.
 */
export function createHttpApp(deps: HttpDeps): express.Express {
  const { station, services, sse } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');

  app.use((req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (isPublicPath(req.path)) {
      // Public reads, SSE and registration are open to any origin, without credentials.
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Cache-Control, Last-Event-ID');
      res.setHeader('Access-Control-Max-Age', '600');
    }
    if (req.method === 'OPTIONS') {
      // Admin endpoints get no CORS headers: browsers refuse cross-origin admin calls.
      res.status(204).end();
      return;
    }
    next();
  });

  // A country-file import carries a whole cty.csv: its body is read only after admin authentication (below).
  const smallJson = express.json({ limit: MAX_BODY_BYTES, strict: false });
  app.use((req, res, next) => {
    if (req.path.toLowerCase() === CTY_IMPORT_PATH) next();
    else smallJson(req, res, next);
  });

  // Admin changes never come from another site's page (CSRF): see security/origin-check.ts.
  app.use('/api/admin', (req, _res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD' && isCrossSite(req)) {
      next(new OpError('FORBIDDEN', 'Cross-site admin requests are refused'));
      return;
    }
    next();
  });

  // Admin authentication: Basic (the original's) or Bearer session token.
  app.use('/api/admin', (req, _res, next) => {
    services.auth
      .verifyHeader(req.get('authorization'), clientAddress(req))
      .then((identity) => {
        res_locals(req).admin = identity.username;
        next();
      })
      .catch(next);
  });
  app.use(CTY_IMPORT_PATH, express.json({ limit: CTY_IMPORT_BODY_BYTES, strict: false }));

  const context = (req: Request): OpContext => {
    const admin = res_locals(req).admin;
    return {
      station,
      services,
      actor: admin ?? 'anonymous',
      isAdmin: admin !== undefined,
      clientAddress: clientAddress(req),
      transport: 'http',
    };
  };

  const paths = new Set<string>();
  for (const route of ROUTES) {
    paths.add(route.path);
    const handler = (req: Request, res: Response, next: NextFunction): void => {
      if (route.inactive503 && !station.isActive()) {
        next(new OpError('SYSTEM_INACTIVE', route.inactive503));
        return;
      }
      const input = route.input ? route.input(req) : undefined;
      runOperation(route.operation, context(req), input)
        .then((out) => {
          if (route.send) route.send(res, out);
          else res.status(200).json(out ?? null);
        })
        .catch(next);
    };
    if (route.method === 'GET') app.get(route.path, handler);
    else if (route.method === 'POST') app.post(route.path, handler);
    else app.delete(route.path, handler);
  }
  for (const p of paths) {
    app.all(p, (_req, _res, next) => next(new OpError('METHOD_NOT_ALLOWED', 'Method Not Allowed')));
  }

  app.get('/api/events/stream', (req, res) => sse.handle(req, res));

  app.get('/api/health', (_req, res) => {
    const counts = services.connections.counts();
    res.json({
      status: 'ok',
      version: services.version,
      uptime_s: Math.round((Date.now() - services.startedAt) / 1000),
      connections: { total: counts.sse + counts.ws_v2 + counts.ws_legacy, ...counts },
    });
  });

  app.get('/metrics', metricsHandler(services, clientAddress));

  app.get('/status', (_req, res) => {
    res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'");
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(renderStatusPage(station, deps.frontendUrl, services.url()));
  });

  app.use('/api', (_req, _res, next) => next(new OpError('NOT_FOUND', 'Not Found')));

  // The built web pages: caller page at /, console at /console/.
  const built = existsSync(path.join(deps.staticDir, 'index.html'));
  app.use((req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') res.setHeader('Content-Security-Policy', PAGE_CSP);
    next();
  });
  // Express matches '/console' and '/console/' alike: redirect only the form without the slash.
  app.get('/console', (req, res, next) => {
    if (req.originalUrl.split('?')[0] === '/console') res.redirect(301, '/console/');
    else next();
  });
  if (built) {
    app.use(
      express.static(deps.staticDir, {
        index: 'index.html',
        setHeaders: (res, file) => {
          if (file.includes(`${path.sep}assets${path.sep}`)) {
            res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
          } else res.setHeader('Cache-Control', 'no-cache');
        },
      }),
    );
  } else {
    app.get(['/', '/console/'], (_req, res) => {
      res
        .status(503)
        .type('html')
        .send(
          '<!doctype html><meta charset="utf-8"><title>Pileup Buster</title>' +
            '<p>The web pages are not built yet. Run <code>npm run build:renderer</code> and reload.</p>',
        );
    });
  }

  app.use((req, _res, next) => next(new OpError('NOT_FOUND', `Not Found: ${req.path}`)));

  // Errors: typed ones keep their code; body-parser's become INVALID_JSON / PAYLOAD_TOO_LARGE; the rest 500.
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) {
      res.end();
      return;
    }
    const fail = (e: OpError): void => {
      services.metrics?.rejected(e);
      sendError(res, e);
    };
    if (isOpError(err)) {
      fail(err);
      return;
    }
    const type = (err as { type?: string }).type;
    if (type === 'entity.too.large') {
      fail(new OpError('PAYLOAD_TOO_LARGE', `Request body too large (limit ${MAX_BODY_BYTES} bytes)`));
      return;
    }
    if (type === 'entity.parse.failed') {
      fail(new OpError('INVALID_JSON', 'Request body is not valid JSON'));
      return;
    }
    if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
      fail(new OpError('INVALID_REQUEST', 'Unsupported request body encoding'));
      return;
    }
    deps.log(
      'error',
      `${req.method} ${req.path} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    fail(new OpError('INTERNAL_ERROR', 'Internal server error'));
  });

  return app;
}

function res_locals(req: Request): { admin?: string } {
  return ((req as Request & { pbLocals?: { admin?: string } }).pbLocals ??= {});
}
