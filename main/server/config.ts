import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { isHostPattern, parseHostList } from './security/host-check.js';
import { isTrustedProxyEntry, parseTrustedProxyList } from './security/trusted-proxy.js';
import { ConfigError } from './util/config-error.js';
import { OpError } from './util/errors.js';
import { normalizeOrigins, parseAllowedOrigins } from './security/access.js';
import { httpLimitsFromEnv, type HttpLimits } from './security/limits.js';
import { wsLimitsFromEnv, type WsLimits } from './transports/ws/limits.js';

export const CONFIG_FILE = 'config.json';

/**
 * What the config file in the data dir holds: everything the console edits. Sections added by subsystems
 * (lookup, integrations) are kept as they are and parsed by their owners.
 */
export const configFileSchema = z
  .object({
    port: z.number().int().min(0).max(65535).optional(),
    host: z.string().min(1).max(255).optional(),
    max_queue_size: z.number().int().min(1).max(100_000).optional(),
    worked_window_hours: z
      .number()
      .min(1)
      .max(24 * 366)
      .optional(),
    registration_rate_per_minute: z.number().int().min(0).max(100_000).optional(),
    frontend_url: z.string().max(2048).optional(),
    /** Reverse proxies allowed to name the caller in X-Forwarded-For (addresses or ranges). */
    trusted_proxies: z.array(z.string().max(64)).max(64).optional(),
    /** Host names the server answers besides addresses and local names (DNS rebinding check). */
    public_hosts: z.array(z.string().max(255)).max(64).optional(),
    /** Web-page origins allowed to call the admin API with credentials (CORS); see security/access.ts. */
    allowed_origins: z.array(z.string().max(2048)).max(50).optional(),
    /** Logging-direct without credentials from loggers on this machine; see security/access.ts. */
    unauthenticated_logging_direct: z.boolean().optional(),
    lookup: z.record(z.string(), z.unknown()).optional(),
    integrations: z.record(z.string(), z.unknown()).optional(),
    relay: z.record(z.string(), z.unknown()).optional(),
  })
  .loose();
export type ConfigFile = z.infer<typeof configFileSchema>;

export interface ServerConfig {
  host: string;
  port: number;
  dataDir: string;
  adminUsername: string;
  /** ADMIN_PASSWORD from the environment; when absent the server generates one on first start. */
  adminPassword: string | undefined;
  maxQueueSize: number;
  workedWindowHours: number;
  registrationRatePerMinute: number;
  frontendUrl: string;
  /** Reverse proxies whose X-Forwarded-For names the caller (TRUSTED_PROXIES, `trusted_proxies`). */
  trustedProxies: string[];
  /** Host names answered besides addresses and local names (PUBLIC_HOSTS, `public_hosts`). */
  publicHosts: string[];
  /** HTTPS served by the server itself: PEM certificate chain and key files (`--tls-cert`, `--tls-key`). */
  tls: { certFile: string; keyFile: string } | null;
  /** ALLOWED_ORIGINS or `allowed_origins`: origins whose pages may use the admin API (normalised). */
  allowedOrigins: string[];
  /** UNAUTHENTICATED_LOGGING_DIRECT or `unauthenticated_logging_direct`. */
  unauthenticatedLoggingDirect: boolean;
  /** Where the built renderer (caller page and console) is served from. */
  staticDir: string;
  /** Where shipped data (cty.csv) lives. */
  resourcesDir: string;
  /** Raw environment and command-line values for subsystems that read their own (lookup, integrations). */
  env: Record<string, string | undefined>;
  args: Record<string, string>;
  /** The config file as read (sections for subsystems). */
  file: ConfigFile;
}

/** What every part of the configuration is read from: the command line, the environment, the config file. */
export type ConfigSource = Pick<ServerConfig, 'args' | 'env' | 'file'>;

/**
 * One part of the configuration, declared by the module it configures (its variables, options and config-file
 * section, their defaults and their errors). The composition root (compose.ts) composes the parts into one
 * schema and resolves it once at start-up; each module receives its resolved part.
 */
export interface ConfigPart<T> {
  /** Resolves the part; a value that cannot be used throws with its variable's name; `warn` reports one that is ignored. */
  resolve(source: ConfigSource, warn: (message: string) => void): T;
}

/** The resolved value of each part of a composed schema. */
export type ResolvedParts<P> = { [K in keyof P]: P[K] extends ConfigPart<infer T> ? T : never };

/** Resolves each part once, in the order given. */
export function resolveParts<P extends Record<string, ConfigPart<unknown>>>(
  parts: P,
  source: ConfigSource,
  warn: (message: string) => void,
): ResolvedParts<P> {
  const out: Record<string, unknown> = {};
  for (const [key, part] of Object.entries(parts)) out[key] = part.resolve(source, warn);
  return out as ResolvedParts<P>;
}

