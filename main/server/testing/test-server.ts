import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningServer } from '../app.js';
import type { Attach } from '../attachment.js';
import { loadConfig, type ServerConfig } from '../config.js';
import type { CallsignLookup } from '../domain/types.js';
import type { LookupService } from '../lookup/service.js';
import type { Log } from '../util/log.js';
import { composeServer, defaultPaths, registerSubsystemOperations } from '../compose.js';

// a test server has the whole table, as the real one has
registerSubsystemOperations();

export const TEST_ADMIN = { username: 'admin', password: 'test-password-123' } as const;

export interface TestServer {
  server: RunningServer;
  url: string;
  dataDir: string;
  config: ServerConfig;
  /** Authorization header value for the test admin. */
  basic: string;
  /** fetch() against the server, JSON in and out. */
  request(
    method: string,
    path: string,
    options?: { body?: unknown; rawBody?: string; admin?: boolean; headers?: Record<string, string> },
  ): Promise<{ status: number; body: unknown; headers: Headers }>;
  close(): Promise<void>;
}

/**
 * Starts a real server in this process on an ephemeral loopback port with a temporary data dir.
 * `env` adds environment variables (MAX_QUEUE_SIZE...), `args` command-line options.
 */
export async function startTestServer(
  options: {
    env?: Record<string, string>;
    args?: string[];
    dataDir?: string;
    /** The Station's lookup (a fake); without it the Station knows only the callsign, or what `lookups` knows. */
    lookup?: CallsignLookup;
    /**
     * The callsign lookups for the lookup operations: a service, or 'configured' to build them from the
     * configuration as the real server does; default none (LOOKUP_UNAVAILABLE).
     */
    lookups?: LookupService | 'configured';
    /** The server's log lines. */
    log?: Log;
    /** Transports to attach (the WebSocket protocols); default none. */
    attach?: Attach[];
    keepDataDir?: boolean;
    /** The web pages to serve (default: the built ones, if any). */
    staticDir?: string;
  } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'pb-test-'));
  const config = await loadConfig(
    ['--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir, ...(options.args ?? [])],
    {
      ADMIN_PASSWORD: TEST_ADMIN.password,
      REGISTRATION_RATE_PER_MINUTE: '0',
      REGISTRATION_RATE_PER_CALLSIGN_PER_MINUTE: '0',
      ...options.env,
    },
    { ...defaultPaths(), ...(options.staticDir ? { staticDir: options.staticDir } : {}) },
  );
  const server = await composeServer(config, {
    ...(options.log ? { log: options.log } : {}),
    lookups: options.lookups ?? null,
    ...(options.lookup ? { stationLookup: options.lookup } : {}),
    transports: options.attach ?? [],
  });
  const basic = `Basic ${Buffer.from(`${TEST_ADMIN.username}:${TEST_ADMIN.password}`).toString('base64')}`;
  const url = server.url;
  return {
    server,
    url,
    dataDir,
    config,
    basic,
    async request(method, p, o = {}) {
      const headers: Record<string, string> = { ...o.headers };
      if (o.admin) headers.authorization = basic;
      let body: string | undefined;
      if (o.rawBody !== undefined) body = o.rawBody;
      else if (o.body !== undefined) body = JSON.stringify(o.body);
      if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
      const res = await fetch(`${server.url}${p}`, {
        method,
        headers,
        ...(body !== undefined ? { body } : {}),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text === '' ? null : JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      return { status: res.status, body: parsed, headers: res.headers };
    },
    async close() {
      await server.close();
      if (!options.keepDataDir && !options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
