import { z } from 'zod';

/** Schemas of the Station's singleton state documents, checked when the store is loaded. */
export const systemStateSchema = z.object({
  active: z.boolean(),
  paused: z.boolean(),
  last_updated: z.string().nullable(),
  updated_by: z.string().nullable(),
});
export type SystemState = z.infer<typeof systemStateSchema>;

export const frequencyStateSchema = z.object({
  frequency: z.string().nullable(),
  band: z.string().nullable(),
  mode: z.string().nullable(),
  last_updated: z.string().nullable(),
  updated_by: z.string().nullable(),
});
export type StoredFrequency = z.infer<typeof frequencyStateSchema>;

export const splitStateSchema = z.object({
  split: z.string().nullable(),
  last_updated: z.string().nullable(),
  updated_by: z.string().nullable(),
});
export type StoredSplit = z.infer<typeof splitStateSchema>;

export const beamStateSchema = z.object({
  beam_heading: z.number().nullable(),
  beam_heading_visible: z.boolean(),
  last_updated: z.string().nullable(),
});
export type BeamState = z.infer<typeof beamStateSchema>;

export const cooldownSchema = z.object({
  time_period_minutes: z.number().int().min(0),
  enabled: z.boolean(),
});

export const loggerIntegrationSchema = z.object({
  enabled: z.boolean(),
  last_updated: z.string().nullable(),
  updated_by: z.string().nullable(),
});
export type LoggerIntegrationState = z.infer<typeof loggerIntegrationSchema>;

export const workedViewSchema = z.object({
  /** QSOs that ended at or before this instant are no longer shown as worked (the log keeps them). */
  cleared_at: z.string().nullable(),
  /** update-ttl: QSOs that ended before this instant stay visible for one more window counted from it. */
  ttl_reset_at: z.string().nullable(),
});
export type WorkedView = z.infer<typeof workedViewSchema>;

export const currentQsoSchema = z
  .object({
    callsign: z.string(),
    timestamp: z.string(),
    qrz: z.custom<import('../../../shared/protocol/types.js').LookupInfo>(
      (v) => typeof v === 'object' && v !== null,
    ),
    metadata: z.record(z.string(), z.unknown()),
  })
  .nullable();

export const STATE_KEYS = {
  system: 'system_status',
  frequency: 'frequency',
  split: 'split',
  beam: 'beam_heading',
  cooldown: 'cooldown_rule',
  logger: 'logger_integration',
  worked: 'worked_view',
  currentQso: 'current_qso',
  seq: 'event_seq',
  settings: 'settings',
  noShow: 'no_show_rule',
  currentLeave: 'current_qso_leave',
} as const;

/**
 * The leave-secret hash of the caller who is the current QSO (kept apart from the current QSO, which callers
 * see), so that a caller moved back by the no-show rule, or put back by an undo, can still leave after a restart.
 */
export const currentLeaveSchema = z
  .object({ callsign: z.string().min(1), hash: z.string().min(1) })
  .nullable();
export type CurrentLeave = z.infer<typeof currentLeaveSchema>;