/** The core's own parts beside ServerConfig: the HTTP/SSE limits and the WebSocket limits (environment only). */
export interface CoreSettings {
  http: HttpLimits;
  ws: WsLimits;
}
export const CORE_CONFIG_PARTS = {
  http: { resolve: (source) => httpLimitsFromEnv(source.env) } satisfies ConfigPart<HttpLimits>,
  ws: { resolve: (source) => wsLimitsFromEnv(source.env) } satisfies ConfigPart<WsLimits>,
};

export const DEFAULTS = {
  host: '0.0.0.0',
  port: 8000,
  maxQueueSize: 50,
  workedWindowHours: 72,
  registrationRatePerMinute: 10,
  adminUsername: 'admin',
  frontendUrl: '',
} as const;

/** The per-user application-data folder, as Electron's userData would be. */
export function defaultDataDir(env: Record<string, string | undefined> = process.env): string {
  const home = os.homedir();
  if (process.platform === 'win32') {
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Pileup Buster');
  }
  if (process.platform === 'darwin')
    return path.join(home, 'Library', 'Application Support', 'Pileup Buster');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'pileup-buster');
}

export { ConfigError };

/** Parses `--name value` and `--name=value` pairs. */
export function parseArgs(argv: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (!arg.startsWith('--'))
      throw new ConfigError(`Unexpected argument "${arg}" (options look like --port 8000)`);
    const eq = arg.indexOf('=');
    if (eq > 0) {
      out[arg.slice(2, eq)] = arg.slice(eq + 1);
    } else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) out[arg.slice(2)] = 'true';
      else {
        out[arg.slice(2)] = next;
        i += 1;
      }
    }
  }
  return out;
}

function flag(name: string, value: string | undefined): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new ConfigError(`${name} must be true or false (got "${value}")`);
}

