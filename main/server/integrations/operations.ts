/**
 * Operations of the integrations: their live state, their configuration, and the ADIF export of the QSO log.
 */
import { z } from 'zod';
import { defineOperation, noInput, validationError, type OpContext } from '../operations/define.js';
import { OpError } from '../util/errors.js';
import { integrationsPatchSchema } from './config.js';
import type { IntegrationManager } from './manager.js';
import { writeAdif } from './adif/write.js';
import { writeAdx } from './adif/adx.js';
import { importAdif, importProgress } from './adif/import.js';
import './services.js'; // ctx.services.integrations

/** The largest ADIF file the import takes (its HTTP route allows for the JSON or base64 around it). */
export const ADIF_IMPORT_MAX_BYTES = 64 * 1024 * 1024;

const exportInput = z
  .object({
    search: z.string().max(32).optional(),
    since: z.iso.datetime({ offset: true }).optional(),
    until: z.iso.datetime({ offset: true }).optional(),
    station_callsign: z.string().max(32).optional(),
  })
  .loose()
  .default({});

async function exportedQsos(ctx: OpContext, input: z.infer<typeof exportInput>) {
  await ctx.station.whenLogLoaded();
  const qsos = ctx.station
    .getQsos({ search: input.search, since: input.since, until: input.until })
    .reverse();
  const now = ctx.station.now();
  const stamp = new Date(now).toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  const options = {
    programVersion: ctx.services.version,
    createdAtMs: now,
    stationCallsign: input.station_callsign ?? ctx.station.getIdentity().station_callsign,
  };
  return { qsos, stamp, options };
}

function manager(ctx: OpContext): IntegrationManager {
  return ctx.services.integrations;
}

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
    input: exportInput,
    handler: async (ctx, input): Promise<AdifExport> => {
      const { qsos, stamp, options } = await exportedQsos(ctx, input);
      return {
        filename: `pileup-buster-${stamp}.adi`,
        content_type: 'text/plain; charset=us-ascii',
        count: qsos.length,
        adif: writeAdif(qsos, options),
      };
    },
  }),
  defineOperation({
    name: 'admin.export_adx',
    auth: 'admin',
    summary:
      'The QSO log as ADX (ADIF 3.1 XML, UTF-8), oldest first, with the original text of names, QTHs and ' +
      'comments in NAME_INTL, QTH_INTL, COMMENT_INTL: {filename, content_type, count, adif}. Filters as ' +
      'admin.export_adif. Over HTTP, GET /api/admin/qsos.adx answers the file itself.',
    input: exportInput,
    handler: async (ctx, input): Promise<AdifExport> => {
      const { qsos, stamp, options } = await exportedQsos(ctx, input);
      return {
        filename: `pileup-buster-${stamp}.adx`,
        content_type: 'application/xml; charset=utf-8',
        count: qsos.length,
        adif: writeAdx(qsos, options),
      };
    },
  }),
  defineOperation({
    name: 'admin.import_adif',
    auth: 'admin',
    summary:
      'Import an ADIF log (ADI or ADX) into the QSO log: {filename, content} (content: the file as text, or ' +
      'base64 with encoding "base64"). QSOs already in the log are skipped (same callsign, minute, band and ' +
      'mode); a bad record is reported with its position and skipped. Answers when done: {state, total, ' +
      'processed, imported, duplicates, bad, errors}; admin.get_adif_import shows the progress meanwhile.',
    input: z
      .object({
        filename: z.string().trim().min(1).max(255),
        content: z
          .string()
          .min(1)
          .max(ADIF_IMPORT_MAX_BYTES * 2),
        encoding: z.enum(['text', 'base64']).optional(),
      })
      .strict(),
    handler: async (ctx, input) => {
      const bytes =
        input.encoding === 'base64'
          ? Buffer.from(input.content, 'base64')
          : Buffer.from(input.content, 'utf8');
      if (bytes.byteLength > ADIF_IMPORT_MAX_BYTES) {
        throw new OpError('ADIF_TOO_LARGE', `An ADIF file may have at most ${ADIF_IMPORT_MAX_BYTES} bytes`);
      }
      try {
        const result = await importAdif(ctx.station, new Uint8Array(bytes), input.filename, (callsign) =>
          ctx.station.resolveLookup(callsign),
        );
        return {
          message: `Imported ${result.imported} QSOs from ${input.filename} (${result.duplicates} already in the log, ${result.bad} bad records skipped)`,
          ...result,
        };
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        if (code === 'IMPORT_RUNNING') throw new OpError('CONFLICT', (err as Error).message);
        if (typeof code === 'string' && code.startsWith('ADIF_')) {
          throw new OpError('ADIF_INVALID', (err as Error).message, { reason: code });
        }
        throw err;
      }
    },
  }),
  defineOperation({
    name: 'admin.get_adif_import',
    auth: 'admin',
    summary:
      'Progress of the running (or last) ADIF import: {state: idle|running|done|failed, filename, format, ' +
      'total, processed, imported, duplicates, bad, errors}.',
    input: noInput,
    handler: async (ctx) => importProgress(ctx.station),
  }),
];
