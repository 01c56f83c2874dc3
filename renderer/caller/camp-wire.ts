/**
 * Light checks of `GET /api/positions` (the `positions.list` operation), so the camp view works with typed
 * values and never crashes on a body it did not expect. Pure.
 */
import type { CallerRulesInfo, PositionView, SlotInfo } from '../../shared/protocol/positions.js';
import { isRecord, readSlot } from './wire.js';

export interface PositionsAnswer {
  positions: PositionView[];
  caller_rules: CallerRulesInfo;
  /** The callsign asked about, as the server normalised it; null without one. */
  callsign: string | null;
  /** The band-mode slots that callsign has in the log; null when no callsign was asked about. */
  worked_slots: SlotInfo[] | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** One position, or null when it lacks what a card needs (its id, name, on/off and queue length). */
export function readPosition(value: unknown): PositionView | null {
  if (!isRecord(value)) return null;
  const id = str(value.id);
  const name = str(value.name);
  const queueLength = num(value.queue_length);
  if (id === null || name === null || typeof value.active !== 'boolean' || queueLength === null) return null;
  return {
    id,
    name,
    is_default: value.is_default === true,
    created_at: str(value.created_at) ?? '',
    frequency: str(value.frequency),
    band: str(value.band),
    mode: str(value.mode),
    split: str(value.split),
    beam_heading: num(value.beam_heading),
    active: value.active,
    paused: value.paused === true,
    queue_length: queueLength,
    max_size: num(value.max_size) ?? 0,
    current_callsign: str(value.current_callsign),
  };
}

export const DEFAULT_RULES: CallerRulesInfo = { allow_dupes: false, max_queues_per_caller: 1 };

export function parsePositionsAnswer(body: unknown): PositionsAnswer | null {
  if (!isRecord(body) || !Array.isArray(body.positions)) return null;
  const positions = body.positions.map(readPosition).filter((p): p is PositionView => p !== null);
  const rules = isRecord(body.caller_rules) ? body.caller_rules : {};
  return {
    positions,
    caller_rules: {
      allow_dupes: rules.allow_dupes === true,
      max_queues_per_caller: num(rules.max_queues_per_caller) ?? DEFAULT_RULES.max_queues_per_caller,
    },
    callsign: str(body.callsign),
    worked_slots: Array.isArray(body.worked_slots)
      ? body.worked_slots.map(readSlot).filter((s): s is SlotInfo => s !== null)
      : null,
  };
}
