/**
 * Configuration of the logger and radio integrations: the `integrations` section of the config file, with
 * command-line options and environment variables on top (command line over environment over file).
 * Every integration is off until switched on.
 *
 *   --n1mm-port PORT        N1MM_PORT=PORT          listen for N1MM+ broadcasts (switches it on)
 *   --wsjtx-port PORT       WSJTX_PORT=PORT         listen for WSJT-X (switches it on)
 *   --wsjtx-multicast GROUP WSJTX_MULTICAST=GROUP   join this multicast group for WSJT-X
 *   --rigctld HOST:PORT     RIGCTLD=HOST:PORT       poll Hamlib rigctld (switches it on)
 */
import { z } from 'zod';
import type { ConfigPart } from '../config.js';
import { N1MM_DEFAULT_PORT } from './n1mm/parse.js';
import { RIGCTLD_DEFAULT_PORT } from './rigctld/protocol.js';
import { isMulticastAddress } from './udp/listener.js';
import { WSJTX_DEFAULT_PORT } from './wsjtx/codec.js';

const port = z.number().int().min(1).max(65535);
const host = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .regex(/^[A-Za-z0-9.:_-]+$/, 'a host name or IP address');
const multicastGroup = z
  .string()
  .trim()
  .refine(isMulticastAddress, 'an IPv4 multicast group (224.0.0.0 to 239.255.255.255)');

export const SEND_TO_LOGGER_FORMATS = ['wsjtx_highlight', 'wsjtx_status', 'n1mm_lookupinfo', 'json'] as const;
export type SendToLoggerFormat = (typeof SEND_TO_LOGGER_FORMATS)[number];

/* Field schemas without defaults: the patch schemas below must not fill in what a patch leaves out. */
const n1mmFields = {
  enabled: z.boolean(),
  port,
  address: host,
  /** Follow this radio number only (SO2R); null follows the active (transmitting) radio. */
  radio_nr: z.number().int().min(1).max(16).nullable(),
  /**
   * Which operating position each N1MM+ station works, by its StationName (a contact's NetBiosName when its
   * StationName is empty), or
   * `StationName:RadioNr` for one radio of an SO2R station: its logged QSOs complete that position's QSO
   * (docs/positions.md). Stations not named here work the default position.
   */
  positions: z.record(z.string().min(1).max(80), z.string().min(1).max(64)),
};
const wsjtxFields = {
  enabled: z.boolean(),
  port,
  address: host,
  multicast_group: multicastGroup.nullable(),
  /**
   * Which operating position each WSJT-X / JTDX instance works, by its client id (`WSJT-X`, `WSJT-X - rig2`):
   * its logged QSOs complete that position's QSO (docs/positions.md). Instances not named here work the
   * default position.
   */
  positions: z.record(z.string().min(1).max(64), z.string().min(1).max(64)),
};
const pollInterval = z.number().int().min(200).max(60_000);
/** One more rigctld connection, for the radio of one operating position. */
export const rigctldPositionSchema = z
  .object({
    /** On while configured; false keeps the entry without connecting. */
    enabled: z.boolean().default(true),
    host: host.default('127.0.0.1'),
    port,
    /** Absent: the same as the default position's connection. */
    poll_interval_ms: pollInterval.optional(),
  })
  .strict();
export type RigctldPositionConfig = z.infer<typeof rigctldPositionSchema>;
const rigctldFields = {
  enabled: z.boolean(),
  host,
  port,
  poll_interval_ms: pollInterval,
  /**
   * One rigctld connection per operating position, by position id (`{"run-2": {"port": 4533}}`): its radio
   * follows that rig (docs/positions.md). `enabled`, `host` and `port` above are the default position's.
   */
  positions: z.record(z.string().min(1).max(64), rigctldPositionSchema),
};
const sendToLoggerFields = {
  /**
   * wsjtx_highlight: Highlight Callsign (13) to the WSJT-X that the WSJT-X listener hears from;
   * wsjtx_status: a WSJT-X Status (1) with the DX call, to host:port;
   * n1mm_lookupinfo: an N1MM+ `<lookupinfo>` (call entered, not logged), to host:port;
   * json: `{"type":"qso_start",...}` for scripts, to host:port.
   */
  format: z.enum(SEND_TO_LOGGER_FORMATS),
  host,
  port,
};

