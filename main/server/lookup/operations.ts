/** Admin operations for callsign lookups: status and settings, country-file import, on-demand lookup. */
import { z } from 'zod';
import { parseCallsign } from '../../../shared/callsign.js';
import { callsignField, defineOperation, noInput, type OpContext } from '../operations/define.js';
import { OpError } from '../util/errors.js';
import { MAX_TIMEOUT_MS, MIN_TIMEOUT_MS } from './config.js';
import { CtyImportError, MAX_CTY_BYTES, type LookupService } from './service.js';
import './services.js'; // ctx.services.lookup

function lookupService(ctx: OpContext): LookupService {
  const s = ctx.services.lookup;
  if (!s) throw new OpError('LOOKUP_UNAVAILABLE', 'Callsign lookups are not running on this server');
  return s;
}

const settingsInput = z
  .object({
    service: z.enum(['none', 'qrz', 'hamqth']).optional(),
    username: z.string().trim().max(128).optional(),
    /** Omitted: keep the stored password; '' clears it. */
    password: z.string().max(256).optional(),
    timeout_ms: z.number().int().min(MIN_TIMEOUT_MS).max(MAX_TIMEOUT_MS).optional(),
  })
  .strict();

export const lookupOperations = [
  defineOperation({
    name: 'admin.get_lookup_status',
    auth: 'admin',
    summary:
      'Lookup settings (never the password, only password_set), the online service state (last error, last ' +
      'success, backoff), cache size and the active country file.',
    input: noInput,
    handler: async (ctx) => lookupService(ctx).status(),
  }),
  defineOperation({
    name: 'admin.set_lookup_config',
    auth: 'admin',
    summary:
      'Choose the online lookup service (none, qrz, hamqth), its username and password, and the timeout. ' +
      'An omitted password keeps the stored one; an empty one clears it. Saved in config.json (owner-only).',
    input: settingsInput,
    handler: async (ctx, input) => {
      const s = lookupService(ctx);
      const config = await s.configure({
        ...(input.service !== undefined ? { service: input.service } : {}),
        ...(input.username !== undefined ? { username: input.username } : {}),
        ...(input.password !== undefined ? { password: input.password } : {}),
        ...(input.timeout_ms !== undefined ? { timeoutMs: input.timeout_ms } : {}),
      });
      return { message: 'Lookup settings saved', config };
    },
  }),
  defineOperation({
    name: 'admin.import_cty',
    auth: 'admin',
    summary:
      'Import a newer country file (cty.csv or cty.dat from country-files.com): {filename, content}. It is ' +
      'parsed and checked first; a bad file is refused (CTY_INVALID, CTY_TOO_SMALL, CTY_UNKNOWN_FORMAT, ' +
      'CTY_TOO_LARGE) and the active one stays.',
    input: z
      .object({
        filename: z.string().trim().min(1).max(255),
        content: z.string().min(1).max(MAX_CTY_BYTES),
      })
      .strict(),
    handler: async (ctx, input) => {
      try {
        const summary = await lookupService(ctx).importCty(input.content, input.filename);
        return { message: `Country file ${input.filename} imported`, summary };
      } catch (err) {
        if (err instanceof CtyImportError) throw new OpError(err.code, err.message);
        throw err;
      }
    },
  }),
  defineOperation({
    name: 'admin.lookup_callsign',
    auth: 'admin',
    summary:
      'Look a callsign up now: DXCC plus the online service (cache first). Says why there are no online ' +
      'details (note). Fresh details also update the queue entry or current QSO of that callsign.',
    input: z.object({ callsign: callsignField }).loose(),
    handler: async (ctx, input) => {
      const parsed = parseCallsign(input.callsign);
      if (!parsed.ok) throw new OpError(parsed.code, parsed.message);
      const r = await lookupService(ctx).lookup(parsed.callsign);
      if (r.origin !== 'offline' && r.note === null) await ctx.station.applyLookup(r.info);
      return { callsign: parsed.callsign, qrz: r.info, origin: r.origin, note: r.note };
    },
  }),
];
