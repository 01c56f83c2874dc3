/** Operations of the relay: its state for the console, and its target (settings). */
import { defineOperation, noInput, type OpContext } from '../operations/define.js';
import { relayPatchSchema } from './config.js';
import type { RelayService } from './service.js';
import './services.js'; // ctx.services.relay

function relay(ctx: OpContext): RelayService {
  return ctx.services.relay;
}

export const relayOperations = [
  defineOperation({
    name: 'admin.get_relay',
    auth: 'admin',
    summary:
      'The nchan relay: {configured, settings: {publish_url, events_url, secret_header, secret_set} | null, ' +
      'status: {state, last_publish_at, last_error, subscribers, published, failures, gaps, snapshots, ' +
      'pending, bytes_sent} | null}.',
    input: noInput,
    handler: async (ctx) => relay(ctx).view(),
  }),
  defineOperation({
    name: 'admin.set_relay',
    auth: 'admin',
    summary:
      'Sets the relay target, {relay: {publish_url, events_url, secret_header?, secret?}}, or switches it off ' +
      'with {relay: null}. Saved to the config file; publishing restarts with a snapshot. Returns admin.get_relay.',
    input: relayPatchSchema,
    handler: async (ctx, input) => relay(ctx).configure(input.relay),
  }),
];