/*
 * Listeners bind to loopback unless told otherwise: what arrives on them changes the QSO log without a password.
 * Set address 0.0.0.0 to hear a logger on another computer (N1MM+ on the LAN, subnet broadcasts, multicast).
 */
export const n1mmConfigSchema = z.object({
  enabled: n1mmFields.enabled.default(false),
  port: port.default(N1MM_DEFAULT_PORT),
  address: host.default('127.0.0.1'),
  radio_nr: n1mmFields.radio_nr.default(null),
  positions: n1mmFields.positions.optional(),
});

export const wsjtxConfigSchema = z.object({
  enabled: wsjtxFields.enabled.default(false),
  port: port.default(WSJTX_DEFAULT_PORT),
  address: host.default('127.0.0.1'),
  multicast_group: wsjtxFields.multicast_group.default(null),
  positions: wsjtxFields.positions.optional(),
});

export const rigctldConfigSchema = z.object({
  enabled: rigctldFields.enabled.default(false),
  host: host.default('127.0.0.1'),
  port: port.default(RIGCTLD_DEFAULT_PORT),
  poll_interval_ms: rigctldFields.poll_interval_ms.default(1000),
  positions: rigctldFields.positions.optional(),
});

/**
 * Where and how "Send to Logger" tells the logging software about a QSO start. It is switched on and off by the
 * original's Send to Logger flag (`admin.set_logger_integration`), not here.
 */
export const sendToLoggerConfigSchema = z.object({
  format: sendToLoggerFields.format.default('wsjtx_highlight'),
  host: host.default('127.0.0.1'),
  port: port.default(2238),
});

export const integrationsConfigSchema = z.object({
  n1mm: n1mmConfigSchema.default(() => n1mmConfigSchema.parse({})),
  wsjtx: wsjtxConfigSchema.default(() => wsjtxConfigSchema.parse({})),
  rigctld: rigctldConfigSchema.default(() => rigctldConfigSchema.parse({})),
  send_to_logger: sendToLoggerConfigSchema.default(() => sendToLoggerConfigSchema.parse({})),
});

export type IntegrationsConfig = z.infer<typeof integrationsConfigSchema>;
export type N1mmConfig = z.infer<typeof n1mmConfigSchema>;
export type WsjtxConfig = z.infer<typeof wsjtxConfigSchema>;
export type RigctldConfig = z.infer<typeof rigctldConfigSchema>;
export type SendToLoggerConfig = z.infer<typeof sendToLoggerConfigSchema>;

/** A patch from the console: any section, any subset of fields; what is left out stays as it is. */
export const integrationsPatchSchema = z.object({
  n1mm: z.object(n1mmFields).partial().optional(),
  wsjtx: z.object(wsjtxFields).partial().optional(),
  rigctld: z.object(rigctldFields).partial().optional(),
  send_to_logger: z.object(sendToLoggerFields).partial().optional(),
});
export type IntegrationsPatch = z.infer<typeof integrationsPatchSchema>;

export class IntegrationsConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IntegrationsConfigError';
  }
}

export function defaultIntegrationsConfig(): IntegrationsConfig {
  return integrationsConfigSchema.parse({});
}

/** Applies a patch section by section. */
export function mergeIntegrationsConfig(
  base: IntegrationsConfig,
  patch: IntegrationsPatch,
): IntegrationsConfig {
  return integrationsConfigSchema.parse({
    n1mm: { ...base.n1mm, ...patch.n1mm },
    wsjtx: { ...base.wsjtx, ...patch.wsjtx },
    rigctld: { ...base.rigctld, ...patch.rigctld },
    send_to_logger: { ...base.send_to_logger, ...patch.send_to_logger },
  });
}

function portValue(name: string, value: string): number {
  const n = Number(value);
  if (!/^\d{1,5}$/.test(value.trim()) || n < 1 || n > 65535) {
    throw new IntegrationsConfigError(`${name} must be a port from 1 to 65535 (got "${value}")`);
  }
  return n;
}

