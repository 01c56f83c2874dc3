import type { EventPayloads, StationEventName } from '../../../shared/protocol/events.js';
import type { AdminPositionState } from '../../../shared/protocol/positions.js';
import type { PublicState } from '../../../shared/protocol/public-state.js';
import type { FrequencyState, SplitState, StationIdentity } from '../../../shared/protocol/types.js';
import { QUEUE_EVENT_MAX_ENTRIES, queueUpdateOf, type PositionState } from './position.js';
import { workedNow, type StationWideState } from './station-wide.js';
import type { StationSettings } from './types.js';

/** The state events a fresh subscriber needs, by event name. */
export type SnapshotEvents = { [N in StationEventName]?: EventPayloads[N] };

/**
 * The whole state as the set of state events a fresh subscriber needs, in a stable order: the position's state
 * first, then (for operators) the station-wide rules. Callers see the current QSO only while the system is on.
 */
export function snapshotEvents(
  position: PositionState,
  wide: StationWideState,
  now: number,
  audience: 'public' | 'admin',
): SnapshotEvents {
  const worked = workedNow(wide, now);
  const beam = position.radio.getBeam();
  const current = position.qso.get();
  const pub: SnapshotEvents = {
    system_status: { active: position.system.active },
    queue_pause_update: { paused: position.system.paused },
    frequency_update: publicFrequency(position),
    split_update: publicSplit(position),
    beam_heading_update: { beam_heading: position.radio.shownBeamHeading() },
    beam_heading_visibility_update: { beam_heading_visible: beam.beam_heading_visible },
    current_qso: position.system.active ? current : null,
    queue_update: queueUpdateOf(position, wide, now, QUEUE_EVENT_MAX_ENTRIES),
    worked_callers_update: { worked_callers: worked, total: worked.length },
  };
  if (audience === 'public') return pub;
  return {
    ...pub,
    current_qso: current,
    bans_update: { banned_callsigns: wide.moderation.getBans(), total: wide.moderation.banCount },
    cooldown_rule_update: wide.moderation.getCooldownRule(),
    beam_update: { beam_heading: beam.beam_heading, beam_heading_visible: beam.beam_heading_visible },
    settings_update: settingsPayload(wide.settings, wide.identity),
    no_show_rule_update: { ...wide.noShow },
  };
}

/** The position's frequency as callers see it (without who set it). */
export function publicFrequency(position: PositionState): FrequencyState {
  return position.radio.publicFrequency();
}

/** The position's split as callers see it (without who set it). */
export function publicSplit(position: PositionState): SplitState {
  return position.radio.publicSplit();
}

/** The operator settings as they travel on the wire (snake_case, as in settings_update). */
export function settingsPayload(
  settings: StationSettings,
  identity: StationIdentity,
): EventPayloads['settings_update'] {
  return {
    max_queue_size: settings.maxQueueSize,
    worked_window_hours: settings.workedWindowHours,
    ...structuredClone(identity),
  };
}

/**
 * One position's public state (shared/protocol/public-state.ts) at `seq`: what `GET /api/public/state` answers
 * for the default position and `positions.get_state` for any. Callers see the current QSO only while the
 * position is on; the worked list is the station's (one log); the QSO rate is the position's own.
 */
export function publicStateOf(
  position: PositionState,
  wide: StationWideState,
  now: number,
  seq: number,
): PublicState {
  const system = position.system;
  const beam = position.radio.getBeam();
  const worked = workedNow(wide, now);
  return {
    seq,
    system: { active: system.active, paused: system.paused },
    frequency: publicFrequency(position),
    split: publicSplit(position),
    beam_heading: {
      beam_heading: beam.beam_heading_visible ? beam.beam_heading : null,
      beam_heading_visible: beam.beam_heading_visible,
    },
    current_qso: system.active ? position.qso.get() : null,
    queue: queueUpdateOf(position, wide, now),
    worked: { worked_callers: worked, total: worked.length },
    stats: wide.qsos.stats(now, position.id),
  };
}

/**
 * The operator's part of one position's state, beside its public state: the system state, current QSO (also
 * while off), frequency and split with who set them, and the beam as set (shown to callers or not).
 */
export function adminPositionStateOf(position: PositionState): AdminPositionState {
  const beam = position.radio.getBeam();
  return {
    system: { ...position.system },
    current_qso: position.qso.get(),
    frequency: position.radio.getFrequency(),
    split: position.radio.getSplit(),
    beam: { beam_heading: beam.beam_heading, beam_heading_visible: beam.beam_heading_visible },
  };
}
