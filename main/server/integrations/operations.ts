/**
 * Operations of the integrations: their live state, their configuration, and the ADIF export of the QSO log.
 */
import { z } from 'zod';
import { defineOperation, noInput, validationError, type OpContext } from '../operations/define.js';
import { OpError } from '../util/errors.js';
import { integrationsPatchSchema } from './config.js';
import type { IntegrationManager } from './manager.js';
import { writeAdif } from './adif/write.js';

function manager(ctx: OpContext): IntegrationManager {
  const m = ctx.services.integrations;
  if (m === undefined) throw new OpError('NOT_FOUND', 'Integrations are not running in this server');
  return m;
}

const isoField = z.iso.datetime({ offset: true });

export interface AdifExport {
  filename: string;
  content_type: string;
  count: number;
  adif: string;
}

export const integrationOperations = [
  defineOperation({
    name: 'admin.get_integrations',
    auth: 'admin',
    summary:
      'Live state and configuration of the N1MM+ and WSJT-X listeners, the rigctld client and Send to Logger: ' +
      'listening, packets, rejections by code, last packet, last error.',
    input: noInput,
    handler: async (ctx) => manager(ctx).status(),
  }),
  defineOperation({
    name: 'admin.set_integrations',
    auth: 'admin',
    summary:
      'Switch integrations on or off and configure them: {n1mm?, wsjtx?, rigctld?, send_to_logger?}, each a ' +
      'partial section. Saved to the config file; the integrations concerned restart. Returns the new state.',
    input: integrationsPatchSchema,
    handler: async (ctx, input) => {
      try {
        return await manager(ctx).configure(input);
      } catch (err) {
        if (err instanceof z.ZodError) throw validationError(err);
        throw err;
      }
    },
  }),
  defineOperation({
    name: 'admin.export_adif',
    auth: 'admin',
    summary:
      'The QSO log as an ADIF 3.1 ADI file, oldest first: {filename, content_type, count, adif}. Filters: since, ' +
      'until (QSO end), search (callsign part). Over HTTP, GET /api/admin/qsos.adi answers the file itself.',
    input: z
      .object({
        search: z.string().max(32).optional(),
        since: isoField.optional(),
        until: isoField.optional(),
        station_callsign: z.string().max(32).optional(),
      })
      .loose()
      .default({}),
    handler: async (ctx, input): Promise<AdifExport> => {
      const qsos = ctx.station
        .getQsos({ search: input.search, since: input.since, until: input.until })
        .reverse();
      const now = ctx.station.now();
      const stamp = new Date(now).toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
      return {
        filename: `pileup-buster-${stamp}.adi`,
        content_type: 'text/plain; charset=utf-8',
        count: qsos.length,
        adif: writeAdif(qsos, {
          programVersion: ctx.services.version,
          createdAtMs: now,
          stationCallsign: input.station_callsign ?? null,
        }),
      };
    },
  }),
];
