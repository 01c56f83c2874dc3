import os from 'node:os';
import { z } from 'zod';
import { defineOperation, noInput } from './define.js';
import { positionIdField } from './positions.js';
import { positionInput } from './position-input.js';

const freeText = z.string().max(64);

export const adminStationOperations = [
  defineOperation({
    name: 'admin.ping',
    auth: 'admin',
    summary: 'Authenticated health check.',
    input: noInput,
    handler: async (ctx) => ({
      message: 'pong',
      authenticated: true,
      username: ctx.actor,
      server_time: new Date(ctx.station.now()).toISOString(),
      ping_type: ctx.transport === 'http' ? 'admin_authenticated_http' : 'admin_authenticated_ws',
      status: 'healthy',
    }),
  }),
  defineOperation({
    name: 'admin.get_system_status',
    auth: 'admin',
    summary: 'The full status document: {active, paused, last_updated, updated_by}.',
    input: noInput,
    handler: async (ctx) => ctx.station.getSystem(),
  }),
  defineOperation({
    name: 'admin.set_system_status',
    aliases: ['admin.toggle_system'],
    auth: 'admin',
    summary:
      'Switch the system on or off. The same state again changes nothing. Switching off clears the queue, ' +
      'drops the current QSO (not logged) and clears frequency and split, announcing each.',
    input: z.object({ active: z.boolean(), position_id: positionIdField }).loose(),
    handler: async (ctx, input) => {
      const r = await ctx.station.setActive(input.active, ctx.actor, input.position_id);
      const word = input.active ? 'activated' : 'deactivated';
      let message: string;
      if (!r.changed) message = `System already ${input.active ? 'active' : 'inactive'}. No changes made.`;
      else {
        message = `System ${word} successfully. Queue cleared (${r.cleared_count} entries removed)`;
        if (r.qso_cleared) message += '. Current QSO cleared';
      }
      return {
        message,
        status: {
          ...r.status,
          queue_cleared: r.changed && !input.active,
          cleared_count: r.cleared_count,
          qso_cleared: r.qso_cleared,
          worked_callers_cleared: 0,
          changed: r.changed,
        },
      };
    },
  }),
  defineOperation({
    name: 'admin.get_queue_pause',
    auth: 'admin',
    summary: 'Whether registration is paused.',
    input: noInput,
    handler: async (ctx) => ({ paused: ctx.station.getSystem().paused }),
  }),
  defineOperation({
    name: 'admin.set_queue_pause',
    auth: 'admin',
    summary: 'Pause or resume registration; the queue stays as it is.',
    input: z.object({ paused: z.boolean(), position_id: positionIdField }).loose(),
    handler: async (ctx, input) => {
      const r = await ctx.station.setPaused(input.paused, ctx.actor, input.position_id);
      return { message: input.paused ? 'Queue paused' : 'Queue resumed', paused: r.paused };
    },
  }),
  defineOperation({
    name: 'admin.set_frequency',
    auth: 'admin',
    summary:
      'Set the frequency (free text, kept verbatim), optionally band and mode; the band is derived when absent.',
    input: z
      .object({
        frequency: freeText,
        band: z.string().max(16).nullish(),
        mode: z.string().max(16).nullish(),
        position_id: positionIdField,
      })
      .loose(),
    handler: async (ctx, input) => {
      const f = await ctx.station.setFrequency(
        {
          frequency: input.frequency,
          ...(input.band !== undefined ? { band: input.band } : {}),
          ...(input.mode !== undefined ? { mode: input.mode } : {}),
        },
        ctx.actor,
        input.position_id,
      );
      return { message: `Frequency set to ${input.frequency}`, frequency_data: f };
    },
  }),
  defineOperation({
    name: 'admin.delete_frequency',
    aliases: ['admin.clear_frequency'],
    auth: 'admin',
    summary: 'Clear the frequency.',
    input: positionInput,
    handler: async (ctx, input) => ({
      message: 'Frequency cleared successfully',
      frequency_data: await ctx.station.clearFrequency(ctx.actor, input.position_id),
    }),
  }),
  defineOperation({
    name: 'admin.set_split',
    auth: 'admin',
    summary: 'Set the split (free text, e.g. "UP 5").',
    input: z.object({ split: freeText, position_id: positionIdField }).loose(),
    handler: async (ctx, input) => ({
      message: `Split set to ${input.split}`,
      split_data: await ctx.station.setSplit(input.split, ctx.actor, input.position_id),
    }),
  }),
  defineOperation({
    name: 'admin.delete_split',
    aliases: ['admin.clear_split'],
    auth: 'admin',
    summary: 'Clear the split.',
    input: positionInput,
    handler: async (ctx, input) => ({
      message: 'Split cleared',
      split_data: await ctx.station.clearSplit(ctx.actor, input.position_id),
    }),
  }),
  defineOperation({
    name: 'admin.get_beam_heading',
    auth: 'admin',
    summary: 'The beam heading (degrees) or null.',
    input: noInput,
    handler: async (ctx) => ({ beam_heading: ctx.station.getBeam().beam_heading }),
  }),
  defineOperation({
    name: 'admin.set_beam_heading',
    auth: 'admin',
    summary: 'Set the beam heading, 0..360 degrees.',
    input: z.object({ beam_heading: z.number().min(0).max(360), position_id: positionIdField }).loose(),
    handler: async (ctx, input) => ({
      beam_heading: (await ctx.station.setBeamHeading(input.beam_heading, input.position_id)).beam_heading,
    }),
  }),
  defineOperation({
    name: 'admin.delete_beam_heading',
    auth: 'admin',
    summary: 'Clear the beam heading.',
    input: positionInput,
    handler: async (ctx, input) => ({
      beam_heading: (await ctx.station.setBeamHeading(null, input.position_id)).beam_heading,
    }),
  }),
  defineOperation({
    name: 'admin.get_beam_heading_visibility',
    auth: 'admin',
    summary: 'Whether callers see the beam heading.',
    input: noInput,
    handler: async (ctx) => ({ beam_heading_visible: ctx.station.getBeam().beam_heading_visible }),
  }),
  defineOperation({
    name: 'admin.set_beam_heading_visibility',
    auth: 'admin',
    summary: 'Show or hide the beam heading to callers.',
    input: z.object({ beam_heading_visible: z.boolean(), position_id: positionIdField }).loose(),
    handler: async (ctx, input) => ({
      beam_heading_visible: (
        await ctx.station.setBeamHeadingVisible(input.beam_heading_visible, input.position_id)
      ).beam_heading_visible,
    }),
  }),
  defineOperation({
    name: 'admin.get_logger_integration',
    auth: 'admin',
    summary: 'The "Send to Logger" flag.',
    input: noInput,
    handler: async (ctx) => ctx.station.getLoggerIntegration(),
  }),
  defineOperation({
    name: 'admin.set_logger_integration',
    auth: 'admin',
    summary: 'Enable or disable "Send to Logger" (also gates logging_direct).',
    input: z.object({ enabled: z.boolean() }).loose(),
    handler: async (ctx, input) => {
      const state = await ctx.station.setLoggerIntegration(input.enabled, ctx.actor);
      return {
        message: `Send to Logger ${input.enabled ? 'enabled' : 'disabled'} successfully`,
        ...state,
      };
    },
  }),
  defineOperation({
    name: 'admin.get_connect_info',
    auth: 'admin',
    summary:
      'How callers and logging software reach this server: the caller-page URL for each network interface, ' +
      'the port and the protocol paths.',
    input: noInput,
    handler: async (ctx) => {
      const url = new URL(ctx.services.url());
      const port = Number(url.port);
      const addresses: { interface: string; address: string; family: 'IPv4' | 'IPv6'; url: string }[] = [];
      for (const [name, infos] of Object.entries(os.networkInterfaces())) {
        for (const info of infos ?? []) {
          if (info.internal || (info.family === 'IPv6' && info.address.startsWith('fe80'))) continue;
          const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
          addresses.push({
            interface: name,
            address: info.address,
            family: info.family,
            url: `http://${host}:${port}/`,
          });
        }
      }
      return {
        port,
        bind: ctx.services.config.get().host ?? url.hostname,
        local_url: `http://127.0.0.1:${port}/`,
        caller_urls: addresses,
        paths: {
          caller_page: '/',
          console: '/console/',
          sse: '/api/events/stream',
          websocket_v2: '/ws/connect',
          websocket_legacy: '/api/ws',
          status_page: '/status',
        },
      };
    },
  }),
];
