/**
 * The station's identity: the callsign on air, the operator, a short message for callers and the default
 * signal reports per kind of mode. Kept in config.json (snake_case, as `admin.get_settings` shows it); the
 * QSO log, ADIF export and the messages to logging software use it.
 */
import { z } from 'zod';
import type { ReportPair, StationIdentity } from '../../../shared/protocol/types.js';

export const STATION_MESSAGE_MAX = 140;

const report = z
  .string()
  .trim()
  .max(16)
  .nullable()
  .transform((v) => (v === '' ? null : v));
const reportPair = z.object({ sent: report, rcvd: report });
const callsignText = z
  .string()
  .trim()
  .max(32)
  .regex(/^[A-Za-z0-9/]*$/, 'letters, digits and / only')
  .nullable()
  .transform((v) => (v === null || v === '' ? null : v.toUpperCase()));

/** The identity fields as config.json and `admin.set_settings` take them (each optional). */
export const stationIdentityFields = {
  station_callsign: callsignText.optional(),
  operator: callsignText.optional(),
  station_message: z
    .string()
    .trim()
    .max(STATION_MESSAGE_MAX)
    .nullable()
    .transform((v) => (v === '' ? null : v))
    .optional(),
  default_reports: z
    .object({ cw: reportPair.optional(), phone: reportPair.optional(), digital: reportPair.optional() })
    .optional(),
};

export type StationIdentityPatch = {
  [K in keyof typeof stationIdentityFields]?: z.output<(typeof stationIdentityFields)[K]>;
};

export const DEFAULT_IDENTITY: StationIdentity = Object.freeze({
  station_callsign: null,
  operator: null,
  station_message: null,
  default_reports: {
    cw: { sent: '599', rcvd: '599' },
    phone: { sent: '59', rcvd: '59' },
    digital: { sent: null, rcvd: null },
  },
});

/** Applies a patch to an identity; sections of default_reports left out keep their value. */
export function mergeIdentity(base: StationIdentity, patch: StationIdentityPatch): StationIdentity {
  const reports = patch.default_reports ?? {};
  return {
    station_callsign: patch.station_callsign !== undefined ? patch.station_callsign : base.station_callsign,
    operator: patch.operator !== undefined ? patch.operator : base.operator,
    station_message: patch.station_message !== undefined ? patch.station_message : base.station_message,
    default_reports: {
      cw: reports.cw ?? base.default_reports.cw,
      phone: reports.phone ?? base.default_reports.phone,
      digital: reports.digital ?? base.default_reports.digital,
    },
  };
}

/** The identity stored in a config file (fields it lacks take their defaults; invalid ones are ignored). */
export function identityFromConfig(file: Record<string, unknown>): StationIdentity {
  const parsed = z.object(stationIdentityFields).safeParse(file);
  return mergeIdentity(structuredClone(DEFAULT_IDENTITY), parsed.success ? parsed.data : {});
}

export type ModeKind = 'cw' | 'phone' | 'digital';

const PHONE = new Set(['SSB', 'USB', 'LSB', 'AM', 'FM', 'DIGITALVOICE', 'C4FM', 'DMR', 'DSTAR', 'FREEDV']);
const CW = new Set(['CW', 'CWR', 'CW-R']);

/** CW, phone or digital (everything else that is a mode); null when there is no mode. */
export function modeKind(mode: string | null | undefined): ModeKind | null {
  if (mode === null || mode === undefined || mode.trim() === '') return null;
  const upper = mode.trim().toUpperCase();
  if (CW.has(upper)) return 'cw';
  if (PHONE.has(upper)) return 'phone';
  return 'digital';
}

/** The default reports for a mode; both null when the mode is unknown. */
export function defaultReports(identity: StationIdentity, mode: string | null | undefined): ReportPair {
  const kind = modeKind(mode);
  return kind === null ? { sent: null, rcvd: null } : { ...identity.default_reports[kind] };
}