function intIn(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got "${value}")`);
  }
  return n;
}

/** A list from the command line or environment (text) or from the config file (array), each entry checked. */
function listOption(
  what: string,
  text: string | undefined,
  fromFile: readonly string[] | undefined,
  parse: (text: string) => string[],
  valid: (entry: string) => boolean,
  expected: string,
): string[] {
  const entries = text !== undefined ? parse(text) : [...(fromFile ?? [])];
  const bad = entries.find((e) => !valid(e));
  if (bad !== undefined) throw new ConfigError(`${what}: "${bad}" is not ${expected}`);
  return entries;
}

/**
 * Reads the config file of a data dir. A damaged file is recovered like every data file: the damaged copy is
 * kept aside as `config.json.corrupt-<time>` (named in the log), the settings that are still valid are kept
 * (the live file is rewritten with them) and the rest take their defaults. A config.json that cannot be read
 * at all (a directory in its place) is set aside too.
 */
export async function readConfigFile(
  dataDir: string,
  warn: (m: string) => void = () => undefined,
): Promise<ConfigFile> {
  const file = path.join(dataDir, CONFIG_FILE);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    const savedAs = await setAside(file);
    warn(
      `config file ${file} could not be read (${(err as Error).message}); it is saved as ${savedAs}, using defaults`,
    );
    return {};
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const savedAs = await setAside(file);
    warn(`config file ${file} is not valid JSON; it is saved as ${savedAs}, using defaults`);
    return {};
  }
  const parsed = configFileSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const kept = salvageConfig(value);
  const savedAs = `${file}.corrupt-${stamp()}`;
  await fs.copyFile(file, savedAs);
  await fs.chmod(savedAs, 0o600);
  await writeConfigAtomically(file, `${JSON.stringify(kept, null, 2)}\n`);
  const dropped = parsed.error.issues.map((i) => String(i.path[0] ?? '(file)'));
  warn(
    `config file ${file} is invalid (${[...new Set(dropped)].join(', ')} reset to defaults, the rest kept); the original is saved as ${savedAs}`,
  );
  return kept;
}

/** The settings of a config file that are valid on their own (a file that is not an object keeps none). */
function salvageConfig(value: unknown): ConfigFile {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const shape = configFileSchema.shape as Record<string, z.ZodType>;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const schema = shape[key];
    if (!schema)
      out[key] = v; // unknown keys are kept, as the schema keeps them
    else if (schema.safeParse(v).success) out[key] = v;
  }
  return configFileSchema.parse(out);
}

function stamp(now: Date = new Date()): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

async function setAside(file: string): Promise<string> {
  const savedAs = `${file}.corrupt-${stamp()}`;
  await fs.rename(file, savedAs);
  return savedAs;
}

/** Writes the config file through a temporary file, owner-only; a failed write leaves no temporary file. */
async function writeConfigAtomically(file: string, text: string): Promise<void> {
  const tmp = `${file}.tmp`;
  try {
    await fs.writeFile(tmp, text, { mode: 0o600 });
    await fs.chmod(tmp, 0o600);
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
}

/**
 * Builds the configuration: command line over environment over the config file over defaults.
 * The original's variables (ADMIN_USERNAME, ADMIN_PASSWORD, MAX_QUEUE_SIZE, QRZ_USERNAME, QRZ_PASSWORD,
 * FRONTEND_URL, PORT) keep working.
 */
export async function loadConfig(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  paths: { staticDir: string; resourcesDir: string },
  warn: (m: string) => void = () => undefined,
): Promise<ServerConfig> {
  const args = parseArgs(argv);
  const dataDir = path.resolve(args['data-dir'] ?? env.DATA_DIR ?? defaultDataDir(env));
  await fs.mkdir(dataDir, { recursive: true });
  const file = await readConfigFile(dataDir, warn);
  const port =
    intIn('port', args.port, 0, 65535) ?? intIn('PORT', env.PORT, 0, 65535) ?? file.port ?? DEFAULTS.port;
  const host = args.host ?? env.HOST ?? file.host ?? DEFAULTS.host;
  const maxQueueSize =
    intIn('--max-queue-size', args['max-queue-size'], 1, 100_000) ??
    intIn('MAX_QUEUE_SIZE', env.MAX_QUEUE_SIZE, 1, 100_000) ??
    file.max_queue_size ??
    DEFAULTS.maxQueueSize;
  const rate =
    intIn('--registration-rate', args['registration-rate'], 0, 100_000) ??
    intIn('REGISTRATION_RATE_PER_MINUTE', env.REGISTRATION_RATE_PER_MINUTE, 0, 100_000) ??
    file.registration_rate_per_minute ??
    DEFAULTS.registrationRatePerMinute;
  const windowHours =
    intIn('WORKED_WINDOW_HOURS', env.WORKED_WINDOW_HOURS, 1, 24 * 366) ??
    file.worked_window_hours ??
    DEFAULTS.workedWindowHours;
  const trustedProxies = listOption(
    'trusted proxies',
    args['trusted-proxies'] ?? env.TRUSTED_PROXIES,
    file.trusted_proxies,
    parseTrustedProxyList,
    isTrustedProxyEntry,
    'an IP address or address/prefix range',
  );
  const publicHosts = listOption(
    'public hosts',
    args['public-hosts'] ?? env.PUBLIC_HOSTS,
    file.public_hosts,
    parseHostList,
    isHostPattern,
    'a host name',
  );
  const certFile = args['tls-cert'] ?? env.TLS_CERT;
  const keyFile = args['tls-key'] ?? env.TLS_KEY;
  if ((certFile === undefined) !== (keyFile === undefined)) {
    throw new ConfigError('--tls-cert and --tls-key go together (a certificate and its key)');
  }
  return {
    host,
    port,
    dataDir,
    adminUsername: env.ADMIN_USERNAME || DEFAULTS.adminUsername,
    adminPassword: env.ADMIN_PASSWORD || undefined,
    maxQueueSize,
    workedWindowHours: windowHours,
    registrationRatePerMinute: rate,
    frontendUrl: env.FRONTEND_URL ?? file.frontend_url ?? DEFAULTS.frontendUrl,
    trustedProxies,
    publicHosts,
    tls:
      certFile !== undefined && keyFile !== undefined
        ? { certFile: path.resolve(certFile), keyFile: path.resolve(keyFile) }
        : null,
    allowedOrigins: parseAllowedOrigins(env.ALLOWED_ORIGINS) ?? normalizeOrigins(file.allowed_origins ?? []),
    unauthenticatedLoggingDirect:
      flag('UNAUTHENTICATED_LOGGING_DIRECT', env.UNAUTHENTICATED_LOGGING_DIRECT) ??
      file.unauthenticated_logging_direct ??
      false,
    staticDir: paths.staticDir,
    resourcesDir: paths.resourcesDir,
    env,
    args,
    file,
  };
}

/** The config file of the data dir, written atomically with owner-only permissions (it may hold passwords). */
export class ConfigStore {
  private current: ConfigFile;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    readonly dataDir: string,
    initial: ConfigFile,
  ) {
    this.current = { ...initial };
  }

  get(): ConfigFile {
    return structuredClone(this.current);
  }

  /**
   * Merges a patch into the file and writes it. Writes are serialised; a write that fails (a full disk)
   * changes nothing, answers 503 STORE_UNAVAILABLE and leaves no temporary file, and the next save tries again.
   */
  update(patch: Partial<ConfigFile>): Promise<void> {
    const file = path.join(this.dataDir, CONFIG_FILE);
    const write = async (): Promise<void> => {
      const next = { ...this.current, ...patch };
      try {
        await writeConfigAtomically(file, `${JSON.stringify(next, null, 2)}\n`);
      } catch (err) {
        throw new OpError(
          'STORE_UNAVAILABLE',
          `The settings could not be saved (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); nothing was changed`,
        );
      }
      this.current = next;
    };
    const done = this.writing.then(write);
    this.writing = done.catch(() => undefined);
    return done;
  }
}
