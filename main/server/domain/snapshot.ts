import type { EventPayloads, StationEventName } from '../../../shared/protocol/events.js';
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
