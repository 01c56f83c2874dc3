/**
 * Lookup settings from the server configuration: environment over the `lookup` section of config.json over
 * defaults (the server's rule). The original's QRZ_USERNAME / QRZ_PASSWORD select QRZ.com.
 */
import { z } from 'zod';
import type { ConfigPart, ServerConfig } from '../config.js';
import { DEFAULT_LOOKUP_CONFIG, type LookupConfig, type StoredLookupSettings } from './service.js';

export const MIN_TIMEOUT_MS = 500;
export const MAX_TIMEOUT_MS = 30_000;

/** The `lookup` section of config.json. Unknown or damaged fields fall back to defaults one by one. */
const storedSchema = z.object({
  service: z.enum(['none', 'qrz', 'hamqth']).optional().catch(undefined),
  username: z.string().max(128).optional().catch(undefined),
  password: z.string().max(256).optional().catch(undefined),
  timeout_ms: z.number().int().min(MIN_TIMEOUT_MS).max(MAX_TIMEOUT_MS).optional().catch(undefined),
});

function envTimeout(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n >= MIN_TIMEOUT_MS && n <= MAX_TIMEOUT_MS ? n : undefined;
}

export function lookupConfigFrom(config: Pick<ServerConfig, 'env' | 'file'>): LookupConfig {
  const parsed = storedSchema.safeParse(config.file.lookup ?? {});
  const stored = parsed.success ? parsed.data : {};
  const env = config.env;
  const out: LookupConfig = {
    service: stored.service ?? DEFAULT_LOOKUP_CONFIG.service,
    username: stored.username ?? '',
    password: stored.password ?? '',
    timeoutMs: stored.timeout_ms ?? DEFAULT_LOOKUP_CONFIG.timeoutMs,
  };
  if (env.QRZ_USERNAME && env.QRZ_PASSWORD) {
    Object.assign(out, { service: 'qrz', username: env.QRZ_USERNAME, password: env.QRZ_PASSWORD });
  } else if (env.HAMQTH_USERNAME && env.HAMQTH_PASSWORD) {
    Object.assign(out, { service: 'hamqth', username: env.HAMQTH_USERNAME, password: env.HAMQTH_PASSWORD });
  }
  const service = env.LOOKUP_SERVICE;
  if (service === 'none' || service === 'qrz' || service === 'hamqth') out.service = service;
  out.timeoutMs = envTimeout(env.LOOKUP_TIMEOUT_MS) ?? out.timeoutMs;
  // Endpoint overrides, for tests against local fake services.
  if (env.QRZ_XML_URL) out.qrzUrl = env.QRZ_XML_URL;
  if (env.HAMQTH_XML_URL) out.hamqthUrl = env.HAMQTH_XML_URL;
  return out;
}

export function toStored(config: LookupConfig): StoredLookupSettings {
  return {
    service: config.service,
    username: config.username,
    password: config.password,
    timeout_ms: config.timeoutMs,
  };
}

/** The lookups' part of the configuration (see config.ts, ConfigPart). */
export const lookupConfigPart: ConfigPart<LookupConfig> = { resolve: (source) => lookupConfigFrom(source) };
