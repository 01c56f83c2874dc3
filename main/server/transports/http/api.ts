import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery, type ParsedUrlQuery } from 'node:querystring';
import { serveMetrics } from './metrics-endpoint.js';
import type { OpContext } from '../../operations/define.js';
import { runOperation } from '../../operations/table.js';
import { isCrossSite, loginThrottleKey } from '../../security/origin-check.js';
import { allowedOriginOf, isLocalLoggerRequest } from '../../security/access.js';
import type { Services } from '../../services.js';
import type { Station } from '../../domain/station.js';
import { OpError } from '../../util/errors.js';
import {
  MAX_BODY_BYTES,
  answerFailure,
  clientAddress,
  headerOf,
  readJsonBody,
  sendJson,
  setAdminCorsHeaders,
  setCommonHeaders,
} from './http-io.js';
import { ROUTES, type ApiRequest, type Route } from './routes.js';
import type { SseHub } from './sse.js';

export interface ApiDeps {
  station: Station;
  services: Services;
  sse: SseHub;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
}

interface CompiledRoute {
  route: Route;
  /** Lower-case path before the parameter (with its `/`), for routes that have one. */
  prefix?: string;
  param?: 'callsign' | 'id';
  /** Lower-case path after an `:id` parameter (with its `/`), for routes such as `/api/positions/:id/state`. */
  suffix?: string;
}

interface Match {
  route: Route;
  params: ApiRequest['params'];
}

/** The route table, compiled: exact paths in a map, parameterised ones as prefixes, table order kept. */
class RouteMatcher {
  private readonly exact = new Map<string, Route[]>();
  private readonly withParam: CompiledRoute[] = [];
  private readonly order = new Map<Route, number>();

  constructor(routes: readonly Route[]) {
    routes.forEach((route, i) => {
      this.order.set(route, i);
      const m = /^(.*\/)(\*callsign|:id)((?:\/[^/:*]+)*)$/.exec(route.path);
      if (!m || (m[2] !== ':id' && m[3] !== '')) {
        const key = route.path.toLowerCase();
        this.exact.set(key, [...(this.exact.get(key) ?? []), route]);
      } else {
        this.withParam.push({
          route,
          prefix: m[1]!.toLowerCase(),
          param: m[2] === ':id' ? 'id' : 'callsign',
          suffix: m[3]!.toLowerCase(),
        });
      }
    });
  }

  /** Every route whose path matches, in table order. */
  match(lowerPath: string, rawPath: string): Match[] {
    const out: Match[] = (this.exact.get(lowerPath) ?? []).map((route) => ({ route, params: {} }));
    for (const c of this.withParam) {
      const suffix = c.suffix ?? '';
      if (!lowerPath.startsWith(c.prefix!) || !lowerPath.endsWith(suffix)) continue;
      if (lowerPath.length <= c.prefix!.length + suffix.length) continue;
      const rest = rawPath.slice(c.prefix!.length, rawPath.length - suffix.length);
      if (c.param === 'id' && rest.includes('/')) continue;
      out.push({ route: c.route, params: { [c.param!]: decodePath(rest) } });
    }
    if (out.length > 1) out.sort((a, b) => this.order.get(a.route)! - this.order.get(b.route)!);
    return out;
  }
}

function decodePath(raw: string): string {
  try {
    return raw.split('/').map(decodeURIComponent).join('/');
  } catch {
    throw new OpError('INVALID_REQUEST', 'The path is not valid percent-encoding');
  }
}

/** Whether a path belongs to the API (answered by {@link createApiHandler}) rather than to the web pages. */
export function isApiPath(lowerPath: string): boolean {
  return (
    lowerPath === '/api' ||
    lowerPath.startsWith('/api/') ||
    lowerPath === '/metrics' ||
    lowerPath === '/metrics/'
  );
}

/** The original's logging-direct endpoint, which may be opened to local loggers (security/access.ts). */
const LOGGING_DIRECT_PATH = '/api/admin/qso/logging-direct';
/** Who a QSO started by an unauthenticated local logger is attributed to. */
const LOCAL_LOGGER_ACTOR = 'logger (loopback)';

