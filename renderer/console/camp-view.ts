/** What the "All positions" cards show, read from the camp state (every position's list entry and public state). */
import type { CampState } from './camp.js';
import { slotText } from './position-choice.js';

export interface PositionCard {
  id: string;
  name: string;
  frequency: string | null;
  /** "40m FT8", or null. */
  slot: string | null;
  split: string | null;
  active: boolean;
  paused: boolean;
  current: { callsign: string; timestamp: string } | null;
  queueLength: number;
  maxSize: number;
  /** The first callers waiting, in queue order. */
  next: string[];
}

/** One card per position, in the positions' order (the default one first). */
export function positionCards(camp: CampState, nextShown: number): PositionCard[] {
  return camp.positions.map((p) => {
    const state = camp.states[p.id];
    if (!state) {
      return {
        id: p.id,
        name: p.name,
        frequency: p.frequency,
        slot: slotText(p),
        split: p.split,
        active: p.active,
        paused: p.paused,
        current: null,
        queueLength: p.queue_length,
        maxSize: p.max_size,
        next: [],
      };
    }
    const { frequency, split, system, current_qso, queue } = state;
    return {
      id: p.id,
      name: p.name,
      frequency: frequency.frequency,
      slot: slotText(frequency),
      split: split.split,
      active: system.active,
      paused: system.paused,
      current: current_qso ? { callsign: current_qso.callsign, timestamp: current_qso.timestamp } : null,
      queueLength: queue.total,
      maxSize: queue.max_size,
      next: queue.queue.slice(0, nextShown).map((e) => e.callsign),
    };
  });
}
