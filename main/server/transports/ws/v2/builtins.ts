import { z } from 'zod';
import { snapshotInputSchema, subscribeInputSchema } from '../../../../../shared/protocol/v2.js';

/**
 * Operations that belong to protocol v2 itself (sessions, subscriptions, snapshots, health) rather than to the
 * Station. They are served by the v2 connection; everything else goes to the operations table.
 */
export interface BuiltinOperation {
  name: string;
  auth: 'public' | 'admin';
  summary: string;
  /** What `data` may hold (documentation; the connection parses it). */
  input: z.ZodType;
}

const nothing = z.object({});

export const V2_BUILTINS: readonly BuiltinOperation[] = [
  {
    name: 'auth.logout',
    auth: 'public',
    summary: "Revoke this connection's session token and drop admin rights.",
    input: nothing,
  },
  {
    name: 'events.subscribe',
    auth: 'public',
    summary: 'Receive events (all, or the named ones); with `since`, replay the ones missed after that seq.',
    input: subscribeInputSchema,
  },
  {
    name: 'events.unsubscribe',
    auth: 'public',
    summary: 'Stop receiving events on this connection.',
    input: nothing,
  },
  {
    name: 'state.snapshot',
    auth: 'public',
    summary:
      'Everything the caller may see, with the seq it reflects (operators: and the admin part); with ' +
      '`positions` (ids or "all"), also those positions\' state, the positions list and the caller rules.',
    input: snapshotInputSchema,
  },
  {
    name: 'system.ping',
    auth: 'public',
    summary: 'Round trip check: {pong: true, server_time}.',
    input: nothing,
  },
  {
    name: 'system.heartbeat',
    auth: 'public',
    summary: 'Liveness: {status: "ok", server_time, uptime_s, seq}.',
    input: nothing,
  },
  {
    name: 'system.info',
    auth: 'public',
    summary: 'Server and protocol versions, operations, events and limits.',
    input: nothing,
  },
];

const names = new Set(V2_BUILTINS.map((b) => b.name));

export function isBuiltin(name: string): boolean {
  return names.has(name);
}