/** `HOST:PORT`, `[v6]:PORT`, `HOST` or `:PORT`. */
export function parseHostPort(
  name: string,
  value: string,
  defaultPort: number,
): { host: string; port: number } {
  const text = value.trim();
  const v6 = /^\[([0-9A-Fa-f:.]+)\](?::(\d+))?$/.exec(text);
  if (v6 !== null) {
    return { host: v6[1] ?? '', port: v6[2] === undefined ? defaultPort : portValue(name, v6[2]) };
  }
  const colon = text.lastIndexOf(':');
  const hostPart = colon >= 0 ? text.slice(0, colon) : text;
  const portPart = colon >= 0 ? text.slice(colon + 1) : '';
  const parsedHost = host.safeParse(hostPart === '' ? '127.0.0.1' : hostPart);
  if (!parsedHost.success || hostPart.includes(':')) {
    throw new IntegrationsConfigError(`${name} must look like HOST:PORT (got "${value}")`);
  }
  return { host: parsedHost.data, port: portPart === '' ? defaultPort : portValue(name, portPart) };
}

/** The file's `integrations` section; an invalid section falls back to the defaults, reported through `warn`. */
export function integrationsFromFile(
  fileSection: unknown,
  warn: (message: string) => void = () => undefined,
): IntegrationsConfig {
  const fromFile = integrationsConfigSchema.safeParse(fileSection ?? {});
  if (fromFile.success) return fromFile.data;
  warn(
    `config file: integrations section is invalid (${fromFile.error.issues[0]?.message ?? 'unknown'}); using defaults`,
  );
  return defaultIntegrationsConfig();
}

/** Environment variables, then command-line options, over a configuration (a copy is returned). */
export function withIntegrationOverrides(
  base: IntegrationsConfig,
  env: Record<string, string | undefined>,
  args: Record<string, string>,
): IntegrationsConfig {
  const config = structuredClone(base);
  const pick = (arg: string, envName: string): { name: string; value: string } | null => {
    const a = args[arg];
    if (a !== undefined && a !== '' && a !== 'true') return { name: `--${arg}`, value: a };
    const e = env[envName];
    if (e !== undefined && e !== '') return { name: envName, value: e };
    return null;
  };
  const n1mm = pick('n1mm-port', 'N1MM_PORT');
  if (n1mm !== null) config.n1mm = { ...config.n1mm, enabled: true, port: portValue(n1mm.name, n1mm.value) };
  const wsjtx = pick('wsjtx-port', 'WSJTX_PORT');
  if (wsjtx !== null)
    config.wsjtx = { ...config.wsjtx, enabled: true, port: portValue(wsjtx.name, wsjtx.value) };
  const group = pick('wsjtx-multicast', 'WSJTX_MULTICAST');
  if (group !== null) {
    if (!isMulticastAddress(group.value.trim())) {
      throw new IntegrationsConfigError(
        `${group.name} must be an IPv4 multicast group (got "${group.value}")`,
      );
    }
    config.wsjtx = { ...config.wsjtx, multicast_group: group.value.trim() };
  }
  const rig = pick('rigctld', 'RIGCTLD');
  if (rig !== null) {
    const hp = parseHostPort(rig.name, rig.value, RIGCTLD_DEFAULT_PORT);
    config.rigctld = { ...config.rigctld, enabled: true, host: hp.host, port: hp.port };
  }
  return config;
}

/**
 * The effective configuration: the file's `integrations` section (invalid sections fall back to defaults,
 * reported through `warn`), then environment variables, then command-line options.
 */
export function resolveIntegrationsConfig(
  fileSection: unknown,
  env: Record<string, string | undefined>,
  args: Record<string, string>,
  warn: (message: string) => void = () => undefined,
): IntegrationsConfig {
  return withIntegrationOverrides(integrationsFromFile(fileSection, warn), env, args);
}

/**
 * The integrations' part of the configuration, resolved once: the file's own section (console changes are
 * applied to it and saved) and the effective configuration (with the environment and command line on top).
 */
export const integrationsConfigPart: ConfigPart<{ file: IntegrationsConfig; effective: IntegrationsConfig }> =
  {
    resolve: (source, warn) => {
      const file = integrationsFromFile(source.file.integrations, warn);
      return { file, effective: withIntegrationOverrides(file, source.env, source.args) };
    },
  };
