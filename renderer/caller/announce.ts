/** The turn bar's words and what screen readers hear: where the caller stands, with frequency and split. Pure. */
import type { FrequencyView } from './format.js';
import type { MyStatus } from './me.js';
import { ordinal } from './departure.js';

export interface RadioWords {
  frequency: FrequencyView | null;
  split: string | null;
  /** How many times the station has called this caller (turn only). */
  calls: number;
}

/** "on 14.025 MHz CW, split UP 2" or "" when nothing is announced. */
export function radioPhrase(radio: RadioWords): string {
  const f = radio.frequency;
  const where = [f?.frequency, f?.mode].filter(Boolean).join(' ');
  const parts = [where ? `on ${where}` : null, radio.split ? `split ${radio.split}` : null];
  return parts.filter(Boolean).join(', ');
}

/** "The station is calling you: 2nd call" from the second call on. */
export function callingText(calls: number): string | null {
  return calls >= 2 ? `The station is calling you: ${ordinal(calls)} call` : null;
}

/** The live-region sentence for the caller's place; turn and next include the frequency and split. */
export function turnAnnouncement(
  status: MyStatus,
  callsign: string | null,
  radio: RadioWords,
): string | null {
  const phrase = radioPhrase(radio);
  if (status.kind === 'turn') {
    const calling = callingText(radio.calls);
    return `It's your turn, ${callsign ?? ''}: call now${phrase ? ` ${phrase}` : ''}!${calling ? ` ${calling}.` : ''}`;
  }
  if (status.kind === 'queued' && status.position === 1) {
    return `You're next: number 1 of ${status.total} in the queue. Get ready to call${phrase ? ` ${phrase}` : ''}.`;
  }
  return null;
}
