/**
 * Builds callsign lookups: the LookupService with its resolved settings (lookupConfigPart: environment over
 * the `lookup` section of config.json), saving console changes through the given `save`. The composition root
 * (compose.ts) builds it and hands it to the Station (as its `CallsignLookup`) and to operations.
 */
import path from 'node:path';
import type { ServerConfig } from '../config.js';
import type { Log } from '../util/log.js';
import {
  createLookupService,
  type LookupConfig,
  type LookupService,
  type LookupServiceOptions,
  type StoredLookupSettings,
} from './service.js';

export interface LookupSubsystemDeps {
  config: Pick<ServerConfig, 'dataDir' | 'resourcesDir'>;
  /** The lookups' resolved part of the configuration (lookupConfigPart). */
  settings: LookupConfig;
  /** Saves the `lookup` section of config.json. */
  save: (settings: StoredLookupSettings) => Promise<void>;
  log: Log;
  overrides?: Partial<LookupServiceOptions>;
}

export async function createLookupSubsystem(deps: LookupSubsystemDeps): Promise<LookupService> {
  const { config, log } = deps;
  const lookup = await createLookupService({
    dataDir: config.dataDir,
    ctyPath: path.join(config.resourcesDir, 'cty.csv'),
    config: deps.settings,
    save: deps.save,
    logger: (level, message) => log(level === 'debug' ? 'info' : level, `lookup: ${message}`),
    ...deps.overrides,
  });
  return lookup;
}

/** The start-up line that says which lookups run (logged once the server listens). */
export function lookupsStartLine(lookup: LookupService): string {
  const c = lookup.config();
  return `lookup: DXCC from cty.csv; online service ${c.service}${c.service === 'none' ? '' : ` (user ${c.username})`}`;
}
