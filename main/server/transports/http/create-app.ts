import { existsSync } from 'node:fs';
import type { RequestListener } from 'node:http';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Station } from '../../domain/station.js';
import type { Services } from '../../services.js';
import { OpError } from '../../util/errors.js';
import { createApiHandler, isApiPath } from './api.js';
import { answerFailure, requestTarget, setCommonHeaders } from './http-io.js';
import type { SseHub } from './sse.js';
import { renderStatusPage } from './status-page.js';

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

/**
 * The pages' CSP; a relay on another origin (its `events_url` an absolute URL) is added to `connect-src`, so
 * that the caller page may open its event stream.
 */
export function pageCsp(relayEventsUrl: string | null | undefined): string {
  if (!relayEventsUrl || relayEventsUrl.startsWith('/')) return PAGE_CSP;
  let origin: string;
  try {
    origin = new URL(relayEventsUrl).origin;
  } catch {
    return PAGE_CSP;
  }
  return PAGE_CSP.replace("connect-src 'self'", `connect-src 'self' ${origin}`);
}

/**
 * The HTTP transport's request listener: the API (api.ts, on node's own request and response) and the web
 * pages (express: the built caller page and console, the status page).
 */
export function createHttpHandler(deps: HttpDeps): RequestListener {
  const api = createApiHandler(deps);
  const pages = createPagesApp(deps);
  const hosts = deps.services.edge.hosts;
  return (req, res) => {
    if (hosts && !hosts.allows(req.headers.host)) {
      // DNS rebinding: a name this server was never given (security/host-check.ts)
      answerFailure(
        res,
        new OpError(
          'MISDIRECTED_REQUEST',
          'This server does not answer to that host name; the operator can add it to public_hosts',
        ),
        `${req.method} ${req.url}`,
        { log: deps.log, metrics: deps.services.metrics },
      );
      return;
    }
    const target = requestTarget(req);
    if (isApiPath(target.path.toLowerCase())) api(req, res, target);
    else void pages(req, res);
  };
}

/** The web pages: caller page at /, console at /console/, the status page. */
function createPagesApp(deps: HttpDeps): express.Express {
  const { station, services } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');

  app.use((req, res, next) => {
    setCommonHeaders(res, req.path.toLowerCase());
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    next();
  });

  app.get('/status', (_req, res) => {
    res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'");
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(renderStatusPage(station, deps.frontendUrl, services.url()));
  });

  // The built web pages: caller page at /, console at /console/.
  const built = existsSync(path.join(deps.staticDir, 'index.html'));
  app.use((req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') {
      res.setHeader('Content-Security-Policy', pageCsp(services.publicEventsUrl()));
    }
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

  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    answerFailure(res, err, `${req.method} ${req.path}`, { log: deps.log, metrics: services.metrics });
  });

  return app;
}
