/**
 * LAN access and connection counts, from the server's connect-info operation: the caller-page URL of every
 * network interface, how logging software connects, and how many callers, loggers and consoles are connected.
 */
import { useEffect, useState } from 'react';
import { getClient } from './current-client.js';
import { OPS } from './operations.js';
import { useConsole } from './store.js';
import { parseMetrics, type MetricsView } from './metrics-view.js';

export interface ConnectionCounts {
  callers: number;
  loggers: number;
  consoles: number;
}

export interface LabelledUrl {
  label: string;
  url: string;
}

export interface ConnectInfo {
  callerUrls: LabelledUrl[];
  /** Connect details for logging software: label and value (address, port, protocol paths). */
  logger: Array<{ label: string; value: string }>;
  counts: ConnectionCounts | null;
  /** The server's figures (`admin.get_metrics`), polled with the rest. */
  metrics: MetricsView | null;
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '';
}

function hostPart(address: string): string {
  return address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
}

/**
 * Reads `admin.get_connect_info` ({port, bind, local_url, caller_urls:[{interface, address, url}], paths}).
 * A server bound to one address is reachable only there, so only that address is offered.
 */
export function parseConnectInfo(result: unknown): ConnectInfo {
  const info: ConnectInfo = { callerUrls: [], logger: [], counts: null, metrics: null };
  if (!isRecord(result)) return info;
  const port = typeof result.port === 'number' ? result.port : null;
  const bind = typeof result.bind === 'string' ? result.bind : '0.0.0.0';
  const localUrl = typeof result.local_url === 'string' ? result.local_url : null;
  if (isWildcard(bind)) {
    if (Array.isArray(result.caller_urls)) {
      for (const item of result.caller_urls) {
        if (isRecord(item) && typeof item.url === 'string') {
          info.callerUrls.push({
            label: typeof item.interface === 'string' ? item.interface : '',
            url: item.url,
          });
        }
      }
    }
    if (localUrl) info.callerUrls.push({ label: 'this computer', url: localUrl });
  } else if (port !== null) {
    const loopback = bind === '127.0.0.1' || bind === '::1' || bind === 'localhost';
    info.callerUrls.push({
      label: loopback ? 'this computer only (bound to loopback)' : bind,
      url: `http://${hostPart(bind)}:${port}/`,
    });
  }
  const first = info.callerUrls[0];
  if (first && port !== null) {
    const host = new URL(first.url).host;
    const paths = isRecord(result.paths) ? result.paths : {};
    const path = (key: string, fallback: string): string =>
      typeof paths[key] === 'string' ? paths[key] : fallback;
    const addresses = info.callerUrls.map((entry) => new URL(entry.url).hostname).join(', ');
    info.logger = [
      { label: 'Address', value: addresses },
      { label: 'Port (HTTP, WebSocket)', value: String(port) },
      { label: 'WebSocket, protocol v2', value: `ws://${host}${path('websocket_v2', '/ws/connect')}` },
      { label: 'WebSocket, original protocol', value: `ws://${host}${path('websocket_legacy', '/api/ws')}` },
      { label: 'Server-Sent Events', value: `http://${host}${path('sse', '/api/events/stream')}` },
      { label: 'HTTP API', value: `http://${host}/api/` },
      { label: 'Status page', value: `http://${host}${path('status_page', '/status')}` },
    ];
  }
  return info;
}

/**
 * Connection counts from `admin.get_metrics` ({connections:{sse, ws_v2, ws_v2_admin, ws_legacy}}): caller pages
 * listen over SSE, operator consoles are signed-in protocol v2 connections, logging programs are the rest.
 */
export function parseCounts(metrics: unknown): ConnectionCounts | null {
  if (!isRecord(metrics) || !isRecord(metrics.connections)) return null;
  const c = metrics.connections;
  const consoles = count(c.ws_v2_admin);
  return {
    callers: count(c.sse),
    consoles,
    loggers: Math.max(0, count(c.ws_v2) - consoles) + count(c.ws_legacy),
  };
}

/** Polls connect info while the console is signed in (counts change as clients come and go). */
export function useConnectInfo(intervalMs = 5000): ConnectInfo | null {
  const ready = useConsole((s) => s.session === 'ready');
  const [info, setInfo] = useState<ConnectInfo | null>(null);
  useEffect(() => {
    if (!ready) return;
    let stopped = false;
    const load = async (): Promise<void> => {
      const client = getClient();
      if (!client) return;
      try {
        const [result, metrics] = await Promise.all([
          client.request(OPS.connectInfo, {}),
          client.request(OPS.metrics, {}).catch(() => null),
        ]);
        if (!stopped) {
          setInfo({
            ...parseConnectInfo(result),
            counts: parseCounts(metrics),
            metrics: parseMetrics(metrics),
          });
        }
      } catch {
        // keep the last known info; the connection indicator shows the outage
      }
    };
    void load();
    const timer = setInterval(() => void load(), intervalMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [ready, intervalMs]);
  return info;
}
