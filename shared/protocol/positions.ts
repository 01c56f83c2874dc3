/**
 * Operating positions on the wire (multi-station operation). One server runs several positions, each with its
 * own band, mode, queue and current QSO; the default position (`"default"`) is the station as the original's
 * protocols know it.
 */
import type { CurrentQso, FrequencyState, SplitState } from './types.js';

export const DEFAULT_POSITION_ID = 'default';

/** A band-mode slot: what a caller needs ("20m CW"). */
export interface SlotInfo {
  band: string;
  mode: string;
}

/** One position as `positions.list` and `position_update` show it. */
export interface PositionView {
  id: string;
  name: string;
  is_default: boolean;
  created_at: string;
  frequency: string | null;
  band: string | null;
  mode: string | null;
  split: string | null;
  beam_heading: number | null;
  active: boolean;
  paused: boolean;
  queue_length: number;
  max_size: number;
  current_callsign: string | null;
}

/** The rules for callers across positions (station-wide). */
export interface CallerRulesInfo {
  /** Whether a caller may join for a slot they already have in the log. */
  allow_dupes: boolean;
  /** How many queues one caller may wait in at a time. */
  max_queues_per_caller: number;
}

/**
 * The operator's part of one position's state (protocol v2 `state.snapshot {positions}` for operator
 * connections): the system state, current QSO (also while the position is off), frequency and split with who
 * set them, and the beam as set (shown to callers or not).
 */
export interface AdminPositionState {
  system: { active: boolean; paused: boolean; last_updated: string | null; updated_by: string | null };
  current_qso: CurrentQso | null;
  frequency: FrequencyState & { updated_by: string | null };
  split: SplitState & { updated_by: string | null };
  beam: { beam_heading: number | null; beam_heading_visible: boolean };
}
