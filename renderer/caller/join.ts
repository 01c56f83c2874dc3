/** Whether the join form can work right now, and why not, from what the page already knows. Pure. */
import type { PublicState } from './state.js';

/** Cooldown is not here: the form learns it from a refusal, then counts it down itself. */
export type JoinBlockCode = 'off_air' | 'paused' | 'full';

export interface JoinBlock {
  code: JoinBlockCode;
  message: string;
}

export function joinBlock(station: PublicState | null): JoinBlock | null {
  if (!station) return null;
  if (!station.system.active) {
    return {
      code: 'off_air',
      message: 'The station is off the air. This page tells you when the queue opens.',
    };
  }
  if (station.system.paused) {
    return {
      code: 'paused',
      message: 'The operator has paused the queue. This page tells you when it opens again.',
    };
  }
  const max = station.queue.max_size;
  if (max > 0 && station.queue.total >= max) {
    return {
      code: 'full',
      message: `The queue is full (${max} stations). This page tells you when a place frees up.`,
    };
  }
  return null;
}
