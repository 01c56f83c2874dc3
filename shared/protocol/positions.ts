/**
 * Operating positions on the wire (multi-station operation). One server runs several positions, each with its
 * own band, mode, queue and current QSO; the default position (`"default"`) is the station as the original's
 * protocols know it.
 */

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
