/** Whether the join form can work right now, and why not, from what the page already knows. Pure. */
import type { PublicState } from './state.js';

import { formatDuration } from './refusals.js';

export type JoinBlockCode = 'off_air' | 'paused' | 'full' | 'cooldown';

export interface JoinBlock {
  code: JoinBlockCode;
  message: string;
  /** For `cooldown`: the callsign it holds (another callsign typed in the form may join). */
  callsign?: string;
}

/**
 * `cooldown` is what the page knows of the cooldown rule for its callsign: from the worked notice's
 * `retry_after_s` (a refusal after submit is counted down by the form itself).
 */
export function joinBlock(
  station: PublicState | null,
  cooldown: { callsign: string; until: number; now: number } | null = null,
): JoinBlock | null {
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
  if (cooldown && cooldown.until > cooldown.now) {
    return {
      code: 'cooldown',
      callsign: cooldown.callsign,
      message: `${cooldown.callsign} was worked recently. You can join again in ${formatDuration((cooldown.until - cooldown.now) / 1000)}.`,
    };
  }
  return null;
}
