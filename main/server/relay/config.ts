/**
 * The relay target: where the station publishes its public events (an nchan publisher location) and where
 * callers subscribe to them. From the `relay` section of config.json, RELAY_* variables or `--relay-*` options.
 */
import { z } from 'zod';
import type { ConfigPart } from '../config.js';

const httpUrl = z
  .string()
  .max(2048)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.username === '' && u.password === '';
    } catch {
      return false;
    }
  }, 'expected an http:// or https:// URL without credentials');

/** Where callers' pages open the relay's event stream: an absolute URL, or a path on the page's own host. */
const eventsUrl = z
  .string()
  .max(2048)
  .refine(
    (s) => s.startsWith('/') || httpUrl.safeParse(s).success,
    'expected a URL or a path starting with /',
  );

const headerName = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'expected a header name (letters, digits, -)');

export const relayConfigSchema = z
  .object({
    /** The nchan publisher location, e.g. http://127.0.0.1:8080/relay/publish (reachable only from the station). */
    publish_url: httpUrl,
    /** The public subscriber location the caller page opens, e.g. https://pileup.example.org/relay/events. */
    events_url: eventsUrl,
    /** Optional shared secret sent with every publish, for a publisher location on another host. */
    secret_header: headerName.optional(),
    secret: z.string().min(1).max(256).optional(),
  })
  .strict()
  .refine((c) => (c.secret === undefined) === (c.secret_header === undefined), {
    message: 'secret and secret_header go together',
  });
export type RelayConfig = z.infer<typeof relayConfigSchema>;

/** The console's change: a new target, or null to stop relaying. */
export const relayPatchSchema = z.object({ relay: relayConfigSchema.nullable() }).strict();

/**
 * The relay target in force: command line over environment over the config file; none when nothing sets a
 * publish URL. Problems are reported through `warn` and switch the relay off rather than stopping the server.
 */
export function resolveRelayConfig(
  section: unknown,
  env: Record<string, string | undefined>,
  args: Record<string, string>,
  warn: (message: string) => void,
): RelayConfig | null {
  const fromFile = section !== undefined && section !== null && typeof section === 'object' ? section : {};
  const merged: Record<string, unknown> = { ...(fromFile as Record<string, unknown>) };
  const set = (key: string, value: string | undefined): void => {
    if (value !== undefined && value !== '') merged[key] = value;
  };
  set('publish_url', env.RELAY_PUBLISH_URL);
  set('events_url', env.RELAY_EVENTS_URL);
  set('secret_header', env.RELAY_SECRET_HEADER);
  set('secret', env.RELAY_SECRET);
  set('publish_url', args['relay-publish-url']);
  set('events_url', args['relay-events-url']);
  if (merged.secret !== undefined && merged.secret_header === undefined)
    merged.secret_header = 'X-Relay-Secret';
  if (merged.publish_url === undefined) return null;
  const parsed = relayConfigSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    warn(`relay: ${issue?.path.join('.') || 'settings'}: ${issue?.message ?? 'invalid'}; the relay is off`);
    return null;
  }
  return parsed.data;
}

/** The relay's part of the configuration (see config.ts, ConfigPart). */
export const relayConfigPart: ConfigPart<RelayConfig | null> = {
  resolve: (source, warn) => resolveRelayConfig(source.file.relay, source.env, source.args, warn),
};
