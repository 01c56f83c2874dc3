/**
 * Wires callsign lookups into the server: builds the LookupService from the server configuration, and an
 * Attach that exposes it to operations (`services.lookup`) and saves console changes into config.json.
 */
import path from 'node:path';
import type { Attach } from '../app.js';
import type { ConfigStore, ServerConfig } from '../config.js';
import type { Log } from '../util/log.js';
import { lookupConfigFrom, toStored } from './config.js';
import { createLookupService, type LookupService, type LookupServiceOptions } from './service.js';

export interface LookupSubsystem {
  lookup: LookupService;
  attach: Attach;
}

export async function createLookupSubsystem(
  config: ServerConfig,
  log: Log,
  overrides: Partial<LookupServiceOptions> = {},
): Promise<LookupSubsystem> {
  let configStore: ConfigStore | null = null;
  const lookup = await createLookupService({
    dataDir: config.dataDir,
    ctyPath: path.join(config.resourcesDir, 'cty.csv'),
    config: lookupConfigFrom(config),
    save: async (settings) => {
      await configStore?.update({ lookup: { ...settings } });
    },
    logger: (level, message) => log(level === 'debug' ? 'info' : level, `lookup: ${message}`),
    ...overrides,
  });
  const attach: Attach = (ctx) => {
    configStore = ctx.services.config;
    ctx.services.lookup = lookup;
    const c = lookup.config();
    log(
      'info',
      `lookup: DXCC from cty.csv; online service ${c.service}${c.service === 'none' ? '' : ` (user ${c.username})`}`,
    );
    return { close: () => undefined };
  };
  return { lookup, attach };
}

export { toStored };
