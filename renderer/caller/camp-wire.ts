/**
 * Light checks of `GET /api/positions` (the `positions.list` operation), so the camp view works with typed
 * values and never crashes on a body it did not expect. Pure.
 */
import { applyPositionList, emptyPositionsState } from '../../shared/protocol/positions-state.js';
import type { CallerRulesInfo, PositionView, SlotInfo } from '../../shared/protocol/positions.js';
import { isRecord, readSlot } from './wire.js';

export interface PositionsAnswer {
  positions: PositionView[];
  caller_rules: CallerRulesInfo;
  /** The callsign asked about, as the server normalised it; null without one. */
  callsign: string | null;
  /** The band-mode slots that callsign has in the log; null when no callsign was asked about. */
  worked_slots: SlotInfo[] | null;
  /** The event seq the list reflects, when the server says. */
  seq: number | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export const DEFAULT_RULES: CallerRulesInfo = { allow_dupes: false, max_queues_per_caller: 1 };

export function parsePositionsAnswer(body: unknown): PositionsAnswer | null {
  if (!isRecord(body) || !Array.isArray(body.positions)) return null;
  // Each entry read by the camp reducer's own reader (entries it cannot read are left out).
  const { positions } = applyPositionList(emptyPositionsState(), body.positions);
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
    seq: num(body.seq),
  };
}
