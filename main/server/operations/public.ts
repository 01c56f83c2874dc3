import { z } from 'zod';
import type { PublicState } from '../../../shared/protocol/public-state.js';
import { DEFAULT_POSITION_ID } from '../../../shared/protocol/positions.js';
import { defineOperation, noInput } from './define.js';

export const publicOperations = [
  defineOperation({
    name: 'public.get_status',
    auth: 'public',
    summary: 'Whether the system is on the air: {active}.',
    input: noInput,
    handler: async (ctx) => ({ active: ctx.station.isActive() }),
  }),
  defineOperation({
    name: 'public.get_frequency',
    auth: 'public',
    summary: 'The frequency with band and mode, without who set it.',
    input: noInput,
    handler: async (ctx) => ctx.station.publicFrequency(),
  }),
  defineOperation({
    name: 'public.get_split',
    auth: 'public',
    summary: 'The split, without who set it.',
    input: noInput,
    handler: async (ctx) => ctx.station.publicSplit(),
  }),
  defineOperation({
    name: 'public.get_worked_callers',
    auth: 'public',
    summary: 'Stations worked within the worked-log window, newest first, one entry per callsign.',
    input: noInput,
    handler: async (ctx) => {
      const worked = ctx.station.getWorkedCallers();
      return { worked_callers: worked, total: worked.length, system_active: ctx.station.isActive() };
    },
  }),
  defineOperation({
    name: 'public.get_previous_qsos',
    auth: 'public',
    summary: 'The last N worked stations shaped as QSOs (limit 1..100, default 10).',
    input: z
      .object({ limit: z.coerce.number().int().min(1).max(100).default(10) })
      .loose()
      .default({ limit: 10 }),
    handler: async (ctx, input) => {
      if (!ctx.station.isActive()) return { previous_qsos: [], limit: input.limit, system_active: false };
      const previous = ctx.station
        .getWorkedCallers()
        .slice(0, input.limit)
        .map((w) => ({
          callsign: w.callsign,
          timestamp: w.worked_timestamp,
          qrz: {
            name: w.name,
            address: w.location,
            dxcc_name: w.country,
            image: w.qrz_image,
            url: `https://www.qrz.com/db/${encodeURIComponent(w.callsign)}`,
          },
          metadata: { source: 'queue', times_worked: w.times_worked, first_worked: w.first_worked },
        }));
      return { previous_qsos: previous, limit: input.limit, system_active: true };
    },
  }),
  defineOperation({
    name: 'public.get_queue_pause',
    auth: 'public',
    summary: 'Whether registration is paused: {paused}.',
    input: noInput,
    handler: async (ctx) => ({ paused: ctx.station.getSystem().paused }),
  }),
  defineOperation({
    name: 'public.get_config',
    auth: 'public',
    summary:
      'Public client configuration: {skip_splash_delay, station_callsign, station_message}, and relay_events_url ' +
      '(where the caller page subscribes to events) when an nchan relay is configured.',
    input: noInput,
    handler: async (ctx) => {
      const identity = ctx.station.getIdentity();
      const relayEvents = ctx.services.publicEventsUrl();
      return {
        skip_splash_delay: true,
        station_callsign: identity.station_callsign,
        station_message: identity.station_message,
        ...(relayEvents !== null ? { relay_events_url: relayEvents } : {}),
      };
    },
  }),
  defineOperation({
    name: 'public.get_beam_heading',
    auth: 'public',
    summary: 'The antenna beam heading in degrees, or null (null while hidden).',
    input: noInput,
    handler: async (ctx) => {
      const beam = ctx.station.getBeam();
      return { beam_heading: beam.beam_heading_visible ? beam.beam_heading : null };
    },
  }),
  defineOperation({
    name: 'public.get_beam_heading_visibility',
    auth: 'public',
    summary: 'Whether the beam heading is shown to callers.',
    input: noInput,
    handler: async (ctx) => ({ beam_heading_visible: ctx.station.getBeam().beam_heading_visible }),
  }),
  defineOperation({
    name: 'public.get_state',
    auth: 'public',
    summary: 'Everything public in one snapshot, with the event seq it corresponds to.',
    input: noInput,
    // The shape every client's reducer reads (shared/protocol/public-state.ts).
    handler: async (ctx): Promise<PublicState> => ctx.station.positions.publicState(DEFAULT_POSITION_ID),
  }),
];