/**
 * The HTTP API on node's own request and response: the original's paths mapped onto the operations table, the
 * SSE stream, health and metrics. It reads JSON bodies and writes JSON answers itself, without a framework's
 * per-request layers: registrations are the hot path of a pileup.
 */
export function createApiHandler(
  deps: ApiDeps,
): (req: IncomingMessage, res: ServerResponse, target: { path: string; search: string }) => void {
  const { station, services, sse } = deps;
  const routes = new RouteMatcher(ROUTES);

  const handle = async (req: IncomingMessage, res: ServerResponse, rawPath: string, search: string) => {
    let lowerPath = rawPath.toLowerCase();
    if (lowerPath.length > 1 && lowerPath.endsWith('/')) {
      lowerPath = lowerPath.slice(0, -1);
      rawPath = rawPath.slice(0, -1);
    }
    setCommonHeaders(res, lowerPath);
    const isAdminPath = lowerPath === '/api/admin' || lowerPath.startsWith('/api/admin/');
    const allowedOrigin = isAdminPath ? allowedOriginOf(req, services.access) : null;
    if (isAdminPath) res.setHeader('Vary', 'Origin');
    if (allowedOrigin !== null) setAdminCorsHeaders(res, allowedOrigin);
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
    if (method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    const query: ParsedUrlQuery = search === '' ? {} : parseQuery(search);

    if (lowerPath === '/api/events/stream' && req.method === 'GET') {
      sse.handle(req, res, query);
      return;
    }
    if (lowerPath === '/api/health' && method === 'GET') {
      const counts = services.connections.counts();
      sendJson(res, 200, {
        status: 'ok',
        version: services.version,
        uptime_s: Math.round((Date.now() - services.startedAt) / 1000),
        connections: { total: counts.sse + counts.ws_v2 + counts.ws_legacy, ...counts },
        limits: {
          tcp_max_connections: services.limits.tcpMaxConnections ?? null,
          tcp_max_per_address: services.limits.tcpMaxPerAddress ?? null,
          open_file_limit: services.limits.openFileLimit ?? null,
        },
      });
      return;
    }
    if (lowerPath === '/metrics' && method === 'GET') {
      await serveMetrics(services, req, res);
      return;
    }

    let admin: string | undefined;
    if (isAdminPath) {
      // Admin changes never come from another site's page (CSRF): see security/origin-check.ts. Pages of the
      // allowed origins (security/access.ts) are the exception.
      if (method !== 'GET' && allowedOrigin === null && isCrossSite(req)) {
        throw new OpError('FORBIDDEN', 'Cross-site admin requests are refused');
      }
      if (
        lowerPath === LOGGING_DIRECT_PATH &&
        method === 'POST' &&
        services.access.unauthenticatedLoggingDirect === true &&
        isLocalLoggerRequest(req)
      ) {
        admin = LOCAL_LOGGER_ACTOR;
      } else {
        const key = loginThrottleKey(req, clientAddress(req));
        admin = (await services.auth.verifyHeader(headerOf(req, 'authorization'), key)).username;
      }
    }
    const matches = routes.match(lowerPath, rawPath);
    const found = matches.find((m) => m.route.method === method);
    // A route may take a larger body (a whole cty.csv): it is read only after authentication.
    const body = await readJsonBody(req, found?.route.maxBodyBytes ?? MAX_BODY_BYTES);

    if (!found) {
      if (matches.length > 0) throw new OpError('METHOD_NOT_ALLOWED', 'Method Not Allowed');
      throw new OpError('NOT_FOUND', 'Not Found');
    }
    const { route, params } = found;
    const context: OpContext = {
      station,
      services,
      actor: admin ?? 'anonymous',
      isAdmin: admin !== undefined,
      clientAddress: clientAddress(req),
      transport: 'http',
    };
    const input = route.input ? route.input({ params, query, body }) : undefined;
    const out = await runOperation(route.operation, context, input);
    if (route.send) route.send(res, out);
    else sendJson(res, 200, out);
  };

  return (req, res, { path: rawPath, search }) => {
    handle(req, res, rawPath, search).catch((err: unknown) =>
      answerFailure(res, err, `${req.method} ${rawPath}`, { log: deps.log, metrics: services.metrics }),
    );
  };
}
